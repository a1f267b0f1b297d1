"""An upload of a few hundred articles is analysed on every core with a bar of the articles
done and the time left; the cached result serves the next session that uploads the same files."""

from __future__ import annotations

import pytest

from analysis.corpus import load_files
from analysis.pipeline import analyze
from conftest import uploaded_app
from test_parallel import SENTENCES


def many_files(n: int = 300) -> list[tuple[str, bytes]]:
    return [
        (
            f"{i:04d}.txt",
            f"{SENTENCES[i % 3]}\nوقال مصدر إن {i + 2} طائرات مسيرة أُسقطت. {SENTENCES[(i + 1) % 3]}".encode(),
        )
        for i in range(n)
    ]


def progress_texts(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


@pytest.fixture(scope="module")
def first():
    at = uploaded_app(many_files())
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_bar_counts_the_articles_to_the_end(first):
    texts = progress_texts(first)
    assert len(texts) == 1 and texts[0].startswith("300 of 300 articles analysed in ")
    assert first.get("progress")[0].proto.value == 100
    assert [s.label for s in first.sidebar.status] == ["Analysed 300 articles"]
    mentions = analyze(load_files(many_files()).articles).mentions
    assert (
        first.switch_page("views/entities.py").run().dataframe[0].value["mentions"].sum()
        == (~mentions["nisba"].astype(bool)).groupby(mentions["entity"]).sum().nlargest(20).sum()
    )


def test_another_session_with_the_same_files_gets_the_cached_tables(first):
    again = uploaded_app(many_files())  # a cache hit: the bar was not recorded, nothing to replay
    assert not again.exception, [e.value for e in again.exception]
    assert "300 of 300 articles shown" in [c.value for c in again.sidebar.caption]
