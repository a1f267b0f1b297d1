"""The one annotation model every extractor shares: a span over the original text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A stretch of one article's ORIGINAL text, what kind of thing it is, and what it means.

    `kind` is "entity", "weapon", "quantity", "date", "chrome", ...; `label` is the
    normalised meaning (an entity id, a weapon class, a unit category); `data` holds the
    rest (a numeric value, a qualifier, a date).
    """

    article: str
    start: int
    end: int
    text: str
    kind: str
    label: str = ""
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def drop_overlapping(spans: list[Span], blocked: list[tuple[int, int]]) -> list[Span]:
    """Spans that touch none of the blocked [start, end) ranges (page chrome, say)."""
    return [s for s in spans if not any(s.overlaps(b0, b1) for b0, b1 in blocked)]


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


class ByStart(list):
    """Spans sorted by start (stable: equal starts keep their order), so that those in a
    stretch of a long article are found by bisection, not by a scan: linear in the article.
    `bounds` reads another item's [start, end): `itemgetter(0, 1)` for (start, end, key) hits.
    Read-only once made: the starts are taken when it is made."""

    def __init__(self, items: Iterable = (), bounds: Callable[[Any], tuple[int, int]] = _bounds):
        super().__init__(sorted(items, key=lambda item: bounds(item)[0]))
        edges = [bounds(item) for item in self]
        self.starts = [start for start, _ in edges]
        self.ends = [end for _, end in edges]
        self.longest = max((end - start for start, end in edges), default=0)

    def starting_in(self, start: int, stop: int) -> list:
        """The items that start in [start, stop), in order."""
        return self[bisect_left(self.starts, start) : bisect_left(self.starts, stop)]

    def overlapping(self, start: int, end: int) -> list:
        """The items that overlap [start, end), as Span.overlaps says, in order."""
        first, last = bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)
        return [self[i] for i in range(first, last) if start < self.ends[i]]
