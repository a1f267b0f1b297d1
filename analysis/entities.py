"""Entities from the lexicon in data/entities.csv: people, places, organisations, media, events.

A name mention ("روسيا", "لموسكو") and a nisba adjective ("الجيش الروسي", "الزعيم الكوري
الشمالي") are both references to a country, but of different weight; every span says which
in data["nisba"], and callers choose whether adjectives count.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

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


def entity_field(entity_id: str, name: str) -> str:
    """One field of a lexicon entity ("name_en" of "dmitry_peskov"), "" for an unknown id."""
    entry = entity_matcher().entries.get(entity_id)
    return entry.fields.get(name, "") if entry else ""


class MentionRow(NamedTuple):
    """The columns an entity mention adds to its span row (the mentions table)."""
    entity: str
    name_ar: str
    name_en: str
    type: str
    wikidata: str
    short_form: bool
    nisba: bool  # an adjective such as الروسي, counted apart from the name

    @classmethod
    def of(cls, span: Span) -> "MentionRow":
        entry = entity_matcher().entries.get(span.label)
        if entry is None:  # a name the NER backend found that the lexicon does not list ("ner:...")
            return cls(span.label, span.data.get("name", span.text), "", span.data.get("type", ""), "", False, False)
        return cls(entity=span.label, name_ar=entry.fields["name_ar"], name_en=entry.fields["name_en"],
                   type=entry.fields["type"], wikidata=entry.fields.get("wikidata") or "",
                   short_form=span.data["short_form"], nisba=span.data.get("nisba", False))
