"""Data values shown in the interface language: entity types, the "unknown" outlet, names."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd

from analysis.tables import Tables

from .language import lang, tr

TYPES_AR = {"person": "شخص", "place": "مكان", "organisation": "منظمة", "media": "وسيلة إعلام", "event": "حدث"}
UNKNOWN_OUTLET = "unknown"  # the corpus's name for an article whose outlet nobody gave


def type_name(kind: str) -> str:
    """An entity type for the reader: "person", in Arabic "شخص"."""
    return tr(kind, TYPES_AR.get(kind, kind))


def outlet_name(outlet: str) -> str:
    """An outlet for the reader: the unknown outlet is "غير معروف" in Arabic; names stay as written."""
    return tr(UNKNOWN_OUTLET, "منفذ غير معروف") if outlet == UNKNOWN_OUTLET else outlet


def outlet_names(outlets: pd.Series) -> pd.Series:
    """outlet_name over a column (only the unknown outlet changes)."""
    return outlets.replace({UNKNOWN_OUTLET: outlet_name(UNKNOWN_OUTLET)}) if lang() == "ar" else outlets


def entity_name(name_ar: str, name_en: str) -> str:
    """An entity's name in the interface language, the Arabic one where there is no English."""
    return name_en if lang() == "en" and name_en else name_ar


def _renamed(column: pd.Series, old: str, new: str) -> pd.Series:
    if isinstance(column.dtype, pd.CategoricalDtype):  # a store's outlets: rename the category, not the rows
        return column.cat.rename_categories({old: new}) if old in column.cat.categories else column
    return column.mask(column == old, new) if (column == old).any() else column


def localised(tables: Tables) -> Tables:
    """The tables as the pages show them in the interface language: in Arabic the "unknown"
    outlet reads "منفذ غير معروف" in every table, chart and card. For drawing only: filters,
    links and queries keep the corpus's own values."""
    if lang() != "ar":
        return tables
    new = outlet_name(UNKNOWN_OUTLET)
    changed = {}
    for f in fields(tables):
        frame = getattr(tables, f.name)
        columns = {c: _renamed(frame[c], UNKNOWN_OUTLET, new) for c in ("outlet", "other_outlet") if c in frame.columns}
        if any(columns[c] is not frame[c] for c in columns):
            changed[f.name] = frame.assign(**columns)
    return (
        Tables(**{f.name: changed.get(f.name, getattr(tables, f.name)) for f in fields(tables)}) if changed else tables
    )
