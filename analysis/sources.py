"""Which media and agencies an article relies on: an outlet named in an attribution.

"بحسب موقع "إن تي في" الألماني" -> n_tv, cue بحسب; "ونقلت وكالة "إنترفاكس" للأنباء عن
شويجو" -> interfax, cue نقلت; "المصدر: رويترز" -> reuters, cue المصدر:. An outlet named
without such a cue (in a photo credit, say) is not a cited source. "وذكرت الصحيفة" points
back to the last outlet named before it. Wire and source lines at the top or the bottom of an
article ("الرياض - واس:"، "(رويترز)"، "• رويترز"، "المصدر: البيان") say where the article came
from; `article_wire` fills the article's wire from them. The cues come from
data/source_cues.csv (cue,kind), the agencies' short codes (واس، وام، بنا) from data/wire_codes.csv.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .corpus import DATA_DIR, Article
from .entities import entity_matcher, extract_entities
from .lexicon import LexiconError
from .spans import Span
from .text import normalize_with_offsets, normalized_key

SOURCE_CUES_FILE = DATA_DIR / "source_cues.csv"
WIRE_CODES_FILE = DATA_DIR / "wire_codes.csv"
# Between a cue and the outlet's name: "لـ", "صحيفة", "وكالة", "تقرير نشرته", quotation marks,
# "لما ذكرته", and up to four words after وكالة: "وكالة الأنباء الكورية الجنوبية «يونهاب»".
_OUTLET_WORDS = (r"(?:\s*ل?ما\s+\w+)?(?:[\s\"“”«»:ـ]|(?<!\w)[وفل](?=\w|$)|(?<!\w)(?:ال)?(?:صحيفه|جريده|"
                 r"وكاله|موقع|شبكه|قناه|مجله|تقرير|لتقرير|لصحيفه|لوكاله|لموقع)(?!\w)(?:\s+[^\s\"“«]+){0,4}?)*")
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


@lru_cache(maxsize=4)
def load_wire_codes(path: Path = WIRE_CODES_FILE) -> dict[str, str]:
    """Read data/wire_codes.csv: "واس,spa" — a short code an agency signs with, and its entity."""
    codes = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                code, entity = normalized_key((row.get("code") or "").strip()), (row.get("entity") or "").strip()
                if not code or not entity:
                    raise SourceCueError(f"{path.name} line {line}: give a code and its entity id.")
                codes[code] = entity
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourceCueError(f"{path.name}: cannot be read ({error}).") from error
    return codes


@lru_cache(maxsize=4)
def _wire_line_patterns() -> tuple[dict[str, str], re.Pattern, re.Pattern, re.Pattern]:
    """(name -> entity id, a dateline's wire, a line that is only a wire, a wire closing a line),
    over the short codes and every alias of a media entity, normalised."""
    names = {}
    for entry in entity_matcher().entries.values():
        if entry.fields.get("type") == "media":
            for alias in entry.aliases:
                names.setdefault(normalized_key(alias), entry.id)
    names.update(load_wire_codes())
    alternation = "|".join(r"\s*".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))
    name = rf"(?P<name>{alternation})(?!\w)"
    # "الرياض - واس:"، "واس - الرياض:"، "جدة (رويترز) -"، "(واس) -"
    dateline = re.compile(rf"^[\W]{{0,3}}(?:[^\W\d][\w ]{{0,25}}?\s*[-–(/]\s*)?\(?\s*{name}\s*\)?\s*(?:[-–:/]|$)"
                          rf"|^[\W]{{0,3}}\(?\s*{name.replace('name', 'name2')}\s*\)?\s*[-–]\s*[^\W\d][\w ]{{0,25}}?\s*[:\-–]")
    alone = re.compile(rf"^[\s•·*\-–—(]*(?:(?:المصدر|المصادر|نقلا\s+عن|عن)\s*:?\s*)?\(?\s*{name}\s*\)?[\s.،)]*$")
    closing = re.compile(rf"\(\s*{name}\s*\)[\s.]*$")
    return names, dateline, alone, closing


_SOURCE_LINE = re.compile(r"^[\s•·*\-–—]*(?P<cue>المصدر|المصادر)\s*:\s*(?P<name>[^\n:]{2,40}?)[\s.]*$")


def wire_lines(article: Article) -> list[Span]:
    """Where an article says it came from, in its first or last two lines: "الرياض - واس:",
    "(رويترز)", "• رويترز", "المصدر: البيان" (with or without the space; an outlet not in the
    lexicon keeps its name and an empty label). data cue_kind "wire line" or "source line"."""
    text = article.body
    lines, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((at, line))
        at += len(line) + 1
    if not lines:
        return []
    names, dateline, alone, closing = _wire_line_patterns()
    picked = lines[:2] + [l for l in lines[-2:] if l not in lines[:2]]
    spans = []
    for index, (start, line) in enumerate(picked):
        nt = normalize_with_offsets(line)
        norm = nt.normalized
        tried = [(alone, "wire line"), (closing, "wire line")] + ([(dateline, "wire line")] if index == 0 else [])
        found = None
        for pattern, kind in tried:
            m = pattern.search(norm)
            if m:
                group = "name" if m.group("name") else "name2"
                found = (m.start(group), m.end(group), names[" ".join(m.group(group).split())], kind, m)
                break
        if found is None:
            m = _SOURCE_LINE.match(norm)
            if not m or len(m.group("name").split()) > 4:
                continue
            key = " ".join(m.group("name").split())
            label = next((names[k] for k in (key, "صحيفه " + key, "جريده " + key, "وكاله " + key) if k in names), "")
            found = (m.start("name"), m.end("name"), label, "source line", m)
        a, b, label, kind, m = found
        s_, e_ = nt.to_original(a, b)
        c_, d_ = nt.to_original(m.start(), m.end())
        cue = "المصدر:" if "المصدر" in m.group() else line[c_:d_].strip()[:60]
        spans.append(Span(article.id, start + s_, start + e_, line[s_:e_], "source", label,
                          {"cue": cue, "cue_kind": "source line" if "المصدر" in m.group() else kind,
                           "resolved_by": "name" if label else "line"}))
    return spans


def article_wire(article: Article, sources: list[Span]) -> tuple[str, str]:
    """(wire, where it came from): the metadata's, else the first wire or source line's
    ("واس", 'wire line "الرياض - واس:"'); ("", "") when neither says."""
    if article.wire:
        return article.wire, "metadata"
    for span in sources:
        if span.data.get("cue_kind") in ("wire line", "source line"):
            name = _entity_name(span.label) or span.text.strip()
            line_start = article.body.rfind("\n", 0, span.start) + 1
            line_end = article.body.find("\n", span.end)
            line = article.body[line_start:line_end if line_end >= 0 else len(article.body)].strip()
            return name, f'{span.data["cue_kind"]} "{line[:80]}"'
    return "", ""


def _entity_name(entity_id: str) -> str:
    entry = entity_matcher().entries.get(entity_id)
    return entry.fields.get("name_ar", "") if entry else ""


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
    lines = wire_lines(article)
    spans = [s for s in spans if not any(s.overlaps(l.start, l.end) for l in lines)] + lines
    spans.sort(key=lambda s: s.start)
    # "وكالة الأنباء السعودية (واس)": one citation, not two
    kept = []
    for span in spans:
        if kept and kept[-1].label == span.label and span.label and 0 <= span.start - kept[-1].end <= 3:
            continue
        kept.append(span)
    return kept
