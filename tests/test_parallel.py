"""Uploads analysed in memory on every core (analysis.parallel): the same tables as analyze(),
progress after every batch, and a worker that dies named, not a hung or crashed server."""

from __future__ import annotations

import os

import pytest

from analysis import parallel
from analysis.corpus import CorpusError, load_bundled, load_files
from analysis.parallel import Progress, analyze_in_memory, batch_size, here, pooled
from analysis.pipeline import analyze
from conftest import assert_same_tables

SENTENCES = [
    "قال بوتين إن روسيا وكوريا الشمالية وقعتا اتفاقا في 5 سبتمبر 2023.",
    "وأرسلت بيونغ يانغ 5 ملايين قذيفة مدفعية وعشرات الصواريخ إلى موسكو، بحسب مسؤولين أمريكيين.",
    "ونفى الكرملين يوم الثلاثاء الماضي أي صفقة أسلحة مع كيم جونغ أون.",
]


@pytest.fixture(scope="module")
def many():
    """300 short articles, each two of the sentences with a number of its own, a tenth of them
    with a metadata outlet: a small upload of a few hundred files."""
    files = [
        (
            f"{i:04d}.txt",
            f"{SENTENCES[i % 3]}\nوقال مصدر إن {i + 2} طائرات مسيرة أُسقطت. {SENTENCES[(i + 1) % 3]}".encode(),
        )
        for i in range(300)
    ]
    metadata = {f"{i:04d}.txt": {"outlet": "الجزيرة"} for i in range(0, 300, 10)}
    return load_files(files, metadata).articles


def test_the_pool_gives_the_tables_of_analyze_and_reports_every_batch(many):
    seen: list[tuple[int, int]] = []
    tables = analyze_in_memory(many, lambda p: seen.append((p.done, p.total)), run=pooled)
    assert_same_tables(tables, analyze(many))
    size = batch_size(len(many))
    assert seen[0] == (0, 300) and seen[-1] == (300, 300)
    assert len(seen) == 1 + -(-300 // size) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert os.getpid() not in set(pooled(_pid, [[a] for a in many[:20]]))  # in the pool's workers


def _pid(batch) -> int:
    return os.getpid()


def test_in_this_process_the_same_tables(many):
    assert_same_tables(analyze_in_memory(many[:50], run=here), analyze(many[:50]))
    seeds = load_bundled().articles
    assert_same_tables(analyze_in_memory(seeds), analyze(seeds))  # a small upload: one batch, here
    assert analyze_in_memory([]).articles.empty


def test_time_left_is_the_rate_so_far():
    progress = Progress(total=1000, done=250, started=100.0)
    assert progress.seconds_left(now=110.0) == pytest.approx(30.0)  # 250 in 10 s: 750 in 30 s
    assert progress.fraction == 0.25
    assert Progress(total=1000).seconds_left() is None  # nothing done yet: no estimate


def _die(batch) -> None:
    os._exit(3)  # as the kernel's OOM killer would end it


def test_a_worker_that_dies_is_named_and_the_next_upload_gets_a_new_pool(many):
    with pytest.raises(CorpusError, match=r"The analysis stopped after 0 of 300 articles: a worker process ended"):
        analyze_in_memory(many, run=lambda task, batches: pooled(_die, batches))
    assert parallel._pool is None  # the broken pool is gone
    assert_same_tables(analyze_in_memory(many, run=pooled), analyze(many))
