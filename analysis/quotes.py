"""Who said what: a speech verb, its speaker and what was said, direct or reported.

Arabic news puts the verb first: "وقال مستشار الأمن القومي الأمريكي جيك سوليفان للصحفيين،
إن ..." -> speaker jake_sullivan, reported speech after إن; "وقال بيسكوف: “لا، لا أستطيع”"
-> direct speech; "ونقلت وكالة إنترفاكس عن شويجو قوله: ..." -> speaker sergei_shoigu, relayed
by interfax. A speaker given by role only ("مسؤول أمريكي") stays unnamed with its description.
Attributions without a verb count too: "قتل 5 أشخاص، بحسب الشرطة" -> the police said it.
A speaker left unsaid ("وقالت في تغريدة") or referred back to ("الوزارة", "المتحدث", "اللواء ف.")
is the one named before. The verbs come from data/speech_verbs.csv (verb,gloss,relay,object,kind),
which users can edit.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from ahocorasick import Automaton

from .corpus import DATA_DIR, Article
from .entities import entity_field, entity_matcher, extract_entities
from .lexicon import LexiconError, automaton_of, name_key, words_in
from .ner import NER_PREFIX
from .spans import ByStart, Span
from .text import MAX_SENTENCE_CHARS, NormalizedText, finditer_in_clauses, normalize, normalize_with_offsets

SPEECH_VERBS_FILE = DATA_DIR / "speech_verbs.csv"

OPENING, CLOSING, STRAIGHT = "“«", "”»", '"'
# The words that open what was said: إن، أن، بأن، إنه، أنها... (normalised), or a colon.
_CONTENT_WORD = re.compile(
    r"(?<!\w)(?:(?:من|الي|علي)\s+)?(?<!منذ )(?<!بعد )(?<!قبل )(?<!حتي )(?<!دون )[فب]?ان(?:ه|ها|هم|هما|نا)?(?!\w)"
)
# What a warning is of: "وحذر الوزير من مخاطر ..." (the one warned of is not the speaker)
_WARNED_OF = re.compile(r"(?<!\w)من(?!\w)")
# Where a speaker's description stops and the circumstances begin ("، يوم الثلاثاء،",
# "للصحفيين", "في ذلك الوقت", "هذا الأسبوع", "نقلا عن مسؤولين").
_ADJUNCT = re.compile(
    r"[،,(]|\s[-–]\s|(?<!\w)ل[\"“«]|(?<!\w)(?:له|لها|لهم|لنا|لي|لك|في|فيه|فيها|حسب|بحسب|وفق|وفقا|علي\s+نحو|يوم|خلال|حينها|حينذاك|امس|اليوم|هذا|هذه|ايضا|مؤخرا|بمؤتمر|بيان|"
    r"للصحفيين|للصحافيين|لصحيفه|لوكاله|لموقع|للصحيفه|للوكاله|للموقع|للقناه|للتلفزيون|للاذاعه|نقلا|وفقا|عن|بعد|قبل|عند|الاثنين|الثلاثاء|"
    r"الاربعاء|الخميس|الجمعه|السبت|الاحد)(?!\w)"
)
# A description that starts with one of these names a role, not a person or a body.
ROLE_WORDS = {
    "مسؤول",
    "مسؤولون",
    "مسؤولين",
    "مسؤوله",
    "مصدر",
    "مصادر",
    "متحدث",
    "متحدثه",
    "وزير",
    "مستشار",
    "خبير",
    "خبراء",
    "محلل",
    "محللون",
    "محللين",
    "دبلوماسي",
    "دبلوماسيون",
    "مدير",
    "رئيس",
    "نائب",
    "ناطق",
    "الناطق",
    "المتحدث",
    "المتحدثه",
    "مسؤولو",
}
# "سموه" (His Highness), "معاليه": the person named before
HONORIFIC_PRONOUNS = {"سموه", "معاليه", "فضيلته", "سماحته", "سعادته", "دولته", "فخامته"}
# "الصحيفة" and "الوكالة" point back to the last outlet named before them.
BACK_REFERENCES = {"الصحيفه", "الوكاله", "الموقع", "الشبكه", "القناه"}
# Plural verbs whose subject came first: "لكن مسؤولين أمريكيين قالوا لصحيفة ... إنه".
_LEFT_BOUNDARY = re.compile(r"[،,.:؛]|(?<!\w)(?:لكن|ولكن|بينما|فيما|و|ثم)(?!\w)")
MAX_SPEAKER_WORDS = 25
_CONTINUATION = re.compile(r"\s*[،,]\s*(?:[وف]|فيما\s+|بينما\s+)?$")
_HIS_WORDS = re.compile(r"(?<!\w)قول(?:ه|ها|هم)(?!\w)\s*:?")  # "عن شويجو قوله:"
# A title opening a name in apposition: "، الدكتور عبد اللطيف الزياني،"
TITLES = (
    "الدكتور",
    "د.",
    "المهندس",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المقدم",
    "الرائد",
    "النقيب",
    "الشيخ",
    "الامير",
    "الاستاذ",
    "السفير",
    "السيد",
    "السيده",
    "المستشار",
    "الرئيس",
    "الملك",
)
_APPOSITION = re.compile(r"\s*(?:%s)(?!\w)\s*" % "|".join(re.escape(t) for t in TITLES))
_NOUN_BEFORE = re.compile(r"(?<!\w)(?:عدم|دون)\s+$")
_WAS = re.compile(r"(?<!\w)[وف]?(?:كان|كانت)\s+(?=\S)")
_FROM = re.compile(r"(?<!\w)عن(?!\w)")
_COMMA = re.compile(r"[،,]")
# Words compared when one description refers back to another: without ال and proclitics,
# so "لوزارة الداخلية" and "الوزارة" share "وزاره".
_TOKEN = re.compile(r"\w+\.?")
_TOKEN_PREFIX = re.compile(r"^(?:[وفب]?ال|لل|ل(?=\w{3}))")


class SpeechVerbError(LexiconError):
    """A speech_verbs.csv that cannot be used; the message names the line and the fix."""


@dataclass(frozen=True)
class SpeechVerbs:
    gloss: dict  # normalised verb -> English gloss
    relay: frozenset  # verbs that pass on another's words: نقل، نقلت
    needs_to: frozenset  # verbs whose words follow إلى: "أشار إلى أن" (not "لفت نظري")
    automaton: Automaton  # finds every verb form (lexicon.words_in)
    # verb -> "say" (قال: a comma may open what was said), "warn" (حذر من ...), "continues"
    # (مشيرا: only inside the sentence of the speaker before) or ""
    kind: dict


@lru_cache(maxsize=4)
def load_speech_verbs(path: Path = SPEECH_VERBS_FILE) -> SpeechVerbs:
    """Read data/speech_verbs.csv: "قالت,said,,,say" — one inflected form per row; the
    columns relay, object (the preposition after it: إلى، على، من) and kind may be empty."""
    gloss, relay, kind, needs_to = {}, set(), {}, set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                verb = normalize((row.get("verb") or "").strip())
                if not verb or " " in verb:
                    raise SpeechVerbError(f"{path.name} line {line}: give one verb form (one word).")
                gloss[verb] = (row.get("gloss") or "").strip()
                if (row.get("relay") or "").strip():
                    relay.add(verb)
                kind[verb] = (row.get("kind") or "").strip()
                if normalize((row.get("object") or "").strip()) == "الي":
                    needs_to.add(verb)
                if kind[verb] not in ("", "say", "warn", "continues"):
                    raise SpeechVerbError(
                        f"{path.name} line {line}: unknown kind '{kind[verb]}'; "
                        "use say, warn, continues or leave it empty."
                    )
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SpeechVerbError(f"{path.name}: cannot be read ({error}).") from error
    return SpeechVerbs(gloss, frozenset(relay), frozenset(needs_to), automaton_of(gloss), kind)


# ---------------------------------------------------------------- clause scanning

# The characters clause_end reads; re skips the others far faster than a loop over characters.
_CLAUSE_MARKS = re.compile("[" + re.escape("\n" + OPENING + CLOSING + STRAIGHT + ".!?؟") + "]")


def _ends_here(text: str, at: int) -> bool:
    """Does the . ! ? ؟ at `at` end a sentence? Not a decimal point ("5.4 مليار") nor the dot
    of an abbreviated name or title ("اللواء ف. التركي", "د. محمد")."""
    if text[at] != ".":
        return True
    if 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit():
        return False
    return not (at >= 1 and text[at - 1].isalpha() and (at < 2 or not text[at - 2].isalnum()))


def clause_end(text: str, at: int) -> int:
    """Where the sentence that runs on from `at` ends: the first . ! ? ؟ outside quotation
    marks, or the line end ("“لا، لا أستطيع. ليس هناك ما أقوله”." is one sentence); quotation
    marks nest ("«... «داعش» ...»") and a decimal point or an abbreviation does not end it."""
    depth = 0
    straight = False
    limit = min(len(text), at + MAX_SENTENCE_CHARS)  # text without stops: no longer than that
    for mark in _CLAUSE_MARKS.finditer(text, at, limit):
        char = mark.group()
        if char == "\n":
            return mark.start()
        if char in OPENING:
            depth += 1
        elif char in CLOSING and depth:
            depth -= 1
        elif char == STRAIGHT:
            straight = not straight
        elif not depth and not straight and _ends_here(text, mark.start()):
            return mark.start()
    return limit


def quoted_stretch(text: str, at: int) -> tuple[int, int] | None:
    """[start, end) inside the quotation marks that open at `at`, or None; marks inside it
    nest: "«وصف «داعش» بالإرهابي»" is one stretch."""
    if at >= len(text) or text[at] not in OPENING + STRAIGHT:
        return None
    depth = 0
    for mark in _QUOTE_MARKS.finditer(
        text, at + 1, min(len(text), at + MAX_SENTENCE_CHARS)
    ):  # “ and " mix: either closes
        char = mark.group()
        if char == "\n":
            return None
        if char in OPENING and text[at] != STRAIGHT:
            depth += 1
        elif depth and char != STRAIGHT:
            depth -= 1
        else:
            return at + 1, mark.start()
    return None


_QUOTE_MARKS = re.compile("[" + re.escape(OPENING + CLOSING + STRAIGHT) + "\n]")
_OPEN_MARK = re.compile("[" + re.escape(OPENING + STRAIGHT) + "]")


def _is_direct_opening(text: str, at: int, end: int) -> bool:
    """A quotation mark that opens what was said: its stretch runs to the clause end."""
    stretch = quoted_stretch(text, at)
    return bool(stretch) and not re.sub(r"[\s.،,”\"»]", "", text[stretch[1] : end])


# ---------------------------------------------------------------- speakers


@dataclass(frozen=True)
class Speaker:
    description: str  # as written: "مستشار الأمن القومي الأمريكي جيك سوليفان"
    entity: str  # entity id, "" for an unnamed speaker
    # named, role, back-reference ("الصحيفة"), same speaker ("اللواء التركي" after "... اللواء
    # منصور التركي"), previous speaker ("وتابعت:"), subject ("أصدرت الوزارة ... وقالت"), unlisted
    basis: str
    affiliation: str = ""  # for an unnamed speaker, the body named in the description
    full: str = ""  # the fullest description of this speaker in the article (it is one speaker)


_normalized = lru_cache(maxsize=8192)(normalize)  # names and descriptions recur
TASHKEEL = re.compile("[\u064b-\u0652\u0640]")  # diacritics and tatweel


def _type(span: Span) -> str:
    """person, place, organisation, media... of an entity span: the lexicon's, or the type a
    model-found (`ner:`) name carries."""
    entry = entity_matcher().entries.get(span.label)
    return entry.fields.get("type", "") if entry else span.data.get("type", "")


def _entity_type(entity_id: str) -> str:
    entry = entity_matcher().entries.get(entity_id)
    return entry.fields.get("type", "") if entry else ""


def _clean(description: str) -> str:
    """A description without quotation marks or edge punctuation: 'صحيفة "نيويورك تايمز"'."""
    return re.sub(r"[\"“”«»]", "", description).strip(" \t،,:؛ـ").removeprefix("لـ").strip()


def _apposed_name(region: str, cut: re.Match) -> tuple[re.Match | None] | None:
    """The cut after a name set off by commas: "رئيس الوزراء التركي المكلف، أحمد داود أوغلو، في"
    or "الباحث الفلكي، بقسم علوم الفلك ...، ملهم بن محمد هندي:"; a segment of two to five words,
    none of them ال- or a preposition, ends the description (after at most one ب- or لـ phrase)."""
    at = cut.end()
    for _ in range(2):
        nxt = re.compile(r"[،,:]").search(region, at)
        segment = region[at : nxt.start() if nxt else len(region)].split()
        if not segment:
            return None
        if segment[0].startswith(("ب", "ل")) and not segment[0].startswith(("بن", "لل")) and len(segment) <= 8:
            at = nxt.end() if nxt else len(region)  # "بقسم علوم الفلك والفضاء بجامعة الملك عبدالعزيز"
            continue
        if (
            2 <= len(segment) <= 5
            and not any(w.startswith("ال") or w in _FUNCTION_WORDS for w in segment[:1])
            and not _ADJUNCT.search(" ".join(segment))
        ):
            end = nxt.start() if nxt else len(region)
            return (_ADJUNCT.search(region, end) if nxt else None,)
        return None
    return None


_FUNCTION_WORDS = {"ان", "انه", "انها", "في", "من", "الي", "علي", "عن", "مع", "قد", "لقد", "ما", "لا", "لم", "لن"}


# Words that are no part of a person's name: titles, roles, bodies, what they are and prepositions.
_NOT_NAME_WORDS = {
    _TOKEN_PREFIX.sub("", normalize(w))
    for w in (
        "مجلس وزارة وزير هيئة لجنة مركز مدير عام إدارة شركة جامعة منطقة محافظة أمانة مكتب حزب جبهة جماعة "
        "تنظيم قوات جيش شرطة حكومة رئاسة نقابة غرفة جمعية بنك صندوق برنامج مؤسسة اتحاد منظمة وكالة صحيفة "
        "قناة موقع شبكة تقارير تقرير مصادر مصدر شهود شاهد سكان مسؤول مسؤولون مسؤولين ناطق متحدث متحدثة "
        "رئيس نائب أمين مستشار سفير قائد عضو خبير محلل باحث مراسل مدرب لاعب فريق نادي دولة بلدية قسم فرع "
        "الرسمي الرسمية العام العامة يدعى يدعي أمام خلال عند لدى بعد قبل حول ضد أيضا كل من في إلى عن مع "
        "صاحب السمو الملكي معالي سمو فضيلة سماحة سعادة دولة فخامة حاكم محافظ أمير ملك رئيسة وزيرة شيخ شمل "
        "قبائل قبيلة عائلة أسرة والد والدة شقيق زوجة ابن ابنة"
    ).split()
}
# Titles before a name (not الرئيس, الفريق, الرائد: "الرئيس التنفيذي", "الفريق" is also a team)
_NAME_TITLES = {
    _TOKEN_PREFIX.sub("", normalize(t))
    for t in (
        "الدكتور",
        "د.",
        "المهندس",
        "اللواء",
        "العميد",
        "العقيد",
        "النقيب",
        "الشيخ",
        "الأمير",
        "الأميرة",
        "الأستاذ",
        "السفير",
        "السيد",
        "السيدة",
        "الآنسة",
        "الملك",
        "يدعى",
        "المحامي",
        "الشاعر",
        "الفنان",
        "الفنانة",
    )
}


_SPEECH_WORDS = frozenset(load_speech_verbs().gloss) | {"قال", "اكد", "اضاف", "تابع", "اوضح"}


AGENCY_IN_DESCRIPTION = "agency named in the description"
# The type of a speaker no lexicon lists, from how its name was found
TYPE_OF_BASIS = {"named in the description": "person", AGENCY_IN_DESCRIPTION: "media"}
_AGENCY_NAMED = re.compile(r"^(?:ال)?وكاله (?:(?:ال)?انباء (?P<after>\S+)|(?P<before>\S+) للانباء)$")


def agency_named_in(description: str) -> str:
    """A news agency's own name in a speaker's description: "وكالة الأنباء دوغان", "وكالة
    دوجان للأنباء" -> دوغان, دوجان. "" for none, or for a nisba ("وكالة الأنباء الكويتية")."""
    written = TASHKEEL.sub("", description).split()
    found = _AGENCY_NAMED.match(" ".join(_normalized(w) for w in written))
    if not found:
        return ""
    name = found.group("after") or found.group("before")
    if name.startswith("ال") or name.endswith(("يه", "ي")) or not name.isalpha():
        return ""  # الكويتية، الرسمية: an adjective, not a name
    return written[2] if found.group("after") else written[1]


def person_named_in(description: str, bodies: bool = False) -> str:
    """The person's name in a speaker's description, when no entity span marks it: after a title
    ("المهندس عبدالناصر العبداللطيف"), at the end after a role ("وزير الخارجية اليمني رياض ياسين",
    "وزير الخارجية السعودي عادل الجبير") or at the start before one ("إلون موسك الرئيس التنفيذي").
    Two to five words; a surname may carry ال, a first name only after عبد or أبو ("عبد اللطيف").
    With `bodies` (the description names a body or outlet) only a titled name counts. "" when none."""
    written = TASHKEEL.sub("", description).replace("،", " ").replace(",", " ").split()
    words = [_normalized(w) for w in written]
    stems = [_TOKEN_PREFIX.sub("", w) for w in words]
    definite = [w.startswith("ال") for w in written]

    def name_word(i: int) -> bool:
        w, stem = words[i], stems[i]
        if stem in _NOT_NAME_WORDS or stem in _NAME_TITLES or len(stem) < 2 or not w.isalpha():
            return False
        if w in HONORIFIC_PRONOUNS or w in _SPEECH_WORDS or w[:1] in "وف" and w[1:] in _SPEECH_WORDS:
            return False  # "وقال سموه", "وأكد بحاح"
        if w.endswith(("يون", "يين", "يات", "ون", "ين")) and len(w) > 5:
            return False  # plural adjectives and nouns: "أميركيون وغربيون", "محليون"
        if w[0] in "لبو" and (w[1:].startswith("ال") or _TOKEN_PREFIX.sub("", w[1:]) in _NOT_NAME_WORDS):
            return False  # "لأمانة"، "بوزارة"، "ومصادر"
        return True

    def may_be_definite(i: int) -> bool:  # "عبد اللطيف", "أبو الغيط", or the surname closing the name
        return not definite[i] or i > 0 and words[i - 1] in ("عبد", "ابو", "بن", "ابن")

    titles = [i for i, stem in enumerate(stems) if stem in _NAME_TITLES and i + 1 < len(words) and name_word(i + 1)]
    if titles:
        start = end = titles[-1] + 1
        while end < len(words) and end - start < 5 and name_word(end):
            end += 1
    elif bodies:
        return ""
    else:
        end = len(words)  # at the end, after a role: "... عادل الجبير"
        start = end
        while start > 1 and end - start < 4 and name_word(start - 1) and (start == end or may_be_definite(start - 1)):
            start -= 1
        if not definite[start:end] or definite[start] and not may_be_definite(start) or start == 0:
            start = end
        elif all(stem in _EMPTY_WORDS for stem in stems[:start]):
            start = end  # "مسؤول حكومي كبير", "مصادر طبية وشرطية": a source and its adjectives
        if end - start < 2 and stems and stems[0] not in ROLE_WORDS:
            start = end = 0  # at the start, before a role: "إلون موسك الرئيس التنفيذي للشركة"
            while end < len(words) and end < 4 and name_word(end) and (may_be_definite(end) or end == 1):
                end += 1  # "ممدوح الدماطي وزير الآثار": the surname may be definite
            if end >= len(words) or not (stems[end] in _NOT_NAME_WORDS or stems[end] in ROLE_WORDS):
                return ""  # not followed by a role: a phrase, not a name
    if end - start < 2:
        return ""
    return " ".join(written[start:end])


def _last_media_before(entities: list[Span], before: int) -> Span | None:
    """The last media span (in start order) that ends by `before`: "الصحيفة" refers back to it.
    On ByStart the media spans are listed once per article, so a long article stays linear."""
    media = getattr(entities, "media", None)
    if media is None:
        media = sorted((e for e in entities if _type(e) == "media"), key=lambda e: e.start)
        if isinstance(entities, ByStart):
            entities.media = media
    # from the last media span starting before `before` back to one that also ends by it
    last = _media_cut(entities, media, before)
    return next((e for e in reversed(media[:last]) if e.end <= before), None)


def _media_cut(entities: list[Span], media: list[Span], before: int) -> int:
    starts = getattr(entities, "media_starts", None)
    if starts is None:
        starts = [e.start for e in media]
        if isinstance(entities, ByStart):
            entities.media_starts = starts
    return bisect_left(starts, before)


def _starting_in(entities: list[Span], start: int, stop: int) -> list[Span]:
    """The entity spans that start in [start, stop) (by bisection when sorted by ByStart)."""
    if isinstance(entities, ByStart):
        return entities.starting_in(start, stop)
    return [e for e in entities if start <= e.start < stop]


def _spoken_to(span: Span) -> bool:
    return (
        _type(span) == "media"
        and _normalized(span.text).startswith("ل")
        and not span.data.get("alias", "").startswith("ل")
    )


def identify_speaker(
    text: str, nt: NormalizedText, start: int, end: int, entities: list[Span], before: int
) -> Speaker | None:
    """The speaker named in normalised [start, end): a person first, else a role ("مسؤول
    أمريكي" stays unnamed), else a body or outlet, else "الصحيفة" -> the last outlet named
    before `before`. None when the stretch names nobody."""
    region = nt.normalized[start:end]
    cut = _ADJUNCT.search(region)
    if cut and cut.group() in "،," and (title := _APPOSITION.match(region, cut.end())):
        cut = _ADJUNCT.search(region, title.end())  # the title and the name after it
    elif cut and cut.group() in "،," and (apposed := _apposed_name(region, cut)):
        cut = apposed[0]  # the cut after the name, or None: the name runs to the words said
    stop = start + (cut.start() if cut else len(region))
    o_start, o_stop = nt.to_original(start, stop)
    inside = _starting_in(entities, o_start, o_stop)
    told = [e for e in inside if _spoken_to(e)]  # "شاهد عيان يدعى أحمد اكاي لرويترز": not the speaker's words
    if told:
        o_stop = told[0].start
        inside = [e for e in inside if e.start < o_stop]
    o_stop = max([o_stop] + [e.end for e in inside])
    description = _clean(text[o_start:o_stop])
    if not description:
        return None
    words = _normalized(description).split()
    head = words[0] if words else ""
    if head.startswith("ل") and head[1:] in ROLE_WORDS:
        head = head[1:]  # "وفقا لمسؤولين", "للمسؤولين"
    elif head.startswith("لل") and head[2:] in ROLE_WORDS:
        head = head[2:]
    people = [e for e in inside if _type(e) == "person"]
    # an outlet written with ل is spoken to, not speaking: "قال شاهد عيان لرويترز"
    bodies = [e for e in inside if _type(e) not in ("person", "") and not _spoken_to(e)]
    if people:
        return Speaker(description, people[0].label, "named")
    person = person_named_in(description, bool(bodies))
    if person:  # "المتحدث الرسمي لأمانة الأحساء خالد بووشل": no entity span, but a name
        key = name_key(person)
        return Speaker(description, NER_PREFIX + key.replace(" ", "_"), "named in the description")
    agency = agency_named_in(description) if not bodies else ""
    if agency:  # "وكالة الأنباء دوغان": an agency no lexicon lists, named by the pattern
        return Speaker(description, NER_PREFIX + name_key(agency).replace(" ", "_"), AGENCY_IN_DESCRIPTION)
    if head in ROLE_WORDS or head.removeprefix("ال") in ROLE_WORDS:
        # "مسؤولون في المكتب الرئاسي في سيول": the body may come after the cut
        e_start, e_end = nt.to_original(start, end)
        later = [e for e in _starting_in(entities, e_start, e_end) if _type(e) not in ("person", "media", "")]
        affiliation = (bodies and [b for b in bodies if _type(b) != "media"] or later or [None])[0]
        if affiliation is not None and affiliation.end > o_stop:
            description = _clean(text[o_start : affiliation.end])
        return Speaker(description, "", "role", affiliation.label if affiliation else "")
    if bodies:
        return Speaker(description, bodies[0].label, "named")
    if head in BACK_REFERENCES:
        earlier = _last_media_before(entities, before)
        if earlier is not None:
            return Speaker(description, earlier.label, "back-reference")
    return Speaker(description, "", "unlisted")  # a name or body not in the entity lexicon


def _left_subject(text: str, nt: NormalizedText, verb_start: int, entities: list[Span]) -> Speaker | None:
    """The subject written before a plural verb: "لكن مسؤولين أمريكيين قالوا"."""
    region_start = max(
        (m.end() for m in _LEFT_BOUNDARY.finditer(nt.normalized, max(0, verb_start - 80), verb_start)),
        default=max(0, verb_start - 80),
    )
    if len(nt.normalized[region_start:verb_start].split()) > 5:
        return None
    return identify_speaker(text, nt, region_start, verb_start, entities, verb_start)


# Words that say nothing of who it is: a description made only of these refers to no one before.
_EMPTY_WORDS = {"مسؤول", "مصدر", "مصادر", "مسؤولون", "مسؤولين", "احد", "عدد", "بعض"}


@lru_cache(maxsize=1 << 16)  # the same names and descriptions come back in every article (16,000 in 2,888)
def name_tokens(description: str) -> frozenset:
    """ "المتحدث الأمني لوزارة الداخلية" -> {متحدث, امني, وزاره, داخليه}."""
    return frozenset(_TOKEN_PREFIX.sub("", w) for w in _TOKEN.findall(normalize(description)))


def _contained(words: frozenset, fuller: frozenset) -> bool:
    """Every word of a description in a fuller one; "ف." stands for any word in ف."""
    for word in words:
        if word in fuller:
            continue
        if word.endswith(".") and any(f.startswith(word[:-1]) for f in fuller):
            continue
        return False
    return True


def _entity_name_tokens(entity_id: str) -> frozenset:
    """The words of an entity's name: a lexicon entry's Arabic name, a `ner:` id's own words."""
    entry = entity_matcher().entries.get(entity_id)
    if entry is not None:
        return name_tokens(entry.fields["name_ar"])
    return name_tokens(entity_id.split(":", 1)[-1].replace("_", " ")) if entity_id else frozenset()


# An earlier person's name as the text gives it (an entity span, not a speaker's description):
# one word of it names that person ("هندي"), which one word of a description does not.
_PERSON_MENTION = "person mention"
LOOK_BACK = 100  # earlier speakers a description may refer back to (a news article names far fewer)


def _refers_back(speaker: Speaker, earlier: list[tuple[frozenset, Speaker]]) -> Speaker:
    """The same speaker as one named before when every word of this description is in that
    one's ("اللواء التركي", "التركي", "المتحدث", "الوزارة" after "المتحدث الأمني لوزارة
    الداخلية اللواء منصور التركي"); the description stays as written."""
    if speaker.entity and not speaker.entity.startswith("ner:"):
        return speaker
    words = name_tokens(speaker.description)
    head = _normalized(speaker.description).split()[0] if speaker.description else ""
    if not words or words <= _EMPTY_WORDS or (head in ROLE_WORDS and not head.startswith("ال")):
        return speaker  # "مسؤول أمريكي" may be another official each time
    single = len(words) == 1 and not next(iter(words)).endswith(".")
    for tokens, before in reversed(earlier[-LOOK_BACK:]):  # the latest speakers: linear in a long article
        if (
            single
            and not (
                words <= name_tokens(before.description.split()[0] if before.description else "")
                or words <= _entity_name_tokens(before.entity)
                or before.basis == _PERSON_MENTION  # "هندي" after a mention "ملهم بن محمد هندي"
            )
            and not (before.entity and _entity_type(before.entity) in ("organisation", "media"))
        ):
            continue  # "الوكالة" is the agency named "الوكالة الأمريكية ..." not "ميلوت المتحدث باسم الوكالة"
        if tokens != words and _contained(words, tokens):
            entity = before.entity or speaker.entity
            return Speaker(
                speaker.description,
                entity,
                "same speaker" if entity else speaker.basis,
                speaker.affiliation or before.affiliation,
                before.full or before.description,
            )
    return speaker


# A feminine verb and its definite feminine subject: "أصدرت الوزارة", "أعلنت الهيئة".
_FEMININE_SUBJECT = re.compile(r"(?<!\w)[وف]?\w{2,}ت\s+(?P<subject>ال\w{2,}ه)(?!\w)")
_SENTENCE_STOP = re.compile(r"[.!?؟\n](?!\d)")
# A person by title and name: "الأمير محمد بن نايف بن عبدالعزيز", "الدكتور عادل الطريفي"
_TITLED_PERSON = re.compile(
    r"(?<!\w)(?:الامير|الملك|الشيخ|الدكتور|المهندس|اللواء|العميد|الفريق|السفير)"
    r"(?:\s+(?:بن|ابن|ال|آل)?\s*(?!في\b|من\b|علي\b|الي\b|عن\b)[^\W\d]{2,}){2,5}"
)
# ... or a name in quotation marks after one: 'وتخطط "تسلا"', 'وسجلت «أرامكو»'
_QUOTED_SUBJECT = re.compile(r"(?<!\w)[وف]?(?:ت\w{2,}|\w{2,}ت)\s+[\"«“](?P<subject>[^\"»”\n]{2,30})[\"»”]")


def _feminine(verb: str) -> bool:
    """A verb of a feminine subject: "قالت", "تقول" (its masculine يقول is a verb too), not
    "تابع" (he went on: the ت is the verb's own)."""
    return verb.endswith("ت") or verb.startswith("ت") and "ي" + verb[1:] in load_speech_verbs().gloss


def _implicit_subject(
    text: str,
    nt: NormalizedText,
    verb: str,
    verb_start: int,
    found: list["_Found"],
    entities: list[Span],
    sentences: int = 2,
) -> Speaker | None:
    """Who a verb without a subject ("وقالت في تغريدة: ...") speaks for: the last speaker or
    subject of the two sentences before that agrees with it (a feminine verb: a body, an
    outlet or a feminine noun; a masculine one: a person). None when nobody fits."""
    norm = nt.normalized
    stops = [m.start() for m in _SENTENCE_STOP.finditer(norm, max(0, verb_start - 1500), verb_start)]
    window = stops[-sentences] + 1 if len(stops) >= sentences else max(0, verb_start - 1500)
    feminine = _feminine(verb)
    quoted = [(q.content_start, q.content_end) for q in found]
    candidates = []  # (normalised position, Speaker)
    for q in found:
        if q.verb_start >= window:
            if _feminine(q.verb) == feminine:
                candidates.append((q.verb_start, q.speaker))
    o_window, o_verb = nt.to_original(window, verb_start)
    for e in _starting_in(entities, o_window, o_verb):
        at = bisect_left(nt.offsets, e.start)
        kind = _type(e)
        if any(s <= at < t for s, t in quoted) or kind not in ("person", "organisation", "media"):
            continue
        if (kind == "person") != feminine:
            candidates.append((at, Speaker(e.text, e.label, "subject")))
    if not feminine:  # "استقبل الأمير محمد بن نايف ... وقال سموه"
        for m in _TITLED_PERSON.finditer(norm, window, verb_start):
            if not any(s <= m.start() < t for s, t in quoted):
                s_, e_ = nt.to_original(m.start(), m.end())
                candidates.append((m.start(), Speaker(text[s_:e_], "", "subject")))
    if feminine:
        for m in _QUOTED_SUBJECT.finditer(norm, window, verb_start):
            if not any(s <= m.start() < t for s, t in quoted):
                s_, e_ = nt.to_original(m.start("subject"), m.end("subject"))
                candidates.append((m.start("subject"), Speaker(text[s_:e_], "", "subject")))
        for m in _FEMININE_SUBJECT.finditer(norm, window, verb_start):
            if not any(s <= m.start() < t for s, t in quoted):
                s_, e_ = nt.to_original(m.start("subject"), m.end("subject"))
                candidates.append((m.start("subject"), Speaker(text[s_:e_], "", "subject")))
    if not candidates:
        return None
    at, chosen = max(candidates, key=lambda c: c[0])
    basis = "previous speaker" if any(q.verb_start == at for q in found) else "subject"
    return replace(chosen, basis=basis)


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
    attribution: bool = False  # no verb: "بحسب الشرطة"


def _addressee(
    text: str, nt: NormalizedText, start: int, stop: int, entities: list[Span], speaker: Speaker | None
) -> str:
    """An outlet spoken to: "قال مسؤول لـ"نيويورك تايمز"" -> "نيويورك تايمز"."""
    o_start, o_stop = nt.to_original(start, stop)
    for e in _starting_in(entities, o_start, o_stop):
        if _type(e) == "media" and (not speaker or e.label != speaker.entity):
            if re.search(
                r"ل[ـ\"“«\s]*(?:صحيفة|صحيفه|وكالة|وكاله|موقع)?\s*[\"“«]?$", text[o_start : e.start]
            ) or _normalized(e.text).startswith("ل"):
                return e.text
    return ""


def _content_start(norm: str, after: int, end: int, relay: bool, kind: str = "say") -> tuple[int, int] | None:
    """(where the speaker stretch ends, where the words said begin), or None: not a quote."""
    window_end = min(end, after + 400)
    if relay:  # نقلت وكالة إنترفاكس عن شويجو قوله: ...
        said = _HIS_WORDS.search(norm, after, window_end)
        if said:
            return said.start(), said.end()
    candidates = []
    mark = _OPEN_MARK.search(norm, after, min(window_end, after + 120))  # 'وصرح والد الفتاة "الوضع ... قالت أن'
    if (
        mark
        and _is_direct_opening(norm, mark.start(), end)
        and len(norm[after : mark.start()].split()) <= MAX_SPEAKER_WORDS
    ):
        candidates.append((mark.start(), mark.start()))
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
    for mark in _OPEN_MARK.finditer(norm, after, window_end):  # "وقال كيم في الرسالة ... "العدالة ستنتصر..."
        i = mark.start()
        if _is_direct_opening(norm, i, end):
            if len(norm[after:i].split()) <= MAX_SPEAKER_WORDS:
                return i, i
            break
    if kind == "warn":  # "وحذر الوزير من مخاطر التهريب": what is warned of
        of = _WARNED_OF.search(norm, after, window_end)
        if of and len(norm[after : of.start()].split()) <= 8 and len(norm[of.end() : end].split()) >= 2:
            return of.start(), of.end()
    comma = _COMMA.search(norm, after, window_end) if kind == "say" else None  # "وقال كيربي في ذلك الوقت، ستحصل"
    if comma and len(norm[after : comma.start()].split()) <= 6 and len(norm[comma.end() : end].split()) >= 3:
        return comma.start(), comma.end()
    return None


# Attributions without a verb: "بحسب الشرطة"، "وفقاً لـ"رويترز""، "نقلاً عن مصادر"، "حسبما أكدت
# كييف"، "وفقا لما ذكرته وكالة يونهاب". "ما" and the verb after it are not the source.
_ATTRIBUTION = re.compile(
    r"(?<!\w)[وف]?(?P<cue>وفقا|وفق|بحسب|حسب|طبقا|نقلا\s+عن|علي\s+حد\s+قول)(?:(?!\w)|(?=ما\s))"
    r"(?P<what>\s*ل?ما\s+\w+)?"
)
_ATTRIBUTION_ANCHOR = re.compile(r"وفق|حسب|طبقا|نقلا|حد\s+قول")
# What may follow such a cue when it attributes words: a source, not "حسب الحاجة" or "وفق الأنظمة".
_SOURCE_NOUNS = {
    "مصادر",
    "مصدر",
    "بيان",
    "تقرير",
    "تقارير",
    "صحيفه",
    "جريده",
    "وكاله",
    "موقع",
    "شبكه",
    "قناه",
    "مجله",
    "وسائل",
    "شهود",
    "الشرطه",
    "شرطه",
    "الجيش",
    "وزاره",
    "هيئه",
    "مسؤولين",
    "مسؤولون",
    "مسؤول",
    "خبراء",
    "محللين",
    "مراسل",
    "استطلاع",
    "احصاءات",
    "احصائيات",
    "بيانات",
    "ارقام",
    "دراسه",
    "ناشطين",
    "ناشطون",
    "سكان",
    "المتحدث",
    "متحدث",
    "مكتب",
    "مركز",
    "المرصد",
    "مرصد",
    "وكالات",
    "اعلام",
    "الاعلام",
    "تصريحات",
    "تصريح",
    "رواية",
    "روايه",
    "الامم",
    "منظمه",
    "السلطات",
    "مصادرنا",
    "مراسلنا",
    "نص",
    "صحف",
    "الصحف",
    "اعلاميه",
} | ROLE_WORDS
_ATTRIBUTION_CUT = re.compile(
    r"[،,؛;:(]|(?<!\w)(?:فان|فانه|فانها|ان|انه|فقد|الذي|التي|اليوم|امس|يوم|في|بعد|قبل|حول)(?!\w)"
)
_CLAUSE_START = re.compile(r"[.!?؟\n:؛](?!\d)|[،,]")


def _attributions(text: str, nt: NormalizedText, entities: list[Span], found: list[_Found]) -> list[_Found]:
    """ "قتل 5 أشخاص، بحسب الشرطة" -> the police said "قتل 5 أشخاص"; "وبحسب "رويترز"؛ فإن أي
    محاولة ..." -> Reuters said what follows. Only when the cue names a source (an entity, or
    a word such as مصادر، بيان، الشرطة), never inside a quote found already."""
    norm = nt.normalized
    quoted = sorted((q.verb_start, q.content_end) for q in found)  # "وذكرت الصحيفة، نقلا عن مسؤولين، أن"
    quoted_starts = [s for s, _ in quoted]
    reach = list(accumulate((e for _, e in quoted), max))  # the furthest end of the quotes so far
    more = []
    for m in finditer_in_clauses(_ATTRIBUTION, norm, _ATTRIBUTION_ANCHOR):
        k = bisect_right(quoted_starts, m.start())
        if k and reach[k - 1] > m.start():  # inside a quote found already
            continue
        end = clause_end(norm, m.end())
        after = m.end()
        region = norm[after:end]
        cut = _ATTRIBUTION_CUT.search(region, 1)
        stop = after + (cut.start() if cut else len(region))
        if len(norm[after:stop].split()) > 10:
            stop = after + len(" ".join(region.split()[:10]))
        punct = re.search(r"[،,؛;:(]", region)
        o_start, o_reach = nt.to_original(after, after + (punct.start() if punct else len(region)))
        named = [
            e
            for e in _starting_in(entities, o_start, o_reach)
            if _type(e) != "" and len(text[o_start : e.start].split()) <= 5
        ]
        if named:  # "بحسب موقع "إن تي في" الألماني": إن in a name opens nothing
            stop = max(stop, bisect_left(nt.offsets, named[0].end))
            extra = _ATTRIBUTION_CUT.search(norm, stop, end)
            stop = extra.start() if extra and len(norm[stop : extra.start()].split()) <= 2 else stop
        if not named and len(norm[after:stop].split()) > 4:  # "بحسب ما تقول وكالة «تسنيم» الإيرانية يقدم ..."
            closing = re.search(r"[»”\"]", norm[after:stop])
            four = (
                after
                + len(norm[after:stop])
                - len(norm[after:stop].lstrip())
                + len(" ".join(norm[after:stop].split()[:3]))
            )
            stop = max(four, after + closing.end()) if closing and after + closing.end() <= four + 12 else four
        words = [_TOKEN_PREFIX.sub("", w) for w in norm[after:stop].replace("ـ", " ").split()]
        first = next((w.strip('"“”«»') for w in words if w.strip('"“”«»')), "")
        titled = bool(re.match(r"\s*ل?[ـ\s]*[«“\"]", norm[after:stop]))  # "وبحسب «تسنيم»": a name in quotation marks
        if not named and not titled and first not in _SOURCE_NOUNS and "ال" + first not in _SOURCE_NOUNS:
            continue
        lead = re.match(r"\s*(?:ل\s*(?=[\"“«]))?", norm[after:stop])  # "وفقاً لـ"رويترز"": the ل is the cue's
        speaker = identify_speaker(text, nt, after + lead.end(), stop, entities, m.start())
        if speaker is None:
            continue
        if speaker.entity == "" and named:  # "وفقا لما ذكرته وكالة الأنباء السعودية": the outlet
            speaker = Speaker(speaker.description, named[0].label, "named")
        # At the head of its sentence, or set off by commas ("ومن جانبها، وفقا لمحللين، لم
        # تكن ..."), the cue's words follow it; else they come before it ("...، بحسب الشرطة.").
        sentence = max(
            (c.end() for c in _SENTENCE_STOP.finditer(norm, max(0, m.start() - 600), m.start())),
            default=max(0, m.start() - 600),
        )
        lead = norm[sentence : m.start()].strip(" وف")
        rest = re.match(r"[\s\"”»]*[،,؛;:]?[\s]*(?:[فو]?ان(?:ه|ها)?\s+)?", norm[stop:end])
        parenthetical = lead.endswith(("،", ",")) and re.match(r"[\s\"”»]*[،,]", norm[stop:end])
        if not lead or (parenthetical and len(norm[stop:end].split()) > 3):
            begin, content_end = stop + rest.end(), end
        else:
            begin, content_end = sentence, m.start()
            while content_end > begin and norm[content_end - 1] in " ،,(":
                content_end -= 1
            begin += len(norm[begin:content_end]) - len(norm[begin:content_end].lstrip())
        if len(norm[begin:content_end].split()) < 2:
            continue
        cue = " ".join(m.group("cue").split())
        more.append(_Found(m.start(), begin, content_end, cue, speaker, False, attribution=True))
    return more


def find_quotes(article: Article, nt: NormalizedText, entities: list[Span] | None = None) -> list[_Found]:
    """The quotes of an article, in normalised offsets of `nt` (its normalised body)."""
    verbs = load_speech_verbs()
    text = nt.original
    norm = nt.normalized
    entities = ByStart(entities if entities is not None else extract_entities(article))
    found: list[_Found] = []
    for verb_start, verb_end, verb in words_in(verbs.automaton, norm):  # "وقال": و + قال
        if _NOUN_BEFORE.search(norm, max(0, verb_start - 6), verb_start):
            continue  # "عدم ذكر اسمه": a noun, not a verb
        previous = found[-1] if found else None
        kind = verbs.kind.get(verb, "")
        continuing, goes_on = None, False
        if previous and previous.content_start <= verb_start < previous.content_end:
            # "، وحذر ..." or "، فيما ذكر ..." inside the last quote's sentence goes on with its
            # speaker; any other speech verb inside what was said belongs to the quote
            continuing = _CONTINUATION.search(norm, previous.content_start, verb_start)
            if not continuing:
                continue
        elif kind == "continues":  # "مشيرا إلى أن" only goes on with a speaker just quoted
            if not previous or not re.fullmatch(r"[\s.،,]*[وف]?", norm[previous.content_end : verb_start]):
                continue
            goes_on = True  # ". مؤكدا ..." right after the last quote
        end = clause_end(norm, verb_end)
        located = _content_start(norm, verb_end, end, verb in verbs.relay, kind)
        if not located:
            continue
        stop, begin = located
        if verb in verbs.needs_to and not norm.startswith("الي", stop):
            continue
        via, addressee, speaker = "", "", None
        if verb in verbs.relay:
            source = _FROM.search(norm, verb_end, stop)
            if not source:
                continue
            teller = identify_speaker(text, nt, verb_end, source.start(), entities, verb_start)
            via = teller.entity if teller else ""
            speaker = identify_speaker(text, nt, source.end(), stop, entities, verb_start)
        elif goes_on:
            speaker = replace(previous.speaker, basis="previous speaker")
        elif continuing:
            previous.content_end = min(previous.content_end, continuing.start())
            named = None if verb.startswith("حذر") else identify_speaker(text, nt, verb_end, stop, entities, verb_start)
            speaker = named or replace(previous.speaker, basis="previous speaker")  # "، وقال الجبير:" names one
            if verb.startswith("حذر"):  # "وحذر الزعيم كيم جونغ أون، من أن": the one warned
                s, e = nt.to_original(verb_end, stop)
                addressee = text[s:e].strip(" ،,")
        else:
            speaker = identify_speaker(text, nt, verb_end, stop, entities, verb_start)
            if speaker is not None and _normalized(speaker.description) in HONORIFIC_PRONOUNS:
                subject = _implicit_subject(text, nt, "قال", verb_start, found, entities, sentences=3)
                speaker = (
                    replace(subject, description=speaker.description, basis="back-reference") if subject else speaker
                )
            if speaker is None and verb.endswith("وا"):
                speaker = _left_subject(text, nt, verb_start, entities)
            if speaker is None:  # "وكان وزير الخارجية عادل الجبير ذكر ... أن"
                was = _WAS.search(norm, max(0, verb_start - 120), verb_start)
                subject = norm[was.end() : verb_start] if was else ""
                if was and len(subject.split()) <= 12 and not re.search(r"[.،,:؛\"«»“”\n]", subject):
                    speaker = identify_speaker(text, nt, was.end(), verb_start, entities, verb_start)
            addressee = _addressee(text, nt, verb_end, stop, entities, speaker)
            if speaker is None:  # "وتابعت: ..." goes on with the last speaker or subject
                speaker = _implicit_subject(text, nt, verb, verb_start, found, entities)
                if speaker is None and previous:
                    speaker = replace(previous.speaker, basis="previous speaker")
        if speaker is None:
            continue
        begin = begin + len(norm[begin:end]) - len(norm[begin:end].lstrip())
        direct = begin < end and norm[begin] in OPENING + STRAIGHT
        found.append(_Found(verb_start, begin, end, verb, speaker, direct, via, addressee))
    found = sorted(found + _attributions(text, nt, entities, found), key=lambda q: q.verb_start)
    for q, after in zip(found, found[1:]):
        if q.attribution and q.content_start < after.verb_start < q.content_end:
            q.content_end = len(norm[: after.verb_start].rstrip(" ،,وف"))
    return _one_speaker_each(found, entities, nt)


# The honorific a person's title earns ("وقال سموه" after "الأمير محمد بن نايف"), as normalised words.
_HONORIFIC_TITLES = {
    "سموه": ("الامير", "الاميره", "سمو"),
    "معاليه": ("وزير", "الوزير", "وزيره", "الوزيره", "معالي"),
    "فخامته": ("الرئيس", "فخامه"),
    "سماحته": ("الشيخ", "المفتي", "سماحه", "ايه الله"),
    "فضيلته": ("الشيخ", "فضيله"),
    "سعادته": ("السفير", "سعاده"),
    "دولته": ("رئيس الوزراء", "دوله"),
}


def _honorifics_earned(before: str) -> list[str]:
    """The honorifics the title just before a name earns: " ... الأمير" -> ["سموه"]."""
    before += " "
    return [p for p, titles in _HONORIFIC_TITLES.items() if any(f" {t} " in before for t in titles)]


def _honoured(speaker: Speaker, honoured: dict[str, Speaker]) -> Speaker | None:
    """A speaker written as an honorific alone ("سموه", "معاليه") is the latest person named
    with the title that earns it; None otherwise."""
    word = _normalized(speaker.description).strip()
    person = honoured.get(word) if word in HONORIFIC_PRONOUNS else None  # before the latest subject
    if person is None:
        return None
    return Speaker(speaker.description, person.entity, "same speaker", speaker.affiliation, person.description)


def _one_speaker_each(found: list[_Found], entities: list[Span], nt: NormalizedText) -> list[_Found]:
    """Descriptions that refer back to a speaker or body named before take its entity, and
    every quote its speaker's fullest description (Speaker.full)."""
    if not found:
        return found
    earlier: list[tuple[frozenset, Speaker]] = []
    named = iter(
        sorted(
            (
                (bisect_left(nt.offsets, e.start), e)
                for e in entities
                if _type(e) in ("person", "organisation", "media")
            ),
            key=lambda p: p[0],
        )
    )
    pending = next(named, None)
    honoured: dict[str, Speaker] = {}  # "سموه" -> the latest person named with a prince's title
    for q in found:
        while pending is not None and pending[0] < q.verb_start:
            at, e = pending
            basis = _PERSON_MENTION if _type(e) == "person" else "named"
            earlier.append((name_tokens(e.text), Speaker(e.text, e.label, basis)))
            if basis == _PERSON_MENTION:
                before = f" {nt.normalized[max(0, at - 40) : at]}"
                for pronoun in _honorifics_earned(before):
                    honoured[pronoun] = Speaker(e.text, e.label, basis)
            pending = next(named, None)
        speaker = _honoured(q.speaker, honoured) or _refers_back(q.speaker, earlier)
        if not speaker.entity:
            speaker = _surname_named_before(speaker, nt, q.verb_start)
        if not speaker.full:
            speaker = replace(speaker, full=speaker.description)
        q.speaker = speaker
        earlier.append((name_tokens(speaker.description), speaker))
    return found


@lru_cache(maxsize=1024)
def _word_pattern(word: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def _surname_named_before(speaker: Speaker, nt: NormalizedText, before: int) -> Speaker:
    """A speaker given by surname alone ("وأكد بحاح") named in full earlier in the article, in a
    sentence that quoted nobody ("نائب الرئيس اليمني رئيس مجلس الوزراء خالد محفوظ بحاح")."""
    words = _normalized(speaker.description).split()
    if (
        len(words) != 1
        or len(words[0]) < 3
        or _TOKEN_PREFIX.sub("", words[0]) in _NOT_NAME_WORDS | ROLE_WORDS
        or words[0] in HONORIFIC_PRONOUNS
    ):
        return speaker
    norm = nt.normalized
    for m in reversed(list(_word_pattern(words[0]).finditer(norm, max(0, before - 3000), before))[-3:]):
        window = norm[max(0, m.start() - 80) : m.end()].split()[-7:]
        o_window = nt.original[
            nt.to_original(max(0, m.start() - 80), m.end())[0] : nt.to_original(m.start(), m.end())[1]
        ]
        name = person_named_in(" ".join(o_window.split()[-len(window) :]))
        if name and _normalized(name).split()[-1] == words[0] and len(name.split()) >= 2:
            return Speaker(
                speaker.description,
                NER_PREFIX + name_key(name).replace(" ", "_"),
                "same speaker",
                speaker.affiliation,
                name,
            )
    return speaker


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
    """Quote spans from the verb (or the cue: بحسب) to the end of what was said; label is the
    speaker's entity id ("" when unnamed). data: verb, speaker (description as written),
    speaker_entity, speaker_basis, speaker_full (the fullest description of that speaker in the
    article), affiliation, quote (the words said), quote_start/quote_end (original offsets),
    direct, via (outlet relaying it), addressee."""
    verbs = load_speech_verbs()
    text = article.body
    nt = normalize_with_offsets(text)
    spans = []
    for q in find_quotes(article, nt, entities):
        c_start, c_end = nt.to_original(q.content_start, q.content_end)
        s_start, s_end = _said(text, c_start, c_end, q.direct)
        start = nt.to_original(q.verb_start, q.verb_start + 1)[0]
        span_start, span_end = (
            min(start, s_start),
            max(c_end, s_end, nt.to_original(q.verb_start, q.verb_start + len(q.verb))[1]),
        )
        spans.append(
            Span(
                article.id,
                span_start,
                span_end,
                article.text[span_start:span_end],
                "quote",
                q.speaker.entity,
                {
                    "verb": q.verb,
                    "verb_en": ATTRIBUTION_GLOSS if q.attribution else verbs.gloss.get(q.verb, ""),
                    "speaker": q.speaker.description,
                    "speaker_entity": q.speaker.entity,
                    "speaker_basis": q.speaker.basis,
                    "speaker_full": q.speaker.full or q.speaker.description,
                    "affiliation": q.speaker.affiliation,
                    "quote": article.text[s_start:s_end],
                    "quote_start": s_start,
                    "quote_end": s_end,
                    "direct": q.direct,
                    "via": q.via,
                    "addressee": q.addressee,
                },
            )
        )
    return sorted(spans, key=lambda s: s.start)


ATTRIBUTION_GLOSS = "according to"


class QuoteRow(NamedTuple):
    """The columns a quote adds to its span row (the quotes table): who said what, how."""

    speaker: str
    speaker_entity: str
    speaker_name_en: str
    speaker_type: str
    speaker_basis: str
    speaker_full: str  # the fullest description of that speaker in the article (one speaker)
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
        return cls(
            speaker=d["speaker"],
            speaker_entity=d["speaker_entity"],
            speaker_name_en=entity_field(d["speaker_entity"], "name_en"),
            speaker_type=entity_field(d["speaker_entity"], "type") or TYPE_OF_BASIS.get(d["speaker_basis"], ""),
            speaker_basis=d["speaker_basis"],
            speaker_full=d.get("speaker_full", d["speaker"]),
            affiliation=d["affiliation"],
            verb=d["verb"],
            verb_en=d["verb_en"],
            quote=d["quote"],
            quote_start=d["quote_start"],
            quote_end=d["quote_end"],
            direct=d["direct"],
            via=d["via"],
            addressee=d["addressee"],
        )
