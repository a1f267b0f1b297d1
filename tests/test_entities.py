"""Entity counts per seed article, each checked by reading the article."""
from collections import Counter

import pytest

from analysis.corpus import Article
from analysis.entities import extract_entities

# Mentions outside page chrome. 000 and 004 have photo captions naming Putin, Kim, Russia and
# North Korea; those are chrome and not counted.
EXPECTED = {
    "000": {"vladimir_putin": 3, "kim_jong_un": 4, "sergei_shoigu": 3, "pyongyang": 5, "russia": 6,
            "north_korea": 7, "moscow": 5, "john_kirby": 3},
    "001": {"vladimir_putin": 4, "kim_jong_un": 6, "sergei_shoigu": 1, "pyongyang": 4, "russia": 11,
            "north_korea": 5, "moscow": 2, "adrienne_watson": 2},
    "002": {"vladimir_putin": 1, "kim_jong_un": 7, "sergei_shoigu": 1, "pyongyang": 5, "russia": 14,
            "north_korea": 11, "moscow": 5, "jake_sullivan": 3},
    "003": {"vladimir_putin": 6, "kim_jong_un": 14, "sergei_shoigu": 5, "pyongyang": 5, "russia": 5,
            "north_korea": 6, "moscow": 7},
    "004": {"vladimir_putin": 7, "kim_jong_un": 2, "sergei_shoigu": 0, "pyongyang": 5, "russia": 11,
            "north_korea": 7, "moscow": 1, "dmitry_peskov": 1},
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_main_actor_counts(seeds, prefix):
    article = next(a for k, a in seeds.items() if k.startswith(prefix))
    counts = Counter(s.label for s in extract_entities(article))
    assert {key: counts[key] for key in EXPECTED[prefix]} == EXPECTED[prefix]


def test_spans_point_into_the_original_text(seeds):
    for article in seeds.values():
        for span in extract_entities(article):
            assert article.text[span.start:span.end] == span.text


def entities_in(text):
    return [(s.text, s.label) for s in extract_entities(Article("t", text))]


def test_spelling_variants_merge_into_one_entity():
    assert entities_in("كيم جونغ أون وكيم جونج أون وكيم يونج أون") == [
        ("كيم جونغ أون", "kim_jong_un"), ("وكيم جونج أون", "kim_jong_un"), ("وكيم يونج أون", "kim_jong_un")]
    assert entities_in("بيونغ يانغ ثم بيونج يانج") == [("بيونغ يانغ", "pyongyang"), ("بيونج يانج", "pyongyang")]


def test_proclitics_and_the_article():
    assert entities_in("وبيونج يانج، لروسيا، للولايات المتحدة، وبالكرملين") == [
        ("وبيونج يانج", "pyongyang"), ("لروسيا", "russia"),
        ("للولايات المتحدة", "united_states"), ("وبالكرملين", "kremlin")]


def test_longest_name_wins_over_the_shorter_one_inside_it():
    assert entities_in("مجلس الأمن التابع للأمم المتحدة") == [
        ("مجلس الأمن التابع للأمم المتحدة", "un_security_council")]


def test_short_form_counts_only_after_the_full_name_is_in_the_article():
    assert entities_in("وصل كيم إلى موسكو") == [("موسكو", "moscow")]
    assert entities_in("قال كيم جونغ أون إن كيم سيسافر") == [
        ("كيم جونغ أون", "kim_jong_un"), ("كيم", "kim_jong_un")]


def test_nisba_adjectives_are_not_the_country():
    assert entities_in("الزعيم الكوري الشمالي والجيش الروسي") == []
