"""Entities from the lexicon in data/entities.csv: people, places, organisations, media, events."""
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
    return Matcher(read_lexicon(path, ("id", "type", "name_ar", "name_en", "aliases")))


def extract_entities(article: Article, matcher: Matcher | None = None) -> list[Span]:
    """"وبيونج يانج" -> Span(label="pyongyang"); page chrome is skipped."""
    return (matcher or entity_matcher()).find(article.id, article.body, "entity")
