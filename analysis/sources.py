"""Which media and agencies an article relies on: an outlet named in an attribution.

"بحسب موقع "إن تي في" الألماني" -> n_tv, cue بحسب; "ونقلت وكالة "إنترفاكس" للأنباء عن
شويجو" -> interfax, cue نقلت; "المصدر: رويترز" -> reuters, cue المصدر:. An outlet named
without such a cue (in a photo credit, say) is not a cited source, nor is the article's own
outlet: "قال مسؤول لـ«الشرق الأوسط»" in Asharq Al-Awsat is its own reporting. "وذكرت الصحيفة" points
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
from typing import NamedTuple

from ahocorasick import Automaton

from .corpus import DATA_DIR, Article
from .entities import entity_field, entity_matcher, extract_entities
from .lexicon import LexiconError, automaton_of, words_in
from .quotes import load_speech_verbs
from .spans import ByStart, Span
from .text import finditer_in_clauses, normalize_with_offsets, normalized_key

SOURCE_CUES_FILE = DATA_DIR / "source_cues.csv"
WIRE_CODES_FILE = DATA_DIR / "wire_codes.csv"
# Between a cue and the outlet's name: "لـ", "صحيفة", "وكالة", "تقرير نشرته", quotation marks,
# "لما ذكرته", and up to four words after وكالة: "وكالة الأنباء الكورية الجنوبية «يونهاب»".
_OUTLET_WORDS = (
    r"(?:\s*ل?ما\s+\w+)?(?:[\s\"“”«»:ـ]|(?<!\w)[وفل](?=\w|$)|(?<!\w)(?:ال)?(?:صحيفه|جريده|"
    r"وكاله|موقع|شبكه|قناه|مجله|تقرير|لتقرير|لصحيفه|لوكاله|لموقع)(?!\w)(?:\s+[^\s\"“«]+){0,4}?)*"
)
# "قال مسؤول لـ"نيويورك تايمز"", "قالوا لصحيفة ...": words said to an outlet
_SAID_TO = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|قالوا|صرح|صرحت|اكد|اكدت)(?:\s+\S+){0,3}\s+ل(?:ـ)?\s*(?:صحيفه|وكاله|موقع)?\s*[\"“«]?$"
)
_BACK_REFERENCE = re.compile(
    r"(?<!\w)(?:[وف]?(?:ذكرت|قالت|افادت|اوردت|نشرت|اضافت|تابعت|نقلت|اشارت|اكدت|اوضحت|كشفت|تضيف|تقول|تابعت)\s+|"
    r"[وف]?(?:بحسب|حسب|وفق|وفقا\s*ل|طبقا\s*ل)\s*|(?<=\s))(?P<ref>الصحيفه|الوكاله|الموقع|الشبكه|القناه|للصحيفه|للوكاله|للموقع|للشبكه|للقناه)(?!\w)"
)
_BACK_REFERENCE_ANCHOR = re.compile("لصحيفه|لوكاله|لموقع|لشبكه|لقناه")  # in every ref, ال or لل before it
_SENTENCE_START = re.compile(r"[.!?؟\n]")
# An outlet told something: "أفاد مصدر ... وكالة فرانس برس"، "صرح لـ"
_TOLD = re.compile(
    r"(?<!\w)[وف]?(?:افاد|افادت|صرح|صرحت|ابلغ|ابلغت|اكد|اكدت|قال|قالت)(?:\s+\S+){0,5}\s+(?:ل|لـ)?\s*[\"“«]?$"
)


def _speech_verb_before(before: str) -> tuple[int, int] | None:
    """[start, end) of the last speech verb (data/speech_verbs.csv) in the text before an outlet."""
    hits = words_in(load_speech_verbs().automaton, before)
    return hits[-1][:2] if hits else None


class SourceCueError(LexiconError):
    """A source_cues.csv that cannot be used; the message names the line and the fix."""


@dataclass(frozen=True)
class Cues:
    kind: dict  # normalised cue -> kind ("according to", "quoting", "reported", "source line")
    regex: re.Pattern  # a cue right before an outlet's name (searched on the text before it)


@lru_cache(maxsize=4)
def load_source_cues(path: Path = SOURCE_CUES_FILE) -> Cues:
    """Read data/source_cues.csv: "بحسب,according to"."""
    kind = {}  # every speech verb reports too: "وأشارت صحيفة الوطن إلى أن"
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                cue = normalized_key((row.get("cue") or "").strip())
                if not cue:
                    raise SourceCueError(f"{path.name} line {line}: the cue is empty.")
                kind[cue] = (row.get("kind") or "").strip()
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourceCueError(f"{path.name}: cannot be read ({error}).") from error
    for verb in load_speech_verbs().gloss:
        kind.setdefault(verb, "reported")
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
def _wire_line_patterns() -> tuple[dict[str, str], re.Pattern, re.Pattern, re.Pattern, Automaton]:
    """(name -> entity id, a dateline's wire, a line that is only a wire, a wire closing a line,
    an automaton finding any of the names), over the short codes and every media alias, normalised."""
    names = {}
    for entry in entity_matcher().entries.values():
        if entry.fields.get("type") == "media":
            for alias in entry.aliases:
                names.setdefault(normalized_key(alias), entry.id)
    names.update(load_wire_codes())
    alternation = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))
    name = rf"(?<!\w)(?P<name>{alternation})(?!\w)"
    # "الرياض - واس:"، "واس - الرياض:"، "جدة (رويترز) -"، "(واس) -"
    dateline = re.compile(
        rf"^[\W]{{0,3}}(?:[^\W\d][\w ]{{0,25}}?\s*[-–(/]\s*)?\(?\s*{name}\s*\)?\s*(?:[-–:/]|$)"
        rf"|^[\W]{{0,3}}\(?\s*{name.replace('name', 'name2')}\s*\)?\s*[-–]\s*[^\W\d][\w ]{{0,25}}?\s*[:\-–]"
    )
    alone = re.compile(rf"^[\s•·*\-–—(]*(?:(?:المصدر|المصادر|نقلا\s+عن|عن)\s*:?\s*)?\(?\s*{name}\s*\)?[\s.،)]*$")
    closing = re.compile(
        rf"\(\s*{name}\s*\)[\s.]*$|^(?=.*\d).{{0,80}}\s{name.replace('name', 'name2')}[\s.]*$"
    )  # "... 2015م واس"
    return names, dateline, alone, closing, automaton_of(names)


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
    names, dateline, alone, closing, any_name = _wire_line_patterns()
    picked = lines[:2] + [l for l in lines[-2:] if l not in lines[:2]]
    spans = []
    for index, (start, line) in enumerate(picked):
        nt = normalize_with_offsets(line)
        norm = nt.normalized
        if "المصدر" not in norm and not words_in(any_name, norm):
            continue  # names no agency or outlet: the patterns cannot match
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
        spans.append(
            Span(
                article.id,
                start + s_,
                start + e_,
                line[s_:e_],
                "source",
                label,
                {
                    "cue": cue,
                    "cue_kind": "source line" if "المصدر" in m.group() else kind,
                    "resolved_by": "name" if label else "line",
                },
            )
        )
    return spans


# An outlet the lexicon does not list, named after what it is: "وكالة دوجان للأنباء"، "صحيفة «اكسبرسين»"،
# "لصحيفة بوراس تيدنغ", "وكالة الأنباء دوغان": a name in quotation marks, or up to three words that
# are neither ال- adjectives ("الإيرانية") nor nisbas ("سورية") nor the words said ("أن").
_UNLISTED_OUTLET = re.compile(
    r"(?<!\w)[وفل]?(?:وكاله|صحيفه|جريده|شبكه|قناه|مجله|موقع)(?:\s+(?:ال)?انباء)?\s*"
    r"(?:[\"“«](?P<quoted>[^\"”»\n]{2,30})[\"”»″]|(?P<name>(?:(?!ال|لل|ان\b|انه|انها|بان|عن\b|في\b|من\b|علي\b|الي\b|قد\b|"
    r"يوم\b|امس\b|خلال\b|مع\b|حول\b|ذلك\b|هذه\b|هذا\b|التي\b|الذي\b)"
    r"(?!\w+(?:يه|ي)(?!\w))\w{2,}\s*){1,3}))"
)
_OUTLET_ANCHOR = re.compile("وكاله|صحيفه|جريده|شبكه|قناه|مجله|موقع")
_NOT_A_NAME = {"اخري", "محليه", "رسميه", "عربيه", "اجنبيه", "امريكيه", "غربيه", "الكترونيه", "نفسها", "ذاتها"}


UNLISTED = "unlisted:"  # the id of an outlet no lexicon lists: this and its name, normalised
_QUOTES_OFF = str.maketrans("", "", "\"“”«»″'")


def unlisted_name(written: str) -> str:
    """An outlet no lexicon lists as the article names it, without a proclitic or quotation
    marks: "لصحيفة «ذا صن»" -> "صحيفة ذا صن", "«تسنيم»" -> "تسنيم"."""
    name = " ".join(written.translate(_QUOTES_OFF).split())
    return name[1:] if name.startswith("ل") and _OUTLET_ANCHOR.match(normalized_key(name[1:])) else name


def _unlisted_outlets(article: Article, nt, cues: Cues, found: list[Span], media: list[Span]) -> list[Span]:
    """Outlets cited by what they are ("وكالة", "صحيفة") but not in the entity lexicon; label "",
    data resolved_by "unlisted"."""
    taken = ByStart(found + media)
    norm, text = nt.normalized, nt.original
    spans = []
    for m in finditer_in_clauses(_UNLISTED_OUTLET, norm, _OUTLET_ANCHOR):
        group = "quoted" if m.group("quoted") else "name"
        a, b = m.start(group), m.end(group)
        b -= len(norm[a:b]) - len(norm[a:b].rstrip())
        name = norm[a:b]
        if not name or name in _NOT_A_NAME or len(name) < 3:
            continue
        s_, e_ = nt.to_original(m.start(), m.end())
        if taken.overlapping(s_, e_):
            continue
        line_start = max(
            (c.end() for c in _SENTENCE_START.finditer(norm, max(0, m.start() - 120), m.start())),
            default=max(0, m.start() - 120),
        )
        before = norm[line_start : m.start()] + ("ل" if norm[m.start()] == "ل" else "")
        cue = cues.regex.search(before) or _SAID_TO.search(before) or _TOLD.search(before)
        if not cue:
            continue
        o_a, o_b = nt.to_original(m.start(), b + (1 if group == "quoted" else 0))
        c_a, c_b = nt.to_original(line_start + cue.start(), line_start + cue.end())
        names = _wire_line_patterns()[0]  # "صحيفة "البيان"": a listed outlet in quotation marks
        label = next((names[k] for k in (name, "صحيفه " + name, "جريده " + name, "وكاله " + name) if k in names), "")
        spans.append(
            Span(
                article.id,
                o_a,
                o_b,
                text[o_a:o_b],
                "source",
                label,
                {
                    "cue": text[c_a:c_b].strip(),
                    "cue_kind": cues.kind.get(" ".join((cue.groupdict().get("cue") or "").split()), "reported"),
                    "resolved_by": "name" if label else "unlisted",
                },
            )
        )
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
            line = article.body[line_start : line_end if line_end >= 0 else len(article.body)].strip()
            return name, f'{span.data["cue_kind"]} "{line[:80]}"'
    return "", ""


def _entity_name(entity_id: str) -> str:
    entry = entity_matcher().entries.get(entity_id)
    return entry.fields.get("name_ar", "") if entry else ""


@lru_cache(maxsize=256)
def own_medium(outlet: str, outlet_en: str = "") -> str:
    """The media entity an article's outlet is, by its id, Arabic or English name or an alias
    ("aawsat", "الشرق الأوسط", "Asharq Al-Awsat"); "" when the lexicon lists none."""
    wanted = {normalized_key(name).casefold() for name in (outlet, outlet_en) if name}
    for entry in entity_matcher().entries.values():
        if entry.fields.get("type") == "media":
            names = {entry.id, entry.fields.get("name_ar", ""), entry.fields.get("name_en", ""), *entry.aliases}
            if wanted & {normalized_key(name).casefold() for name in names if name}:
                return entry.id
    return ""


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
    media = sorted(
        (e for e in (entities if entities is not None else extract_entities(article)) if _is_media(e.label)),
        key=lambda e: e.start,
    )
    spans = []
    for entity in media:
        at = bisect_left(nt.offsets, entity.start)  # the entity's start in the normalised text
        line_start = max(
            (m.end() for m in _SENTENCE_START.finditer(norm, max(0, at - 120), at)), default=max(0, at - 120)
        )
        before = norm[line_start:at]
        if norm[at] == "ل" and not entity.data.get("alias", "").startswith("ل"):
            before += "ل"  # the matcher took the proclitic in: "قالوا لصحيفة نيويورك تايمز"
        told = _SAID_TO.search(before) if before.endswith("ل") or before.rstrip(' "“«ـ').endswith("ل") else None
        found = None if told else cues.regex.search(before)  # "قالوا لصحيفة": said to it, not reported by it
        if found:
            cue_key = " ".join(found.group("cue").split())
            kind = cues.kind.get(cue_key, "")
            c_start, c_end = line_start + found.start("cue"), line_start + found.end("cue")
        else:
            said = told or _SAID_TO.search(before) or _TOLD.search(before)  # "وأفاد مصدر تركي وكالة فرانس برس"
            verb = (said.start(), said.end()) if said else None
            if verb is None and norm.startswith("ل", at) and not entity.data.get("alias", "").startswith("ل"):
                verb = _speech_verb_before(before)  # "قال مسؤول ... اليوم الثلاثاء لوكالة رويترز"
            if verb is None:
                continue
            c_start, c_end, kind = line_start + verb[0], line_start + verb[1], "said to"
        s, e = nt.to_original(c_start, c_end)
        spans.append(
            Span(
                article.id,
                entity.start,
                entity.end,
                entity.text,
                "source",
                entity.label,
                {"cue": text[s:e].strip(), "cue_kind": kind, "resolved_by": "name"},
            )
        )
    by_end, ended, latest = sorted(range(len(media)), key=lambda k: media[k].end), 0, -1
    refs = finditer_in_clauses(_BACK_REFERENCE, norm, _BACK_REFERENCE_ANCHOR) if media else ()
    for ref in refs:  # no outlet named: nothing to refer back to
        start, end = nt.to_original(ref.start("ref"), ref.end("ref"))
        while ended < len(by_end) and media[by_end[ended]].end <= start:  # one sweep, refs come in order
            latest, ended = max(latest, by_end[ended]), ended + 1  # the last by start of those ended
        if latest >= 0:
            cue_start, cue_end = nt.to_original(ref.start(), ref.start("ref"))
            spans.append(
                Span(
                    article.id,
                    start,
                    end,
                    text[start:end],
                    "source",
                    media[latest].label,
                    {"cue": text[cue_start:cue_end].strip(), "cue_kind": "reported", "resolved_by": "back-reference"},
                )
            )
    spans += _unlisted_outlets(article, nt, cues, spans, media)
    lines = wire_lines(article)
    spans = [s for s in spans if not any(s.overlaps(l.start, l.end) for l in lines)] + lines
    spans.sort(key=lambda s: s.start)
    # "وكالة الأنباء السعودية (واس)": one citation, not two; the outlet's own name is no citation
    kept, own = [], own_medium(article.outlet, article.outlet_en)
    for span in spans:
        if own and span.label == own:
            continue
        if kept and kept[-1].label == span.label and span.label and 0 <= span.start - kept[-1].end <= 3:
            continue
        kept.append(span)
    return kept


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
        name = entity_field(span.label, "name_ar") if span.label else unlisted_name(span.text)
        return cls(
            source=span.label or UNLISTED + normalized_key(name),  # each unlisted outlet its own
            source_ar=name,
            source_en=entity_field(span.label, "name_en"),
            cue=d["cue"],
            cue_kind=d["cue_kind"],
            resolved_by=d["resolved_by"],
        )
