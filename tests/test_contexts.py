"""Keyword in context on the seed articles: normalised matching, offsets into the original."""

from __future__ import annotations

import re

import pytest

from analysis.contexts import QueryError, find_keyword, keyword_contexts, span_contexts
from analysis.corpus import load_bundled
from analysis.pipeline import analyze


@pytest.fixture(scope="module")
def articles():
    return load_bundled().articles


def test_asliha_finds_every_written_form(articles):
    hits = keyword_contexts("أسلحة", articles)
    # counted independently on the original text, every form as written in the seeds
    written = re.compile(r"(?<!\w)(?:و|ب|بال|ال|وال)?[أا]سلحة(?!\w)")
    expected = sum(len(written.findall(a.text)) for a in articles)
    assert len(hits) == expected > 20
    assert {"الأسلحة", "وأسلحة", "بالأسلحة", "أسلحة"} <= set(hits["match"])
    texts = {a.id: a.text for a in articles}
    assert all(texts[r.article][r.start : r.end] == r.match for r in hits.itertuples())


def test_the_article_and_the_spelling_of_alef_do_not_matter(articles):
    plain = keyword_contexts("أسلحة", articles)[["article", "start"]]
    for query in ("الأسلحة", "الاسلحة", "اسلحه", "  أَسْلِحة "):
        assert keyword_contexts(query, articles)[["article", "start"]].equals(plain), query


def test_whole_words_only():
    text = "وأسلحتها كثيرة، والأسلحة الروسية؛ تسلحت موسكو"
    hits = find_keyword("أسلحة", {"a": text})
    assert [text[s:e] for s, e in zip(hits["start"], hits["end"])] == ["والأسلحة"]


def test_lil_and_a_phrase_across_clitics():
    text = "قال إن للأسلحة دوراً، ونقلت عن وكوريا الشمالية."
    hits = find_keyword("الأسلحة", {"a": text})
    assert [text[s:e] for s, e in zip(hits["start"], hits["end"])] == ["للأسلحة"]
    hits = find_keyword("كوريا الشمالية", {"a": text})
    assert text[hits["start"][0] : hits["end"][0]] == "وكوريا الشمالية"


def test_context_around_the_hit_with_outlet_and_date(articles):
    hits = keyword_contexts("فلاديفوستوك", articles)
    first = hits.iloc[0]
    assert first["article"] == "000_4bf72e302dea960b" and first["outlet"] == "القاهرة الإخبارية"
    assert str(first["published"].date()) == "2023-09-04"
    assert first["left"].endswith("على هامش المنتدى الاقتصادي في ")
    assert first["right"].startswith("، المقرر عقده في الفترة من 10 إلى 13 سبتمبر")


def test_an_entity_with_all_its_spellings(articles):
    mentions = analyze(articles).mentions
    kim = mentions[mentions["entity"] == "kim_jong_un"]
    hits = span_contexts(kim, articles)
    assert len(hits) == len(kim)
    # كيم يونج أون (000), كيم جونغ أون (001, 002) and كيم جونج أون (003, 004): one entity
    assert {"كيم يونج أون", "كيم جونغ أون", "كيم جونج أون"} <= set(hits["match"])
    assert hits["article"].nunique() == 5


def test_an_empty_query_says_what_to_do(articles):
    with pytest.raises(QueryError, match="Type a word"):
        keyword_contexts(" ،. ", articles)


def test_diacritics_tatweel_and_alef_forms_in_the_text_are_still_found():
    """The quick pre-check on the original text must not drop what normalised matching finds."""
    text = "وصلت الأَسْلِحَةُ، ثم إسلحـــة أخرى، وللاسلحه ذكر، و٥ صواريخ"
    hits = find_keyword("أسلحة", {"a": text})
    assert [text[s:e] for s, e in zip(hits["start"], hits["end"])] == ["الأَسْلِحَةُ", "إسلحـــة", "وللاسلحه"]
    five = find_keyword("5 صواريخ", {"a": text})
    assert [text[s:e] for s, e in zip(five["start"], five["end"])] == ["و٥ صواريخ"]
