"""The corpus's tables and texts, cached by content: the bundled corpus (through the disk
cache), a built store (`--store DIR`), or this session's uploads (memory only); and DuckDB
connections over the same tables for analysis.query."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import streamlit as st

from analysis import pipeline, query
from analysis.corpus import (
    BUNDLED_CORPUS,
    DATA_DIR,
    METADATA_NAME,
    SUPPORTED,
    Article,
    CorpusError,
    LoadResult,
    load_bundled,
    load_files,
    read_metadata_bytes,
)
from analysis.lexicon import LexiconError
from analysis.parallel import Progress, analyze_in_memory
from analysis.store import TEXTS, StoreError, read_articles, read_tables
from analysis.store import analyze_cached as analyze  # the tables, from the disk cache where it has them
from analysis.tables import Tables

from .escape import escape_markdown

Files = tuple[tuple[str, bytes], ...]  # (name, bytes) of uploaded or bundled files
STORE_FALLBACK = " Showing the bundled corpus instead."


def _data_files() -> Files:
    """Every file under data/ (articles, metadata, lexicons): the bundled cache key."""
    return tuple((str(p.relative_to(DATA_DIR)), p.read_bytes()) for p in sorted(DATA_DIR.rglob("*")) if p.is_file())


def _lexicon_files() -> Files:
    return tuple(f for f in _data_files() if not f[0].startswith(BUNDLED_CORPUS.name))


# The (name, bytes) arguments are the cache key: st.cache_data ignores any argument whose
# name starts with "_", so these must not, or an edited lexicon would never be re-read.
@st.cache_data(show_spinner="Reading the bundled corpus…", max_entries=4)
def _bundled_tables(data_files: Files) -> tuple[Tables, tuple[str, ...]]:
    result = load_bundled()
    try:  # per-article results from the Parquet cache: only new or edited articles are analysed
        return analyze(result.articles), tuple(result.summary())
    except StoreError as error:
        return pipeline.analyze(result.articles), (str(error), *result.summary())


# Few entries and a time limit: every session's uploads share this cache, and a big corpus is
# hundreds of MB. `_on_progress` (not part of the key) is told how far the analysis is.
@st.cache_data(show_spinner="Reading your files…", max_entries=3, ttl=3600)
def _uploaded_tables(
    files: Files, lexicon_files: Files, _on_progress: Callable[[Progress], None] | None = None
) -> tuple[Tables, tuple[str, ...]]:
    result, problems = read_uploads(files)
    # in memory only, on every core: uploads are never written to disk (not even to the analysis cache)
    return analyze_in_memory(result.articles, _on_progress), tuple(problems + result.summary())


def read_uploads(files: Files) -> tuple[LoadResult, list[str]]:
    """Uploaded (name, bytes) files as articles, an uploaded metadata.csv applied to the others
    as load_paths applies a folder's; and what was wrong with that metadata.csv."""
    problems: list[str] = []
    metadata: dict[str, dict] = {}
    articles = []
    for name, data in files:
        if Path(name).name.lower() == METADATA_NAME:
            try:
                metadata.update(read_metadata_bytes(data, name))
            except CorpusError as error:
                problems.append(str(error))
        else:
            articles.append((name, data))
    return load_files(articles, metadata), problems


def store_folder() -> Path | None:
    """The built store the dashboard opens instead of the bundled corpus, if any:
    `streamlit run app.py -- --store DIR` or MARSAD_STORE=DIR (see `python -m analysis build`)."""
    args = sys.argv[1:]
    if "--store" in args[:-1]:
        return Path(args[args.index("--store") + 1])
    return Path(os.environ["MARSAD_STORE"]) if os.environ.get("MARSAD_STORE") else None


def _store_stamp(folder: Path) -> tuple:
    """When the store's files last changed: a rebuilt store is read again."""
    return tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.parquet")))


# A resource, not data: shared by every session without a copy per rerun (a 20,000-article
# corpus is hundreds of MB in pandas).
@st.cache_resource(show_spinner="Opening the stored tables…", max_entries=2)
def _store_tables(folder: str, stamp: tuple) -> Tables:
    return read_tables(folder)


@st.cache_resource(max_entries=2)
def _store_connection(folder: str, stamp: tuple) -> duckdb.DuckDBPyConnection:
    return query.connect(folder, in_memory=query.QUERIED)  # what the queries read; the rest stays on disk


@st.cache_resource(max_entries=4)
def _tables_connection(kind: str, key: tuple) -> duckdb.DuckDBPyConnection:
    files = None if kind == "bundled" else key[0]
    return query.connect(load_tables(files)[0], in_memory=query.QUERIED)  # no second copy of the rest


def load_tables(
    files: Files | None, on_progress: Callable[[Progress], None] | None = None
) -> tuple[Tables, tuple[str, ...]]:
    """All tables of the bundled corpus or the built store (files None) or of uploaded (name, bytes)
    files (`on_progress` told how far their analysis is)."""
    if files is None:
        folder = store_folder()
        if folder is None:
            return _bundled_tables(_data_files())
        try:
            return _store_tables(str(folder), _store_stamp(folder)), ()
        except StoreError as error:
            tables, problems = _bundled_tables(_data_files())
            return tables, (f"{error}{STORE_FALLBACK}", *problems)
    return _uploaded_tables(files, _lexicon_files(), on_progress)


def tables_or_stop(
    files: Files | None, on_progress: Callable[[Progress], None] | None = None
) -> tuple[Tables, tuple[str, ...]]:
    """load_tables, or the error's message (a lexicon typo: file, line, fix) and a stop."""
    try:
        return load_tables(files, on_progress)
    except (CorpusError, LexiconError) as error:
        st.error(escape_markdown(str(error)))
        st.stop()


def load_connection(files: Files | None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection over the same tables as load_tables(files), for analysis.query:
    query.entity_frequency(load_connection(files), outlets, nisba)."""
    if files is None:
        folder = store_folder()
        if folder is not None and (folder / "mentions.parquet").is_file():
            try:
                return _store_connection(str(folder), _store_stamp(folder))
            except (StoreError, duckdb.Error):
                pass  # load_tables says what is wrong with the store
        return _tables_connection("bundled", (_data_files(),))
    return _tables_connection("uploaded", (files, _lexicon_files()))


def corpus_key() -> tuple:
    """What identifies the sidebar's corpus, cheaply: a page's cache of a heavy computation over
    the filtered tables keys on it with the filters (the built store's files and times, the
    uploads' content hash, or the bundled data's)."""
    files = st.session_state.get("_corpus_files")
    if files is not None:
        return ("files", hash(files))
    folder = open_store()
    if folder is not None:
        return ("store", str(folder), _store_stamp(folder))
    return ("bundled", hash(_data_files()))


def filters_key() -> tuple:
    """The corpus and the sidebar's filters, as a cache key."""
    state = st.session_state
    return (corpus_key(), tuple(state.get("outlets") or ()), state.get("_date_range"), bool(state.get("nisba")))


# ---------------------------------------------------------------- article texts (reader, contexts)


@st.cache_data(show_spinner=False, max_entries=8)
def _articles_of(files: Files) -> tuple[Article, ...]:
    """The Article records (original text, metadata) of (name, bytes) files, metadata.csv
    applied as load_paths does: the texts whose offsets the tables hold."""
    return tuple(read_uploads(files)[0].articles)  # load_tables reports the problems


def _bundled_files() -> Files:
    """The bundled articles and their metadata.csv as (name, bytes): the texts' cache key."""
    return tuple(
        (p.name, p.read_bytes())
        for p in sorted(BUNDLED_CORPUS.iterdir())
        if p.is_file() and (p.suffix.lower() in SUPPORTED or p.name == METADATA_NAME)
    )


def open_store() -> Path | None:
    """The built store whose tables the sidebar's bundled choice shows, if one opened."""
    folder = store_folder()
    return folder if folder is not None and st.session_state.get("_store_open") == str(folder) else None


def corpus_articles(ids: list[str] | None = None, matching: re.Pattern | None = None) -> dict[str, Article]:
    """The current corpus's articles by id (those of `ids`, or all; only those whose text
    `matching` finds, if given), for pages that show the text itself. A built store's texts are
    read from its texts.parquet when asked, not kept in memory; a store built without texts has
    none: its articles are simply absent, as are all when its texts.parquet is found damaged
    (said in a warning; the tables still show)."""
    files = st.session_state.get("_corpus_files")
    if files is None and (folder := open_store()) is not None:
        try:
            return {a.id: a for a in read_articles(folder, ids, matching)}
        except StoreError as error:
            st.warning(escape_markdown(str(error)))
            return {}
    found = {a.id: a for a in _articles_of(files if files is not None else _bundled_files())}
    chosen = found if ids is None else {i: found[i] for i in ids if i in found}
    return chosen if matching is None else {i: a for i, a in chosen.items() if matching.search(a.text)}


def corpus_has_texts() -> bool:
    """False only for a built store that was written without its texts."""
    folder = open_store() if st.session_state.get("_corpus_files") is None else None
    return folder is None or (folder / TEXTS).is_file()
