"""Phrase lexicons (entities, weapon classes...) and the matcher they share.

A lexicon is a CSV a user can edit: one row per entry with an id and `|`-separated
aliases. Matching runs on normalised text and accepts the proclitics و ف ب ك ل in front
of a word (وبيونج يانج، لروسيا، للولايات المتحدة); the longest alias wins.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .spans import Span
from .text import normalize_with_offsets, normalized_key

# و/ف, then one of ب ك ل ("وبـ", "ولـ", "فلـ"); the article ال is part of the alias.
PROCLITICS = "(?:[وف]?[بكل]?)"


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file, line and fix."""


@dataclass(frozen=True)
class Entry:
    id: str
    fields: dict  # every column of the row, as written
    aliases: tuple[str, ...]
    short_forms: tuple[str, ...] = ()  # count only where a full alias is in the same article


def split_list(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split("|") if p.strip())


def read_lexicon(path: Path, required: tuple[str, ...] = ("id", "aliases")) -> list[Entry]:
    """Rows of a lexicon CSV, checked: every row has an id, the required columns and an alias."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise LexiconError(f"{path.name}: missing column(s) {', '.join(missing)}.")
            entries, seen = [], set()
            for line, row in enumerate(reader, start=2):
                if None in row:
                    raise LexiconError(f"{path.name} line {line}: more cells than columns (a stray comma?).")
                entry_id = (row.get("id") or "").strip()
                if not entry_id:
                    raise LexiconError(f"{path.name} line {line}: the id is empty.")
                if entry_id in seen:
                    raise LexiconError(f"{path.name} line {line}: the id {entry_id!r} is used twice.")
                seen.add(entry_id)
                aliases = split_list(row.get("aliases"))
                if not aliases:
                    raise LexiconError(f"{path.name} line {line}: {entry_id} has no aliases.")
                entries.append(Entry(entry_id, dict(row), aliases, split_list(row.get("short_forms"))))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LexiconError(f"{path.name}: cannot be read ({error}).") from error
    return entries


def _alias_pattern(key: str) -> str:
    """A normalised alias as a regex: words separated by any run of spaces."""
    return r"\s+".join(re.escape(word) for word in key.split())


class Matcher:
    """Finds every alias of every entry in a text, longest first, with original offsets."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.id: e for e in entries}
        self.owner: dict[str, tuple[str, bool]] = {}  # alias key -> (entry id, is short form)
        for entry in entries:
            for alias in entry.short_forms:
                self.owner.setdefault(normalized_key(alias), (entry.id, True))
            for alias in entry.aliases:
                self.owner[normalized_key(alias)] = (entry.id, False)
        variants: dict[str, str] = {}
        for key in self.owner:
            variants[key] = key
            if key.startswith("ال"):  # ل + ال is written لل: "للولايات المتحدة"
                variants["ل" + key[1:]] = key
        self.variant_of = variants
        alternation = "|".join(_alias_pattern(v) for v in sorted(variants, key=len, reverse=True))
        self.regex = re.compile(rf"(?<!\w){PROCLITICS}(?P<term>{alternation})(?!\w)")

    def find(self, article_id: str, text: str, kind: str) -> list[Span]:
        """Spans of `kind` whose label is the entry id. Short forms count only after
        (or before) a full alias of the same entry in this text."""
        nt = normalize_with_offsets(text)
        found = []
        for match in self.regex.finditer(nt.normalized):
            key = self.variant_of[" ".join(match.group("term").split())]
            entry_id, short = self.owner[key]
            start, end = nt.to_original(match.start(), match.end())
            found.append(Span(article_id, start, end, text[start:end], kind, entry_id,
                              {"alias": key, "short_form": short}))
        named = {s.label for s in found if not s.data["short_form"]}
        return [s for s in found if not s.data["short_form"] or s.label in named]
