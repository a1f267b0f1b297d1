"""Outlets compared on the seed articles: counts read off the Arabic text by hand, and the
log-odds ratio worked out by hand on a small example.

Outlets in data/articles/metadata.csv: 000 القاهرة الإخبارية, 001 and 003 unknown, 002 رايت رايتس,
004 Egypt Telegraph.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.compare import (
    CompareError,
    article_terms,
    biggest_numbers,
    coverage,
    coverage_matrix,
    distinctive_terms,
    log_odds,
    outlet_profile,
    stem,
    term_counts,
)
from analysis.corpus import load_bundled
from analysis.pipeline import analyze

EGYPT, RIGHT, CAIRO = "Egypt Telegraph", "رايت رايتس", "القاهرة الإخبارية"


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles).names_only()


def count_of(terms: pd.DataFrame, outlet: str, root: str) -> int:
    return int(terms[(terms["outlet"] == outlet) & (terms["stem"] == root)]["count"].sum())


# ---------------------------------------------------------------- stems, stopwords, chrome


def test_stems_join_the_forms_of_a_word():
    assert stem("الأسلحة") == stem("والأسلحة") == stem("أسلحة") == "اسلح"
    assert stem("الصواريخ") == stem("بالصواريخ") == stem("والصواريخ") == "صواريخ"
    assert stem("العسكرية") == stem("عسكري") == stem("العسكري") == "عسكر"


def test_stopwords_and_single_letters_are_not_counted():
    counts = article_terms("قالت الصحيفة إن روسيا التي في الحرب و من أجل الأسلحة")
    words = {w for _, w in counts}
    assert not words & {"إن", "التي", "في", "و", "من"}
    assert {"الصحيفة", "روسيا", "الأسلحة"} <= words


def test_only_arabic_words_of_the_body_are_counted(seeds):
    right = seeds["002_7b63db9cdc682f58"]
    words = set(term_counts([right])["word"])
    # "الديسك المركزي", "4 دقيقة قراءة" and "- مساحة اعلانية-" are page chrome in 002, nowhere else
    assert not words & {"الديسك", "قراءة", "اعلانية"}
    assert "سوليفان" in words
    assert not any(ch.isascii() for w in words for ch in w)


def test_hand_counted_stems(tables):
    terms = tables.terms
    # 004 writes قذيفة four times (and قذائف once, a broken plural the light stemmer keeps apart)
    assert count_of(terms, EGYPT, "قذيف") == 4
    assert sum(count_of(terms, o, "قذيف") for o in (RIGHT, CAIRO, "unknown")) == 0
    # عسكري/عسكرية/العسكري/العسكرية: 7 times in 004, once in 002, four times in 003
    assert count_of(terms, EGYPT, "عسكر") == 7
    assert count_of(terms, RIGHT, "عسكر") == 1
    assert count_of(terms, "unknown", "عسكر") == 4
    assert count_of(terms, RIGHT, "سوليف") == 3  # سوليفان only in 002


# ---------------------------------------------------------------- the log-odds ratio


def test_log_odds_on_a_hand_computed_example():
    # a says x twice and y once, b says x once and y three times; the prior is both together:
    # alpha = {x: 3, y: 4}, alpha0 = 7, n_a = 3, n_b = 4
    # delta_x = log((2+3)/(3+7-2-3)) - log((1+3)/(4+7-1-3)) = log(5/5) - log(4/7) = log(7/4)
    # var_x = 1/(2+3) + 1/(1+3) = 0.45
    # delta_y = log((1+4)/(3+7-1-4)) - log((3+4)/(4+7-3-4)) = log(5/5) - log(7/4) = -log(7/4)
    # var_y = 1/(1+4) + 1/(3+4) = 12/35
    a, b = pd.Series({"x": 2, "y": 1}), pd.Series({"x": 1, "y": 3})
    scores = log_odds(a, b, a + b)
    assert scores.loc["x", "delta"] == pytest.approx(math.log(7 / 4))
    assert scores.loc["x", "variance"] == pytest.approx(0.45)
    assert scores.loc["x", "z"] == pytest.approx(math.log(7 / 4) / math.sqrt(0.45))
    assert scores.loc["y", "delta"] == pytest.approx(-math.log(7 / 4))
    assert scores.loc["y", "z"] == pytest.approx(-math.log(7 / 4) / math.sqrt(12 / 35))


def test_log_odds_is_antisymmetric_and_counts_a_missing_term_as_zero():
    a, b = pd.Series({"x": 5}), pd.Series({"y": 2})
    prior = pd.Series({"x": 1.0, "y": 1.0})
    forward, backward = log_odds(a, b, prior), log_odds(b, a, prior)
    assert forward.loc["x", "z"] > 0 > forward.loc["y", "z"]
    pd.testing.assert_series_equal(forward["z"], -backward["z"])


def test_log_odds_needs_a_prior_for_every_term():
    with pytest.raises(CompareError, match="no pseudo-count|none for y"):
        log_odds(pd.Series({"x": 1}), pd.Series({"y": 1}), pd.Series({"x": 2.0}))


def test_egypt_telegraph_against_the_rest(tables):
    scores = distinctive_terms(tables.terms, EGYPT).set_index("stem")
    shells = scores.loc["قذيف"]
    assert (shells["word"], shells["count"], shells["other_count"]) == ("قذيفة", 4, 0)
    assert shells["z"] > 0 and "قذيف" in scores.index[:5]
    assert scores.loc["عسكر", "word"] == "عسكرية"  # its most frequent form (6 of the 12)
    assert scores.loc["سوليف", "z"] < 0  # Sullivan: only the others name him
    assert scores["z"].is_monotonic_decreasing


def test_one_outlet_against_another(tables):
    scores = distinctive_terms(tables.terms, RIGHT, EGYPT).set_index("stem")
    assert scores.loc["سوليف", ["count", "other_count"]].tolist() == [3, 0]
    assert scores.loc["قذيف", ["count", "other_count"]].tolist() == [0, 4]
    assert scores.loc["سوليف", "z"] > 0 > scores.loc["قذيف", "z"]
    # the others (001, 003, 000) are left out: 003 writes عسكرية four times, 002 once and 004 seven
    assert scores.loc["عسكر", ["count", "other_count"]].tolist() == [1, 7]


def test_an_outlet_without_words_is_a_named_error(tables):
    with pytest.raises(CompareError, match="No Arabic words for Nowhere"):
        distinctive_terms(tables.terms, "Nowhere")
    with pytest.raises(CompareError, match="the other outlets"):
        distinctive_terms(tables.for_outlets([EGYPT]).terms, EGYPT)


# ---------------------------------------------------------------- profile and coverage


def test_profile_counts_and_shares(tables):
    profile = outlet_profile(tables).set_index("outlet")
    assert profile.loc["unknown", "articles"] == 2  # 001 and 003 name no outlet
    assert profile.loc[RIGHT, "words"] == tables.articles.set_index("outlet").loc[RIGHT, "words"]
    shares = profile[[f"{t} share" for t in ("person", "place", "organisation", "media", "event")]]
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0] * len(profile))
    mentions = tables.mentions
    egypt_people = len(mentions[(mentions["outlet"] == EGYPT) & (mentions["type"] == "person")])
    assert profile.loc[EGYPT, "person mentions"] == egypt_people
    assert profile.loc[EGYPT, "quantity claims per 1,000 words"] == pytest.approx(
        1000 * profile.loc[EGYPT, "quantity claims"] / profile.loc[EGYPT, "words"]
    )
    # 002 ends "المصدر: رويترز" and cites نيويورك تايمز; 004 cites only ديلي إكسبريس
    assert profile.loc[RIGHT, "sources cited"] == 2 and profile.loc[EGYPT, "sources cited"] == 1


def test_who_quotes_whom(tables):
    quoted = coverage(tables, "speaker")
    by = {o: set(quoted[quoted["outlet"] == o]["label"]) for o in quoted["outlet"].unique()}
    # "وحذر كيرت كامبل" in 004; "قال سوليفان" in 002 only; "قالت ... أدريان واتسون" in 001
    assert "كيرت كامبل" in by[EGYPT]
    assert "جيك سوليفان" in by[RIGHT] and "جيك سوليفان" not in by[EGYPT] | by["unknown"] | by[CAIRO]
    assert "مسؤول أمريكي" in by[RIGHT]  # "قال مسؤول أمريكي، يوم الثلاثاء": an unnamed official
    sullivan = quoted[(quoted["outlet"] == RIGHT) & (quoted["label"] == "جيك سوليفان")].iloc[0]
    assert (sullivan["count"], sullivan["articles"]) == (3, 1)


def test_who_cites_which_media(tables):
    cited = coverage_matrix(coverage(tables, "source"))
    assert cited.loc["رويترز", RIGHT] == 1 and cited.loc["رويترز"].sum() == 1
    assert cited.loc["ديلي إكسبريس", EGYPT] == 1
    assert cited.loc["نيويورك تايمز", EGYPT] == 0 < cited.loc["نيويورك تايمز", "unknown"]
    shares = coverage_matrix(coverage(tables, "source"), share=True)
    assert shares.sum(axis=0).tolist() == pytest.approx([1.0] * shares.shape[1])


def test_entity_and_event_coverage(tables):
    entities = coverage_matrix(coverage(tables, "entity"))
    assert (entities.loc["روسيا"] > 0).all()  # every outlet names Russia
    assert entities.index[0] in {"روسيا", "كوريا الشمالية"}  # rows: most outlets, then most mentions
    assert coverage_matrix(coverage(tables, "entity"), top=5).shape[0] == 5
    events = coverage(tables, "event")
    assert set(events["outlet"]) <= set(tables.articles["outlet"])
    assert events["count"].sum() == len(tables.events)


def test_claims_merge_the_same_number_of_the_same_thing(tables):
    claims = coverage_matrix(coverage(tables, "claim"))
    # 004 says "5 ملايين قذيفة مدفعية" twice and "ما يقرب من 5 ملايين قذيفة مدفعية" once
    assert claims.loc["5,000,000 قذيفة مدفعية", EGYPT] == 3
    assert claims.loc["5,000,000 قذيفة مدفعية"].drop(EGYPT).sum() == 0


def test_biggest_numbers(tables):
    biggest = biggest_numbers(tables.quantities).set_index(["category", "outlet"])
    assert biggest.loc[("munition", EGYPT), "value"] == 5_000_000
    assert biggest.loc[("container", EGYPT), "qualifier"] == "at_least"  # ما لا يقل عن 10 آلاف حاوية شحن
    assert biggest.loc[("distance", "unknown"), "value"] == 950  # حوالي 950 ميلاً in 003
    assert "time" not in biggest.index.get_level_values("category")  # 550 days is not a claim of scale


def test_the_outlet_filter_reaches_the_terms(tables):
    only = tables.for_outlets([RIGHT, EGYPT])
    assert set(only.terms["outlet"]) == {RIGHT, EGYPT}
    assert set(outlet_profile(only)["outlet"]) == {RIGHT, EGYPT}
