"""Attention over time on the seed articles: mentions of an entity per day and outlet, with
zeros for the days an outlet published without naming it, and per article."""

import pandas as pd
import pytest

from analysis.attention import attention, in_period, period_start
from analysis.corpus import load_bundled
from analysis.pipeline import analyze


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles).names_only()


def test_kim_per_day_and_outlet(tables):
    m = tables.mentions
    hits = m[m["entity"] == "kim_jong_un"].assign(series="Kim Jong Un")
    frame = attention(hits, tables.articles, "day")
    # every day from the first article to the last, for every outlet; the counts add up to every mention
    days = (tables.articles["published"].max() - tables.articles["published"].min()).days + 1
    assert len(frame) == days * tables.articles["outlet"].nunique()
    assert (frame["articles"] > 0).sum() == tables.articles.groupby(["published", "outlet"]).ngroups
    assert frame.loc[frame["articles"] == 0, "per_article"].isna().all()
    assert frame["mentions"].sum() == len(hits)
    egypt = frame[(frame["outlet"] == "Egypt Telegraph") & (frame["articles"] > 0)].iloc[0]
    assert egypt["period"] == pd.Timestamp("2024-06-14") and egypt["articles"] == 1
    expected = int(((m["entity"] == "kim_jong_un") & (m["outlet"] == "Egypt Telegraph")).sum())
    assert egypt["mentions"] == expected and egypt["per_article"] == expected
    unknown = frame[(frame["outlet"] == "unknown") & (frame["articles"] > 0)]  # 4 and 5 September
    assert set(unknown["period"]) == {pd.Timestamp("2023-09-04"), pd.Timestamp("2023-09-05")}


def test_weeks_start_on_monday_and_sum_the_days(tables):
    m = tables.mentions
    hits = m[m["entity"].isin(["russia", "north_korea"])].assign(series=lambda f: f["entity"])
    days = attention(hits, tables.articles, "day")
    weeks = attention(hits, tables.articles, "week")
    assert set(weeks["period"].dt.day_of_week) == {0}
    assert weeks.groupby("series")["mentions"].sum().to_dict() == days.groupby("series")["mentions"].sum().to_dict()
    first_week = weeks[(weeks["period"] == pd.Timestamp("2023-09-04")) & (weeks["outlet"] == "unknown")]
    assert first_week["articles"].tolist() == [2, 2]  # both unknown-outlet articles: one week


def test_a_series_never_named_reads_zero_not_missing(tables):
    hits = pd.DataFrame({"article": [tables.articles["article"][0]], "series": ["x"]})
    frame = attention(pd.concat([hits, hits.assign(series="y").iloc[:0]]), tables.articles)
    assert frame["mentions"].sum() == 1 and (frame["mentions"] == 0).sum() == len(frame) - 1
    assert set(frame["series"]) == {"x"}


def test_period_helpers():
    stamps = pd.Series(pd.to_datetime(["2023-09-04 10:00:00", "2023-09-10 00:00:00", "2023-09-11 00:00:00"]))
    assert period_start(stamps, "week").tolist() == [pd.Timestamp("2023-09-04")] * 2 + [pd.Timestamp("2023-09-11")]
    assert in_period(stamps, pd.Timestamp("2023-09-04"), "week").tolist() == [True, True, False]
    assert attention(
        pd.DataFrame(columns=["article", "series"]),
        pd.DataFrame({"article": [], "outlet": [], "published": pd.Series([], dtype="datetime64[ns]")}),
    ).empty
