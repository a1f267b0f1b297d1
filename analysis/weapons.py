"""Weapon mentions by class (data/weapons.csv), with or without a number."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .corpus import DATA_DIR, Article
from .lexicon import Matcher, read_lexicon
from .spans import Span
from .text import normalize

WEAPONS_FILE = DATA_DIR / "weapons.csv"


@lru_cache(maxsize=8)
def weapon_matcher(path: Path = WEAPONS_FILE) -> Matcher:
    return Matcher(read_lexicon(path, ("id", "name_en", "name_ar", "aliases")))


def extract_weapons(article: Article, matcher: Matcher | None = None) -> list[Span]:
    """"قذائف مدفعية" -> Span(label="artillery_shells")."""
    return (matcher or weapon_matcher()).find(article.id, article.body, "weapon")


def weapon_class(phrase: str, matcher: Matcher | None = None) -> str:
    """The weapon class a counted noun names, or "": "قذيفة مدفعية" -> "artillery_shells",
    "صاروخين باليستيين" -> "ballistic_missiles" (the dual read as its singular)."""
    from .quantities import noun_forms  # the noun's singular forms; quantities imports this module

    matcher = matcher or weapon_matcher()
    words = normalize(phrase).split()
    if not words:
        return ""
    rest = [" ".join(w[:-3] + "ي" if w.endswith(("يين", "يان")) else
                     w[:-4] + "يه" if w.endswith(("يتين", "يتان")) else w for w in words[1:])]
    for candidate in [phrase] + [f"{form} {r}".strip() for form in noun_forms(words[0]) for r in rest + [""]]:
        spans = matcher.find("", candidate, "weapon")
        if spans:
            return max(spans, key=lambda s: s.end - s.start).label
    return ""
