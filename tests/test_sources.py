"""Outlets each seed article cites, checked by reading it."""
from analysis.corpus import Article
from analysis.sources import extract_cited_sources

from conftest import seed


def cited(article):
    return sorted({s.label for s in extract_cited_sources(article)})


def test_which_outlets_each_article_relies_on(seeds):
    assert cited(seed(seeds, "000")) == ["kcna", "n_tv", "new_york_times"]
    assert cited(seed(seeds, "001")) == ["new_york_times"]
    assert cited(seed(seeds, "002")) == ["new_york_times", "reuters"]
    assert cited(seed(seeds, "003")) == ["interfax", "kcna", "new_york_times", "yonhap"]
    assert cited(seed(seeds, "004")) == ["daily_express"]


def test_cues_say_how_the_outlet_is_used(seeds):
    found = {(s.label, s.data["cue"]) for s in extract_cited_sources(seed(seeds, "002"))}
    assert found == {("reuters", "المصدر:"), ("new_york_times", "قالوا ل")}
    found = [(s.label, s.data["cue_kind"]) for s in extract_cited_sources(seed(seeds, "003"))]
    assert ("interfax", "quoting") in found and ("yonhap", "reported") in found
    n_tv = extract_cited_sources(seed(seeds, "000"))[0]
    assert (n_tv.text, n_tv.data["cue"]) == ("إن تي في", "بحسب")


def test_the_newspaper_points_back_to_the_outlet_named_before(seeds):
    back = [s for s in extract_cited_sources(seed(seeds, "000")) if s.data["resolved_by"] == "back-reference"]
    assert [(s.text, s.label) for s in back] == [("الصحيفة", "new_york_times"), ("الصحيفة", "new_york_times")]


def test_an_outlet_named_without_attribution_is_not_a_source():
    assert extract_cited_sources(Article("t", "زار مراسل رويترز المدينة أمس.")) == []
    assert [s.label for s in extract_cited_sources(Article("t", "وذلك وفقاً لوكالة رويترز."))] == ["reuters"]


def test_a_broken_cue_file_says_which_line(tmp_path):
    import pytest
    from analysis.sources import SourceCueError, load_source_cues
    path = tmp_path / "source_cues.csv"
    path.write_text("cue,kind\nبحسب,according to\n,reported\n", encoding="utf-8")
    with pytest.raises(SourceCueError, match="line 3"):
        load_source_cues(path)
