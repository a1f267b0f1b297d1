"""Entities from the lexicon in data/entities.csv: people, places, organisations, media, events.

A name mention ("روسيا", "لموسكو") and a nisba adjective ("الجيش الروسي", "الزعيم الكوري
الشمالي") are both references to a country, but of different weight; every span says which
in data["nisba"], and callers choose whether adjectives count.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .corpus import DATA_DIR, Article
from .lexicon import Matcher, read_lexicon
from .spans import Span

ENTITIES_FILE = DATA_DIR / "entities.csv"
ENTITY_TYPES = ("person", "place", "organisation", "media", "event")


@lru_cache(maxsize=8)
def entity_matcher(path: Path = ENTITIES_FILE) -> Matcher:
    return Matcher(read_lexicon(path, ("id", "type", "name_ar", "name_en", "aliases"), {"type": ENTITY_TYPES}))


def extract_entities(article: Article, matcher: Matcher | None = None, nisba: bool = False) -> list[Span]:
    """"وبيونج يانج" -> Span(label="pyongyang"); page chrome is skipped.

    Name mentions only by default, so counts mean "how often is X named". With `nisba=True`
    adjectives come too: "الجيش الروسي" -> Span(label="russia", data={"nisba": True, ...}).
    """
    return (matcher or entity_matcher()).find(article.id, article.body, "entity", nisba=nisba)


def extract_nisbas(article: Article, matcher: Matcher | None = None) -> list[Span]:
    """Only the adjectival references: "الكوري الشمالي" -> Span(label="north_korea")."""
    return [s for s in extract_entities(article, matcher, nisba=True) if s.data["nisba"]]
