"""A reader's corrections to the entities: merge two entities into one, split a spelling off
an entity, and the result as lexicon rows (data/entities.csv's columns) to download.

Edits are data, `("merge", [ids...], into)` or `("split", entity, variant)`, kept by the page in
session state and applied to the mentions table on every run, so the tables stay as analysed
and a reload starts afresh. Pure functions over the mentions DataFrame.
"""

from __future__ import annotations

import pandas as pd

from .text import normalized_key

LEXICON_COLUMNS = ["id", "type", "name_ar", "name_en", "wikidata", "aliases", "short_forms", "nisba"]
SPLIT_MARK = "~"  # a split-off spelling's id: "ner:بتن~بوتن"


def variant_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """How often each entity is written each way: (vladimir_putin, "بوتين", 30), (…, "بوتن", 2)."""
    if mentions.empty:
        return pd.DataFrame(columns=["entity", "variant", "count"])
    return (
        mentions.groupby(["entity", "variant"], sort=False)
        .size()
        .reset_index(name="count")
        .sort_values(["entity", "count"], ascending=[True, False], ignore_index=True)
    )


def apply_edits(mentions: pd.DataFrame, edits: list[tuple]) -> pd.DataFrame:
    """The mentions with each edit applied in order; an edit naming an entity that is not
    there (another corpus, an earlier edit merged it away) is skipped."""
    for edit in edits:
        if edit[0] == "merge":
            mentions = merge_entities(mentions, edit[1], edit[2])
        elif edit[0] == "split":
            mentions = split_variant(mentions, edit[1], edit[2])
    return mentions


def merge_entities(mentions: pd.DataFrame, ids: list[str], into: str) -> pd.DataFrame:
    """Every mention of `ids` becomes one of `into`, with its names and type:
    ner:بشر_الاسد + bashar_al_assad -> bashar_al_assad."""
    target = mentions[mentions["entity"] == into]
    if target.empty:
        return mentions
    first = target.iloc[0]
    chosen = mentions["entity"].isin(ids)
    mentions = mentions.copy()
    for column in ("entity", "name_ar", "name_en", "type", "wikidata", "source"):
        if column in mentions.columns:
            mentions.loc[chosen, column] = first[column]
    return mentions


def split_variant(mentions: pd.DataFrame, entity: str, variant: str) -> pd.DataFrame:
    """The mentions of `entity` written `variant` become an entity of their own, named so
    (هادي the WFP director apart from عبدربه منصور هادي)."""
    chosen = (mentions["entity"] == entity) & (mentions["variant"] == variant)
    if not chosen.any() or chosen.sum() == (mentions["entity"] == entity).sum():
        return mentions
    mentions = mentions.copy()
    mentions.loc[chosen, "entity"] = f"{entity}{SPLIT_MARK}{variant}"
    mentions.loc[chosen, "name_ar"] = variant
    mentions.loc[chosen, "name_en"] = ""
    mentions.loc[chosen, "wikidata"] = ""
    mentions.loc[chosen, "source"] = "edited"
    return mentions


def lexicon_rows(mentions: pd.DataFrame, entities: list[str] | None = None) -> pd.DataFrame:
    """One data/entities.csv row per entity (all, or `entities`): its names and type, and every
    spelling it is written in as an alias (the mentions' variants, proclitics off), short forms apart. Ids of model-found
    entities become their Arabic name ("ner:رستم" -> "روساتوم"), made unique."""
    named = mentions[~mentions["nisba"].astype(bool)] if "nisba" in mentions.columns else mentions
    if entities is not None:
        named = named[named["entity"].isin(entities)]
    rows, used = [], set()
    for entity, group in named.groupby("entity", sort=True):
        first = group.iloc[0]
        spellings = group.groupby("variant").size().sort_values(ascending=False)
        short = set(group.loc[group["short_form"].astype(bool), "variant"])
        aliases = _unique(v for v in spellings.index if v not in short)
        shorts = _unique(v for v in short if v not in aliases)
        name = first["name_ar"] or (aliases[0] if aliases else entity)
        row_id = entity if not entity.startswith("ner:") and SPLIT_MARK not in entity else _id_of(name)
        while row_id in used:
            row_id += "_"
        used.add(row_id)
        rows.append(
            {
                "id": row_id,
                "type": first["type"],
                "name_ar": name,
                "name_en": first["name_en"],
                "wikidata": first.get("wikidata", ""),
                "aliases": "|".join(aliases or [name]),
                "short_forms": "|".join(shorts),
                "nisba": "",
            }
        )
    return pd.DataFrame(rows, columns=LEXICON_COLUMNS)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _id_of(name: str) -> str:
    return "_".join(normalized_key(name).split()) or "entity"


def frequency(mentions: pd.DataFrame) -> pd.DataFrame:
    """query.entity_frequency's table from mentions in memory (the corrected ones): entity,
    name_ar, name_en, type, mentions, source; most mentioned first, ties by English name."""
    if mentions.empty:
        return pd.DataFrame(columns=["entity", "name_ar", "name_en", "type", "mentions", "source"])
    counts = (
        mentions.groupby("entity", sort=False)
        .agg(
            name_ar=("name_ar", "first"),
            name_en=("name_en", "first"),
            type=("type", "first"),
            mentions=("entity", "size"),
            source=("source", "first"),
        )
        .reset_index()
    )
    return counts.sort_values(["mentions", "name_en", "entity"], ascending=[False, True, True], ignore_index=True)
