"""Weapon mentions by class (data/weapons.csv), with or without a number."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .corpus import DATA_DIR, Article
from .lexicon import Matcher, name_key, read_lexicon
from .spans import Span
from .text import noun_forms, normalize

WEAPONS_FILE = DATA_DIR / "weapons.csv"


@lru_cache(maxsize=8)
def weapon_matcher(path: Path = WEAPONS_FILE) -> Matcher:
    return Matcher(read_lexicon(path, ("id", "name_en", "name_ar", "aliases")))


def extract_weapons(article: Article, matcher: Matcher | None = None) -> list[Span]:
    """ "قذائف مدفعية" -> Span(label="artillery_shells")."""
    return (matcher or weapon_matcher()).find(article.id, article.body, "weapon")


def weapon_class(phrase: str, matcher: Matcher | None = None) -> str:
    """The weapon class a counted noun names, or "": "قذيفة مدفعية" -> "artillery_shells",
    "صاروخين باليستيين" -> "ballistic_missiles" (the dual read as its singular)."""
    return _weapon_class(phrase, matcher or weapon_matcher())


@lru_cache(maxsize=4096)  # counted nouns repeat: "دولار", "قذيفة مدفعية"
def _weapon_class(phrase: str, matcher: Matcher) -> str:
    words = normalize(phrase).split()
    if not words:
        return ""
    rest = [
        w[:-3] + "ي" if w.endswith(("يين", "يان")) else w[:-4] + "يه" if w.endswith(("يتين", "يتان")) else w
        for w in words[1:]
    ]  # "باليستيين" -> "باليستي"
    candidates = [words] + [[form, *rest] for form in noun_forms(words[0])]
    for size in range(len(words), 0, -1):  # the longest alias inside the noun phrase
        for candidate in candidates:
            for start in range(len(candidate) - size + 1):
                key = matcher.variant_of.get(name_key(" ".join(candidate[start : start + size])))
                if key:
                    return matcher.owner[key].entry_id
    return ""


class WeaponRow(NamedTuple):
    """The columns a weapon mention adds to its span row (the weapons table)."""

    weapon: str
    weapon_en: str
    weapon_ar: str

    @classmethod
    def of(cls, span: Span) -> "WeaponRow":
        entry = weapon_matcher().entries[span.label]
        return cls(weapon=span.label, weapon_en=entry.fields["name_en"], weapon_ar=entry.fields["name_ar"])
