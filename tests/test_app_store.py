"""The dashboard opens a built store (MARSAD_STORE / --store) instead of the bundled corpus."""

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.contexts import keyword_contexts, raw_prefilter
from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from analysis.query import connect, entity_frequency
from analysis.store import read_articles, read_tables, write_tables

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_built_store_opens_with_its_own_outlets(tmp_path, monkeypatch):
    # a store of two seed articles: 000 (القاهرة الإخبارية) and 001 (no outlet named)
    store = write_tables(analyze(load_bundled().articles[:2]), tmp_path / "store")
    monkeypatch.setenv("MARSAD_STORE", str(store))
    at = open_app("views/entities.py")
    assert at.multiselect(key="outlets").options == ["unknown", "القاهرة الإخبارية"]
    assert "2 of 2 articles shown" in [c.value for c in at.sidebar.caption]
    at.multiselect(key="outlets").set_value(["القاهرة الإخبارية"]).run()
    assert "1 of 2 articles shown" in [c.value for c in at.sidebar.caption]

    import dashboard.data as common

    con = common.load_connection(None)
    top = entity_frequency(con, ["القاهرة الإخبارية"]).set_index("entity")["mentions"]
    mentions = analyze(load_bundled().articles[:1]).names_only().mentions
    assert top.to_dict() == mentions.groupby("entity").size().to_dict()


def test_a_folder_that_is_not_a_store_is_explained_not_shown_as_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_STORE", str(tmp_path))
    at = open_app()
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "is not a Marsad store" in warnings and "Showing the bundled corpus instead" in warnings
    assert "5 of 5 articles shown" in [c.value for c in at.sidebar.caption]


# ---------------------------------------------------------------- a store with its texts

EGYPT_ARTICLE = "004_c951edba429ed671"  # Egypt Telegraph: "5 ملايين قذيفة مدفعية"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    """The five seed articles built as `python -m analysis build` does: tables and texts."""
    articles = load_bundled().articles
    folder = write_tables(analyze(articles), tmp_path_factory.mktemp("built") / "seeds", articles)
    return folder, articles


def test_the_sidebar_names_the_open_store(seed_store, monkeypatch):
    monkeypatch.setenv("MARSAD_STORE", str(seed_store[0]))
    at = open_app()
    assert "Stored corpus: \u2066seeds\u2069, 5 articles" in [c.value for c in at.sidebar.caption]
    at.sidebar.radio(key="lang").set_value("ar").run()
    assert "مدونة مخزَّنة: \u2066seeds\u2069، عدد مقالاتها 5" in [c.value for c in at.sidebar.caption]


def test_the_reader_shows_a_stored_article_with_its_chrome_marked(seed_store, monkeypatch):
    monkeypatch.setenv("MARSAD_STORE", str(seed_store[0]))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["article"] = EGYPT_ARTICLE
    at.run()
    at.switch_page("views/reader.py").run()
    assert not at.exception, [e.value for e in at.exception]
    body = next(m.value for m in at.markdown if m.value.startswith('<div class="marsad-rtl"'))
    original = next(a for a in seed_store[1] if a.id == EGYPT_ARTICLE).text
    assert html.unescape(re.sub(r"<[^>]+>", "", body.replace("<br>", "\n"))) == original
    assert '<span class="hl-quantity" title="5,000,000 · munition · exact">5 ملايين </span>' in body
    assert '<span class="hl-chrome" title="page chrome: not counted">A A</span>' in body


def test_keyword_in_context_searches_the_stored_texts(seed_store, monkeypatch):
    monkeypatch.setenv("MARSAD_STORE", str(seed_store[0]))
    at = open_app("views/contexts.py")
    table = next(m.value for m in at.markdown if '<table class="kwic"' in m.value)
    rows = re.findall(r"<tr>.*?</tr>", table)
    assert len(rows) == len(keyword_contexts("أسلحة", seed_store[1])) == 29
    assert {"الأسلحة", "وأسلحة", "بالأسلحة", "أسلحة"} <= {re.search(r"<mark>(.*?)</mark>", r).group(1) for r in rows}


def test_a_keyword_search_reads_only_the_stored_texts_that_can_hold_the_word(seed_store):
    folder, articles = seed_store
    ids = [a.id for a in articles]
    for word in ["فلاديفوستوك", "شويغو", "أسلحة", "بطاطس"]:
        # DuckDB runs the loose prefilter on the stored texts: none that holds the word is missed
        read = [a.id for a in read_articles(folder, ids, matching=raw_prefilter(word))]
        holding = [a.id for a in articles if not keyword_contexts(word, [a]).empty]
        assert set(holding) <= set(read) and read == [i for i in ids if i in read]
        assert keyword_contexts(word, read_articles(folder, read)).equals(keyword_contexts(word, articles))
    assert len(read_articles(folder, ids, matching=raw_prefilter("فلاديفوستوك"))) < len(ids)
    assert read_articles(folder, ids, matching=raw_prefilter("بطاطس")) == []


def test_a_store_built_without_texts_says_how_to_get_them(tmp_path, monkeypatch):
    store = write_tables(analyze(load_bundled().articles[:2]), tmp_path / "bare")
    monkeypatch.setenv("MARSAD_STORE", str(store))
    at = open_app("views/contexts.py")
    assert any("built without them" in i.value for i in at.info)


@pytest.mark.parametrize(
    "outlets, nisba, types",
    [
        (None, False, None),
        (None, True, None),
        (["Egypt Telegraph", "unknown"], False, None),
        (["رايت رايتس"], True, ["person", "organisation"]),
        ([], False, ["place"]),
    ],
)
def test_entity_frequency_in_duckdb_equals_the_pandas_count(seed_store, outlets, nisba, types):
    tables = read_tables(seed_store[0])
    mentions = (tables if nisba else tables.names_only()).for_outlets(outlets).mentions
    if types is not None:
        mentions = mentions[mentions["type"].isin(types)]
    expected = mentions.groupby("entity").size()
    got = entity_frequency(connect(seed_store[0]), outlets, nisba, types=types).set_index("entity")["mentions"]
    assert got.to_dict() == expected.to_dict() and len(got) > 0
    assert list(got) == sorted(got, reverse=True)


def test_the_entities_page_on_a_store_counts_as_pandas_does(seed_store, monkeypatch):
    monkeypatch.setenv("MARSAD_STORE", str(seed_store[0]))
    at = open_app("views/entities.py")
    shown = at.dataframe[0].value.set_index("name_ar")["mentions"]
    named = read_tables(seed_store[0]).names_only().mentions
    expected = (
        named.groupby(["name_ar", "name_en"])
        .size()
        .rename("mentions")
        .reset_index()
        .sort_values(["mentions", "name_en"], ascending=[False, True])
        .head(20)
    )  # ties: by English name
    assert list(shown.items()) == list(zip(expected["name_ar"], expected["mentions"]))
    assert shown["روسيا"] == (named["entity"] == "russia").sum()  # the most mentioned
    assert shown.index[0] == "روسيا"


# ---------------------------------------------------------------- a damaged store


@pytest.mark.parametrize(
    "name, how",
    [
        ("mentions.parquet", "truncated"),
        ("mentions.parquet", "empty"),
        ("articles.parquet", "random"),
        ("quotes.parquet", "inside"),
        ("mentions.parquet", "other table"),
        ("texts.parquet", "truncated"),
    ],
)
def test_a_damaged_store_is_named_and_the_bundled_corpus_shown(seed_store, tmp_path, monkeypatch, name, how):
    import shutil

    from test_store import damage

    folder = tmp_path / "store"
    shutil.copytree(seed_store[0], folder)
    damage(folder, name, how)
    monkeypatch.setenv("MARSAD_STORE", str(folder))
    at = open_app()
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert re.sub(r"\\(.)", r"\1", warnings).count(f"{folder / name} is damaged: ") == 1  # shown escaped
    assert "Showing the bundled corpus instead" in warnings
    assert "5 of 5 articles shown" in [c.value for c in at.sidebar.caption]


def test_every_page_opens_on_a_damaged_store(seed_store, tmp_path, monkeypatch):
    import shutil

    from test_store import damage

    from dashboard.navigation import PAGES

    folder = tmp_path / "store"
    shutil.copytree(seed_store[0], folder)
    damage(folder, "mentions.parquet", "inside")  # the footer reads: found only when the rows are
    monkeypatch.setenv("MARSAD_STORE", str(folder))
    at = open_app()
    for file, *_ in PAGES:
        at.switch_page(file).run()
        assert not at.exception, (file, [e.value for e in at.exception])
        assert "mentions.parquet is damaged" in " ".join(w.value for w in at.sidebar.warning)


def test_stored_texts_damaged_inside_are_named_on_the_pages_that_read_them(seed_store, tmp_path, monkeypatch):
    import shutil

    from test_store import damage

    folder = tmp_path / "store"
    shutil.copytree(seed_store[0], folder)
    damage(folder, "texts.parquet", "inside")  # its footer reads: the store opens, the texts do not
    monkeypatch.setenv("MARSAD_STORE", str(folder))
    at = open_app()
    assert "Stored corpus: \u2066store\u2069, 5 articles" in [c.value for c in at.sidebar.caption]
    for page in ("views/reader.py", "views/contexts.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert any(
            f"{folder / 'texts.parquet'} is damaged" in re.sub(r"\\(.)", r"\1", w.value) for w in at.main.warning
        )
