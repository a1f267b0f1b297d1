"""Phrase lexicons (entities, weapon classes...) and the matcher they share.

A lexicon is a CSV a user can edit: one row per entry with an id and `|`-separated
aliases. Matching runs on normalised text and accepts the proclitics و ف ب ك ل in front
of a word (وبيونج يانج، لروسيا، للولايات المتحدة); the longest alias wins.

Transliterated names are matched by a *name key*: ج and غ both write the foreign g
(شويجو/شويغو، بيونج/بيونغ), so inside an alias either letter matches either. Only the
alias side is widened; the text shown is never rewritten, so an ordinary word can only be hit
if it is one letter ج↔غ away from a whole lexicon alias (tests/test_lexicon.py checks the
seed articles for that). A hyphen between the words of a name counts as a space.

An optional `nisba` column lists the adjectives of a country in the masculine singular
(روسي، كوري شمالي); their inflected forms (الروسية، الكوريين الجنوبيين...) are matched as
separate adjectival references, flagged `nisba` in the span data.
"""

from __future__ import annotations

import csv
import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import ahocorasick

from .spans import ByStart, Span
from .text import normalize_with_offsets, normalized_key

# و/ف, then one of ب ك ل ("وبـ", "ولـ", "فلـ") may come before an alias; the article ال is
# part of the alias. ج and غ write the same foreign g in transliterated names.
_NAME_FOLD = str.maketrans("غ", "ج")
_SEPARATORS = re.compile(r"[\s\-]+")
# A word gap other than one space: any other space character or a hyphen, or spaces in a row
# (both spelled as character classes, which re looks for fast).
_OTHER_GAP = re.compile(
    "[" + re.escape("".join(chr(c) for c in range(0x10000) if chr(c).isspace() and c != 32) + "-") + "]"
)
_SPACES = re.compile("  +")
_DIACRITIC_TAIL = re.compile("[\u064b-\u0652\u0640]+$")
_NEXT_WORD = re.compile(r"[ \t\-]+(\w+)")
# Quotation marks as Arabic news sets a name in them: «الشرق الأوسط», “الرياض”, "الوطن".
QUOTE_PAIRS = ("«»", "“”", '""')
_OPENING_QUOTES = {pair[0] for pair in QUOTE_PAIRS}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")  # "الجزيرة (صحيفة)": a name_ar's note for readers
# Endings of a nisba adjective after its final ي: روسي، روسية، روسيين، روسيون، روسيات.
NISBA_ENDINGS = ("", "ه", "ين", "ون", "ات")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file, line and fix."""


@dataclass(frozen=True)
class Entry:
    id: str
    fields: dict  # every column of the row, as written
    aliases: tuple[str, ...]
    short_forms: tuple[str, ...] = ()  # count only where a full alias is in the same article
    nisbas: tuple[str, ...] = ()  # adjective stems, masculine singular: "روسي", "كوري شمالي"


def split_list(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split("|") if p.strip())


def read_lexicon(
    path: Path, required: tuple[str, ...] = ("id", "aliases"), choices: dict[str, tuple[str, ...]] | None = None
) -> list[Entry]:
    """Rows of a lexicon CSV, checked: every row has an id, the required columns, an alias,
    and a value from `choices` where given ({"type": ("person", "place", ...)}).

    A typo stops loading with the file, line and fix: "entities.csv line 7: unknown type
    'persn' of putin; use one of person, place, ... (did you mean 'person'?)"."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, strict=True)
            found = [c for c in reader.fieldnames or [] if c is not None]
            missing = [c for c in required if c not in found]
            if missing:
                hints = "".join(_did_you_mean(c, found) for c in missing)
                raise LexiconError(
                    f"{path.name}: missing column(s) {', '.join(missing)} in its first line "
                    f"(found: {', '.join(found) or 'none'}){hints}."
                )
            entries, seen, line = [], set(), 1
            for row in reader:
                line += 1
                if None in row:
                    raise LexiconError(
                        f"{path.name} line {line}: more cells than columns (a stray comma?); "
                        'put a value holding a comma in "double quotes".'
                    )
                entry_id = (row.get("id") or "").strip()
                if not entry_id:
                    raise LexiconError(f"{path.name} line {line}: the id is empty.")
                if entry_id in seen:
                    raise LexiconError(f"{path.name} line {line}: the id {entry_id!r} is used twice.")
                seen.add(entry_id)
                for column, allowed in (choices or {}).items():
                    value = (row.get(column) or "").strip()
                    if value not in allowed:
                        raise LexiconError(
                            f"{path.name} line {line}: unknown {column} {value!r} of {entry_id}; "
                            f"use one of {', '.join(allowed)}{_did_you_mean(value, allowed)}."
                        )
                aliases = split_list(row.get("aliases"))
                if not aliases:
                    raise LexiconError(
                        f"{path.name} line {line}: {entry_id} has no aliases; write its "
                        "spellings in the aliases column, separated by |."
                    )
                nisbas = split_list(row.get("nisba"))
                for stem in nisbas:
                    if not all(word.endswith(("ي", "ى")) for word in normalized_key(stem).split()):
                        raise LexiconError(
                            f"{path.name} line {line}: the nisba {stem!r} of {entry_id} should be the "
                            "masculine singular ending in ي, e.g. روسي or كوري شمالي."
                        )
                entries.append(Entry(entry_id, dict(row), aliases, split_list(row.get("short_forms")), nisbas))
                line = reader.line_num  # a quoted cell may span lines
    except UnicodeDecodeError as error:
        raise LexiconError(f"{path.name}: not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet).") from error
    except csv.Error as error:
        raise LexiconError(
            f'{path.name} line {line + 1}: {error}; close every opened " and write a quote inside a value as "".'
        ) from error
    except OSError as error:
        raise LexiconError(f"{path.name}: cannot be read ({error.strerror}).") from error
    return entries


def _did_you_mean(value: str, options) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@lru_cache(maxsize=1 << 16)  # each article's own matcher of the model's names (entity_linking) keys the same names
def name_key(phrase: str) -> str:
    """The key two spellings of one transliterated name share: "شويجو" and "شويغو" -> "شويجو";
    "كيم جونغ-أون" -> "كيم جونج اون"."""
    return " ".join(_SEPARATORS.split(normalized_key(phrase).strip())).translate(_NAME_FOLD)


def nisba_forms(stem: str) -> list[str]:
    """Inflected forms of a nisba adjective, normalised: "كوري شمالي" -> "الكوري الشمالي",
    "الكوريه الشماليه", "كوريين شماليين", ... Every word takes the same ending and article.
    The indefinite accusative in ـيًا is kept only for two-word forms ("كوريا شماليا"),
    since a one-word "روسيا" is the country's name."""
    words = [w[:-1] + "ي" for w in normalized_key(stem).split()]
    endings = NISBA_ENDINGS + (("ا",) if len(words) > 1 else ())
    forms = []
    for ending in endings:
        for article in ("", "ال"):
            if article and ending == "ا":
                continue
            forms.append(" ".join(article + w + ending for w in words))
    return forms


@dataclass(frozen=True)
class Owner:
    entry_id: str
    short_form: bool = False
    nisba: bool = False


class Matcher:
    """Finds every alias of every entry in a text, longest first, with original offsets."""

    def __init__(
        self, entries: list[Entry], blocked: tuple[str, ...] = (), nested: dict | None = None, quoted: tuple = ()
    ):
        """`blocked` phrases are found like aliases and then dropped, with what is inside them
        ("صلاة المغرب" is no mention of Morocco). `nested` ({"outer": types, "inner": types}):
        an alias of an inner type inside a match of an outer type is found too. The names of
        entries of a `quoted` type, set alone in quotation marks, are that entry whatever else
        they name: "قال لـ«الشرق الأوسط»" is the newspaper, not the region (quoted_names)."""
        self.entries = {e.id: e for e in entries}
        owner: dict[str, Owner] = {}  # name key -> owner; full aliases beat nisbas beat short forms
        for entry in entries:
            for alias in entry.short_forms:
                owner.setdefault(name_key(alias), Owner(entry.id, short_form=True))
        for entry in entries:
            for stem in entry.nisbas:
                for form in nisba_forms(stem):
                    owner[name_key(form)] = Owner(entry.id, nisba=True)
        for entry in entries:
            for alias in entry.aliases:
                owner[name_key(alias)] = Owner(entry.id)
        quoted_forms = quoted_names(entries, quoted)
        for key, (entry_id, _) in quoted_forms.items():
            owner[key] = Owner(entry_id)
        for phrase in blocked:
            owner[name_key(phrase)] = Owner("")
        # One-word names ending in ة match only where the text writes ة: "جدة" is Jeddah,
        # "وجده" (and his grandfather) is not, though both normalise alike.
        self.ta_marbuta = {
            name_key(a)
            for e in entries
            for a in e.aliases + e.short_forms
            if " " not in a.strip() and _DIACRITIC_TAIL.sub("", a.strip()).endswith("ة")
        }
        self.owner = owner
        types = {e.id: e.fields.get("type", "") for e in entries}
        self.outer = {i for i, t in types.items() if nested and t in nested["outer"]}
        self.inner = {i for i, t in types.items() if nested and t in nested["inner"]}
        # Words that follow a short form inside the lexicon's longer names ("كيم" -> جونج، يونج،
        # ايل، يو...): a short form followed by one of them is the start of some other name
        # ("كيم يونج تشول"), not the short form of this one.
        shorts = {key for key, who in owner.items() if who.short_form}
        self.name_words = {word for key in owner for word in key.split()[1:] if key.split()[0] in shorts}
        self.alias_of: dict[str, str] = {}  # name key -> the alias as the lexicon writes it (normalised)
        for entry in entries:
            for phrase in entry.aliases + entry.short_forms:
                self.alias_of.setdefault(name_key(phrase), normalized_key(phrase))
        for key, (_, name) in quoted_forms.items():
            self.alias_of[key] = normalized_key(name)
        variants: dict[str, str] = {}
        for key in owner:
            variants.setdefault(key, key)
            if key.startswith("ال"):  # ل + ال is written لل: "للولايات المتحدة"
                variants.setdefault("ل" + key[1:], key)
        self.variant_of = variants
        self.automaton = automaton_of(variants)

    def find(self, article_id: str, text: str, kind: str, nisba: bool = True) -> list[Span]:
        """Spans of `kind` whose label is the entry id. Short forms count only after
        (or before) a full alias of the same entry in this text. Nisba adjectives
        ("الجيش الروسي") come with data["nisba"] True; `nisba=False` leaves them out."""
        if not self.variant_of:
            return []
        nt = normalize_with_offsets(text)
        inside: list | None = [] if self.outer else None
        matches = aliases_in(self.automaton, nt.normalized, inside)
        inner = ByStart(inside, bounds=itemgetter(0, 1)) if inside else None  # the longest first at a start
        found = []
        for match_start, match_end, variant in matches:
            key = self.variant_of[variant]
            who = self.owner[key]
            if not who.entry_id or (who.nisba and not nisba):
                continue
            if who.short_form and self._continues_a_name(nt.normalized, match_end):
                continue
            if key in self.ta_marbuta and not self._ends_with_ta_marbuta(text, nt, match_start, match_end):
                continue
            found.append(self._span(article_id, text, nt, match_start, match_end, key, kind, variant=variant))
            if inner and who.entry_id in self.outer:
                found += self._nested(article_id, text, nt, match_start, match_end, who.entry_id, inner, kind, nisba)
        named = {s.label for s in found if not s.data["short_form"] and not s.data["nisba"]}
        found = [s for s in found if not s.data["short_form"] or s.label in named]
        return sorted(found, key=lambda s: s.start) if inside else found

    def _span(self, article_id, text, nt, match_start, match_end, key, kind, nested=False, variant="") -> Span:
        """The span of one match; data["variant"] is the name as the text writes it, without
        its proclitics ("وبيونج يانج" -> "بيونج يانج")."""
        who = self.owner[key]
        start, end = nt.to_original(match_start, match_end)
        name_start = start
        if nt.normalized[match_start] in "وفبكل":  # perhaps a proclitic: where does the name start?
            head = (variant or key).split(" ")[0]
            matched = nt.normalized[match_start : match_start + len(head) + 2].translate(_NAME_FOLD)
            proclitics = next((p for p in (0, 1, 2) if matched.startswith(head, p)), 0)
            if proclitics:
                name_start = nt.to_original(match_start + proclitics, match_end)[0]
        if key[0] in _OPENING_QUOTES:  # "لـ«الشرق الأوسط»": the name is what the marks hold
            start = name_start = name_start + 1
            end -= 1
        return Span(
            article_id,
            start,
            end,
            text[start:end],
            kind,
            who.entry_id,
            {
                "alias": self.alias_of.get(key, key),
                "short_form": who.short_form,
                "nisba": who.nisba,
                "variant": text[name_start:end],
                **({"nested": True} if nested else {}),
            },
        )

    def _nested(self, article_id, text, nt, outer_start, outer_end, outer_id, inner, kind, nisba) -> list[Span]:
        """The places named inside one match of an outer name, leftmost longest first:
        "المنتدى الاقتصادي في فلاديفوستوك" -> فلاديفوستوك."""
        spans, after = [], outer_start
        for at, end, variant in inner.starting_in(outer_start, outer_end):
            if at < after or end > outer_end or (at, end) == (outer_start, outer_end):
                continue
            key = self.variant_of[variant]
            who = self.owner[key]
            if (
                who.entry_id not in self.inner
                or who.entry_id == outer_id
                or who.short_form
                or (who.nisba and not nisba)
            ):
                continue
            spans.append(self._span(article_id, text, nt, at, end, key, kind, nested=True, variant=variant))
            after = end
        return spans

    @staticmethod
    def _ends_with_ta_marbuta(text: str, nt, match_start: int, match_end: int) -> bool:
        start, end = nt.to_original(match_start, match_end)
        return _DIACRITIC_TAIL.sub("", text[start:end]).endswith("ة")

    def _continues_a_name(self, text: str, end: int) -> bool:
        """Is the word after `end` one that goes on a longer name ("كيم | يونج تشول")?"""
        following = _NEXT_WORD.match(text, end)
        return bool(following) and following.group(1).translate(_NAME_FOLD) in self.name_words


def quoted_names(entries: list[Entry], types: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Name key of each name (name_ar without a note in brackets, and every alias) of the
    entries of `types`, in each pair of QUOTE_PAIRS -> (entry id, the name). A name that two
    of them share is left out: «الجزيرة» may be the channel or the Saudi daily."""
    owners: dict[str, dict[str, str]] = {}
    for entry in entries:
        if entry.fields.get("type") in types:
            for name in (_PARENTHESIS.sub("", entry.fields.get("name_ar", "")), *entry.aliases):
                if name.strip():
                    owners.setdefault(name_key(name), {}).setdefault(entry.id, name.strip())
    return {
        f"{opening}{key}{closing}": next(iter(named.items()))
        for key, named in owners.items()
        if len(named) == 1
        for opening, closing in QUOTE_PAIRS
    }


def aliases_in(
    automaton: ahocorasick.Automaton, normalized: str, inside: list | None = None
) -> list[tuple[int, int, str]]:
    """[start, end) and key of every alias of `automaton` in a normalised text, with its
    proclitics, as re.finditer of `(?<!\\w)[وف]?[بكل]?(?P<term>alias|alias...)(?!\\w)` gives
    them, where ج and غ match either and a run of spaces or hyphens matches the space between
    an alias's words (tests/test_lexicon_scan.py holds that regex): "وبيونغ  يانج" -> (0, 13, "بيونج يانج").

    Aho-Corasick finds every alias in the text at once, which is several times faster than
    that regex; the regex's choice is then made here: from left to right, at each start the
    longest proclitics, then the longest alias that ends a word. A list passed as `inside`
    receives every other alias that ends a word, (start, end, key) in text order, each at its
    start's longest (for the names inside a longer one)."""
    searched, gaps = _searchable(normalized)
    return _leftmost(automaton.iter(searched), normalized, gaps, "بكل", inside)


def words_in(automaton: ahocorasick.Automaton, normalized: str) -> list[tuple[int, int, str]]:
    """[start, end) and word of every word of `automaton` (one-word keys) in a normalised text,
    as re.finditer of `(?<!\\w)[وف]?(?P<word>longest|...|shortest)(?!\\w)` gives them:
    "وقال" -> (0, 4, "قال")."""
    return _leftmost(automaton.iter(normalized), normalized, (), "")


def _leftmost(
    hits, normalized: str, gaps: tuple, second_proclitics: str, inside: list | None = None
) -> list[tuple[int, int, str]]:
    """From every (last position, key) the automaton found, the matches a regex scan would
    take: keys that end a word and start one after [وف]?[second_proclitics]?; from left to
    right, at each start the longest proclitics, then the longest key."""
    best: dict[int, tuple[int, int, int, str]] = {}  # start -> (proclitics, length, end, key)
    size = len(normalized)
    for last, key in hits:
        start, end = last + 1 - len(key), last + 1
        if gaps:
            start, end = _unsqueezed(gaps, start), _unsqueezed(gaps, last) + 1
        if end < size and is_word_char(normalized[end]):
            continue  # inside a longer word
        at = _word_start(normalized, start, second_proclitics)
        if at is None:
            continue  # the key ends a longer word
        choice = (start - at, end - start, end, key)
        if inside is not None:
            inside.append((at, end, key))
        if at not in best or choice > best[at]:
            best[at] = choice
    matches, after = [], 0
    for at in sorted(best):
        if at >= after:  # matches do not overlap: the search goes on after the last one
            _, _, after, key = best[at]
            matches.append((at, after, key))
    if inside is not None:  # at each start the longest first
        inside.sort(key=lambda hit: (hit[0], -hit[1]))
    return matches


def _word_start(normalized: str, start: int, second: str) -> int | None:
    """Where the word that has a key at `start` begins: there, or before the proclitics in
    front of it ([وف]?[second]?); None when other letters come first. At most one of the
    three can hold, as the character before a word is not a letter."""
    if not start or not is_word_char(normalized[start - 1]):
        return start
    one_before = normalized[start - 1]
    if (one_before in "وف" or one_before in second) and (start == 1 or not is_word_char(normalized[start - 2])):
        return start - 1
    if (
        one_before in second
        and start >= 2
        and normalized[start - 2] in "وف"
        and (start == 2 or not is_word_char(normalized[start - 3]))
    ):
        return start - 2
    return None


def automaton_of(keys) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton that finds each key, with the key as its value."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def is_word_char(char: str) -> bool:
    """What re's \\w matches."""
    return char.isalnum() or char == "_"


@lru_cache(maxsize=1024)  # every lexicon searches the same body (pipeline.MENTIONS_AT_ONCE)
def _searchable(normalized: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The copy of a normalised text the aliases are searched in: ج for غ (name keys fold
    them), and every run of spaces and hyphens as one space (aliases have one space between
    words), with, where runs were shortened, (position in the copy, position in the text) pairs."""
    searched = normalized.replace("غ", "ج")
    if _OTHER_GAP.search(searched):
        searched = _OTHER_GAP.sub(" ", searched)  # one for one: positions do not move
    if "  " not in searched:
        return searched, ()
    pieces, gaps, cursor, removed = [], [], 0, 0
    for run in _SPACES.finditer(searched):
        pieces.append(searched[cursor : run.start() + 1])  # up to the run's first space
        gaps.append((run.start() + 1 - removed, run.end()))  # what follows it in the copy, in the text
        removed += len(run.group()) - 1
        cursor = run.end()
    pieces.append(searched[cursor:])
    return "".join(pieces), tuple(gaps)


def _unsqueezed(gaps: tuple[tuple[int, int], ...], position: int) -> int:
    """A position in the searched copy as a position in the text."""
    i = bisect_right(gaps, (position, float("inf"))) - 1
    if i < 0:
        return position
    copy_at, text_at = gaps[i]
    return text_at + position - copy_at
