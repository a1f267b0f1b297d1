"""Weapon mentions by class (data/weapons.csv), with or without a number."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .corpus import DATA_DIR, Article
from .lexicon import Matcher, read_lexicon
from .spans import Span

WEAPONS_FILE = DATA_DIR / "weapons.csv"


@lru_cache(maxsize=8)
def weapon_matcher(path: Path = WEAPONS_FILE) -> Matcher:
    return Matcher(read_lexicon(path, ("id", "name_en", "name_ar", "aliases")))


def extract_weapons(article: Article, matcher: Matcher | None = None) -> list[Span]:
    """"قذائف مدفعية" -> Span(label="artillery_shells")."""
    return (matcher or weapon_matcher()).find(article.id, article.body, "weapon")
