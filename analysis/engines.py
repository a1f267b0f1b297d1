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

from .corpus import Article
from .store import StoreError


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
                raise StoreError(f"Could not reach the Dask scheduler at {scheduler}: {error}. "
                                 "Check the address (tcp://host:8786) and that the scheduler is running.") from error
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
