"""Counted quantities in news text: a number, its qualifier and the noun it counts.

"ما لا يقل عن 10 آلاف حاوية شحن" -> value 10_000, noun "حاوية شحن", category container,
qualifier at_least. Years, dates, clock times, pier or resolution numbers and ordinals are
not quantities: a quantity needs a counted noun right after its number. Matching runs on the
normalised body (chrome blanked) with compiled regexes; spans point into the original text.
The noun categories come from data/quantity_nouns.csv (noun,category), which users can edit.
"""

from __future__ import annotations

import csv
import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

import pandas as pd
import re2  # google-re2: a DFA finds the few places a number can start, in one fast pass

from .corpus import DATA_DIR, Article
from .numbers import (
    DIGITS,
    FRACTIONS,
    HUNDRED_WORDS,
    HUNDREDS,
    NOT_NUMBERS,
    PROCLITIC,
    SCALES,
    TENS,
    UNITS,
    dot_thousands,
    parse_number,
    word_value,
)
from .lexicon import LexiconError
from .spans import Span
from .text import NormalizedText, normalize, normalize_with_offsets, normalized_key, noun_forms
from .weapons import weapon_class, weapon_matcher

QUANTITY_NOUNS_FILE = DATA_DIR / "quantity_nouns.csv"
CATEGORIES = ("casualty", "munition", "weapon", "container", "person", "money", "time", "distance", "percent", "other")
# A casualty claim says what happened to the people it counts (column `casualty`): "مقتل 9" killed,
# "21 مصاباً" injured, "1000 إصابة بكورونا" infected (a case count, not wounds).
CASUALTY_KINDS = ("killed", "injured", "missing", "displaced", "arrested", "infected")
PEOPLE = ("casualty", "person")
# Lexicon rows for words before a count, with a casualty kind like the casualty nouns: verbal
# nouns ("مقتل 9": the count's noun when none follows) and verbs ("أصيب 30 شخصاً": never a noun).
CASUALTY_CUE, CASUALTY_VERB = "casualty_cue", "casualty_verb"
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague")


_CACHED = 100_000  # phrases a noun lexicon remembers the category of (about 10 MB at most)


class QuantityLexiconError(LexiconError):
    """A quantity_nouns.csv that cannot be used; the message names the line and the fix."""


# ---------------------------------------------------------------- the noun lexicon


@dataclass(frozen=True)
class NounLexicon:
    """Normalised noun (one or more words) -> category."""

    categories: dict[str, str]
    kinds: dict[str, str]  # casualty noun or cue -> killed, injured, ... (CASUALTY_KINDS)
    verbal_nouns: frozenset  # cues that may be the counted noun: "مقتل 9" (not verbs: "قتل 9")
    longest: int  # most words in one entry
    numbers: re.Pattern  # NUMBER, plus the duals of its one-word nouns: "صاروخين"
    starts: re2._Regexp  # where `numbers` can match: a first word or digits, then no letter
    _found: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # phrase -> category
    _phrases: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # words -> _category

    def category(self, phrase: str) -> str | None:
        """The category of a normalised noun or compound, trying its inflected forms."""
        if phrase not in self._found:  # the same few nouns follow most numbers
            if len(self._found) > _CACHED:
                self._found.clear()
            self._found[phrase] = self._category(phrase)
        return self._found[phrase]

    def _category(self, phrase: str) -> str | None:
        words = phrase.split()
        head_forms = noun_forms(words[0])
        rest = " ".join(words[1:])
        for form in head_forms:
            key = f"{form} {rest}".strip()
            if key in self.categories:
                return self.categories[key]
        return None

    def kind(self, phrase: str) -> str:
        """The casualty kind of a casualty noun: "القتلى" -> "killed", "مصاباً" -> "injured"."""
        words = phrase.split()
        rest = " ".join(words[1:])
        for form in noun_forms(words[0]) if words else ():
            key = f"{form} {rest}".strip()
            if key in self.kinds:
                return self.kinds[key]
        return ""


@lru_cache(maxsize=8)
def load_quantity_nouns(path: Path = QUANTITY_NOUNS_FILE) -> NounLexicon:
    """Read and check the noun,category[,casualty] file: "قذيفة,munition", "جريح,casualty,injured"."""
    categories: dict[str, str] = {}
    kinds: dict[str, str] = {}
    verbal_nouns: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("noun", "category") if c not in (reader.fieldnames or [])]
            if missing:
                raise QuantityLexiconError(f"{path.name}: missing column(s) {', '.join(missing)}.")
            for line, row in enumerate(reader, start=2):
                if None in row:
                    raise QuantityLexiconError(f"{path.name} line {line}: more cells than columns (a stray comma?).")
                noun = normalized_key(row.get("noun") or "")
                category = (row.get("category") or "").strip()
                if not noun:
                    raise QuantityLexiconError(f"{path.name} line {line}: the noun is empty.")
                if category not in (*CATEGORIES, CASUALTY_CUE, CASUALTY_VERB):
                    raise QuantityLexiconError(
                        f"{path.name} line {line}: category {category!r} is not one of {', '.join(CATEGORIES)}."
                    )
                if category == CASUALTY_CUE:
                    verbal_nouns.add(noun)
                elif category != CASUALTY_VERB:
                    categories[noun] = category
                kind = (row.get("casualty") or "").strip()
                if (
                    (category in ("casualty", CASUALTY_CUE, CASUALTY_VERB)) != bool(kind)
                    or kind
                    and kind not in CASUALTY_KINDS
                ):
                    raise QuantityLexiconError(
                        f"{path.name} line {line}: a casualty noun needs a casualty kind ({', '.join(CASUALTY_KINDS)}),"
                        " and only a casualty noun has one."
                    )
                if kind:
                    kinds[noun] = kind
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise QuantityLexiconError(f"{path.name}: cannot be read ({error}).") from error
    longest = max((len(k.split()) for k in categories), default=1)
    return NounLexicon(
        categories,
        kinds,
        frozenset(verbal_nouns | {n for n in kinds if n in categories}),
        longest,
        *_number_patterns(categories),
    )


def _number_patterns(categories: dict[str, str]) -> tuple[re.Pattern, re2._Regexp]:
    """NUMBER and, in the same scan (one pass over the text), the duals of the one-word nouns:
    "صاروخين", "قذيفتان", "يومين"; people are left out (their -ين is mostly a plural:
    "مسؤولين") and so are two-letter abbreviations ("كم" -> "كمين", an ambush). Second, for
    RE2, the places such a match can start: a proclitic, then digits or a word it can start
    with, then no letter or digit (in Unicode's classes, as Python's word characters)."""
    forms = set()
    for noun, category in categories.items():
        if " " in noun or category in PEOPLE or len(noun) < 3:
            continue
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun
        forms.update(f for f in (stem + "ين", stem + "ان") if f not in categories)
    forms = forms or {"\u0640"}  # no one-word noun: a dual branch that never matches (tatweel is dropped)
    numbers = re.compile(NUMBER.pattern[: -len(r")(?!\w)")] + rf"|(?P<dual>{_alternation(forms)}))(?!\w)")
    starts = re2.compile(rf"[وف]?[بلك]?(?:\pN+(?:ر\pN+)?|{_alternation(_FIRST_WORDS | forms)})(?:[^\pL\pN_]|$)")
    return numbers, starts


def _number_matches(text: str, lexicon: NounLexicon) -> Iterator[re.Match]:
    """The matches of lexicon.numbers.finditer(text), tried only where RE2 saw one can start
    (5 places in 1,000 in news): the same matches, in a third of the time."""
    encoded = text.encode("utf-8", "surrogatepass")  # a lone surrogate from a broken emoji stays one character
    at_byte = at = end = 0
    for start in lexicon.starts.finditer(encoded):
        byte = start.start()  # RE2 counts bytes, Python characters
        at += len(encoded[at_byte:byte].decode("utf-8", "surrogatepass"))
        at_byte = byte
        if at >= end:  # not inside the previous match, as finditer goes on after it
            match = lexicon.numbers.match(text, at)
            if match:
                end = match.end()
                yield match


# ---------------------------------------------------------------- patterns (normalised text)

_S = r"[^\S\n]+"  # spaces within one line
_AR = r"[\u0621-\u063a\u0641-\u064a]+"  # one Arabic word, no tatweel, no digits


def _alternation(words) -> str:
    """A regex matching any of `words`, longest first, factored as a trie (much faster
    than a flat "a|b|c" over a hundred words)."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # longest first: optional tail is greedy

    return pattern(trie)


_NUMBER_WORD = _alternation([*UNITS, *TENS, *HUNDREDS, *HUNDRED_WORDS, *SCALES])
_SCALE_WORD = _alternation(SCALES)
_PLURAL_SCALES = [w for w, (_, n) in SCALES.items() if n == "plural"]
_PLURAL_SCALE = _alternation(_PLURAL_SCALES)
_VAGUE_WORD = rf"(?:ال)?(?:عشرات|مئات|{_PLURAL_SCALE})"
_DEFINITE_VAGUE = re.compile(rf"ال(?:عشرات|مئات|{_PLURAL_SCALE})(?!\w)")  # "العشرات", not "آلاف"
_DIGIT_TOKEN = rf"(?<![\d.,:/]){DIGITS}(?![\d:/]|[.,]\d)"
_HALF = rf"{_S}و[^\S\n]*(?:نصف|ربع)(?!\w)"
_QUOTE_MARKS = "\"“”«»'‘’"
_QUOTED = rf"(?:{_S}|[^\S\n]*[{_QUOTE_MARKS}][^\S\n]*)"  # 'نحو “ 8 ” آلاف': quote marks around the digits

NUMBER = re.compile(
    rf"(?<!\w)(?P<pre>[وف]??[بلك]??)(?P<num>"
    rf"(?P<digits>{_DIGIT_TOKEN}(?:{_QUOTED}(?:{_SCALE_WORD})(?!\w))*(?:{_HALF})?)"
    rf"|(?P<vague>{_VAGUE_WORD}(?:{_S}(?:ال)?(?:{_PLURAL_SCALE}))?)"
    rf"|(?P<words>(?:نصف|ربع|ثلث|{_NUMBER_WORD})(?:{_S}(?:و[^\S\n]*)?(?:{_NUMBER_WORD}|{_alternation(FRACTIONS)}))*"
    rf"(?:{_S}من{_S}(?:عشره(?:{_S}الاف)?|مئه|مائه|الف)(?!\w))?)"  # a decimal read out: "ستة وثمانية من عشرة"
    rf")(?!\w)"
)
# The words a NUMBER match can start with, after its proclitic.
_FIRST_WORDS = {
    *UNITS,
    *TENS,
    *HUNDREDS,
    *HUNDRED_WORDS,
    *SCALES,
    "نصف",
    "ربع",
    "ثلث",
    *(article + word for article in ("", "ال") for word in ("عشرات", "مئات", *_PLURAL_SCALES)),
}
# A range ends right before the number: "بين 300 و500", "من 20 إلى 30 ألف", "10-15".
_RANGE_BEFORE = re.compile(
    rf"(?:(?<!\w)(?P<intro>بين|من|ما{_S}بين){_S})?(?<![\w.,])(?P<low>{DIGITS}|{_NUMBER_WORD}(?:{_S}و?{_NUMBER_WORD})*)"
    rf"(?:[^\S\n]*[-–][^\S\n]*|{_S}(?P<to>الي|حتي){_S}|{_S})$"
)
# Cents after a sum: "سبعة دولار وخمسون سنت" -> 7.50.
_SUBUNIT = re.compile(
    rf"{_S}و[^\S\n]*(?P<n>{DIGITS}|{_NUMBER_WORD}(?:{_S}و?{_NUMBER_WORD})*){_S}"
    rf"(?:سنت|سنتا|سنتات|فلس|فلسا|قرش|قرشا|قروش|هلله|هللات|كوبيك|بنس)(?!\w)"
)
# "عام ونصف", "ساعتين ونصف": a singular or dual noun and a half (found from the half backwards).
AND_HALF = re.compile(r"و[^\S\n]*نصف(?!\w)")  # a literal first is fast; the word start is checked after
_ONE = ("واحد", "واحده", "واحدا")
_ONE_OF = ("احد", "احدي", *_ONE)  # "أحد المسؤولين"
_ARMS = ("munition", "weapon", "container", "other")  # categories whose nouns may name a weapon class
_WORD_BEFORE = re.compile(rf"(?<!\w)({_AR}){_S}$")

# Qualifiers before a number, by kind (the first kind that fits wins), single spaces for any.
_QUALIFIERS_BEFORE = {
    "approx": (
        "حوالي",
        "نحو",
        "قرابه",
        "زهاء",
        "ما يقرب من",
        "ما يقارب",
        "يقارب",
        "تقارب",
        "قارب",
        "قاربت",
        "ما يناهز",
        "يناهز",
        "تناهز",
        "ناهز",
        "ناهزت",
    ),
    "at_most": (
        "ما لا يزيد عن",
        "ما لا يزيد علي",
        "لا يزيد عن",
        "لا يزيد علي",
        "ما لا يتجاوز",
        "لا يتجاوز",
        "لا تتجاوز",
        "لم يتجاوز",
        "لم تتجاوز",
        "لا يتعدي",
        "لا تتعدي",
        "لم يتعد",
        "لم تتعد",
        "اقل من",
        "حتي",
    ),
    "at_least": (
        "ما لا يقل عن",
        "لا يقل عن",
        "لا تقل عن",
        "الا يقل عن",
        "الا تقل عن",
        "اكثر من",
        "ما يزيد عن",
        "ما يزيد علي",
        "يزيد عن",
        "يزيد علي",
        "ما يربو علي",
        "يربو علي",
        "ما يفوق",
        "يفوق",
        "تفوق",
        "فاق",
        "فاقت",
        "علي الاقل",
        "تزيد علي",
        "تزيد عن",
        "تجاوز",
        "تجاوزت",
        "يتجاوز",
        "تتجاوز",
        "ما يتجاوز",
        "ما فوق",
    ),
}
_QUALIFIER_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?P<q>[بلك]?(?:"
    + "|".join(
        f"(?P<{kind}>{'|'.join(p.replace(' ', _S) for p in phrases)})" for kind, phrases in _QUALIFIERS_BEFORE.items()
    )
    + rf")){_S}$"
)
# A qualifier ends the text before its number with one of these words: a cheap test first.
_QUALIFIER_ENDS = tuple({p.split()[-1] for phrases in _QUALIFIERS_BEFORE.values() for p in phrases})
_QUALIFIER_AFTER = re.compile(
    rf"{_S}(?:(?P<approx>تقريبا)|(?P<at_least>علي{_S}الاقل)|(?P<at_most>علي{_S}الاكثر))(?!\w)"
)
_NEXT_WORD = re.compile(rf"{_S}({_AR})")
_WORDS_AFTER = re.compile(rf"(?:{_S}{_AR}){{1,7}}")
_WORDS_HERE = re.compile(rf"{_AR}(?:{_S}{_AR}){{0,6}}")
_TWO = re.compile(rf"{_S}(?:اثنين|اثنان|اثنتين|اثنتان)(?!\w)")
_FROM = re.compile(rf"{_S}من(?!\w)")
_PERCENT = re.compile(rf"[^\S\n]*(?:%|٪|في{_S}ال(?:مئه|مائه)|بال(?:مئه|مائه))")

MONTHS = frozenset(
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر يونيه يوليه "
    "جانفي فيفري افريل ماي جوان جويليه اوت كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين "
    "محرم ربيع جمادي رجب شعبان رمضان شوال ذو ذي".split()
)  # Hijri months too: "3 ربيع الآخر"
_MONTH = _alternation(MONTHS)
# A number right after these is a label, a year or a clock time, not a count:
# "الرصيف البحري 33", "القرار 2270", "عام 2006", "فبراير 2022", "الساعة 10".
_YEAR_WORDS = ("رقم", "عام", "العام", "لعام", "بعام", "سنه", "السنه", "الساعه")
_LABEL_NOUNS = (
    "عيار",
    "قرار",
    "ماده",
    "بند",
    "رصيف",
    "فقره",
    "صفحه",
    "حلقه",
    "دوره",
    "فصل",
    "طريق",
    "شارع",
    "مبني",
    "غرفه",
    "طراز",
    "نسخه",
    "اصدار",
)
_LABEL_BEFORE = re.compile(
    rf"(?:(?<!\w)(?:{'|'.join(_YEAR_WORDS)})"
    rf"|(?<!\w)[وفبل]?(?:ال)?(?:{'|'.join(_LABEL_NOUNS)})"
    rf"(?:{_S}{_AR})?"
    rf"|(?<!\w)[وفبل]?(?:{_MONTH})(?:[^\S\n]*/[^\S\n]*{_AR})?)[^\S\n]*$"
)
# What the last two words before a labelled number end with: a cheap test before the pattern.
_LABEL_ENDS = (*_YEAR_WORDS, *_LABEL_NOUNS, *MONTHS)  # "عام", "القرار", "فبراير"
_LABEL_ENDS_BEFORE_A_WORD = (*_LABEL_NOUNS, "/")  # "الرصيف البحري", "مارس/ آذار"
ORDINALS = frozenset(
    "الحادي الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع "
    "الحاديه الثانيه الثالثه الرابعه الخامسه السادسه السابعه الثامنه التاسعه".split()
)
# Words that end a noun phrase or cannot be the counted noun (normalised).
STOPWORDS = (
    frozenset(
        "من في الي علي عن مع بين منذ حتي خلال بعد قبل عند لدي حول ضد عبر دون غير سوي او ام ثم "
        "ان انه انها انهم كما لكن لكنه لان اذا اذ حيث التي الذي الذين اللذين اللتين اللواتي هذا "
        "هذه ذلك تلك هناك هنا فقط ايضا قد لقد لم لن لا ما ماذا كل بعض جميع اي هو هي هم هن نحن انا "
        "انت كان كانت يكون تكون فيما بينما بحسب وفق وفقا حسب مقابل الا تقريبا صباحا مساء مساءا ظهرا "
        "ليلا فجرا ص م ه قراءه بالمئه بالمائه المئه المائه منها منهم عليه عليها فيها فيه له لها لهم "
        "كلما عندما حينما مثلما طالما ريثما لما "
        "ميلادي ميلاديه هجري هجريه به بها منه عنه عنها اليه اليها لديه لديها عليهم منهما نحو حوالي "
        "قرابه اكثر اقل و ف تاريخ بتاريخ عالميا محليا دوليا عربيا السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه".split()
    )
    | MONTHS
)
_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
_PROCLITIC = re.compile(PROCLITIC)
_READING = frozenset({"قراءه", "للقراءه"})
_TANWEEN_FATH = "\u064b"
_HALF_AFTER = re.compile(_HALF)
_TRAILING_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")  # "ميلاً": keep the tanween


# Present-tense verbs that end like a nisba adjective: "حاوية تحتوي" is a container, then a verb.
VERBS_LIKE_ADJECTIVES = frozenset(
    f"{person}{stem}"
    for person in "يت"
    for stem in "حتوي حوي نتمي اتي جري سعي قضي نتهي كفي عني بقي مضي غطي لقي رمي حمي بني قتضي ستدعي عطي نوي "
    "ستولي شتري بدي جتاز حظي ودي ستوفي لتقي نطوي عاني ستثني".split()
)


def _is_modifier(word: str, definite: bool, original: str) -> bool:
    """A nisba adjective agreeing in definiteness: "مدفعية", "الباليستية", "كورياً"."""
    if word in STOPWORDS or word in VERBS_LIKE_ADJECTIVES or word.startswith("ال") != definite:
        return False
    if word.startswith("و") and not word.startswith("وطني"):
        return False  # "والأولى": a conjunction starts the next phrase
    stem = word[2:] if definite else word
    if len(stem) < 4 or stem in MONTHS:
        return False
    if stem.endswith(("يه", "يين", "يون", "ي", "يتين", "يتان")):
        return True
    # "-يا" is a nisba in the accusative only with tanween ("كورياً شمالياً"); else a name ("روسيا").
    return stem.endswith("يا") and _TANWEEN_FATH in original


def _original_word(nt: NormalizedText, start: int, length: int) -> str:
    """The original of a normalised word and the character after it (a tanween mark, say)."""
    s, e = nt.to_original(start, start + length)
    return nt.original[s : e + 1]


@lru_cache(maxsize=16384)
def _is_noun(word: str) -> bool:
    return (
        len(word) >= 2
        and word not in STOPWORDS
        and word_value(word) is None
        and word not in NOT_NUMBERS
        and not (word[0] in "وف" and word[1:] in STOPWORDS)
    )  # "وحتى"


class _NounPhrase(NamedTuple):  # a tuple: one is made for every number read
    start: int  # normalised offsets
    end: int
    head: str
    words: list[str]


def _noun_phrase(
    nt: NormalizedText, at: int, vague: bool, lexicon: NounLexicon, here: bool = False
) -> _NounPhrase | None:
    """The counted noun after position `at` (or starting there: `here`), with a compound,
    genitive and nisba adjectives."""
    text = nt.normalized
    run = (_WORDS_HERE if here else _WORDS_AFTER).match(text, at)  # up to 7 words on this line
    if not run:
        return None
    words = run.group().split()  # Arabic letters with spaces between: split() is the word pattern
    first = 0
    if (
        words[0] == "من"
        and len(words) > 1
        and (
            vague or lexicon.category(words[1]) in PEOPLE or (words[1].startswith("ال") and lexicon.category(words[1]))
        )
    ):
        first = 1  # "العشرات من حطام الصواريخ"; "ثلاثة من المسؤولين", "عشرة من رجال الأمن" (known nouns)
    head = words[first]
    if not _is_noun(head) or (not vague and first == 0 and head.startswith("ال")) or _not_a_head(head, lexicon):
        return None
    last = first
    for size in range(min(lexicon.longest, len(words) - first), 1, -1):  # "حاوية شحن"
        if lexicon.category(" ".join(words[first : first + size])):
            last = first + size - 1
            break
    starts, at = [], run.start()
    for word in words[: last + 4]:  # only spaces between the words: each is the next one found
        at = text.find(word, at)
        starts.append(at)
        at += len(word)
    definite = head.startswith("ال")
    genitive = False
    for index in range(last + 1, min(len(words), last + 4)):
        word = words[index]
        original = _original_word(nt, starts[index], len(word)) if word.endswith("يا") else ""  # for a tanween
        if (
            not definite
            and not genitive
            and index == last + 1
            and word.startswith("ال")
            and _is_noun(word)
            and word[2:] not in MONTHS
        ):
            genitive = definite = True  # idafa: "حطام الصواريخ"
        elif not _is_modifier(word, definite, original):
            break
        last = index
    return _NounPhrase(starts[first], starts[last] + len(words[last]), head, words[first : last + 1])


# Nouns of places: "و300 بإقليم الشمال" is 300 in a province, not 300 provinces.
PLACE_NOUNS = frozenset(
    "اقليم مدينه منطقه محافظه ولايه قريه بلده حي مخيم عاصمه مقاطعه دوله بلد مستشفي مستشفيات "
    "مسجد مدرسه سجن مركز ساحه شارع طريق مطار ميناء".split()
)


def _not_a_head(word: str, lexicon: NounLexicon) -> bool:
    """A word after a number that starts another phrase, not the counted noun: "9 وإصابة 21"
    (a conjunction and the next count), "300 بإقليم" (a preposition and a place)."""
    if lexicon.category(word):
        return False
    rest = word[1:]
    if word[0] in "وف":
        return (
            bool(lexicon.category(rest))
            or rest in _TOLL_WORDS
            or rest.startswith(("ب", "ل"))
            and _not_a_head(rest, lexicon)
        )
    if word[0] in "بلك":
        return rest.startswith("ال") or word.startswith("لل") or rest in PLACE_NOUNS or bool(lexicon.category(rest))
    return False


def _category(phrase: _NounPhrase, lexicon: NounLexicon) -> str:
    """The head noun's category; else the first known word's ("حطام الصواريخ" -> weapon)."""
    key = " ".join(phrase.words)
    if key not in lexicon._phrases:  # "مليون دولار", "شخص": counted nouns repeat
        if len(lexicon._phrases) > _CACHED:
            lexicon._phrases.clear()
        lexicon._phrases[key] = _first_category(phrase, lexicon)
    return lexicon._phrases[key]


def _first_category(phrase: _NounPhrase, lexicon: NounLexicon) -> str:
    for size in range(min(lexicon.longest, len(phrase.words)), 0, -1):
        found = lexicon.category(" ".join(phrase.words[:size]))
        if found:
            return found
    for word in phrase.words[1:]:
        found = lexicon.category(word)
        if found:
            return found
    return "other"


def _labelled(before: str, words: list[str]) -> bool:
    """A label, a year word or a month ends the text before a number: "القرار 2270", "عام 2006";
    `words`: its last three words, before.rsplit(None, 2)."""
    if not words or not (
        words[-1].endswith(_LABEL_ENDS)
        or "/" in words[-1]
        or len(words) > 1
        and words[-2].endswith(_LABEL_ENDS_BEFORE_A_WORD)
    ):
        return False  # most numbers follow no label
    return _LABEL_BEFORE.search(before) is not None


def _listed(nt: NormalizedText, end: int) -> bool:
    """ "15ـ غياب التمييز": digits with a tatweel after them number an item in a list."""
    at = nt.offsets[end - 1] + 1  # right after the last digit in the original
    return nt.original[at : at + 1] == "\u0640"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    if not text[max(0, start - 40) : start].rstrip().endswith(_QUALIFIER_ENDS):
        return None
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    if not match:
        return None
    kind = next(k for k in ("approx", "at_least", "at_most") if match.group(k))
    return kind, match.start("q")


def _original(nt: NormalizedText, text: str, start: int, end: int) -> tuple[int, int]:
    """Original offsets of a normalised range, with the marks right after it: "ميلاً"."""
    s, e = nt.to_original(start, end)
    while text[e : e + 1] in _TRAILING_MARKS:  # "" at the end of the text is no mark
        e += 1
    return s, e


# ---------------------------------------------------------------- around a number

_OPENERS = "([" + _QUOTE_MARKS
_CLOSER = re.compile(rf"[^\S\n]*[)\]{_QUOTE_MARKS}]")
_THEM = ("منهم", "منهن", "منهما")
_OF_THEM = re.compile(rf"{_S}({'|'.join(_THEM)})(?!\w)")
# A name before a number word is a name: "أبو قرنين", "ابن ثلاث" is no count.
NAME_WORDS = frozenset("ابو ابي ابا ام بن ابن بنت بني ال عبد ذو ذي".split())
_INFECTED = re.compile(rf"(?:{_S}{_AR})?{_S}ب(?:ال)?(?:فيروس|مرض|كورونا|وباء|عدوي|حمي|متلازمه)")
_RUNNING = re.compile(rf"حتي{_S}(?:الان|اللحظه|هذه{_S}اللحظه|الساعه|ساعه{_S}اعداد)(?!\w)")
_POST_AGE_UNITS = frozenset("دقيقه دقائق ثانيه ثوان ساعه ساعات".split())
# A verb of exceeding before what it counts: "تجاوز عدد القتلى 300", "فاقت حصيلة الضحايا 200".
_QUALIFIER_VERB_BEFORE = re.compile(
    rf"(?<!\w)[وف]?(?:(?P<at_least>[يت]?تجاوز|تجاوزت|[يت]?فوق|فاق|فاقت|[يت]?زيد|زاد|زادت|[يت]?ربو|ربا)"
    rf"|(?P<approx>[يت]?قارب|قاربت|ناهز|ناهزت|[يت]?ناهز)){_S}(?:ال)?(?:عدد|حصيله|اعداد|اجمالي)"
    rf"(?:{_S}{_AR}){{0,3}}(?:{_S}(?:الي|ل))?{_S}$"
)
_TOLL_WORDS = frozenset("عدد حصيله اعداد اجمالي مجموع".split())
_TOLL_STEMS = ("عدد", "حصيله", "اجمالي")  # a cheap test before _QUALIFIER_VERB_BEFORE


def _beside_a_slash(text: str, start: int, end: int) -> bool:
    """ "25/ 16", "20 / 6 / 1995": digits after a slash, or before a slash and digits."""
    return (
        text[max(0, start - 3) : start].rstrip()[-1:] == "/"
        or text[end : end + 4].lstrip()[:1] == "/"
        and text[end : end + 8].lstrip()[1:].lstrip()[:1].isdigit()
    )


def _opened_at(text: str, at: int) -> int:
    """Where an opening bracket or quote mark right before `at` starts: "(12)" -> at "("."""
    before = at
    while before > 0 and before > at - 3 and text[before - 1] in " \t":
        before -= 1
    return before - 1 if before > 0 and text[before - 1] in _OPENERS else at


# Words between a casualty verb and its count: "وقتل في الهجوم 27 شخصاً", "أصيب أمس 5".
_BETWEEN_CUE = frozenset("في جراء اثر خلال امس اليوم بسبب نتيجه".split())


def _casualty_cue(text: str, at: int, lexicon: NounLexicon) -> tuple[str, int, str] | None:
    """A casualty word before a number (past a qualifier, a subject or a place): "مقتل 9",
    "وإصابة (21)", "أصيب نحو 30", "اعتقلت الشرطة 25", "وقتل في الهجوم 27". -> (kind, where the
    word starts, the word when it is right before the number: the count's noun if none follows)."""
    qualifier = _qualifier_before(text, at)
    if qualifier:
        at = qualifier[1]
    end, after = at, ""
    for back in range(4):  # the last words, right to left (str methods: this runs for every number)
        stop = end
        while stop > 0 and text[stop - 1] in " \t":
            stop -= 1
        begin = stop
        while begin > 0 and text[begin - 1].isalpha():
            begin -= 1
        word = text[begin:stop]
        if not word or begin == end:  # punctuation or the text's start: the clause ends
            return None
        for cut in (0, 1, 2):  # "وإصابة", "وبمقتل"
            if cut and not _PROCLITIC.fullmatch(word[:cut]):
                break
            kind = lexicon.kinds.get(word[cut:])
            if kind and word[cut:] in _LOSE and after.startswith("ال"):
                return None  # "فقد التعاون خمسة لاعبين": the team lost them, nobody went missing
            if kind and word[cut:] not in PEOPLE_PLURALS:
                return kind, begin + cut, word[cut:] if back == 0 else ""
        if not (
            word in ("علي", "عن") and back == 0 or word in _BETWEEN_CUE or word.startswith(("ال", "بال", "لل", "وال"))
        ):
            return None  # "القبض على 25", "اعتقلت الشرطة 25", "قتل في الهجوم 27" go on
        end, after = begin, word
    return None


# "فقد" is "went missing" without a subject, "lost" with one; "فقد 12 شخصا حياتهم": they died.
_LOSE = frozenset("فقد فقدت فقدوا".split())
_LOST_LIVES = re.compile(rf"(?:{_S}{_AR}){{0,2}}{_S}(?:حياته|حياتها|حياتهم|حياتهن|ارواحهم|ارواحهن|روحه|روحها)(?!\w)")


# Casualty nouns that are the people themselves, not the event: "القتلى 300" is no cue.
PEOPLE_PLURALS = frozenset("قتلي جرحي مصابين مصابون شهداء ضحايا نازحين مفقودين معتقلين".split())


# Words after which a bare number is the toll named before it: "ارتفع عدد القتلى إلى 300".
_TOLL_LEADS = frozenset("الي بلغ بلغت يبلغ تبلغ ليبلغ لتبلغ ليصل لتصل وصل وصلت بين".split())


def _leads_to_toll(
    text: str, at: int, end: int, last_words: list[str], pre: str, found: list[Span], lexicon: NounLexicon
) -> bool:
    """May a number with no noun after it count a noun named before it? After "إلى", "بلغ",
    "بين", a toll noun ("عدد القتلى 300"), or "و" after such a count in the clause; never in a
    date ("( 20 / 6 / 1995 )")."""
    if text[max(0, at - 3) : at].strip()[-1:] in ("/", "-") or text[end : end + 3].lstrip()[:1] in ("/", "-"):
        return False
    last = last_words[-1] if last_words else ""
    if last in _TOLL_LEADS or last.startswith("ال") and not pre and lexicon.category(last) in PEOPLE:
        return True
    return pre.startswith("و") and bool(found) and not any(c in text[max(0, at - 50) : at] for c in ".،\n")


_AMONG = frozenset("بينهم بينهن بينها منهم منهن".split())


def _casualty_after(text: str, end: int, lexicon: NounLexicon) -> str:
    """The casualty kind said after a count of people, in its clause: a plural verb ("خمسة
    عناصر ... قتلوا أمس") or a casualty noun right after ("230 ألف شخص مشرد")."""
    clause = text[end : end + 60]
    for stop in ".،\n":
        clause = clause.split(stop, 1)[0]
    for index, word in enumerate(clause.split()[:6]):
        bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
        kind = lexicon.kinds.get(bare)
        if kind and (bare.endswith("وا") or index == 0 and bare in lexicon.categories):
            return kind
    return ""


def _noun_before(text: str, at: int, lexicon: NounLexicon) -> _NounPhrase | None:
    """The counted noun of a number with none after it, named before it in the same clause:
    "ارتفع عدد القتلى إلى 300", "وتوزع الضحايا بين 500 في العاصمة" (people and casualties;
    any known noun after "عدد"/"حصيلة")."""
    stop = max(text.rfind(".", 0, at), text.rfind("،", 0, at), text.rfind("\n", 0, at), at - 80)
    words = list(re.finditer(_AR, text[stop + 1 : at]))[-7:]
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group()
        bare = (
            "ال" + word[2:]
            if word.startswith("لل")
            else word[1:]
            if word[:1] in "وبل" and word[1:].startswith("ال")
            else word
        )  # "للقتلى" -> "القتلى"
        if not bare.startswith("ال"):
            continue
        category = lexicon.category(bare)
        after_toll = index and words[index - 1].group().lstrip("و") in _TOLL_WORDS
        if category in PEOPLE or category and category != "other" and after_toll:
            begin = stop + 1 + words[index].start() + (2 if word.startswith("لل") else len(word) - len(bare))
            return _NounPhrase(begin, stop + 1 + words[index].end(), bare, [bare])
    return None


def _post_age(text: str, start: int, end: int) -> bool:
    """ "منذ 35 دقيقة" at a line's start or end: when a headline was posted."""
    before = text[max(0, start - 12) : start].split()
    if not before or before[-1] != "منذ" or text[start:end].split()[-1] not in _POST_AGE_UNITS:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    return text[line_start:start].split() == ["منذ"] or not rest.strip(" .،-|")


def _running(text: str, start: int, end: int) -> bool:
    """ "حتى الآن" in the claim's clause: a running toll ("ارتفعت الحصيلة حتى الآن إلى 300")."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 60) + 1
    right = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    return _RUNNING.search(text, left, min([*right, end + 60])) is not None


def _armed(phrase: _NounPhrase, category: str, lexicon: NounLexicon) -> bool:
    """May the noun name a weapon class? Not when its head is a known thing of another kind:
    "مئات مصانع الذخيرة" counts factories (an entry of its own, "صواريخ فضائية", still may)."""
    return not (
        category == "other"
        and lexicon.category(phrase.head) == "other"
        and not lexicon.category(" ".join(phrase.words))
        or category in PEOPLE
    )


def _span(
    article: Article,
    nt: NormalizedText,
    start: int,
    end: int,
    num: tuple[int, int],
    value: float,
    noun: tuple[int, int],
    category: str,
    qualifier: str,
    low: float | None = None,
    casualty: str = "",
    running: bool = False,
    armed: bool = True,
) -> Span:
    text = article.text
    s, e = _original(nt, text, start, end)
    ns, ne = _original(nt, text, *noun)
    qs, qe = _original(nt, text, *num)
    return Span(
        article.id,
        s,
        e,
        text[s:e],
        "quantity",
        category,
        {
            "value": _number(value),
            "noun": text[ns:ne],
            "category": category,
            "qualifier": qualifier,
            "number_text": text[qs:qe],
            "value_low": _number(value if low is None else low),
            "weapon": weapon_class(text[ns:ne]) if armed and category in _ARMS else "",
            "casualty": casualty,
            "running": running,
        },
    )


# A dot before three digits parts thousands in much Arabic news ("1.200 شخص", "2.500 عام"); it
# stays a decimal point in a percentage ("2.125 في المائة") and in money, where both are written:
# "388.720 دولار" is a sum, "سعر السهم 7.910 درهم" a share price, "0.105 دينار" fils.
_DECIMAL_CATEGORIES = frozenset({"percent", "money"})


def extract_quantities(article: Article, lexicon: NounLexicon | None = None) -> list[Span]:
    """Quantity spans of one article, on its body (chrome blanked), in text order.

    "قرابة 550 يومًا" -> Span(label="time", data={"value": 550, "qualifier": "approx", ...}).
    """
    lexicon = lexicon or load_quantity_nouns()
    nt = normalize_with_offsets(article.body)
    text = nt.normalized
    found: list[Span] = []
    running = _RUNNING.search(text) is not None  # "حتى الآن" anywhere: look again around each claim
    for match in _number_matches(text, lexicon):
        dual, pre, num, digits, vague_word, words = match.group("dual", "pre", "num", "digits", "vague", "words")
        if dual:  # "صاروخين": two missiles; "أبو قرنين" is a name
            if text[max(0, match.start() - 6) : match.start()].split()[-1:] not in ([w] for w in NAME_WORDS):
                found.extend(_dual(article, nt, match.start("dual"), lexicon))
            continue
        vague = vague_word is not None
        number_end = match.end()
        if words and num in _ONE_OF and not _PERCENT.match(text, number_end):
            if num in _ONE and not pre:
                found.extend(_one_of(article, nt, match, lexicon))  # "دولار واحد", "سفينة واحدة"
            continue  # "أحد المسؤولين": one of
        if pre + num.split()[0] in NOT_NUMBERS:
            continue  # "لست" (I am not), not "ل" + "ست"
        value = parse_number(num, normalized=True)
        if value is None:
            continue
        number_start = _opened_at(text, match.start())  # "(12)", "“ 8 ” آلاف"
        before = text[max(0, number_start - 40) : number_start]  # a label and a word fit in 40
        last_words = before.rsplit(None, 2)
        if last_words and not digits and (last_words[-1] in ORDINALS or last_words[-1] in NAME_WORDS):
            continue  # "الحادي عشر", "أبو قرنين"
        if digits and (
            _labelled(before, last_words)
            or num == digits
            and _listed(nt, match.end("digits"))
            or _beside_a_slash(text, match.start(), match.end("digits"))
        ):
            continue  # "القرار 2270", "15ـ غياب", "25/ 16" (a score), "( 20 / 6 / 1995 )"
        if vague and _DEFINITE_VAGUE.match(num) and not _FROM.match(text, number_end):
            continue  # "العشرات من ..." counts; "المليارات العشرة" does not
        closed = _CLOSER.match(text, number_end) if number_start < match.start() else None
        number_end = closed.end() if closed else number_end  # "(12) وإصابة", "(7) منهم"
        percent = _PERCENT.match(text, number_end)
        cue = None
        if percent:  # "20 في المائة", "٣٥٪": the noun is the percent sign or words
            at = number_end + len(percent.group()) - len(percent.group().lstrip())
            phrase, category = _NounPhrase(at, percent.end(), "%", ["%"]), "percent"
        else:
            phrase = _noun_phrase(nt, number_end, vague, lexicon)
            if phrase is None:
                cue = _casualty_cue(text, number_start, lexicon)
                of_them = _OF_THEM.match(text, number_end)
                if of_them:  # "ثلاثة منهم": three of them (people)
                    phrase = _NounPhrase(of_them.start(1), of_them.end(1), of_them.group(1), [of_them.group(1)])
                elif cue and cue[2]:  # "مقتل 9 وإصابة 21": the verbal noun before counts; "أصيب 5 بجروح"
                    phrase = _NounPhrase(cue[1], cue[1] + len(cue[2]), cue[2], [cue[2]])
                elif (
                    digits
                    and not _YEAR.fullmatch(digits)
                    and _leads_to_toll(text, number_start, number_end, last_words, pre, found, lexicon)
                ):
                    phrase = _noun_before(text, number_start, lexicon)  # "ارتفع عدد القتلى إلى 300"
                if phrase is None:
                    continue
            after = _NEXT_WORD.match(text, phrase.end)
            if phrase.head in ("دقيقه", "دقائق") and after and after.group(1) in _READING:
                continue  # "4 دقيقة قراءة": reading time, page chrome
            category = (
                "person"
                if phrase.head in _THEM
                else "casualty"
                if cue and phrase.start == cue[1]
                else _category(phrase, lexicon)
            )
            if category == "time" and _post_age(text, number_start, phrase.end):
                continue  # "منذ 35 دقيقة" beside a headline: when it was posted
        if digits and _YEAR.fullmatch(digits) and category == "other":
            continue  # a year: "في 2019 عندما..."
        kind = ""
        if category == "casualty":
            kind = lexicon.kind(phrase.words[0]) or (cue[0] if cue else "")
        elif category == "person" and (cue or (cue := _casualty_cue(text, number_start, lexicon))):
            category, kind = "casualty", cue[0]  # "أصيب 30 شخصاً", "قتل عشرة من رجال الأمن"
        elif category == "person" and (kind := _casualty_after(text, phrase.end, lexicon)):
            category = "casualty"  # "خمسة عناصر من القاعدة قتلوا", "230 ألف شخص مشرد"
        elif (
            category == "person"
            and (pre.startswith("و") or last_words and last_words[-1] in _AMONG)
            and found
            and found[-1].data["casualty"]
            and not any(stop in text[max(0, match.start() - 60) : match.start()] for stop in ".،\n")
            and found[-1].end >= nt.offsets[max(0, match.start() - 60)]
        ):
            kind = found[-1].data["casualty"]  # "قتل عشرة من رجال الأمن و12 من منسوبي الشرطة", "بينهم 21 سائحا"
            category = "casualty"
        if kind == "missing" and _LOST_LIVES.match(text, phrase.end):
            kind = "killed"
        if kind == "injured" and _INFECTED.match(text, phrase.end):
            kind = "infected"  # "1000 إصابة بفيروس كورونا": cases of a disease
        thousands = dot_thousands(digits) if digits and num == digits and category not in _DECIMAL_CATEGORIES else None
        dotted = thousands is not None
        if dotted:  # "قتل 1.200 شخص", "10.630 وحدة سكنية": a dot between thousands, no one counts 1.2 people
            value = thousands
        end = max(phrase.end, number_end)
        if category == "money":
            cents = _SUBUNIT.match(text, end)
            cents_value = parse_number(cents.group("n"), normalized=True) if cents else None
            if cents_value is not None and cents_value < 100:
                value, end = value + cents_value / 100, cents.end()
        half = _HALF_AFTER.match(text, end)
        if half and not vague and not num.rstrip().endswith(("نصف", "ربع")):
            value, end = value + (0.5 if half.group().endswith("نصف") else 0.25), half.end()
        qualifier, start = "exact", match.start("pre") + (1 if pre[:1] in ("و", "ف") else 0)  # not "و"
        if number_start < start and (closed or any(mark in num for mark in _QUOTE_MARKS)):
            start = number_start  # "(40)" with its brackets, '“ 8 ” آلاف' with its marks
        low = None if vague else _range_low(text, match, value, dotted)
        if low is not None:
            low, start = low
            qualifier = "range"
        before_q = _qualifier_before(text, _opened_at(text, start))
        if before_q:
            qualifier, start = before_q
        elif qualifier == "exact" and any(w in text[max(0, start - 40) : start] for w in _TOLL_STEMS):
            verb_q = _QUALIFIER_VERB_BEFORE.search(text, max(0, start - 60), _opened_at(text, start))
            if verb_q:  # "تجاوز عدد القتلى 300": a verb of more than, then what it counts
                qualifier = verb_q.lastgroup
        after_q = _QUALIFIER_AFTER.match(text, end)
        if after_q:
            end = after_q.end()
            if qualifier == "exact":
                qualifier = next(k for k in ("approx", "at_least", "at_most") if after_q.group(k))
        if vague:
            qualifier = "vague"
        if cue and cue[2] and phrase.start == cue[1]:
            start = cue[1]  # the span reads "مقتل 9"
        found.append(
            _span(
                article,
                nt,
                start,
                end,
                match.span("num"),
                value,
                (phrase.start, phrase.end),
                category,
                qualifier,
                low,
                kind,
                running and _running(text, start, end),
                _armed(phrase, category, lexicon),
            )
        )
    if any(stem in text for stem in _DEFINITE_STEMS):
        found.extend(_definite_counts(article, nt, lexicon))  # "الأشهر الثلاثة"
    for half in AND_HALF.finditer(text):  # "عام ونصف" -> 1.5 years
        match = _WORD_BEFORE.search(text, max(0, half.start() - 30), half.start())
        if not match or (half.start() and text[half.start() - 1].isalnum()):
            continue
        noun = match.group(1)
        category = lexicon.category(noun)
        if not category or noun.startswith("ال") or not _is_noun(noun):
            continue
        value = parse_number(text[match.start() : half.end()], normalized=True)
        if value is None:
            continue
        found.append(
            _span(
                article,
                nt,
                match.start(),
                half.end(),
                (match.start(), half.end()),
                value,
                match.span(1),
                category,
                "exact",
            )
        )
    return _without_overlaps(found)


# A definite plural and a definite number word after it: "الأشهر الثلاثة", "السنوات السبع".
_DEFINITE_NUMBER = re.compile(rf"ال({_alternation(w for w in UNITS if UNITS[w] >= 3)})(?!\w)")  # a literal first: fast
_DEFINITE_COUNT = re.compile(rf"(?<!\w)[وبل]?(ال{_AR}){_S}$")  # the noun before it


# What the text must hold for _DEFINITE_COUNT to match: a cheap test (str's search) first.
_DEFINITE_STEMS = tuple(" ال" + w for w in ("ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر"))


def _definite_counts(article: Article, nt: NormalizedText, lexicon: NounLexicon) -> list[Span]:
    spans, text = [], nt.normalized
    for number in _DEFINITE_NUMBER.finditer(text):
        if not number.start() or text[number.start() - 1] not in " \t":
            continue
        match = _DEFINITE_COUNT.search(text, max(0, number.start() - 30), number.start())
        if not match:
            continue
        noun = match.group(1)
        category = lexicon.category(noun)
        if not category or category == "other" and not noun.endswith(("ات", "ين", "ون")):
            continue  # a known noun ("الأعوام", "الدول"), not "الساعة الثالثة" (no unit word) or a name
        value = UNITS[number.group(1)]
        spans.append(
            _span(
                article,
                nt,
                match.start(1),
                number.end(),
                number.span(1),
                value,
                match.span(1),
                category,
                "exact",
                casualty=lexicon.kind(noun) if category == "casualty" else "",
            )
        )
    return spans


def _one_of(article: Article, nt: NormalizedText, one: re.Match, lexicon: NounLexicon) -> list[Span]:
    """ "دولار واحد", "لشخص واحد" (one person): a known noun and "واحد" after it; "الطلب
    الواحد" is no count."""
    text = nt.normalized
    noun = _WORD_BEFORE.search(text, max(0, one.start() - 30), one.start())
    if not noun:
        return []
    word = noun.group(1)
    cut = next(
        (c for c in (0, 1, 2) if c < len(word) - 1 and _PROCLITIC.fullmatch(word[:c]) and lexicon.category(word[c:])),
        None,
    )
    if cut is None or word[cut:].startswith("ال") or not _is_noun(word[cut:]):
        return []
    phrase = _noun_phrase(nt, noun.start(1) + cut, False, lexicon, here=True)
    if phrase is None or phrase.end != noun.end(1):
        return []
    return [
        _span(
            article,
            nt,
            noun.start(1) + cut,
            one.end(),
            one.span("num"),
            1,
            (phrase.start, phrase.end),
            lexicon.category(word[cut:]),
            "exact",
        )
    ]


def _dual(article: Article, nt: NormalizedText, at: int, lexicon: NounLexicon) -> list[Span]:
    """ "صاروخين باليستيين" (two ballistic missiles), "صاروخين اثنين": a dual noun counts two."""
    phrase = _noun_phrase(nt, at, False, lexicon, here=True)
    if phrase is None:
        return []
    two = _TWO.match(nt.normalized, phrase.end)
    end = two.end() if two else phrase.end
    category = _category(phrase, lexicon)
    qualifier = _qualifier_before(nt.normalized, at)  # "لأكثر من كيلومترين"
    return [
        _span(
            article,
            nt,
            qualifier[1] if qualifier else at,
            end,
            (at, phrase.start + len(phrase.head)),
            2,
            (phrase.start, phrase.end),
            category,
            qualifier[0] if qualifier else "exact",
            casualty=lexicon.kind(phrase.head) if category == "casualty" else "",
        )
    ]


def _range_low(text: str, match: re.Match, value: float, dotted: bool = False) -> tuple[float, int] | None:
    """The low end of a range ending at this number, and where the range starts:
    "بين 300 و500" -> 300, "من 20 إلى 30 ألف" -> 20_000 (the scale is shared), "10-15" -> 10;
    `dotted`: the number's dot parts thousands, and so does the low end's ("بين 1.200 و1.500")."""
    and_joined = match.group("pre").startswith("و")
    end = match.start()
    if not and_joined and not text[max(0, end - 6) : end].rstrip().endswith(("-", "–", "الي", "حتي")):
        return None  # the cheap test first: most numbers end no range
    found = _RANGE_BEFORE.search(text, max(0, end - 60), end)
    if not found:
        return None
    separator = text[found.end("low") : end]
    if and_joined != (not separator.strip()):
        return None  # "و" joins a range only as "بين ... و..."; a bare space is no range
    if and_joined and not found.group("intro"):
        return None
    if "-" in separator or "–" in separator:
        if not (found.group("low")[0].isdigit() and match.group("digits")):
            return None
    low = dot_thousands(found.group("low")) if dotted else None
    if low is None:
        low = parse_number(found.group("low"), normalized=True)
    if low is None or low >= value or (_YEAR.fullmatch(found.group("low")) and not _YEAR.fullmatch(match.group("num"))):
        return None  # "في 2013 إلى 873 مليونا": a year, then the figure it rose to
    last = match.group("num").split()[-1]
    if last in SCALES and found.group("low").split()[-1] not in SCALES:
        low *= SCALES[last][0]  # "من 20 إلى 30 ألف": twenty thousand
        if low > value:
            return None  # "من 900 إلى 2 مليون": no shared scale, two figures
    return low, found.start()


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Earliest first, and the longer of two spans that start together."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


# ---------------------------------------------------------------- claims compared

SAME_THING_COLUMNS = [
    "thing",
    "thing_en",
    "thing_ar",
    "category",
    "casualty",
    "value",
    "value_low",
    "qualifier",
    "running",
    "text",
    "noun",
    "outlet",
    "article",
    "published",
    "start",
    "sentence",
]
# Casualty kinds as a compared thing, in English and Arabic.
CASUALTY_NAMES = {
    "killed": ("killed", "القتلى"),
    "injured": ("injured", "المصابون"),
    "missing": ("missing", "المفقودون"),
    "displaced": ("displaced", "النازحون"),
    "arrested": ("arrested", "المعتقلون"),
    "infected": ("infected", "الإصابات بالمرض"),
}
# Compared in this order (casualties first); durations ("24 عاما", "550 يوماً") measure too many
# different things under one noun to be one count.
COMPARED = ("casualty", "person", "munition", "weapon", "container", "money", "percent", "distance", "other")
_BEFORE_PERCENT = re.compile(r"(?:^|\s)((?:ال)\w+)(?:\s+\w+){0,2}\s*$")


def _thing(row) -> str:
    """What a claim counts, as a key: "casualty:killed", a weapon class, "money:دولار",
    "percent:البطاله" (the measured thing before a percentage)."""
    if row.category == "casualty":
        return f"casualty:{row.casualty or 'killed'}"
    if row.weapon and row.category in ("munition", "weapon", "container", "other"):
        return row.weapon
    if row.category == "percent":
        sentence = normalize(str(row.sentence))
        at = sentence.find(normalize(str(row.text)).split()[0]) if str(row.text).strip() else -1
        found = _BEFORE_PERCENT.search(sentence[:at]) if at > 0 else None
        return f"percent:{found.group(1)}" if found else ""
    words = normalized_key(str(row.noun)).split()
    if not words:
        return ""
    head = noun_forms(words[0])[-1]  # "الجنود" -> "جنود", "دولارا" -> "دولار"
    return f"{row.category}:{head}"


def _things(frame: pd.DataFrame) -> list[str]:
    """_thing of each claim, worked out once per distinct claim (a big store has 70,000)."""
    columns = ["category", "casualty", "weapon", "noun", "text"]
    # only a percentage reads its sentence: the others' are not made into strings
    sentences = iter(frame.loc[(frame["category"] == "percent").to_numpy(), "sentence"].astype(str).tolist())
    cache: dict[tuple, str] = {}
    out = []
    for values in zip(*(frame[c].tolist() for c in columns)):  # lists: iterating Arrow strings is slow
        percent = values[0] == "percent"
        sentence = next(sentences) if percent else ""
        key = (*values, sentence) if percent else values[:4]
        if key not in cache:
            cache[key] = _thing(_Claim(*values, sentence))
        out.append(cache[key])
    return out


class _Claim(NamedTuple):
    category: str
    casualty: str
    weapon: str
    noun: str
    text: str
    sentence: str


_SAME_THING_MEMO: dict[tuple[int, tuple], tuple[weakref.ref, pd.DataFrame]] = {}


def same_thing_claims(quantities: pd.DataFrame, categories: tuple[str, ...] = COMPARED) -> pd.DataFrame:
    """_same_thing_claims, worked out once per quantities frame (tables are not changed once made):
    the Numbers page draws it twice, and a big store's 70,000 claims take seconds."""
    key = (id(quantities), tuple(categories))
    hit = _SAME_THING_MEMO.get(key)
    if hit is None or hit[0]() is not quantities:
        if len(_SAME_THING_MEMO) >= 8:
            _SAME_THING_MEMO.clear()
        hit = (weakref.ref(quantities), _same_thing_claims(quantities, tuple(categories)))
        _SAME_THING_MEMO[key] = hit
    return hit[1].copy(deep=False)


def _same_thing_claims(quantities: pd.DataFrame, categories: tuple[str, ...]) -> pd.DataFrame:
    """Claims about the same thing with different numbers, side by side, casualties first:
    the dead, the injured ... of the story ("مقتل 9" and "ارتفعت الحصيلة إلى 12 قتيلاً"), a
    weapon class ("5 ملايين قذيفة" and "بمليون قذيفة": artillery shells), else the counted
    noun of its category; vague counts ("عشرات") and groups with one value are left out."""
    if quantities.empty:
        return pd.DataFrame(columns=SAME_THING_COLUMNS)
    names = weapon_matcher().entries
    frame = quantities[quantities["category"].isin(categories) & (quantities["qualifier"] != "vague")].copy()
    for column, default in (("casualty", ""), ("running", False), ("start", 0)):
        if column not in frame:
            frame[column] = default
    if frame.empty:
        return pd.DataFrame(columns=SAME_THING_COLUMNS)
    frame["thing"] = _things(frame)
    frame = frame[frame["thing"] != ""]
    # One label a thing: its commonest noun (the first in sort order of the commonest, as Series.mode)
    nouns = (
        frame.groupby(["thing", "noun"], sort=False)
        .size()
        .reset_index(name="n")
        .sort_values(["thing", "n", "noun"], ascending=[True, False, True])
        .drop_duplicates("thing")
        .set_index("thing")["noun"]
    )
    labels = {t: (_thing_name(t, n, names, 0), _thing_name(t, n, names, 1)) for t, n in nouns.items()}
    frame["thing_en"] = frame["thing"].map({t: en for t, (en, _) in labels.items()})
    frame["thing_ar"] = frame["thing"].map({t: ar for t, (_, ar) in labels.items()})
    distinct = frame.drop_duplicates(["thing", "value", "value_low"]).groupby("thing").size()
    frame = frame[frame["thing"].isin(distinct[distinct > 1].index)]
    rank = {c: i for i, c in enumerate(categories)}
    frame["_rank"] = frame["category"].map(rank)
    frame["_size"] = frame.groupby("thing")["value"].transform("size")
    return frame.sort_values(
        ["_rank", "_size", "thing", "published", "value"],
        ascending=[True, False, True, True, False],
        na_position="last",
    )[SAME_THING_COLUMNS].reset_index(drop=True)


def _thing_name(thing: str, noun: str, names: dict, language: int) -> str:
    """The label of a compared thing: "killed" / "القتلى", a weapon class's name, or the noun."""
    if thing.startswith("casualty:"):
        return CASUALTY_NAMES.get(thing[9:], (thing[9:], thing[9:]))[language]
    if thing in names:
        return names[thing].fields["name_ar" if language else "name_en"]
    if thing.startswith("percent:"):
        return "% " + thing.split(":", 1)[1]  # "% البطاله": the share of what
    return noun  # no English name for a noun outside the taxonomy


TRACK_COLUMNS = [
    "order",
    "published",
    "outlet",
    "value",
    "value_low",
    "qualifier",
    "running",
    "text",
    "article",
    "start",
    "sentence",
]


def figure_track(claims: pd.DataFrame, thing: str) -> pd.DataFrame:
    """One compared count across articles, in publication order (articles without a date
    last, then text order): a toll rising 300 -> 800 -> 2,000 over three days is three rows
    in that order. `claims` is same_thing_claims() output."""
    rows = claims[claims["thing"] == thing]
    if rows.empty:
        return pd.DataFrame(columns=TRACK_COLUMNS)
    rows = rows.sort_values(["published", "article", "start"], na_position="last", kind="stable")
    return rows.assign(order=range(1, len(rows) + 1))[TRACK_COLUMNS].reset_index(drop=True)


class QuantityRow(NamedTuple):
    """The columns a quantity adds to its span row (the quantities table)."""

    value: float
    noun: str
    category: str
    qualifier: str
    number_text: str
    value_low: float
    weapon: str
    casualty: str  # killed, injured, missing, displaced, arrested, infected (CASUALTY_KINDS), or ""
    running: bool  # "حتى الآن": a toll said to be so far

    @classmethod
    def of(cls, span: Span) -> "QuantityRow":
        d = span.data
        return cls(
            value=float(d["value"]),
            noun=d["noun"],
            category=d["category"],
            qualifier=d["qualifier"],
            number_text=d.get("number_text", ""),
            value_low=float(d.get("value_low", d["value"])),
            weapon=d.get("weapon", ""),
            casualty=d.get("casualty", ""),
            running=bool(d.get("running", False)),
        )
