"""Attention over time: how often the articles name something (an entity, a weapon class, a
keyword), per day or week and outlet, absolutely and per article published then.

Media Cloud's first chart; here every count is a group-by on span rows, so each point can be
traced back to its sentences.
"""

from __future__ import annotations

import pandas as pd

ATTENTION_COLUMNS = ["period", "outlet", "series", "mentions", "articles", "per_article"]
PERIODS = {"day": "D", "week": "W-SUN"}  # weeks from Monday to Sunday


def period_start(published: pd.Series, period: str = "day") -> pd.Series:
    """The first day of the day or week each timestamp falls in: 2023-09-06 -> 2023-09-04 by week."""
    return published.dt.to_period(PERIODS[period]).dt.start_time


def attention(hits: pd.DataFrame, articles: pd.DataFrame, period: str = "day") -> pd.DataFrame:
    """Mentions per period, outlet and series. `hits` has one row per mention: article, series
    (the entity's or keyword's label). Every period from the first article to the last gets a
    row for every outlet and series, 0 when nothing names it, so a quiet week reads as a zero,
    not as a line drawn across it; articles = what that outlet published then, and
    per_article = mentions / articles (empty where it published nothing). Undated articles have
    no place on a time axis and are left out."""
    dated = articles.loc[articles["published"].notna(), ["article", "outlet", "published"]]
    if dated.empty or hits.empty:
        return pd.DataFrame(columns=ATTENTION_COLUMNS)
    dated = dated.assign(period=period_start(dated["published"], period))
    base = dated.groupby(["period", "outlet"], observed=True).size().rename("articles").reset_index()
    placed = hits[["article", "series"]].merge(dated[["article", "period", "outlet"]], on="article")
    counts = placed.groupby(["period", "outlet", "series"], observed=True).size().rename("mentions")
    periods = pd.period_range(dated["published"].min(), dated["published"].max(), freq=PERIODS[period])
    grid = (
        pd.DataFrame({"period": periods.start_time})
        .merge(pd.DataFrame({"outlet": pd.unique(dated["outlet"])}), how="cross")
        .merge(pd.DataFrame({"series": pd.unique(hits["series"])}), how="cross")
        .merge(base, on=["period", "outlet"], how="left")
    )
    grid["articles"] = grid["articles"].fillna(0).astype(int)
    frame = grid.merge(counts.reset_index(), on=["period", "outlet", "series"], how="left")
    frame["mentions"] = frame["mentions"].fillna(0).astype(int)
    frame["per_article"] = frame["mentions"] / frame["articles"].where(frame["articles"] > 0)
    return frame.sort_values(["series", "outlet", "period"], kind="stable")[ATTENTION_COLUMNS].reset_index(drop=True)


def in_period(published: pd.Series, start: pd.Timestamp, period: str = "day") -> pd.Series:
    """Which timestamps fall in the day or week that begins at `start` (a clicked point)."""
    return period_start(published, period) == pd.Timestamp(start)
