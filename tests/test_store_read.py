"""The cache gives analyze()'s tables whichever way it is filled and read: workers writing
their own batches, a warm cache, and some of its articles in another order."""

import pytest

from analysis import engines
from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from analysis.store import Cache, StoreError, analyze_cached
from conftest import assert_same_tables


@pytest.fixture(scope="module")
def seed():
    return load_bundled().articles


def test_cold_and_warm_cache_filled_by_two_workers_give_the_tables_of_analyze(tmp_path, seed):
    cache = Cache(tmp_path)
    cold = analyze_cached(seed, cache, engines.local(workers=2), batch_size=2)  # three batches
    assert len(list(cache.path.iterdir())) == 3 and len(cache.keys()) == 5
    assert_same_tables(cold, analyze(seed))
    assert_same_tables(analyze_cached(seed, cache, engines.local(workers=2), batch_size=2), cold)


def test_some_articles_in_another_order_are_taken_out_of_their_batches(tmp_path, seed):
    cache = Cache(tmp_path)
    analyze_cached(seed, cache, batch_size=2)
    # batches (000, 001), (002, 003), (004): one whole, one reversed, one without 003
    some = [seed[4], seed[1], seed[0], seed[2]]
    tables = analyze_cached(some, cache)
    assert_same_tables(tables, analyze(some))
    assert [a[:3] for a in tables.articles["article"]] == ["004", "001", "000", "002"]
    assert tables.mentions["article"].str[:3].drop_duplicates().tolist() == ["004", "001", "000", "002"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_cache_folder_that_cannot_be_written_says_what_to_set(tmp_path, seed, workers):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreError, match="Set MARSAD_CACHE to a folder you can write to"):
        analyze_cached(seed, Cache(tmp_path / "a-file" / "cache"), engines.local(workers), batch_size=2)
