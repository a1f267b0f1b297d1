"""Which media and agencies an article relies on: an outlet named in an attribution.

"بحسب موقع "إن تي في" الألماني" -> n_tv, cue بحسب; "ونقلت وكالة "إنترفاكس" للأنباء عن
شويجو" -> interfax, cue نقلت; "المصدر: رويترز" -> reuters, cue المصدر:. An outlet named
without such a cue (in a photo credit, say) is not a cited source. "وذكرت الصحيفة" points
back to the last outlet named before it. The cues come from data/source_cues.csv (cue,kind).
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .corpus import DATA_DIR, Article
from .entities import entity_field, entity_matcher, extract_entities
from .lexicon import LexiconError
from .spans import Span
from .text import normalize_with_offsets, normalized_key

SOURCE_CUES_FILE = DATA_DIR / "source_cues.csv"
# Between a cue and the outlet's name: "لـ", "صحيفة", "وكالة", "تقرير نشرته", quotation marks.
_OUTLET_WORDS = r"(?:[\s\"“”«»:]|(?<!\w)[وفل](?=\w|$)|(?<!\w)(?:ال)?(?:صحيفه|جريده|وكاله|موقع|شبكه|قناه|مجله|تقرير|لتقرير|لصحيفه|لوكاله|لموقع)(?!\w))*"
# "قال مسؤول لـ"نيويورك تايمز"", "قالوا لصحيفة ...": words said to an outlet
_SAID_TO = re.compile(r"(?<!\w)[وف]?(?:قال|قالت|قالوا|صرح|صرحت|اكد|اكدت)(?:\s+\S+){0,3}\s+ل(?:ـ)?\s*(?:صحيفه|وكاله|موقع)?\s*[\"“«]?$")
_BACK_REFERENCE = re.compile(r"(?<!\w)(?:[وف]?(?:ذكرت|قالت|افادت|اوردت|نشرت|اضافت|تابعت)\s+)(?P<ref>الصحيفه|الوكاله|الموقع)(?!\w)")
_SENTENCE_START = re.compile(r"[.!?؟\n]")


class SourceCueError(LexiconError):
    """A source_cues.csv that cannot be used; the message names the line and the fix."""


@dataclass(frozen=True)
class Cues:
    kind: dict  # normalised cue -> kind ("according to", "quoting", "reported", "source line")
    regex: re.Pattern  # a cue right before an outlet's name (searched on the text before it)


@lru_cache(maxsize=4)
def load_source_cues(path: Path = SOURCE_CUES_FILE) -> Cues:
    """Read data/source_cues.csv: "بحسب,according to"."""
    kind = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                cue = normalized_key((row.get("cue") or "").strip())
                if not cue:
                    raise SourceCueError(f"{path.name} line {line}: the cue is empty.")
                kind[cue] = (row.get("kind") or "").strip()
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourceCueError(f"{path.name}: cannot be read ({error}).") from error
    alternation = "|".join(r"\s*".join(map(re.escape, c.split())) for c in sorted(kind, key=len, reverse=True))
    return Cues(kind, re.compile(rf"(?<!\w)[وف]?(?:ما\s+)?(?P<cue>{alternation}){_OUTLET_WORDS}$"))


def _is_media(entity_id: str) -> bool:
    entry = entity_matcher().entries.get(entity_id)
    return bool(entry) and entry.fields.get("type") == "media"


def extract_cited_sources(article: Article, entities: list[Span] | None = None) -> list[Span]:
    """Source spans over the outlet's name; label is its entity id. data: cue (as written),
    cue_kind, resolved_by ("name", or "back-reference" for "وذكرت الصحيفة")."""
    cues = load_source_cues()
    text = article.body
    nt = normalize_with_offsets(text)
    norm = nt.normalized
    media = sorted((e for e in (entities if entities is not None else extract_entities(article)) if _is_media(e.label)),
                   key=lambda e: e.start)
    spans = []
    for entity in media:
        at = bisect_left(nt.offsets, entity.start)  # the entity's start in the normalised text
        line_start = max((m.end() for m in _SENTENCE_START.finditer(norm, max(0, at - 120), at)), default=max(0, at - 120))
        before = norm[line_start:at]
        if norm[at] == "ل" and not entity.data.get("alias", "").startswith("ل"):
            before += "ل"  # the matcher took the proclitic in: "قالوا لصحيفة نيويورك تايمز"
        found = cues.regex.search(before)
        if found:
            cue_key = " ".join(found.group("cue").split())
            kind = cues.kind.get(cue_key, "")
            c_start, c_end = line_start + found.start("cue"), line_start + found.end("cue")
        else:
            said = _SAID_TO.search(before)
            if not said:
                continue
            c_start, c_end, kind = line_start + said.start(), line_start + said.end(), "said to"
        s, e = nt.to_original(c_start, c_end)
        spans.append(Span(article.id, entity.start, entity.end, entity.text, "source", entity.label,
                          {"cue": text[s:e].strip(), "cue_kind": kind, "resolved_by": "name"}))
    for ref in _BACK_REFERENCE.finditer(norm) if media else ():  # no outlet named: nothing to refer back to
        start, end = nt.to_original(ref.start("ref"), ref.end("ref"))
        earlier = [m for m in media if m.end <= start]
        if earlier:
            cue_start, cue_end = nt.to_original(ref.start(), ref.start("ref"))
            spans.append(Span(article.id, start, end, text[start:end], "source", earlier[-1].label,
                              {"cue": text[cue_start:cue_end].strip(), "cue_kind": "reported",
                               "resolved_by": "back-reference"}))
    return sorted(spans, key=lambda s: s.start)


class SourceRow(NamedTuple):
    """The columns a cited outlet adds to its span row (the sources table)."""
    source: str
    source_ar: str
    source_en: str
    cue: str
    cue_kind: str
    resolved_by: str

    @classmethod
    def of(cls, span: Span) -> "SourceRow":
        d = span.data
        return cls(source=span.label, source_ar=entity_field(span.label, "name_ar"),
                   source_en=entity_field(span.label, "name_en"), cue=d["cue"], cue_kind=d["cue_kind"],
                   resolved_by=d["resolved_by"])
