"""Shared passages when a phrase repeats, and when too many articles share it (boilerplate)."""

import pandas as pd

from analysis.corpus import Article
from analysis.story import shared_passages

WIRE = "وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحفيين إن موسكو ستواصل تطوير العلاقات مع جارتها"  # 14 words


def article(id: str, text: str, day: int) -> Article:
    return Article(id, text, outlet=id.upper(), published=pd.Timestamp(f"2024-06-{day:02d}").date())


def test_a_passage_told_twice_is_one_long_run_not_two_short_ones():
    twice = WIRE + ". " + WIRE + "."
    [row] = shared_passages([article("a", twice, 13), article("b", twice, 14)]).itertuples()
    assert (row.article, row.other_article, row.words) == ("b", "a", 28)
    assert row.text == row.other_text == twice[:-1]


def test_a_passage_found_twice_in_the_earlier_article_is_shared_twice():
    rows = shared_passages(
        [article("a", "مقدمة. " + WIRE + ". ثم " + WIRE + ".", 13), article("b", "نص آخر. " + WIRE + ".", 14)]
    )
    assert list(zip(rows["article"], rows["other_article"], rows["words"])) == [("b", "a", 14), ("b", "a", 14)]
    assert set(rows["text"]) == set(rows["other_text"]) == {WIRE}
    assert rows["start"].tolist() == [8, 8] and rows["other_start"].tolist() == [7, 7 + len(WIRE) + 5]


def test_a_passage_in_more_articles_than_the_limit_is_boilerplate():
    articles = [article(i, f"خبر {n}. " + WIRE + ".", 10 + n) for n, i in enumerate("abc")]
    assert shared_passages(articles, max_articles=2).empty
    found = shared_passages(articles, max_articles=3)
    assert sorted(zip(found["article"], found["other_article"])) == [("b", "a"), ("c", "a"), ("c", "b")]


def _peak_mib(articles) -> tuple[pd.DataFrame, float]:
    import tracemalloc  # numpy reports its arrays to tracemalloc

    tracemalloc.start()
    try:
        rows = shared_passages(articles)
        return rows, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_sentence_repeated_all_through_two_feeds_is_one_run_in_linear_memory():
    # Repeated lines are normal in real feeds; every copy paired with every copy was 2.3 GB for 2 x 200 KB.
    sentence = WIRE + ". "
    found = {}
    for kb in (25, 100):
        copies = kb * 1024 // len(sentence.encode())
        found[kb] = _peak_mib([article("a", sentence * copies, 13), article("b", sentence * copies, 14)])
    [row] = found[100][0].itertuples()
    assert (row.article, row.other_article, row.words) == ("b", "a", 14 * (100 * 1024 // len(sentence.encode())))
    small, big = found[25][1], found[100][1]
    assert big < 6 * max(small, 1), (small, big)  # 4x the text: 4x the memory, not 16x
    assert big < 60, big
