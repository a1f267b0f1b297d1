"""Articles analysed in memory on every core, with progress: what the dashboard runs on an
upload of thousands of articles (nothing is written to disk, unlike `python -m analysis build`).

One pool of worker processes serves every session of the server (twenty readers uploading at
once queue on the same cores instead of starting twenty pools). Its workers start from a fork
server that has imported the analysis once, not from the server process itself, which has
threads (a fork there can copy a lock held by another thread). A small upload is analysed in
this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from threading import Lock

from .corpus import Article, CorpusError
from .pipeline import Tables, analyze_batch, combine

IN_PROCESS_BELOW = 200  # articles: fewer are analysed in this process
BATCHES_PER_WORKER = 8  # enough updates for a smooth bar, batches big enough to amortise the hop

_pool: ProcessPoolExecutor | None = None
_pool_lock = Lock()


@dataclass
class Progress:
    """Articles done of a total since `started` (time.monotonic), and the time left at that rate."""

    total: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0

    def seconds_left(self, now: float | None = None) -> float | None:
        """At the rate so far; None until the first articles are done."""
        if not self.done or not self.total:
            return None
        elapsed = (time.monotonic() if now is None else now) - self.started
        return elapsed / self.done * (self.total - self.done)


def shared_pool() -> ProcessPoolExecutor:
    """The server's one pool of os.cpu_count() workers, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["analysis.pipeline"])  # each worker starts with it imported
            _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context)
        return _pool


def _drop_pool(broken: ProcessPoolExecutor) -> None:
    """Forget a pool whose worker died (killed for memory, say): the next upload starts a new one."""
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def pooled(task: Callable, batches: list[list[Article]]) -> Iterator:
    """An engine (as engines.local): the batches on the shared pool, yielded as they finish."""
    pool = shared_pool()
    try:
        for future in as_completed([pool.submit(task, b) for b in batches]):
            yield future.result()
    except BrokenProcessPool:
        _drop_pool(pool)
        raise


def batch_size(articles: int, workers: int | None = None) -> int:
    """About BATCHES_PER_WORKER batches per worker, of 5 to 200 articles."""
    workers = workers or os.cpu_count() or 1
    return max(5, min(200, math.ceil(articles / (workers * BATCHES_PER_WORKER))))


def analyze_in_memory(
    articles: list[Article], on_progress: Callable[[Progress], None] | None = None, run: Callable | None = None
) -> Tables:
    """The tables analyze(articles) gives, the per-article map in batches on `run` (the shared
    pool for IN_PROCESS_BELOW articles or more, else this process), `on_progress` told before
    the first batch and after each how many articles are done (and so how long the rest takes).
    A worker that dies (killed for memory, say) stops the analysis with a CorpusError: the same
    batch in the server's own process could take the server down for every reader."""
    if not articles:
        return combine([analyze_batch([])])
    if run is None:
        run = pooled if len(articles) >= IN_PROCESS_BELOW and (os.cpu_count() or 1) > 1 else here
    size = batch_size(len(articles))
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    place = {batch[0].id: i for i, batch in enumerate(batches)}
    parts: list[dict | None] = [None] * len(batches)
    progress = Progress(total=len(articles))
    report = on_progress or (lambda _: None)
    report(progress)
    try:
        for frames in run(analyze_batch, batches):  # in the order they finish
            i = place[frames["articles"]["article"].iloc[0]]
            parts[i] = frames
            progress.done += len(batches[i])
            report(progress)
    except BrokenProcessPool as error:
        raise CorpusError(
            f"The analysis stopped after {progress.done:,} of {progress.total:,} articles: a "
            "worker process ended (out of memory?). Try fewer or smaller files."
        ) from error
    return combine(parts, texts={a.id: a.text for a in articles})


def here(task: Callable, batches: list[list[Article]]) -> Iterator:
    """An engine: the batches one after the other in this process."""
    return (task(b) for b in batches)
