"""Arabic normalisation and tokenisation that keep offsets into the original text.

Matching runs on a normalised copy (alef forms, ى/ي, ة/ه, no diacritics or tatweel,
Arabic-Indic digits as 0-9); every position in that copy maps back to the original,
so a match can always be shown in the sentence it came from.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
# Invisible marks that sit between letters in copied web text (bidi marks, joiners).
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"
_DROPPED = re.compile("[" + re.escape("".join(AR_DIAC_CHARSET) + TATWEEL + INVISIBLE) + "]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")


def normalize(text: str) -> str:
    """Normalise Arabic for matching: "أُوكْرانيـا" -> "اوكرانيا", "٥" -> "5"."""
    text = dediac_ar(text)
    text = _DROPPED.sub("", text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    return text.translate(_DIGITS)


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


@lru_cache(maxsize=32)  # the extractors of one article all normalise the same body
def normalize_with_offsets(original: str) -> NormalizedText:
    """Normalise and remember where each kept character came from.

    Only dropped characters (diacritics, tatweel, invisible marks) change the length;
    the other normalisations replace one character by one, so offsets stay exact.
    """
    kept = array("i")
    previous = 0
    for dropped in _DROPPED.finditer(original):
        kept.extend(range(previous, dropped.start()))
        previous = dropped.end()
    kept.extend(range(previous, len(original)))
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


# A full stop between digits is a decimal point ("2.5"), not a sentence end.
_SENTENCE_END = re.compile(r"(?:[!?؟…\n]|\.(?!\d))+")


@lru_cache(maxsize=32)  # every table of one article places its spans in the same sentences
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence, split at . ! ? ؟ and line breaks, trimmed of spaces."""
    bounds, start = [], 0
    for stop in _SENTENCE_END.finditer(text):
        bounds.append((start, stop.end()))
        start = stop.end()
    bounds.append((start, len(text)))
    trimmed = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return tuple(trimmed)


@lru_cache(maxsize=4096)
def normalized_key(phrase: str) -> str:
    """The form a lexicon phrase is matched in: normalised, single spaces."""
    return " ".join(normalize(phrase).split())
