"""The news word clusters the NER model reads (analysis/word_clusters.py): the committed table
groups words used alike, the builder makes the same table twice from real news, and the tagger
falls back from a word to its core."""

from pathlib import Path

import pytest

from analysis.crf_tagger import cluster_key, read_clusters, split_clitics, without_article
from analysis.word_clusters import SAUDINEWSNET, SIZES, build


def fine(word):
    return read_clusters()[word][-1]


def test_the_committed_clusters_put_words_used_alike_together():
    clusters = read_clusters()
    assert len(clusters) > 50_000
    assert all(len(ids) == len(SIZES) for ids in clusters.values())
    assert fine("عدن") == fine("صنعاء") == fine("تعز")  # Yemeni cities in the July 2015 news
    assert fine("بوتين") == fine("اوباما")  # heads of state
    assert fine("كيري") == fine("لافروف")  # foreign ministers
    assert fine("عدن") != fine("بوتين") != fine("حكومه")


def test_a_word_with_clitics_the_news_never_wrote_gets_its_cores_cluster():
    word = "وبتعز"
    assert word not in read_clusters()
    core = without_article(split_clitics(word)[1])
    assert core == "تعز" and cluster_key(word, core) == read_clusters()["تعز"]
    assert cluster_key("زززقلمنتث", "زززقلمنتث") == ("k=none",)


@pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="needs the shared SaudiNewsNet copy")
def test_the_builder_makes_the_same_table_twice_from_real_news(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "2015-07-23.zip").symlink_to(SAUDINEWSNET / "2015-07-23.zip")
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    done = build(news, first, max_sentences=6_000)
    build(news, second, max_sentences=6_000)
    assert first.read_bytes() == second.read_bytes()
    table = read_clusters(first)
    assert done["vocabulary"] == len(table) > max(SIZES)
    assert done["words"] > 100_000
    assert {"عدن", "اليمن", "السعوديه"} <= set(table)
    for level, size in enumerate(SIZES):
        assert {int(ids[level].split("=")[1]) for ids in table.values()} <= set(range(size))


def test_a_missing_table_reads_as_no_clusters(tmp_path):
    assert read_clusters(Path(tmp_path / "none.tsv")) == {}
