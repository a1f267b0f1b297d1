"""text._clauses_with searches the anchor again after each clause instead of walking every
anchor match: the clauses must be the ones the walk over anchor.finditer gave (kept here as
the reference), on real articles and on random text, for every anchor dates.py uses."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import dates
from analysis.text import _CLAUSE_STOPS, _clauses_with, normalize
from test_normalize import real_texts

ANCHORS = [
    *dict.fromkeys(dates._DATE_ANCHORS),
    dates._UNIT_ANCHOR,
    *dates._DAY_ANCHORS,
    dates._WEEKDAY_ANCHOR,
    dates._AGO_ANCHOR,
]


def clauses_by_walk(anchor: re.Pattern, text: str) -> tuple[tuple[int, int], ...]:
    """The walk _clauses_with made before: every anchor match, skipping those in the last clause."""
    clauses, end = [], -1
    for found in anchor.finditer(text):
        at = found.start()
        if at < end:
            continue
        start = max(text.rfind(stop, 0, at) for stop in _CLAUSE_STOPS) + 1
        ends = [e for e in (text.find(stop, at) for stop in _CLAUSE_STOPS) if e >= 0]
        end = min(ends) if ends else len(text)
        clauses.append((start, end))
    return tuple(clauses)


def test_clauses_of_real_articles_are_those_of_the_walk():
    texts = [normalize(t) for t in real_texts()]
    assert len(texts) > 300
    found = 0
    for anchor in ANCHORS:
        for text in texts:
            clauses = _clauses_with(anchor, text)
            assert clauses == clauses_by_walk(anchor, text)
            found += len(clauses)
    assert found > 1000  # real clauses were compared, not empty tuples
    text = normalize("وصل في 5 مارس 2022، ثم عاد. وفي العام الماضي")
    assert [text[s:e] for s, e in _clauses_with(dates._YEAR_ANY, text)] == ["وصل في 5 مارس 2022"]
    assert [text[s:e] for s, e in _clauses_with(dates._UNIT_ANCHOR, text)] == [" وفي العام الماضي"]


PIECES = st.one_of(
    st.sampled_from(
        [
            "العام",
            "الشهر",
            "امس",
            "اليوم",
            "منذ",
            "الخميس",
            "مارس",
            "في مارس",
            "5 مارس",
            "2022",
            "1999",
            "20",
            "الماضي",
            "في",
            "5",
        ]
    ),
    st.sampled_from([" ", "\n", "،", ".", "..", "،،", "x", "2.5", "😀"]),
    st.text(alphabet="العامشهرسنه0129 .،\n", max_size=5),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=25).map("".join))
def test_clauses_of_random_text_are_those_of_the_walk(text):
    for anchor in ANCHORS:
        assert _clauses_with(anchor, text) == clauses_by_walk(anchor, text)
