"""Entities from the lexicons: people, places, organisations, media, events.

Three files, each on top of the one before (a row whose id is already there replaces it):
data/base_entities.csv (every country and territory, generated from CLDR by
`python -m analysis.base_lexicon`), data/world_entities.csv (capitals and cities, international
organisations, heads of state, armed groups) and the story's own data/entities.csv. Phrases in
data/not_entities.csv ("صلاة المغرب") are no mention of what they contain.

A name mention ("روسيا", "لموسكو") and a nisba adjective ("الجيش الروسي", "الزعيم الكوري
الشمالي") are both references to a country, but of different weight; every span says which
in data["nisba"], and callers choose whether adjectives count.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .corpus import DATA_DIR, Article
from .lexicon import Entry, LexiconError, Matcher, read_lexicon
from .spans import Span

ENTITIES_FILE = DATA_DIR / "entities.csv"
BASE_FILES = (DATA_DIR / "base_entities.csv", DATA_DIR / "world_entities.csv")
NOT_ENTITIES_FILE = DATA_DIR / "not_entities.csv"
ENTITY_TYPES = ("person", "place", "organisation", "media", "event")
ENTITY_COLUMNS = ("id", "type", "name_ar", "name_en", "aliases")
# A place named inside a longer name of these types still counts for the place:
# "غزو أوكرانيا" (an event) names Ukraine, "جامعة موسكو" (an organisation) Moscow.
NESTED = {"outer": ("organisation", "event"), "inner": ("place",)}
# A medium's name alone in quotation marks is the medium: "قال لـ«الشرق الأوسط»" is the
# newspaper, not the region; «الرياض» and «المدينة» the dailies, not the cities.
QUOTED = ("media",)


def read_entities(path: Path) -> list[Entry]:
    return read_lexicon(path, ENTITY_COLUMNS, {"type": ENTITY_TYPES})


def layered(*layers: list[Entry]) -> list[Entry]:
    """Entries of several lexicons, later ones on top: the same id keeps its first place in
    the order and the last file's row (its aliases, type and names)."""
    merged: dict[str, Entry] = {}
    for entries in layers:
        for entry in entries:
            merged[entry.id] = entry
    return list(merged.values())


def read_not_entities(path: Path = NOT_ENTITIES_FILE) -> tuple[str, ...]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return tuple(row["phrase"].strip() for row in csv.DictReader(f) if (row.get("phrase") or "").strip())
    except (OSError, KeyError, csv.Error) as error:
        raise LexiconError(f"{path.name}: cannot be read as a CSV with a phrase column ({error}).") from error


@lru_cache(maxsize=8)
def entity_matcher(path: Path = ENTITIES_FILE, base: tuple[Path, ...] = BASE_FILES) -> Matcher:
    """The story lexicon `path` on top of the base lexicons."""
    layers = [read_entities(p) for p in base if p.is_file()] + [read_entities(path)]
    return Matcher(layered(*layers), blocked=read_not_entities(), nested=NESTED, quoted=QUOTED)


def extract_entities(article: Article, matcher: Matcher | None = None, nisba: bool = False) -> list[Span]:
    """ "وبيونج يانج" -> Span(label="pyongyang"); page chrome is skipped.

    Name mentions only by default, so counts mean "how often is X named". With `nisba=True`
    adjectives come too: "الجيش الروسي" -> Span(label="russia", data={"nisba": True, ...}).
    A place inside a longer name comes as its own span too, with data["nested"] True.
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
    source: str  # lexicon, or model for a name only the NER model found
    variant: str  # the name as this mention writes it, proclitics off: "بوتن" of vladimir_putin

    @classmethod
    def of(cls, span: Span) -> "MentionRow":
        entry = entity_matcher().entries.get(span.label)
        found = (span.data.get("source", "lexicon"), span.data.get("variant", span.text))
        if entry is None:  # a name the NER model found that the lexicon does not list ("ner:...")
            return cls(
                span.label,
                span.data.get("written") or span.data.get("name", span.text),  # as the article spells it
                "",
                span.data.get("type", ""),
                "",
                span.data.get("short_form", False),
                False,
                *found,
            )
        return cls(
            entity=span.label,
            name_ar=entry.fields["name_ar"],
            name_en=entry.fields["name_en"],
            type=entry.fields["type"],
            wikidata=entry.fields.get("wikidata") or "",
            short_form=span.data["short_form"],
            nisba=span.data.get("nisba", False),
            source=found[0],
            variant=found[1],
        )
