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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

import pandas as pd
import re2  # google-re2: a DFA finds the few places a number can start, in one fast pass

from .corpus import DATA_DIR, Article
from .numbers import (
    DIGITS, FRACTIONS, HUNDRED_WORDS, HUNDREDS, NOT_NUMBERS, PROCLITIC, SCALES, TENS, UNITS,
    parse_number, word_value,
)
from .lexicon import LexiconError
from .spans import Span
from .text import NormalizedText, normalize_with_offsets, normalized_key, noun_forms
from .weapons import weapon_class, weapon_matcher

QUANTITY_NOUNS_FILE = DATA_DIR / "quantity_nouns.csv"
CATEGORIES = ("munition", "weapon", "container", "person", "money", "time", "distance", "percent", "other")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague")


_CACHED = 100_000  # phrases a noun lexicon remembers the category of (about 10 MB at most)


class QuantityLexiconError(LexiconError):
    """A quantity_nouns.csv that cannot be used; the message names the line and the fix."""


# ---------------------------------------------------------------- the noun lexicon

@dataclass(frozen=True)
class NounLexicon:
    """Normalised noun (one or more words) -> category."""

    categories: dict[str, str]
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


@lru_cache(maxsize=8)
def load_quantity_nouns(path: Path = QUANTITY_NOUNS_FILE) -> NounLexicon:
    """Read and check the noun,category file: "قذيفة,munition" (singular and plural rows)."""
    categories: dict[str, str] = {}
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
                if category not in CATEGORIES:
                    raise QuantityLexiconError(
                        f"{path.name} line {line}: category {category!r} is not one of {', '.join(CATEGORIES)}.")
                categories[noun] = category
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise QuantityLexiconError(f"{path.name}: cannot be read ({error}).") from error
    longest = max((len(k.split()) for k in categories), default=1)
    return NounLexicon(categories, longest, *_number_patterns(categories))


def _number_patterns(categories: dict[str, str]) -> tuple[re.Pattern, re2._Regexp]:
    """NUMBER and, in the same scan (one pass over the text), the duals of the one-word nouns:
    "صاروخين", "قذيفتان", "يومين"; people are left out (their -ين is mostly a plural:
    "مسؤولين") and so are two-letter abbreviations ("كم" -> "كمين", an ambush). Second, for
    RE2, the places such a match can start: a proclitic, then digits or a word it can start
    with, then no letter or digit (in Unicode's classes, as Python's word characters)."""
    forms = set()
    for noun, category in categories.items():
        if " " in noun or category == "person" or len(noun) < 3:
            continue
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun
        forms.update(f for f in (stem + "ين", stem + "ان") if f not in categories)
    forms = forms or {"\u0640"}  # no one-word noun: a dual branch that never matches (tatweel is dropped)
    numbers = re.compile(NUMBER.pattern[:-len(r")(?!\w)")] + rf"|(?P<dual>{_alternation(forms)}))(?!\w)")
    starts = re2.compile(rf"[وف]?[بلك]?(?:\pN+|{_alternation(_FIRST_WORDS | forms)})(?:[^\pL\pN_]|$)")
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

NUMBER = re.compile(
    rf"(?<!\w)(?P<pre>[وف]??[بلك]??)(?P<num>"
    rf"(?P<digits>{_DIGIT_TOKEN}(?:{_S}(?:{_SCALE_WORD})(?!\w))*(?:{_HALF})?)"
    rf"|(?P<vague>{_VAGUE_WORD}(?:{_S}(?:ال)?(?:{_PLURAL_SCALE}))?)"
    rf"|(?P<words>(?:نصف|ربع|ثلث|{_NUMBER_WORD})(?:{_S}(?:و[^\S\n]*)?(?:{_NUMBER_WORD}|{_alternation(FRACTIONS)}))*"
    rf"(?:{_S}من{_S}(?:عشره(?:{_S}الاف)?|مئه|مائه|الف)(?!\w))?)"  # a decimal read out: "ستة وثمانية من عشرة"
    rf")(?!\w)"
)
# The words a NUMBER match can start with, after its proclitic.
_FIRST_WORDS = {*UNITS, *TENS, *HUNDREDS, *HUNDRED_WORDS, *SCALES, "نصف", "ربع", "ثلث",
                *(article + word for article in ("", "ال") for word in ("عشرات", "مئات", *_PLURAL_SCALES))}
# A range ends right before the number: "بين 300 و500", "من 20 إلى 30 ألف", "10-15".
_RANGE_BEFORE = re.compile(
    rf"(?:(?<!\w)(?P<intro>بين|من|ما{_S}بين){_S})?(?<![\w.,])(?P<low>{DIGITS}|{_NUMBER_WORD}(?:{_S}و?{_NUMBER_WORD})*)"
    rf"(?:[^\S\n]*[-–][^\S\n]*|{_S}(?P<to>الي|حتي){_S}|{_S})$"
)
# Cents after a sum: "سبعة دولار وخمسون سنت" -> 7.50.
_SUBUNIT = re.compile(
    rf"{_S}و[^\S\n]*(?P<n>{DIGITS}|{_NUMBER_WORD}(?:{_S}و?{_NUMBER_WORD})*){_S}"
    rf"(?:سنت|سنتا|سنتات|فلس|فلسا|قرش|قرشا|قروش|هلله|هللات|كوبيك|بنس)(?!\w)")
# "عام ونصف", "ساعتين ونصف": a singular or dual noun and a half (found from the half backwards).
AND_HALF = re.compile(r"و[^\S\n]*نصف(?!\w)")  # a literal first is fast; the word start is checked after
_ONE = ("واحد", "واحده", "واحدا")
_ONE_OF = ("احد", "احدي", *_ONE)  # "أحد المسؤولين"
_ARMS = ("munition", "weapon", "container", "other")  # categories whose nouns may name a weapon class
_WORD_BEFORE = re.compile(rf"(?<!\w)({_AR}){_S}$")

# Qualifiers before a number, by kind (the first kind that fits wins), single spaces for any.
_QUALIFIERS_BEFORE = {
    "approx": ("حوالي", "نحو", "قرابه", "زهاء", "ما يقرب من", "ما يقارب", "يقارب", "ما يناهز", "يناهز"),
    "at_most": ("ما لا يزيد عن", "ما لا يزيد علي", "لا يزيد عن", "لا يزيد علي", "ما لا يتجاوز", "لا يتجاوز",
                "اقل من", "حتي"),
    "at_least": ("ما لا يقل عن", "لا يقل عن", "اكثر من", "ما يزيد عن", "ما يزيد علي", "يزيد عن", "يزيد علي",
                 "ما يربو علي", "يربو علي", "ما يفوق", "يفوق", "علي الاقل"),
}
_QUALIFIER_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?P<q>[بلك]?(?:"
    + "|".join(f"(?P<{kind}>{'|'.join(p.replace(' ', _S) for p in phrases)})"
               for kind, phrases in _QUALIFIERS_BEFORE.items())
    + rf")){_S}$"
)
# A qualifier ends the text before its number with one of these words: a cheap test first.
_QUALIFIER_ENDS = tuple({p.split()[-1] for phrases in _QUALIFIERS_BEFORE.values() for p in phrases})
_QUALIFIER_AFTER = re.compile(
    rf"{_S}(?:(?P<approx>تقريبا)|(?P<at_least>علي{_S}الاقل)|(?P<at_most>علي{_S}الاكثر))(?!\w)")
_NEXT_WORD = re.compile(rf"{_S}({_AR})")
_WORDS_AFTER = re.compile(rf"(?:{_S}{_AR}){{1,7}}")
_WORDS_HERE = re.compile(rf"{_AR}(?:{_S}{_AR}){{0,6}}")
_TWO = re.compile(rf"{_S}(?:اثنين|اثنان|اثنتين|اثنتان)(?!\w)")
_FROM = re.compile(rf"{_S}من(?!\w)")
_PERCENT = re.compile(rf"[^\S\n]*(?:%|٪|في{_S}ال(?:مئه|مائه)|بال(?:مئه|مائه))")

MONTHS = frozenset(
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر يونيه يوليه "
    "جانفي فيفري افريل ماي جوان جويليه اوت كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين "
    "محرم ربيع جمادي رجب شعبان رمضان شوال ذو ذي".split())  # Hijri months too: "3 ربيع الآخر"
_MONTH = _alternation(MONTHS)
# A number right after these is a label, a year or a clock time, not a count:
# "الرصيف البحري 33", "القرار 2270", "عام 2006", "فبراير 2022", "الساعة 10".
_YEAR_WORDS = ("رقم", "عام", "العام", "لعام", "بعام", "سنه", "السنه", "الساعه")
_LABEL_NOUNS = ("قرار", "ماده", "بند", "رصيف", "فقره", "صفحه", "حلقه", "دوره", "فصل", "طريق", "شارع", "مبني",
                "غرفه", "طراز", "نسخه", "اصدار")
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
    "الحاديه الثانيه الثالثه الرابعه الخامسه السادسه السابعه الثامنه التاسعه".split())
# Words that end a noun phrase or cannot be the counted noun (normalised).
STOPWORDS = frozenset(
    "من في الي علي عن مع بين منذ حتي خلال بعد قبل عند لدي حول ضد عبر دون غير سوي او ام ثم "
    "ان انه انها انهم كما لكن لكنه لان اذا اذ حيث التي الذي الذين اللذين اللتين اللواتي هذا "
    "هذه ذلك تلك هناك هنا فقط ايضا قد لقد لم لن لا ما ماذا كل بعض جميع اي هو هي هم هن نحن انا "
    "انت كان كانت يكون تكون فيما بينما بحسب وفق وفقا حسب مقابل الا تقريبا صباحا مساء مساءا ظهرا "
    "ليلا فجرا ص م ه قراءه بالمئه بالمائه المئه المائه منها منهم عليه عليها فيها فيه له لها لهم "
    "ميلادي ميلاديه هجري هجريه به بها منه عنه عنها اليه اليها لديه لديها عليهم منهما نحو حوالي "
    "قرابه اكثر اقل و ف تاريخ بتاريخ عالميا محليا دوليا عربيا السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه".split()
) | MONTHS
_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
_PROCLITIC = re.compile(PROCLITIC)
_READING = frozenset({"قراءه", "للقراءه"})
_TANWEEN_FATH = "\u064b"
_HALF_AFTER = re.compile(_HALF)
_TRAILING_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")  # "ميلاً": keep the tanween


def _is_modifier(word: str, definite: bool, original: str) -> bool:
    """A nisba adjective agreeing in definiteness: "مدفعية", "الباليستية", "كورياً"."""
    if word in STOPWORDS or word.startswith("ال") != definite:
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
    return nt.original[s:e + 1]


@lru_cache(maxsize=16384)
def _is_noun(word: str) -> bool:
    return (len(word) >= 2 and word not in STOPWORDS and word_value(word) is None
            and word not in NOT_NUMBERS and not (word[0] in "وف" and word[1:] in STOPWORDS))  # "وحتى"


class _NounPhrase(NamedTuple):  # a tuple: one is made for every number read
    start: int  # normalised offsets
    end: int
    head: str
    words: list[str]


def _noun_phrase(nt: NormalizedText, at: int, vague: bool, lexicon: NounLexicon,
                 here: bool = False) -> _NounPhrase | None:
    """The counted noun after position `at` (or starting there: `here`), with a compound,
    genitive and nisba adjectives."""
    text = nt.normalized
    run = (_WORDS_HERE if here else _WORDS_AFTER).match(text, at)  # up to 7 words on this line
    if not run:
        return None
    words = run.group().split()  # Arabic letters with spaces between: split() is the word pattern
    first = 0
    if words[0] == "من" and len(words) > 1 and (
            vague or (words[1].startswith("ال") and lexicon.category(words[1]))):
        first = 1  # "العشرات من حطام الصواريخ"; "ثلاثة من المسؤولين" (a known noun only)
    head = words[first]
    if not _is_noun(head) or (not vague and first == 0 and head.startswith("ال")):
        return None
    last = first
    for size in range(min(lexicon.longest, len(words) - first), 1, -1):  # "حاوية شحن"
        if lexicon.category(" ".join(words[first:first + size])):
            last = first + size - 1
            break
    starts, at = [], run.start()
    for word in words[:last + 4]:  # only spaces between the words: each is the next one found
        at = text.find(word, at)
        starts.append(at)
        at += len(word)
    definite = head.startswith("ال")
    genitive = False
    for index in range(last + 1, min(len(words), last + 4)):
        word = words[index]
        original = _original_word(nt, starts[index], len(word)) if word.endswith("يا") else ""  # for a tanween
        if not definite and not genitive and index == last + 1 and word.startswith("ال") \
                and _is_noun(word) and word[2:] not in MONTHS:
            genitive = definite = True  # idafa: "حطام الصواريخ"
        elif not _is_modifier(word, definite, original):
            break
        last = index
    return _NounPhrase(starts[first], starts[last] + len(words[last]), head, words[first:last + 1])


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
    if not words or not (words[-1].endswith(_LABEL_ENDS) or "/" in words[-1]
                         or len(words) > 1 and words[-2].endswith(_LABEL_ENDS_BEFORE_A_WORD)):
        return False  # most numbers follow no label
    return _LABEL_BEFORE.search(before) is not None


def _listed(nt: NormalizedText, end: int) -> bool:
    """"15ـ غياب التمييز": digits with a tatweel after them number an item in a list."""
    at = nt.offsets[end - 1] + 1  # right after the last digit in the original
    return nt.original[at:at + 1] == "\u0640"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    if not text[max(0, start - 40):start].rstrip().endswith(_QUALIFIER_ENDS):
        return None
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    if not match:
        return None
    kind = next(k for k in ("approx", "at_least", "at_most") if match.group(k))
    return kind, match.start("q")


def _original(nt: NormalizedText, text: str, start: int, end: int) -> tuple[int, int]:
    """Original offsets of a normalised range, with the marks right after it: "ميلاً"."""
    s, e = nt.to_original(start, end)
    while text[e:e + 1] in _TRAILING_MARKS:  # "" at the end of the text is no mark
        e += 1
    return s, e


def _span(article: Article, nt: NormalizedText, start: int, end: int, num: tuple[int, int],
          value: float, noun: tuple[int, int], category: str, qualifier: str,
          low: float | None = None) -> Span:
    text = article.text
    s, e = _original(nt, text, start, end)
    ns, ne = _original(nt, text, *noun)
    qs, qe = _original(nt, text, *num)
    return Span(article.id, s, e, text[s:e], "quantity", category, {
        "value": _number(value), "noun": text[ns:ne], "category": category,
        "qualifier": qualifier, "number_text": text[qs:qe],
        "value_low": _number(value if low is None else low), "weapon": weapon_class(text[ns:ne]) if category in _ARMS else "",
    })


def extract_quantities(article: Article, lexicon: NounLexicon | None = None) -> list[Span]:
    """Quantity spans of one article, on its body (chrome blanked), in text order.

    "قرابة 550 يومًا" -> Span(label="time", data={"value": 550, "qualifier": "approx", ...}).
    """
    lexicon = lexicon or load_quantity_nouns()
    nt = normalize_with_offsets(article.body)
    text = nt.normalized
    found: list[Span] = []
    for match in _number_matches(text, lexicon):
        dual, pre, num, digits, vague_word, words = match.group("dual", "pre", "num", "digits", "vague", "words")
        if dual:  # "صاروخين": two missiles
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
        before = text[max(0, match.start() - 40):match.start()]  # a label and a word fit in 40
        last_words = before.rsplit(None, 2)
        if last_words and last_words[-1] in ORDINALS:
            continue  # "الحادي عشر"
        if digits and (_labelled(before, last_words) or _listed(nt, match.end("digits"))):
            continue
        if vague and _DEFINITE_VAGUE.match(num) and not _FROM.match(text, number_end):
            continue  # "العشرات من ..." counts; "المليارات العشرة" does not
        percent = _PERCENT.match(text, number_end)
        if percent:  # "20 في المائة", "٣٥٪": the noun is the percent sign or words
            at = number_end + len(percent.group()) - len(percent.group().lstrip())
            phrase, category = _NounPhrase(at, percent.end(), "%", ["%"]), "percent"
        else:
            phrase = _noun_phrase(nt, number_end, vague, lexicon)
            if phrase is None:
                continue
            after = _NEXT_WORD.match(text, phrase.end)
            if phrase.head in ("دقيقه", "دقائق") and after and after.group(1) in _READING:
                continue  # "4 دقيقة قراءة": reading time, page chrome
            category = _category(phrase, lexicon)
        if digits and _YEAR.fullmatch(digits) and category == "other":
            continue  # a year: "في 2019 عندما..."
        end = phrase.end
        if category == "money":
            cents = _SUBUNIT.match(text, end)
            cents_value = parse_number(cents.group("n"), normalized=True) if cents else None
            if cents_value is not None and cents_value < 100:
                value, end = value + cents_value / 100, cents.end()
        half = _HALF_AFTER.match(text, end)
        if half and not vague and not num.rstrip().endswith(("نصف", "ربع")):
            value, end = value + (0.5 if half.group().endswith("نصف") else 0.25), half.end()
        qualifier, start = "exact", match.start("pre") + (1 if pre[:1] in ("و", "ف") else 0)  # not "و"
        low = None if vague else _range_low(text, match, value)
        if low is not None:
            low, start = low
            qualifier = "range"
        before_q = _qualifier_before(text, start)
        if before_q:
            qualifier, start = before_q
        after_q = _QUALIFIER_AFTER.match(text, end)
        if after_q:
            end = after_q.end()
            if qualifier == "exact":
                qualifier = next(k for k in ("approx", "at_least", "at_most") if after_q.group(k))
        if vague:
            qualifier = "vague"
        found.append(_span(article, nt, start, end, match.span("num"), value,
                           (phrase.start, phrase.end), category, qualifier, low))
    for half in AND_HALF.finditer(text):  # "عام ونصف" -> 1.5 years
        match = _WORD_BEFORE.search(text, max(0, half.start() - 30), half.start())
        if not match or (half.start() and text[half.start() - 1].isalnum()):
            continue
        noun = match.group(1)
        category = lexicon.category(noun)
        if not category or noun.startswith("ال") or not _is_noun(noun):
            continue
        value = parse_number(text[match.start():half.end()], normalized=True)
        if value is None:
            continue
        found.append(_span(article, nt, match.start(), half.end(), (match.start(), half.end()), value,
                           match.span(1), category, "exact"))
    return _without_overlaps(found)


def _one_of(article: Article, nt: NormalizedText, one: re.Match, lexicon: NounLexicon) -> list[Span]:
    """"دولار واحد", "لشخص واحد" (one person): a known noun and "واحد" after it; "الطلب
    الواحد" is no count."""
    text = nt.normalized
    noun = _WORD_BEFORE.search(text, max(0, one.start() - 30), one.start())
    if not noun:
        return []
    word = noun.group(1)
    cut = next((c for c in (0, 1, 2) if c < len(word) - 1 and _PROCLITIC.fullmatch(word[:c])
                and lexicon.category(word[c:])), None)
    if cut is None or word[cut:].startswith("ال") or not _is_noun(word[cut:]):
        return []
    phrase = _noun_phrase(nt, noun.start(1) + cut, False, lexicon, here=True)
    if phrase is None or phrase.end != noun.end(1):
        return []
    return [_span(article, nt, noun.start(1) + cut, one.end(), one.span("num"), 1, (phrase.start, phrase.end),
                  lexicon.category(word[cut:]), "exact")]


def _dual(article: Article, nt: NormalizedText, at: int, lexicon: NounLexicon) -> list[Span]:
    """"صاروخين باليستيين" (two ballistic missiles), "صاروخين اثنين": a dual noun counts two."""
    phrase = _noun_phrase(nt, at, False, lexicon, here=True)
    if phrase is None:
        return []
    two = _TWO.match(nt.normalized, phrase.end)
    end = two.end() if two else phrase.end
    return [_span(article, nt, at, end, (at, phrase.start + len(phrase.head)), 2, (phrase.start, phrase.end),
                  _category(phrase, lexicon), "exact")]


def _range_low(text: str, match: re.Match, value: float) -> tuple[float, int] | None:
    """The low end of a range ending at this number, and where the range starts:
    "بين 300 و500" -> 300, "من 20 إلى 30 ألف" -> 20_000 (the scale is shared), "10-15" -> 10."""
    and_joined = match.group("pre").startswith("و")
    end = match.start()
    if not and_joined and not text[max(0, end - 6):end].rstrip().endswith(("-", "–", "الي", "حتي")):
        return None  # the cheap test first: most numbers end no range
    found = _RANGE_BEFORE.search(text, max(0, end - 60), end)
    if not found:
        return None
    separator = text[found.end("low"):end]
    if and_joined != (not separator.strip()):
        return None  # "و" joins a range only as "بين ... و..."; a bare space is no range
    if and_joined and not found.group("intro"):
        return None
    if "-" in separator or "–" in separator:
        if not (found.group("low")[0].isdigit() and match.group("digits")):
            return None
    low = parse_number(found.group("low"), normalized=True)
    if low is None or low >= value or (_YEAR.fullmatch(found.group("low")) and not _YEAR.fullmatch(
            match.group("num"))):
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

SAME_THING_COLUMNS = ["thing", "thing_en", "thing_ar", "value", "value_low", "qualifier", "text", "noun",
                      "outlet", "article", "published", "sentence"]


def same_thing_claims(quantities: pd.DataFrame) -> pd.DataFrame:
    """Claims about the same thing with different numbers, side by side: grouped by weapon
    class ("5 ملايين قذيفة" and "بمليون قذيفة": artillery shells) or, for munitions, weapons
    and containers outside the taxonomy, by the counted noun; groups with one value are left out."""
    if quantities.empty:
        return pd.DataFrame(columns=SAME_THING_COLUMNS)
    names = weapon_matcher().entries
    frame = quantities.copy()
    counted = frame["category"].isin(["munition", "weapon", "container"])
    heads = frame["noun"].map(lambda n: normalized_key(n).split()[0] if n.strip() else "")
    frame["thing"] = frame["weapon"].where(frame["weapon"] != "", heads.where(counted, ""))
    frame = frame[frame["thing"] != ""]
    frame["thing_en"] = [names[t].fields["name_en"] if t in names else t for t in frame["thing"]]
    frame["thing_ar"] = [names[t].fields["name_ar"] if t in names else n for t, n in zip(frame["thing"], frame["noun"])]
    distinct = frame.groupby("thing")[["value", "value_low"]].apply(lambda g: len(set(map(tuple, g.values))))
    frame = frame[frame["thing"].isin(distinct[distinct > 1].index)]
    return frame.sort_values(["thing", "value", "published"], ascending=[True, False, True])[SAME_THING_COLUMNS] \
        .reset_index(drop=True)


class QuantityRow(NamedTuple):
    """The columns a quantity adds to its span row (the quantities table)."""
    value: float
    noun: str
    category: str
    qualifier: str
    number_text: str
    value_low: float
    weapon: str

    @classmethod
    def of(cls, span: Span) -> "QuantityRow":
        d = span.data
        return cls(value=float(d["value"]), noun=d["noun"], category=d["category"], qualifier=d["qualifier"],
                   number_text=d.get("number_text", ""), value_low=float(d.get("value_low", d["value"])),
                   weapon=d.get("weapon", ""))
