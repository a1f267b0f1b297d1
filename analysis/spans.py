"""The one annotation model every extractor shares: a span over the original text."""

from __future__ import annotations

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
