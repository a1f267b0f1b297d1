"""Who appears with whom, on the seed articles: pairs counted by sentence and by article,
checked against a plain loop over the mentions, and the sentences behind a pair."""

from itertools import combinations

import pytest

from analysis.cooccurrence import cooccurrence, pair_sentences
from analysis.corpus import load_bundled
from analysis.pipeline import analyze


@pytest.fixture(scope="module")
def mentions():
    return analyze(load_bundled().articles).names_only().mentions


def loop_count(mentions, key):
    counts = {}
    for _, group in mentions.groupby(key):
        for pair in combinations(sorted(set(group["entity"])), 2):
            counts[pair] = counts.get(pair, 0) + 1
    return counts


@pytest.mark.parametrize("level,key", [("sentence", ["article", "sentence"]), ("article", ["article"])])
def test_pairs_equal_a_plain_count(mentions, level, key):
    pairs = cooccurrence(mentions, level)
    assert dict(zip(zip(pairs["a"], pairs["b"]), pairs["together"])) == loop_count(mentions, key)
    assert (pairs["a"] < pairs["b"]).all()
    assert pairs["together"].is_monotonic_decreasing


def test_putin_and_kim_share_sentences_in_every_article(mentions):
    pairs = cooccurrence(mentions).set_index(["a", "b"])
    kim_putin = pairs.loc[("kim_jong_un", "vladimir_putin")]
    assert kim_putin["articles"] == 5 and kim_putin["together"] >= 10
    rows = pair_sentences(mentions, "kim_jong_un", "vladimir_putin")
    assert len(rows) == kim_putin["together"]
    for row in rows.itertuples():  # each sentence names both, under the spellings it uses
        assert any("بوتين" in mark for mark in row.marks) and any("كيم" in mark for mark in row.marks)
        assert all(mark in row.sentence for mark in row.marks)


def test_restricted_to_some_entities(mentions):
    pairs = cooccurrence(mentions, entities=["russia", "north_korea", "kim_jong_un"])
    assert set(pairs["a"]) | set(pairs["b"]) <= {"russia", "north_korea", "kim_jong_un"}
    assert len(pairs) == 3
    assert cooccurrence(mentions.iloc[:0]).empty
    with pytest.raises(ValueError):
        cooccurrence(mentions, "paragraph")
