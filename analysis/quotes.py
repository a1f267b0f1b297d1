"""Who said what: a speech verb, its speaker and what was said, direct or reported.

Arabic news puts the verb first: "وقال مستشار الأمن القومي الأمريكي جيك سوليفان للصحفيين،
إن ..." -> speaker jake_sullivan, reported speech after إن; "وقال بيسكوف: “لا، لا أستطيع”"
-> direct speech; "ونقلت وكالة إنترفاكس عن شويجو قوله: ..." -> speaker sergei_shoigu, relayed
by interfax. A speaker given by role only ("مسؤول أمريكي") stays unnamed with its description.
The verbs come from data/speech_verbs.csv (verb,gloss,relay), which users can edit.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ahocorasick import Automaton

from .corpus import DATA_DIR, Article
from .entities import entity_field, entity_matcher, extract_entities
from .lexicon import LexiconError, automaton_of, words_in
from .spans import Span
from .text import NormalizedText, normalize, normalize_with_offsets

SPEECH_VERBS_FILE = DATA_DIR / "speech_verbs.csv"

OPENING, CLOSING, STRAIGHT = "“«", "”»", '"'
# The words that open what was said: إن، أن، بأن، إنه، أنها... (normalised), or a colon.
_CONTENT_WORD = re.compile(r"(?<!\w)(?:من\s+)?[فب]?ان(?:ه|ها|هم|هما)?(?!\w)")
# Where a speaker's description stops and the circumstances begin ("، يوم الثلاثاء،",
# "للصحفيين", "في ذلك الوقت", "هذا الأسبوع", "نقلا عن مسؤولين").
_ADJUNCT = re.compile(
    r"[،,(]|(?<!\w)ل[\"“«]|(?<!\w)(?:له|لها|لهم|لنا|لي|لك|في|يوم|خلال|حينها|حينذاك|امس|اليوم|هذا|هذه|ايضا|مؤخرا|بمؤتمر|بيان|"
    r"للصحفيين|للصحافيين|لصحيفه|لوكاله|لموقع|نقلا|وفقا|عن|بعد|قبل|عند|الاثنين|الثلاثاء|"
    r"الاربعاء|الخميس|الجمعه|السبت|الاحد)(?!\w)")
# A description that starts with one of these names a role, not a person or a body.
ROLE_WORDS = {"مسؤول", "مسؤولون", "مسؤولين", "مسؤوله", "مصدر", "مصادر", "متحدث", "متحدثه", "وزير",
              "مستشار", "خبير", "خبراء", "محلل", "محللون", "محللين", "دبلوماسي", "دبلوماسيون",
              "مدير", "رئيس", "نائب", "ناطق", "الناطق", "المتحدث", "المتحدثه", "مسؤولو"}
# "الصحيفة" and "الوكالة" point back to the last outlet named before them.
BACK_REFERENCES = {"الصحيفه", "الوكاله", "الموقع", "الشبكه", "القناه"}
# Plural verbs whose subject came first: "لكن مسؤولين أمريكيين قالوا لصحيفة ... إنه".
_LEFT_BOUNDARY = re.compile(r"[،,.:؛]|(?<!\w)(?:لكن|ولكن|بينما|فيما|و|ثم)(?!\w)")
MAX_SPEAKER_WORDS = 25
_CONTINUATION = re.compile(r"\s*[،,]\s*(?:[وف]|فيما\s+|بينما\s+)?$")
_HIS_WORDS = re.compile(r"(?<!\w)قول(?:ه|ها|هم)(?!\w)\s*:?")  # "عن شويجو قوله:"
_FROM = re.compile(r"(?<!\w)عن(?!\w)")
_COMMA = re.compile(r"[،,]")


class SpeechVerbError(LexiconError):
    """A speech_verbs.csv that cannot be used; the message names the line and the fix."""


@dataclass(frozen=True)
class SpeechVerbs:
    gloss: dict  # normalised verb -> English gloss
    relay: frozenset  # verbs that pass on another's words: نقل، نقلت
    automaton: Automaton  # finds every verb form (lexicon.words_in)


@lru_cache(maxsize=4)
def load_speech_verbs(path: Path = SPEECH_VERBS_FILE) -> SpeechVerbs:
    """Read data/speech_verbs.csv: "قالت,said," — one inflected form per row."""
    gloss, relay = {}, set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                verb = normalize((row.get("verb") or "").strip())
                if not verb or " " in verb:
                    raise SpeechVerbError(f"{path.name} line {line}: give one verb form (one word).")
                gloss[verb] = (row.get("gloss") or "").strip()
                if (row.get("relay") or "").strip():
                    relay.add(verb)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SpeechVerbError(f"{path.name}: cannot be read ({error}).") from error
    return SpeechVerbs(gloss, frozenset(relay), automaton_of(gloss))


# ---------------------------------------------------------------- clause scanning

# The characters clause_end reads; re skips the others far faster than a loop over characters.
_CLAUSE_MARKS = re.compile("[" + re.escape("\n" + OPENING + CLOSING + STRAIGHT + ".!?؟") + "]")


def clause_end(text: str, at: int) -> int:
    """Where the sentence that runs on from `at` ends: the first . ! ? ؟ outside quotation
    marks, or the line end ("“لا، لا أستطيع. ليس هناك ما أقوله”." is one sentence)."""
    inside = False
    for mark in _CLAUSE_MARKS.finditer(text, at):
        char = mark.group()
        if char == "\n":
            return mark.start()
        if char in OPENING and not inside:
            inside = True
        elif char in CLOSING and inside:
            inside = False
        elif char == STRAIGHT:
            inside = not inside
        elif char in ".!?؟" and not inside:
            return mark.start()
    return len(text)


def quoted_stretch(text: str, at: int) -> tuple[int, int] | None:
    """[start, end) inside the quotation marks that open at `at`, or None."""
    if at >= len(text) or text[at] not in OPENING + STRAIGHT:
        return None
    for i in range(at + 1, len(text)):  # copied text mixes “ with " : either closes
        if text[i] in CLOSING + STRAIGHT or text[i] == "\n":
            return (at + 1, i) if text[i] != "\n" else None
    return None


def _is_direct_opening(text: str, at: int, end: int) -> bool:
    """A quotation mark that opens what was said: its stretch runs to the clause end."""
    stretch = quoted_stretch(text, at)
    return bool(stretch) and not re.sub(r"[\s.،,”\"»]", "", text[stretch[1]:end])


# ---------------------------------------------------------------- speakers

@dataclass(frozen=True)
class Speaker:
    description: str  # as written: "مستشار الأمن القومي الأمريكي جيك سوليفان"
    entity: str  # entity id, "" for an unnamed speaker
    basis: str  # named, role, back-reference, previous speaker, unlisted (not in entities.csv)
    affiliation: str = ""  # for an unnamed speaker, the body named in the description


def _entity_type(entity_id: str) -> str:
    entry = entity_matcher().entries.get(entity_id)
    return entry.fields.get("type", "") if entry else ""


def _clean(description: str) -> str:
    """A description without quotation marks or edge punctuation: 'صحيفة "نيويورك تايمز"'."""
    return re.sub(r"[\"“”«»]", "", description).strip(" \t،,:")


def identify_speaker(text: str, nt: NormalizedText, start: int, end: int, entities: list[Span],
                     before: int) -> Speaker | None:
    """The speaker named in normalised [start, end): a person first, else a role ("مسؤول
    أمريكي" stays unnamed), else a body or outlet, else "الصحيفة" -> the last outlet named
    before `before`. None when the stretch names nobody."""
    region = nt.normalized[start:end]
    cut = _ADJUNCT.search(region)
    stop = start + (cut.start() if cut else len(region))
    o_start, o_stop = nt.to_original(start, stop)
    inside = [e for e in entities if o_start <= e.start < o_stop]
    o_stop = max([o_stop] + [e.end for e in inside])
    description = _clean(text[o_start:o_stop])
    if not description:
        return None
    words = normalize(description).split()
    head = words[0] if words else ""
    people = [e for e in inside if _entity_type(e.label) == "person"]
    bodies = [e for e in inside if _entity_type(e.label) != "person"]
    if people:
        return Speaker(description, people[0].label, "named")
    if head in ROLE_WORDS or head.removeprefix("ال") in ROLE_WORDS:
        # "مسؤولون في المكتب الرئاسي في سيول": the body may come after the cut
        e_start, e_end = nt.to_original(start, end)
        later = [e for e in entities if e_start <= e.start < e_end and _entity_type(e.label) not in ("person", "media")]
        affiliation = (bodies and [b for b in bodies if _entity_type(b.label) != "media"] or later or [None])[0]
        if affiliation is not None and affiliation.end > o_stop:
            description = _clean(text[o_start:affiliation.end])
        return Speaker(description, "", "role", affiliation.label if affiliation else "")
    if bodies:
        return Speaker(description, bodies[0].label, "named")
    if head in BACK_REFERENCES:
        earlier = [e for e in entities if e.end <= before and _entity_type(e.label) == "media"]
        if earlier:
            return Speaker(description, earlier[-1].label, "back-reference")
    return Speaker(description, "", "unlisted")  # a name or body not in the entity lexicon


def _left_subject(text: str, nt: NormalizedText, verb_start: int, entities: list[Span]) -> Speaker | None:
    """The subject written before a plural verb: "لكن مسؤولين أمريكيين قالوا"."""
    region_start = max((m.end() for m in _LEFT_BOUNDARY.finditer(nt.normalized, max(0, verb_start - 80), verb_start)),
                       default=max(0, verb_start - 80))
    if len(nt.normalized[region_start:verb_start].split()) > 5:
        return None
    return identify_speaker(text, nt, region_start, verb_start, entities, verb_start)


# ---------------------------------------------------------------- quotes

@dataclass
class _Found:
    verb_start: int  # normalised offsets
    content_start: int
    content_end: int
    verb: str
    speaker: Speaker
    direct: bool
    via: str = ""
    addressee: str = ""


def _addressee(text: str, nt: NormalizedText, start: int, stop: int, entities: list[Span],
               speaker: Speaker | None) -> str:
    """An outlet spoken to: "قال مسؤول لـ"نيويورك تايمز"" -> "نيويورك تايمز"."""
    o_start, o_stop = nt.to_original(start, stop)
    for e in entities:
        if o_start <= e.start < o_stop and _entity_type(e.label) == "media" and (not speaker or e.label != speaker.entity):
            if re.search(r"ل[ـ\"“«\s]*(?:صحيفة|صحيفه|وكالة|وكاله|موقع)?\s*[\"“«]?$", text[o_start:e.start]) or normalize(e.text).startswith("ل"):
                return e.text
    return ""


def _content_start(norm: str, after: int, end: int, relay: bool) -> tuple[int, int] | None:
    """(where the speaker stretch ends, where the words said begin), or None: not a quote."""
    window_end = min(end, after + 400)
    if relay:  # نقلت وكالة إنترفاكس عن شويجو قوله: ...
        said = _HIS_WORDS.search(norm, after, window_end)
        if said:
            return said.start(), said.end()
    candidates = []
    colon = norm.find(":", after, window_end)
    if colon >= 0:
        candidates.append((colon, colon + 1))
    word = _CONTENT_WORD.search(norm, after, window_end)
    if word:
        candidates.append((word.start(), word.end()))
    if candidates:
        stop, begin = min(candidates)
        if len(norm[after:stop].split()) <= MAX_SPEAKER_WORDS:
            return stop, begin
    for i in range(after, window_end):  # "وقال كيم في الرسالة ... "العدالة ستنتصر..."
        if norm[i] in OPENING + STRAIGHT and _is_direct_opening(norm, i, end):
            if len(norm[after:i].split()) <= MAX_SPEAKER_WORDS:
                return i, i
            break
    comma = _COMMA.search(norm, after, window_end)  # "وقال كيربي في ذلك الوقت، ستحصل"
    if comma and len(norm[after:comma.start()].split()) <= 6 and len(norm[comma.end():end].split()) >= 3:
        return comma.start(), comma.end()
    return None


def find_quotes(article: Article, nt: NormalizedText, entities: list[Span] | None = None) -> list[_Found]:
    """The quotes of an article, in normalised offsets of `nt` (its normalised body)."""
    verbs = load_speech_verbs()
    text = nt.original
    norm = nt.normalized
    entities = sorted(entities if entities is not None else extract_entities(article), key=lambda e: e.start)
    found: list[_Found] = []
    for verb_start, verb_end, verb in words_in(verbs.automaton, norm):  # "وقال": و + قال
        previous = found[-1] if found else None
        continuing = None
        if previous and previous.content_start <= verb_start < previous.content_end:
            # "، وحذر ..." or "، فيما ذكر ..." inside the last quote's sentence goes on with its
            # speaker; any other speech verb inside what was said belongs to the quote
            continuing = _CONTINUATION.search(norm, previous.content_start, verb_start)
            if not continuing:
                continue
        end = clause_end(norm, verb_end)
        located = _content_start(norm, verb_end, end, verb in verbs.relay)
        if not located:
            continue
        stop, begin = located
        via, addressee, speaker = "", "", None
        if verb in verbs.relay:
            source = _FROM.search(norm, verb_end, stop)
            if not source:
                continue
            teller = identify_speaker(text, nt, verb_end, source.start(), entities, verb_start)
            via = teller.entity if teller else ""
            speaker = identify_speaker(text, nt, source.end(), stop, entities, verb_start)
        elif continuing:
            previous.content_end = min(previous.content_end, continuing.start())
            speaker = Speaker(previous.speaker.description, previous.speaker.entity, "previous speaker",
                              previous.speaker.affiliation)
            if verb.startswith("حذر"):  # "وحذر الزعيم كيم جونغ أون، من أن": the one warned
                s, e = nt.to_original(verb_end, stop)
                addressee = text[s:e].strip(" ،,")
        else:
            speaker = identify_speaker(text, nt, verb_end, stop, entities, verb_start)
            if speaker is None and verb.endswith("وا"):
                speaker = _left_subject(text, nt, verb_start, entities)
            addressee = _addressee(text, nt, verb_end, stop, entities, speaker)
            if speaker is None and previous:  # "وتابعت: ..." goes on with the last speaker
                speaker = Speaker(previous.speaker.description, previous.speaker.entity, "previous speaker",
                                  previous.speaker.affiliation)
        if speaker is None:
            continue
        begin = begin + len(norm[begin:end]) - len(norm[begin:end].lstrip())
        direct = begin < end and norm[begin] in OPENING + STRAIGHT
        found.append(_Found(verb_start, begin, end, verb, speaker, direct, via, addressee))
    return found


def _said(text: str, start: int, end: int, direct: bool) -> tuple[int, int]:
    """The words said: inside the first quotation marks of a direct quote, else the clause."""
    if direct:
        stretch = quoted_stretch(text, start)
        if stretch:
            return stretch
    while end > start and text[end - 1] in " .،,":
        end -= 1
    return start, end


def extract_quotes(article: Article, entities: list[Span] | None = None) -> list[Span]:
    """Quote spans from the verb to the end of what was said; label is the speaker's entity
    id ("" when unnamed). data: verb, speaker (description as written), speaker_entity,
    speaker_basis, affiliation, quote (the words said), quote_start/quote_end (original
    offsets), direct, via (outlet relaying it), addressee."""
    verbs = load_speech_verbs()
    text = article.body
    nt = normalize_with_offsets(text)
    spans = []
    for q in find_quotes(article, nt, entities):
        c_start, c_end = nt.to_original(q.content_start, q.content_end)
        s_start, s_end = _said(text, c_start, c_end, q.direct)
        start = nt.to_original(q.verb_start, q.verb_start + 1)[0]
        span_end = max(c_end, s_end)
        spans.append(Span(article.id, start, span_end, article.text[start:span_end], "quote", q.speaker.entity, {
            "verb": q.verb, "verb_en": verbs.gloss.get(q.verb, ""),
            "speaker": q.speaker.description, "speaker_entity": q.speaker.entity,
            "speaker_basis": q.speaker.basis, "affiliation": q.speaker.affiliation,
            "quote": article.text[s_start:s_end], "quote_start": s_start, "quote_end": s_end,
            "direct": q.direct, "via": q.via, "addressee": q.addressee,
        }))
    return spans


class QuoteRow(NamedTuple):
    """The columns a quote adds to its span row (the quotes table): who said what, how."""
    speaker: str
    speaker_entity: str
    speaker_name_en: str
    speaker_type: str
    speaker_basis: str
    affiliation: str
    verb: str
    verb_en: str
    quote: str
    quote_start: int
    quote_end: int
    direct: bool
    via: str
    addressee: str

    @classmethod
    def of(cls, span: Span) -> "QuoteRow":
        d = span.data
        return cls(speaker=d["speaker"], speaker_entity=d["speaker_entity"],
                   speaker_name_en=entity_field(d["speaker_entity"], "name_en"),
                   speaker_type=entity_field(d["speaker_entity"], "type"), speaker_basis=d["speaker_basis"],
                   affiliation=d["affiliation"], verb=d["verb"], verb_en=d["verb_en"], quote=d["quote"],
                   quote_start=d["quote_start"], quote_end=d["quote_end"], direct=d["direct"], via=d["via"],
                   addressee=d["addressee"])
