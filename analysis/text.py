"""Arabic normalisation and tokenisation that keep offsets into the original text.

Matching runs on a normalised copy (alef forms, ى/ي, ة/ه, no diacritics or tatweel,
Arabic-Indic digits as 0-9); every position in that copy maps back to the original,
so a match can always be shown in the sentence it came from.
"""

from __future__ import annotations

import re
from array import array

import numpy as np
from dataclasses import dataclass
from functools import lru_cache

TATWEEL = "\u0640"
# camel-tools' AR_DIAC_CHARSET (tests/test_normalize.py checks): importing its charsets classifies
# every Unicode code point, half a second of a dashboard's first page that never tokenizes.
ARABIC_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
# Invisible marks that sit between letters in copied web text (bidi marks, joiners).
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"
_DROPPED_CHARS = ARABIC_DIACRITICS + TATWEEL + INVISIBLE
# Is this Basic Multilingual Plane code point dropped? (a table look-up beats np.isin)
_IS_DROPPED = np.zeros(0x10000, dtype=bool)
_IS_DROPPED[[ord(c) for c in _DROPPED_CHARS]] = True


# camel-tools' dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar and
# normalize_teh_marbuta_ar each drop or replace single characters: one regex drops, and a
# str.replace per character that is there does the rest (str.translate looks up every
# character and is several times slower). tests/test_normalize.py checks it against camel-tools.
_DROPPED = re.compile("[" + re.escape(_DROPPED_CHARS) + "]")
_REPLACED = [*zip("إأٱآىة", "اااايه"), *zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")]


_DIACRITIC = re.compile("[" + ARABIC_DIACRITICS + "]")


def dediacritize(text: str) -> str:
    """The text without its vowel marks: camel-tools' dediac_ar (tests/test_normalize.py)."""
    return _DIACRITIC.sub("", text)


def without_marks(text: str) -> str:
    """The text without what normalize drops (vowel marks, tatweel, invisible marks), its letters
    as written: "هيئـة الطاقة" -> "هيئة الطاقة", where normalize gives "هيئه الطاقه"."""
    return _DROPPED.sub("", text)


def normalize(text: str) -> str:
    """Normalise Arabic for matching: "أُوكْرانيـا" -> "اوكرانيا", "٥" -> "5"."""
    text = _DROPPED.sub("", text)
    for old, new in _REPLACED:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of `original` and, for each of its characters, its offset there."""

    original: str
    normalized: str
    offsets: array  # len(normalized) + 1 entries; the last is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the normalised text to the original text."""
        if end <= start:
            at = self.offsets[start]
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=1024)  # the extractors all normalise the same body (pipeline.MENTIONS_AT_ONCE)
def normalize_with_offsets(original: str) -> NormalizedText:
    """Normalise and remember where each kept character came from.

    Only dropped characters (diacritics, tatweel, invisible marks) change the length;
    the other normalisations replace one character by one, so offsets stay exact.
    """
    codes = np.frombuffer(original.encode("utf-32-le"), dtype=np.uint32)
    dropped = _IS_DROPPED[np.minimum(codes, 0xFFFF)]  # none of the dropped marks is beyond U+FFFF
    kept = array("i", np.flatnonzero(~dropped).astype(np.int32).tobytes())
    normalized = normalize(original)
    if len(normalized) != len(kept):  # a normaliser changed length: map char by char
        pieces, kept = [], array("i")
        for i, char in enumerate(original):
            piece = normalize(char)
            pieces.append(piece)
            kept.extend([i] * len(piece))
        normalized = "".join(pieces)
    kept.append(len(original))
    return NormalizedText(original, normalized, kept)


@dataclass(frozen=True)
class Token:
    text: str  # as written in the original
    norm: str
    start: int  # offsets into the original text
    end: int


def tokenize(text: str) -> list[Token]:
    """Words and punctuation (camel-tools' simple_word_tokenize) with original offsets."""
    from camel_tools.tokenizers.word import simple_word_tokenize  # imported when first needed (see above)

    nt = normalize_with_offsets(text)
    tokens, cursor = [], 0
    for piece in simple_word_tokenize(nt.normalized):
        at = nt.normalized.find(piece, cursor)
        if at < 0:  # the tokenizer never rewrites text; guard anyway
            continue
        cursor = at + len(piece)
        start, end = nt.to_original(at, cursor)
        tokens.append(Token(text[start:end], piece, start, end))
    return tokens


ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Normalised words, for counting: "وأسلحة، لروسيا" -> ["واسلحه", "لروسيا"]."""
    return _WORD.findall(normalize(text))


# Is this Basic Multilingual Plane code point one that re's \w matches?
IS_WORD = np.array([chr(c).isalnum() or c == 95 for c in range(0x10000)], dtype=bool)


def count_words(text: str) -> int:
    """len(words(text)), read off the normalised copy the extractors made (cached): "وأسلحة، لروسيا" -> 2."""
    normalized = normalize_with_offsets(text).normalized
    codes = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32)
    if not codes.size or codes.max() >= 0x10000:
        return len(_WORD.findall(normalized))
    inside = IS_WORD[codes]  # a word starts where a \w character follows a non-\w one
    return int(inside[0]) + int(np.count_nonzero(inside[1:] & ~inside[:-1]))


# A full stop between digits is a decimal point ("2.5"), not a sentence end. The first mark is
# spelled out letter by letter so that re looks for those letters fast instead of trying every position.
_SENTENCE_END = re.compile(r"(?:!|\?|؟|…|\n|\.(?!\d))(?:[!?؟…\n]|\.(?!\d))*")


# No news sentence is this long (the longest of 11,263 SaudiNewsNet articles: 3,062 characters);
# text without stops is cut into pieces of this length, so that each span's sentence, and each
# search within a sentence, stays this short whatever the input.
MAX_SENTENCE_CHARS = 5000


@lru_cache(
    maxsize=1024
)  # every table of an article, and the tagger a batch of bodies before (see normalize_with_offsets)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence, split at . ! ? ؟ and line breaks, trimmed of spaces;
    a longer run than MAX_SENTENCE_CHARS without any is cut at the last space before that."""
    bounds, start = [], 0
    for stop in _SENTENCE_END.finditer(text):
        bounds += _cut_long(text, start, stop.end())
        start = stop.end()
    bounds += _cut_long(text, start, len(text))
    trimmed = []
    for s, e in bounds:
        piece = text[s:e]
        kept = piece.strip()  # str.strip drops what str.isspace calls a space
        if kept:
            s += len(piece) - len(piece.lstrip())
            trimmed.append((s, s + len(kept)))
    return tuple(trimmed)


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARS, cut after a space where there is one."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = (
            text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS) + 1
            or start + MAX_SENTENCE_CHARS
        )
        pieces.append((start, cut))
        start = cut
    return pieces + [(start, end)]


# No date or quantity pattern reads across a full stop or an Arabic comma (none of them matches
# either, and a lookahead sees one as it sees the end of the text), so a match lies in one clause.
_CLAUSE_STOPS = ".،"
_CLAUSE_STOP = re.compile(f"[{_CLAUSE_STOPS}]")


def finditer_in_clauses(pattern: re.Pattern, text: str, anchor: re.Pattern):
    """pattern.finditer(text), scanning only the clauses that hold an `anchor` match, where
    every match of `pattern` holds one: "في 5 مارس. قال" scans "في 5 مارس" for a date.

    The anchor is a cheap regex (it starts with a letter or a digit, which re looks for fast);
    the full pattern starts with a lookbehind, which makes re try it at every position."""
    for start, end in _clauses_with(anchor, text):
        yield from pattern.finditer(text, start, end)


@lru_cache(maxsize=64)  # several patterns of one text share an anchor
def _clauses_with(anchor: re.Pattern, text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each clause of `text` that holds an `anchor` match, in order. After
    each clause the anchor is searched for again from its end: no anchor matches a clause
    stop, so no match runs over one, and finditer would have found the same next match."""
    clauses, size, stop = [], len(text), 0  # stop: the last clause's end (a stop), where no later one is
    found = anchor.search(text)
    while found:
        at = found.start()
        start = max(text.rfind(".", stop, at), text.rfind("،", stop, at)) + 1  # the stops of _CLAUSE_STOPS
        following = _CLAUSE_STOP.search(text, at)  # (a find for a stop the text lacks read to its end each time)
        end = following.start() if following else -1
        if end < 0:
            clauses.append((start, size))
            break
        clauses.append((start, end))
        found, stop = anchor.search(text, end), end
    return tuple(clauses)


@lru_cache(maxsize=1 << 16)  # names and phrases: 49,000 calls of 2,888 articles missed a cache of 4,096
def normalized_key(phrase: str) -> str:
    """The form a lexicon phrase is matched in: normalised, single spaces."""
    return " ".join(normalize(phrase).split())


def noun_forms(word: str) -> list[str]:
    """Forms to look a normalised noun up under: "الصواريخ" -> "صواريخ", "عاما" -> "عام",
    "ساعتين" -> "ساعه", "مسؤولين" -> "مسؤول"."""
    forms = [word]
    if word.startswith("ال") and len(word) > 3:
        forms.append(word[2:])
    for base in list(forms):
        if base.endswith("ا") and len(base) > 2:
            forms.append(base[:-1])  # accusative tanween: "يومًا"
        if base.endswith(("تين", "تان")) and len(base) > 4:
            forms.append(base[:-3] + "ه")  # feminine dual: "ساعتين"
        if base.endswith(("ين", "ان", "ون")) and len(base) > 4:
            forms.append(base[:-2])  # dual or sound plural: "يومين", "مسؤولين"
    return forms
