"""Where the per-article map runs: every core of this machine, or a Dask cluster.

An engine takes a batch function and the batches, and yields what it returns as batches
finish. The local engine's workers share this machine's disk (`shares_disk`), so the store
hands them a function that analyses and writes the cache; Dask workers may be elsewhere, so
they return the frames and the store writes them here: the same files either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from time import monotonic

from .corpus import Article
from .pipeline import Tables, analyze_batch, combine
from .store import BATCH_SIZE, StoreError, batches_of


def local(workers: int | None = None) -> Callable[[Callable, list[list[Article]]], Iterator]:
    """All cores (or `workers` processes); a single batch runs in this process."""

    def run(task: Callable, batches: list[list[Article]]) -> Iterator:
        if len(batches) <= 1 or (workers or os.cpu_count() or 1) == 1:
            yield from (task(b) for b in batches)
            return
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
            for future in as_completed([pool.submit(task, b) for b in batches]):
                yield future.result()

    run.shares_disk = True
    return run


def dask(scheduler: str | None = None, **cluster_options) -> Callable[[Callable, list[list[Article]]], Iterator]:
    """The same batches on a Dask cluster: the scheduler at `scheduler` ("tcp://host:8786"),
    or a LocalCluster started for the run (cluster_options: n_workers, processes...)."""

    def run(task: Callable, batches: list[list[Article]]) -> Iterator:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed

        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as error:
                raise StoreError(
                    f"Could not reach the Dask scheduler at {scheduler}: {error}. "
                    "Check the address (tcp://host:8786) and that the scheduler is running."
                ) from error
            cluster = None
        else:
            cluster = LocalCluster(**{"dashboard_address": None, **cluster_options})
            client = Client(cluster)
        try:
            for _, frames in dask_completed(client.map(task, batches, pure=False), with_results=True):
                yield frames
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return run


ENGINES = {"local": local, "dask": dask}


def _numbered_batch(numbered: tuple[int, list[Article]]) -> tuple[int, dict]:
    number, batch = numbered
    return number, analyze_batch(batch)


def analyse_parallel(
    articles: list[Article],
    on_progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Tables:
    """analyze(articles) on all cores (or `workers` processes), in memory (no cache is written:
    uploads stay off the disk); on_progress(articles analysed, all articles) as batches finish.
    The same tables as analyze()."""
    batches = batches_of(articles, batch_size)
    parts: dict[int, dict] = {}
    if on_progress:
        on_progress(0, len(articles))
    analysed = 0
    for number, frames in local(workers)(_numbered_batch, list(enumerate(batches))):
        parts[number] = frames
        analysed += len(batches[number])
        if on_progress:
            on_progress(analysed, len(articles))
    return combine([parts[n] for n in sorted(parts)], texts={a.id: a.text for a in articles})


class Progress:
    """Articles done and time left, as a line for a terminal or a progress bar:
    Progress()(300, 1200) -> "300 of 1,200 articles analysed, about 45 s left"."""

    def __init__(self):
        self.started = monotonic()

    def __call__(self, done: int, total: int) -> str:
        elapsed = monotonic() - self.started
        if not done or done >= total:
            left = "starting" if not done else f"done in {elapsed:,.0f} s"
        else:
            seconds = elapsed * (total - done) / done
            left = f"about {seconds / 60:,.0f} min left" if seconds >= 120 else f"about {seconds:,.0f} s left"
        return f"{done:,} of {total:,} articles analysed, {left}"
