"""spans.ByStart: the bisection index every extractor uses in long articles gives what a scan
gives, on the seed articles' real entity spans."""

from operator import itemgetter

from analysis.entities import extract_entities
from analysis.spans import ByStart


def test_by_start_finds_what_a_scan_finds(seeds):
    spans = [s for a in seeds.values() for s in extract_entities(a)]
    assert len(spans) > 100
    index = ByStart(spans)
    assert [s.start for s in index] == sorted(s.start for s in spans)
    last = max(s.end for s in spans)
    for start in range(0, last, 37):
        for width in (0, 5, 60):
            end = start + width
            assert index.starting_in(start, end) == [s for s in index if start <= s.start < end]
            assert index.overlapping(start, end) == [s for s in index if s.overlaps(start, end)]


def test_by_start_reads_other_items_through_bounds():
    hits = [(10, 20, "b"), (0, 30, "a"), (10, 12, "c"), (40, 41, "d")]
    index = ByStart(hits, bounds=itemgetter(0, 1))
    assert [h[2] for h in index] == ["a", "b", "c", "d"]  # stable: equal starts keep their order
    assert [h[2] for h in index.overlapping(25, 45)] == ["a", "d"]
    assert [h[2] for h in index.starting_in(10, 11)] == ["b", "c"]
    assert ByStart([]).overlapping(0, 10) == []
