"""What a cached batch keeps beside its per-article rows (its terms summed per outlet), and
batches read as they come in (Cache.load) standing in for their files."""

import pandas as pd

from analysis.corpus import load_bundled
from analysis.pipeline import OUTLET_TERM_COLUMNS, analyze, outlet_terms
from analysis.store import Cache, analyze_cached


def test_whole_batches_are_read_with_their_terms_summed_per_outlet(tmp_path):
    seed = load_bundled().articles
    cache = Cache(tmp_path)
    analyze_cached(seed, cache, batch_size=2)  # batches (000, 001), (002, 003), (004)
    index = cache.index()
    whole = cache.read(index["_key"].tolist(), index)
    assert whole["terms"].columns.tolist() == OUTLET_TERM_COLUMNS
    # روسيا in the two "unknown" articles is one row per batch that has them, summed again to 12 in 2
    russia = whole["terms"][(whole["terms"]["outlet"] == "unknown") & (whole["terms"]["word"] == "روسيا")]
    assert russia["articles"].sum() == 2 and russia["count"].sum() == 12
    summed = outlet_terms(whole["terms"])
    assert summed[(summed["outlet"] == "unknown") & (summed["word"] == "روسيا")][
        ["count", "articles"]
    ].values.tolist() == [[12, 2]]
    pd.testing.assert_frame_equal(summed, analyze(seed).terms)
    # some of a batch's articles: their per-article rows, one per article and word
    some = cache.read(index["_key"].tolist()[:3], index)
    assert some["terms"]["article"].str[:3].drop_duplicates().tolist() == ["000", "001", "002"]


def test_batches_loaded_as_they_come_stand_in_for_their_files(tmp_path):
    seed = load_bundled().articles
    cache = Cache(tmp_path)
    analyze_cached(seed, cache, batch_size=2)
    index = cache.index()
    keys = index["_key"].tolist()
    loaded = {b: cache.load(b) for b in index["batch"].unique()}
    pd.testing.assert_frame_equal(cache.read(keys, index, loaded)["mentions"], cache.read(keys, index)["mentions"])
    # a loaded table is what read() takes: one emptied shows as no mentions from its batch
    first = index["batch"].iloc[0]
    loaded[first]["mentions"] = loaded[first]["mentions"].slice(0, 0)
    mentions = cache.read(keys, index, loaded)["mentions"]
    every = cache.read(keys, index)["mentions"]
    others = every[~every["article"].isin(index[index["batch"] == first]["article"])]
    assert 0 < len(mentions) == len(others) < len(every)
    assert mentions["article"].tolist() == others["article"].tolist()
