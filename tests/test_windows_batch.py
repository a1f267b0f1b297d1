"""story.bodies_windows hashes the word windows of many bodies in one pass over them joined:
each body's windows must be exactly those the per-article code gave before (kept here as the
reference), on real articles, on bodies with rare characters or too few words, and on random text."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import Article
from analysis.story import (
    _U64,
    _WINDOW_BASE,
    _mix,
    _powers,
    _word_hash,
    article_windows,
    bodies_windows,
    word_positions,
)
from analysis.text import IS_WORD, normalize_with_offsets
from test_normalize import real_texts


def _word_hashes_before(normalized: str):
    """The per-article word hashing story.py ran before (None beyond the Basic Multilingual Plane)."""
    codes = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32)
    if codes.size and codes.max() >= 0x10000:
        return None
    inside = IS_WORD[codes]
    edges = np.diff(np.concatenate(([False], inside, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not starts.size:
        return np.zeros(0, _U64), starts, ends
    chars = np.flatnonzero(inside)
    word_of = np.cumsum(edges[:-1] == 1)[chars] - 1
    weights = _powers(int((ends - starts).max()))[ends[word_of] - 1 - chars]
    values = codes[chars].astype(_U64)
    dropped = starts[(codes[starts] == ord("و")) & (ends - starts > 3)]
    values[np.searchsorted(chars, dropped)] = 0
    return _mix(np.add.reduceat(values * weights, np.searchsorted(chars, starts))), starts, ends


def windows_before(body: str, size: int = 8) -> dict[str, np.ndarray]:
    """article_windows as it was: one article at a time."""
    nt = normalize_with_offsets(body)
    words = _word_hashes_before(nt.normalized)
    if words is None:
        found, where, _ = word_positions(body)
        spans = np.asarray(where, dtype=np.int64).reshape(-1, 2)
        words = (np.array([_word_hash(w) for w in found], dtype=_U64), spans[:, 0], spans[:, 1])
    word_hashes, starts, ends = words
    n = len(word_hashes) - size + 1
    if n <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return {"hash": empty, "pos": empty, "start": empty, "end": empty}
    hashes = np.zeros(n, dtype=_U64)
    for k in range(size):
        hashes = hashes * _WINDOW_BASE + word_hashes[k : k + n]
    offsets = np.frombuffer(nt.offsets, dtype=np.int32)
    return {
        "hash": hashes.view(np.int64),
        "pos": np.arange(n, dtype=np.int64),
        "start": offsets[starts[:n]].astype(np.int64),
        "end": offsets[ends[size - 1 :] - 1].astype(np.int64) + 1,
    }


def assert_same(got: list[dict], bodies: list[str], size: int = 8):
    assert len(got) == len(bodies)
    for windows, body in zip(got, bodies):
        expected = windows_before(body, size)
        assert windows.keys() == expected.keys()
        for column in expected:
            assert windows[column].dtype == np.int64
            np.testing.assert_array_equal(windows[column], expected[column])


def test_a_batch_of_real_articles_has_the_windows_of_each_alone():
    bodies = real_texts()
    bodies[3] = bodies[3][:200] + " 😀 " + bodies[3][200:]  # rare characters: hashed one by one
    bodies[7] = "قال الوزير"  # fewer words than a window
    bodies[9] = ""
    got = bodies_windows([normalize_with_offsets(b) for b in bodies])
    assert_same(got, bodies)
    assert sum(len(w["hash"]) for w in got) > 50_000  # real windows were compared
    assert len(got[3]["hash"]) > 100 and len(got[7]["hash"]) == 0 and len(got[9]["hash"]) == 0
    article = Article(id="a", text=bodies[0])
    first = article_windows(article)
    assert all(np.array_equal(first[c], got[0][c]) for c in first)


WORDS = st.one_of(
    st.sampled_from(["قال", "وقال", "ووقال", "روسيا", "و", "ال", "2022", "x_y", "😀", "ـ", "\u064e"]),
    st.text(alphabet="وقالرسي😀 \n.،", max_size=6),
)
BODIES = st.lists(st.lists(WORDS, max_size=30).map(" ".join), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES, st.integers(min_value=1, max_value=8))
def test_random_bodies_have_the_windows_of_each_alone(bodies, size):
    assert_same(bodies_windows([normalize_with_offsets(b) for b in bodies], size), bodies, size)
