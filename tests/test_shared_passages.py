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
    rows = shared_passages([article("a", "مقدمة. " + WIRE + ". ثم " + WIRE + ".", 13),
                            article("b", "نص آخر. " + WIRE + ".", 14)])
    assert list(zip(rows["article"], rows["other_article"], rows["words"])) == [("b", "a", 14), ("b", "a", 14)]
    assert set(rows["text"]) == set(rows["other_text"]) == {WIRE}
    assert rows["start"].tolist() == [8, 8] and rows["other_start"].tolist() == [7, 7 + len(WIRE) + 5]


def test_a_passage_in_more_articles_than_the_limit_is_boilerplate():
    articles = [article(i, f"خبر {n}. " + WIRE + ".", 10 + n) for n, i in enumerate("abc")]
    assert shared_passages(articles, max_articles=2).empty
    found = shared_passages(articles, max_articles=3)
    assert sorted(zip(found["article"], found["other_article"])) == [("b", "a"), ("c", "a"), ("c", "b")]
