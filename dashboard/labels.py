"""Data values shown in the interface language: entity types, the "unknown" outlet, names."""
from __future__ import annotations

import pandas as pd

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
