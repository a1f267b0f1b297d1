"""Who appears with whom: pairs of entities named in the same sentence or the same article,
and the sentences behind each pair. Pure functions over the mentions table."""

from __future__ import annotations

import numpy as np
import pandas as pd

PAIR_COLUMNS = ["a", "b", "together", "articles"]
LEVELS = ("sentence", "article")


def unit_keys(mentions: pd.DataFrame, level: str) -> np.ndarray:
    """An integer key per mention row for its sentence (article and sentence text) or article,
    from the two columns' codes (factorised by Arrow, not string by string in Python)."""
    if level not in LEVELS:
        raise ValueError(f"level is one of {LEVELS}, not {level!r}")
    article = pd.factorize(mentions["article"])[0].astype(np.int64)
    if level == "article":
        return article
    sentence, distinct = pd.factorize(mentions["sentence"])
    return article * (len(distinct) + 1) + sentence


def _units(mentions: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per (unit, entity), the unit a sentence or an article (unit_keys)."""
    unit = unit_keys(mentions, level)
    return pd.DataFrame(
        {"unit": unit, "article": mentions["article"].to_numpy(), "entity": mentions["entity"].to_numpy()}
    ).drop_duplicates(["unit", "entity"])


def cooccurrence(mentions: pd.DataFrame, level: str = "sentence", entities=None) -> pd.DataFrame:
    """Pairs of entities (a < b) named together, with how many sentences (or articles, by
    `level`) name both and in how many articles: in the seeds, kim_jong_un and vladimir_putin
    share sentences in four articles. `entities` keeps the pairs among those only."""
    if entities is not None:
        mentions = mentions[mentions["entity"].isin(list(entities))]
    units = _units(mentions, level)
    if units.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    pairs = units.merge(units[["unit", "entity"]], on="unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_a"] < pairs["entity_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    counted = (
        pairs.groupby(["entity_a", "entity_b"], observed=True)
        .agg(together=("unit", "nunique"), articles=("article", "nunique"))
        .reset_index()
        .rename(columns={"entity_a": "a", "entity_b": "b"})
    )
    return counted.sort_values(["together", "articles", "a", "b"], ascending=[False, False, True, True], kind="stable")[
        PAIR_COLUMNS
    ].reset_index(drop=True)


def pair_sentences(mentions: pd.DataFrame, a: str, b: str, level: str = "sentence") -> pd.DataFrame:
    """The mention rows behind a pair: at the sentence level the sentences naming both (one row
    per sentence, `marks` the surface forms of both in it); at the article level the sentences
    naming either, in the articles that name both."""
    both = mentions[mentions["entity"].isin([a, b])]
    both = both.assign(_unit=unit_keys(both, level))
    named = both.groupby("_unit")["entity"].nunique()
    rows = both[both["_unit"].isin(named.index[named == 2])].drop(columns="_unit").reset_index(drop=True)
    if rows.empty:
        return rows.assign(marks=[])
    marks = rows.groupby(["article", "sentence"], observed=True)["text"].agg(lambda t: tuple(dict.fromkeys(t)))
    firsts = rows.sort_values("start").drop_duplicates(["article", "sentence"])
    return (
        firsts.merge(marks.rename("marks").reset_index(), on=["article", "sentence"])
        .sort_values(["published", "article", "start"], kind="stable")
        .reset_index(drop=True)
    )
