"""Events, first mentions and shared passages across the five seed articles."""

import pandas as pd
import pytest

from analysis.corpus import Article, load_bundled
from analysis.pipeline import analyze
from analysis.story import event_points, reading_order, shared_passages, shared_runs, word_positions


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles)


def short(ids):
    return tuple(sorted(i[:3] for i in ids))


def test_articles_are_read_in_publication_order_ties_by_id(tables):
    assert [a[:3] for a in reading_order(tables.articles)] == ["000", "003", "001", "002", "004"]


def test_shoigus_july_visit_is_one_event_told_by_four_articles(tables):
    points = event_points(tables.events)
    july = points[points["date"] == "2023-07"].iloc[0]
    assert short(july["articles"]) == ("000", "001", "002", "003")
    assert "sergei_shoigu" in july["entities"] and "pyongyang" in july["entities"]


def test_the_eastern_economic_forum_is_one_event_of_10_to_13_september(tables):
    points = event_points(tables.events)
    forum = points[points["entities"].map(lambda e: "eastern_economic_forum" in e)]
    assert len(forum) == 1
    row = forum.iloc[0]
    assert (row["date"], row["date_from"], row["date_to"]) == ("2023-09-10", "2023-09-10", "2023-09-13")
    assert short(row["articles"]) == ("000", "001", "003")


def test_older_dated_facts_are_events_of_their_own(tables):
    points = event_points(tables.events).set_index("date")
    assert short(points.loc["2019", "articles"]) == ("003",)  # Kim's first visit to Russia
    assert "vladivostok" in points.loc["2019", "entities"]
    assert short(points.loc["2000", "articles"]) == ("004",)  # Putin's only earlier visit
    assert "vladimir_putin" in points.loc["2000", "entities"]


def test_monday_holds_two_events_the_times_report_and_shoigus_remarks(tables):
    monday = event_points(tables.events).query("date == '2023-09-04'")
    assert sorted(short(a) for a in monday["articles"]) == [("001", "003"), ("002", "003")]


def test_every_event_row_points_at_its_sentence(tables):
    for row in tables.events.itertuples():
        assert row.text in row.sentence


def test_five_million_shells_are_first_claimed_in_004(tables):
    f = tables.firsts
    claim = f[(f["kind"] == "quantity") & (f["item"] == "5,000,000 munition")].iloc[0]
    assert (claim["article"][:3], claim["text"], claim["later_articles"]) == ("004", "5 ملايين قذيفة مدفعية", ())


def test_first_mentions_of_entities_follow_the_reading_order(tables):
    f = tables.firsts.set_index(["kind", "item"])
    assert f.loc[("entity", "vladimir_putin"), "article"][:3] == "000"
    assert f.loc[("entity", "eastern_economic_forum"), "article"][:3] == "000"
    assert f.loc[("entity", "interfax"), "article"][:3] == "003"
    assert f.loc[("entity", "adrienne_watson"), "article"][:3] == "001"
    assert f.loc[("entity", "dmitry_peskov"), "article"][:3] == "002"
    assert f.loc[("entity", "kurt_campbell"), "article"][:3] == "004"
    assert short(f.loc[("entity", "sergei_shoigu"), "later_articles"]) == ("001", "002", "003")


def test_000_001_and_003_share_only_short_phrases_of_the_times_report(tables):
    """No wire copy is reused word for word: the longest shared runs are 8–9 words, all
    from the New York Times report each retells (the forum dates, the venue, the route)."""
    s = tables.shared
    assert sorted((r.article[:3], r.other_article[:3], r.words) for r in s.itertuples()) == [
        ("001", "000", 9),
        ("001", "003", 9),
        ("003", "000", 8),
    ]
    texts = set(s["text"])
    assert "المقرر عقده في الفترة من 10 إلى 13 سبتمبر" in texts
    assert "في حرم جامعة الشرق الأقصى الفيدرالية في فلاديفوستوك لحضور" in texts
    assert "إلى فلاديفوستوك على ساحل المحيط الهادئ في روسيا" in texts


def test_shared_text_comes_from_both_articles_offsets(tables):
    texts = {a.id: a.text for a in load_bundled().articles}
    for row in tables.shared.itertuples():
        assert texts[row.article][row.start : row.end] == row.text
        assert texts[row.other_article][row.other_start : row.other_end] == row.other_text


def test_copied_wire_text_is_found_across_outlets():
    wire = "وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحفيين إن موسكو ستواصل تطوير العلاقات مع جارتها"
    a = Article("a", "مقدمة أولى. " + wire + ". خاتمة.", outlet="A", published=pd.Timestamp("2024-06-13").date())
    b = Article(
        "b",
        "نص آخر تماما. " + wire.replace("وقال", "قال") + ".",
        outlet="B",
        published=pd.Timestamp("2024-06-14").date(),
    )
    [row] = shared_passages([b, a]).itertuples()
    assert (row.article, row.other_article, row.words) == ("b", "a", 14)
    assert row.text == wire.replace("وقال", "قال")


def test_shared_runs_need_the_minimum_length():
    words, _, _ = word_positions("واحد اثنان ثلاثة أربعة خمسة")
    assert shared_runs(words, words, 5) == [(0, 0, 5)]
    assert shared_runs(words, words, 6) == []


def test_new_tables_filter_by_outlet(tables):
    only = tables.for_outlets(["رايت رايتس"])
    for name in ("quotes", "sources", "events", "firsts", "shared"):
        frame = getattr(only, name)
        assert set(frame["outlet"]) <= {"رايت رايتس"}, name
    assert len(only.quotes) == 13  # with "وفقا لمحللين سياسيين، ..." (an attribution without a verb)


def test_novelty_by_article_counts_what_each_brought_first(tables):
    from analysis.story import novelty_by_article

    table = novelty_by_article(tables.articles, tables.firsts)
    assert [a[:3] for a in table["article"]] == ["000", "003", "001", "002", "004"]
    row004 = table[table["article"].str.startswith("004")].iloc[0]
    assert (
        row004["quantity"] == 5
    )  # 5,000,000 shells, 10,000 containers, dozens of missiles, 24 years, 1,000,000 shells


def test_the_tables_the_ui_already_reads_keep_their_columns(tables):
    from analysis.pipeline import ARTICLE_COLUMNS, SPAN_COLUMNS

    assert list(tables.articles.columns) == ARTICLE_COLUMNS
    assert list(tables.dates.columns)[: len(SPAN_COLUMNS) + 6] == SPAN_COLUMNS + [
        "date",
        "year",
        "month",
        "day",
        "day_end",
        "year_inferred",
    ]
    for name in ("quotes", "sources", "events", "firsts", "shared"):
        assert {"article", "outlet", "published"} <= set(getattr(tables, name).columns), name


def test_an_undated_article_gets_a_date_from_its_text_marked_inferred():
    from analysis.corpus import Article

    t = analyze([Article("x", "قال المسؤول الثلاثاء إن الاتفاق وقع في 5 سبتمبر 2023.")])
    row = t.articles.iloc[0]
    assert row["published"] == pd.Timestamp("2023-09-05")
    assert row["date_basis"].startswith("inferred from the text")
    assert t.dates.set_index("text").loc["الثلاثاء", "date"] == "2023-09-05"
