"""The Parquet cache: a corpus is analysed once; only new or edited articles are analysed again."""

import shutil
from dataclasses import replace

import pytest

from analysis import store
from analysis.corpus import load_bundled
from analysis.pipeline import Tables, analyze
from analysis.store import Cache, StoreError, analyze_cached, article_key, read_tables, serial, write_tables
from conftest import assert_same_tables


class Recording:
    """The serial engine, remembering which articles it was asked to analyse."""

    def __init__(self):
        self.analysed: list[str] = []

    def __call__(self, task, batches):
        self.analysed += [a.id for batch in batches for a in batch]
        return serial(task, batches)


@pytest.fixture(scope="module")
def seed():
    return load_bundled().articles


def test_only_new_and_edited_articles_are_analysed_again(tmp_path, seed):
    cache = Cache(tmp_path)
    first = Recording()
    analyze_cached(seed[:3], cache, first)
    assert first.analysed == [a.id for a in seed[:3]]

    again = Recording()
    tables = analyze_cached(seed, cache, again)
    assert again.analysed == [a.id for a in seed[3:]]
    assert_same_tables(tables, analyze(seed))  # events, firsts and shared span both halves

    # 004 gains a sentence naming Shoigu: only 004 is analysed again, and the new mention counts
    edited = [replace(a, text=a.text + "\nوقال شويغو إن التعاون مستمر.") if a.id.startswith("004") else a for a in seed]
    third = Recording()
    tables = analyze_cached(edited, cache, third)
    assert [i[:3] for i in third.analysed] == ["004"]

    def shoigu_in_004(t: Tables) -> int:
        m = t.mentions
        return int(((m["entity"] == "sergei_shoigu") & m["article"].str.startswith("004")).sum())

    assert shoigu_in_004(tables) == shoigu_in_004(analyze(seed)) + 1


def test_the_key_follows_text_and_metadata(seed):
    article = seed[0]
    assert article_key(article) == article_key(replace(article))
    assert article_key(article) != article_key(replace(article, outlet="الجزيرة"))
    assert article_key(article) != article_key(replace(article, text=article.text + " "))


def test_an_edited_lexicon_changes_the_fingerprint(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(store.DATA_DIR, data)
    monkeypatch.setattr(store, "DATA_DIR", data)
    monkeypatch.setattr(store, "BUNDLED_CORPUS", data / "articles")
    before = store.fingerprint()
    (data / "articles" / "new.txt").write_text("مقال جديد", encoding="utf-8")
    assert store.fingerprint() == before  # articles are keyed one by one, not in the fingerprint
    with open(data / "weapons.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert store.fingerprint() != before


def test_a_built_store_reads_back_as_the_same_tables(tmp_path, seed):
    tables = analyze(seed)
    assert_same_tables(read_tables(write_tables(tables, tmp_path / "store")), tables)


def test_a_folder_that_is_not_a_store_says_how_to_build_one(tmp_path):
    with pytest.raises(StoreError, match="python -m analysis build"):
        read_tables(tmp_path)


# ---------------------------------------------------------------- a damaged store


def damage(folder, name: str, how: str) -> None:
    """Damage folder/name as a full disk, an interrupted copy or a wrong file would."""
    import random

    import pandas as pd

    path = folder / name
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "random":
        path.write_bytes(random.Random(19).randbytes(4096))
    elif how == "inside":  # footer intact, a compressed page overwritten
        path.write_bytes(data[:100] + random.Random(19).randbytes(2000) + data[2100:])
    elif how == "other table":
        pd.DataFrame({"x": [1, 2]}).to_parquet(path)
    elif how == "text offsets":
        pd.read_parquet(path).astype({"start": str}).to_parquet(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed):
    return write_tables(analyze(seed), tmp_path_factory.mktemp("built") / "store", seed)


@pytest.mark.parametrize(
    "how, reason",
    [
        ("truncated", "Parquet magic bytes not found"),
        ("empty", "it is empty (0 bytes)"),
        ("random", "Parquet magic bytes not found"),
        ("inside", "snappy"),
        ("other table", "it is not the mentions table (its columns: x)"),
        ("text offsets", "wrong column types (start is large_string)"),
    ],
)
def test_a_damaged_store_file_is_named_by_every_reader(tmp_path, built, how, reason):
    from analysis.query import connect

    folder = tmp_path / "store"
    shutil.copytree(built, folder)
    damage(folder, "mentions.parquet", how)
    for read in (read_tables, lambda f: connect(f, in_memory=("articles", "mentions"))):
        with pytest.raises(StoreError) as error:
            read(folder)
        message = str(error.value)
        assert message.startswith(f"{folder / 'mentions.parquet'} is damaged: ")
        assert reason.lower() in message.lower() and "python -m analysis build" in message
        assert message.count(str(folder)) == 1  # Arrow's and DuckDB's own copy of the path is cut


@pytest.mark.parametrize("how", ["truncated", "inside"])
def test_damaged_stored_texts_are_named_when_read(tmp_path, built, how):
    from analysis.store import read_articles

    folder = tmp_path / "store"
    shutil.copytree(built, folder)
    damage(folder, "texts.parquet", how)
    with pytest.raises(StoreError, match=f"^{folder / 'texts.parquet'} is damaged: "):
        read_articles(folder)
    if how == "truncated":  # the footer is read on open: the store is refused at once
        with pytest.raises(StoreError, match="texts.parquet is damaged"):
            read_tables(folder)


@pytest.mark.parametrize(
    "name, how", [("articles.arrow", "truncated"), ("mentions.arrow", "empty"), ("quotes.arrow", "random")]
)
def test_a_damaged_cached_batch_is_analysed_again(tmp_path, seed, name, how):
    cache = Cache(tmp_path)
    analyze_cached(seed, cache, batch_size=2)  # three batches
    batch = min(cache.path.iterdir())
    damage(batch, name, how)
    again = Recording()
    assert_same_tables(analyze_cached(seed, cache, again, batch_size=2), analyze(seed))
    assert len(again.analysed) == 2  # that batch's two articles, no more
    assert cache.keys() == {article_key(a) for a in seed}  # and it is stored whole again
