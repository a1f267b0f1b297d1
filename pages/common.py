"""What every page shares: the corpus and outlet filter in the sidebar, the cached tables,
escaped right-to-left text, safe CSV downloads and plotly defaults.

Pages call `current_tables()` and draw; nothing here does NLP, it only loads and filters.
Not a page: app.py registers the pages explicitly with st.navigation.
"""
from __future__ import annotations

import html
import io
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import duckdb

import pandas as pd
import streamlit as st

from analysis.corpus import (
    ARCHIVES,
    BUNDLED_CORPUS,
    Article,
    DATA_DIR,
    METADATA_NAME,
    MAX_FILE_MB,
    SUPPORTED,
    CorpusError,
    LoadResult,
    first_line,
    load_bundled,
    load_files,
    read_metadata_bytes,
)
from analysis.lexicon import LexiconError
from analysis.ner import find_model
from analysis import pipeline, query
from analysis.pipeline import Tables
from analysis.store import TEXTS, StoreError, read_articles, read_tables
from analysis.store import analyze_cached as analyze  # the tables, from the disk cache where it has them

BUNDLED = "Bundled corpus"
UPLOADED = "My files"
OUTLET_PARAM = "outlet"
NISBA_PARAM = "nisba"  # "1": count adjectives such as الروسي towards their country
LANG_PARAM = "lang"  # "ar": the interface in Arabic, right to left
LANGUAGES = {"en": "English", "ar": "العربية"}
FONT_FAMILY = '"Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma, Arial, sans-serif'
TYPE_COLOURS = {  # entity types, one colour each on every page
    "person": "#1f77b4", "place": "#2ca02c", "organisation": "#ff7f0e",
    "media": "#9467bd", "event": "#d62728",
}

CSS = f"""
<style>
.marsad-rtl {{ direction: rtl; text-align: right; unicode-bidi: isolate;
  font-family: {FONT_FAMILY}; line-height: 1.9; font-size: 1.05rem; }}
.marsad-rtl mark {{ background: #fde68a; padding: 0 .15em; border-radius: 3px; }}
.marsad-card {{ border-right: 4px solid #0f766e; background: #f8fafc; padding: .5rem .9rem;
  margin: .35rem 0; border-radius: 4px; }}
.marsad-meta {{ direction: ltr; text-align: left; color: #475569; font-size: .85rem; }}
</style>
"""


# ---------------------------------------------------------------- interface language

def lang() -> str:
    """The reader's interface language, "en" or "ar" (the sidebar's switch, mirrored in the URL)."""
    chosen = st.session_state.get("lang") or st.query_params.get(LANG_PARAM, "en")
    return chosen if chosen in LANGUAGES else "en"  # before the switch is drawn, the link decides


def tr(en: str, ar: str) -> str:
    """Interface text in the reader's language: tr("Outlets", "المنافذ")."""
    return ar if lang() == "ar" else en


RTL_LAYOUT_CSS = """
<style>
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"], [data-testid="stMetric"] { text-align: right; }
/* charts, tables and the editor keep their own left-to-right geometry */
.js-plotly-plot, [data-testid="stDataFrame"], [data-testid="stDataFrameResizable"],
[data-testid="stImage"], [data-baseweb="slider"] { direction: ltr; }
.marsad-meta { direction: rtl; text-align: right; }
/* the sidebar on the right, where an Arabic reader starts */
[data-testid="stAppViewContainer"] { flex-direction: row-reverse; }
</style>
"""


def language_switch() -> None:
    """English / العربية in the sidebar; the choice lives in the link (?lang=ar)."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get(LANG_PARAM, "en")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else "en"
    chosen = st.radio("Language · اللغة", list(LANGUAGES), format_func=LANGUAGES.get,
                      key="lang", horizontal=True)
    if chosen == "ar":
        st.query_params[LANG_PARAM] = "ar"
        st.markdown(RTL_LAYOUT_CSS, unsafe_allow_html=True)
    elif LANG_PARAM in st.query_params:
        del st.query_params[LANG_PARAM]


# ---------------------------------------------------------------- pages

PAGES = [  # file, title, icon, url path ("" for the default page)
    ("pages/overview.py", "Overview", ":material/dashboard:", ""),
    ("pages/entities.py", "Entities", ":material/groups:", "entities"),
    ("pages/outlets.py", "Outlets", ":material/newspaper:", "outlets"),
    ("pages/quantities.py", "Weapons & quantities", ":material/numbers:", "quantities"),
    ("pages/story.py", "Story", ":material/timeline:", "story"),
    ("pages/reader.py", "Reader", ":material/menu_book:", "reader"),
    ("pages/contexts.py", "Keyword in context", ":material/manage_search:", "contexts"),
]
PAGE_TITLES_AR = {"Overview": "نظرة عامة", "Entities": "الكيانات", "Outlets": "المنافذ",
                  "Weapons & quantities": "الأسلحة والكميات", "Story": "القصة",
                  "Reader": "القارئ", "Keyword in context": "الكلمة في سياقها"}


def app_pages() -> list:
    """The st.Page list app.py navigates; the overview is the default page. Titles follow the
    interface language; files and url paths do not, so links work in either language."""
    return [st.Page(file, title=tr(title, PAGE_TITLES_AR[title]), icon=icon, url_path=path or None,
                    default=not path)
            for file, title, icon, path in PAGES]


# ---------------------------------------------------------------- state in the link

def from_link(key: str, param: str, parse=str, many: bool = False, default=None) -> None:
    """Seed a widget's session state from the link the first time it is drawn, so a shared
    link (?top=10&types=person) reopens the view; later the widget itself decides."""
    if key in st.session_state:
        return
    if many:
        raw = st.query_params.get_all(param)
        value = [parse(v) for v in raw] if raw else default
    else:
        raw = st.query_params.get(param)
        try:
            value = parse(raw) if raw not in (None, "") else default
        except ValueError:  # a hand-edited link: fall back to the default view
            value = default
    if value is not None:
        st.session_state[key] = value


def to_link(param: str, value, default=None) -> None:
    """Mirror a widget's value into the link; the default view keeps the link short."""
    if value is None or value == default or value in ("", []):
        if param in st.query_params:
            del st.query_params[param]
    elif isinstance(value, (list, tuple)):
        st.query_params[param] = [str(v) for v in value]
    else:
        st.query_params[param] = str(value)


# ---------------------------------------------------------------- loading (cached by content)

def _data_files() -> tuple[tuple[str, bytes], ...]:
    """Every file under data/ (articles, metadata, lexicons): the bundled cache key."""
    return tuple((str(p.relative_to(DATA_DIR)), p.read_bytes())
                 for p in sorted(DATA_DIR.rglob("*")) if p.is_file())


def _lexicon_files() -> tuple[tuple[str, bytes], ...]:
    return tuple(f for f in _data_files() if not f[0].startswith(BUNDLED_CORPUS.name))


# The (name, bytes) arguments are the cache key: st.cache_data ignores any argument whose
# name starts with "_", so these must not, or an edited lexicon would never be re-read.
@st.cache_data(show_spinner="Reading the bundled corpus…", max_entries=4)
def _bundled_tables(data_files: tuple[tuple[str, bytes], ...]) -> tuple[Tables, tuple[str, ...]]:
    result = load_bundled()
    try:  # per-article results from the Parquet cache: only new or edited articles are analysed
        return analyze(result.articles), tuple(result.summary())
    except StoreError as error:
        return pipeline.analyze(result.articles), (str(error), *result.summary())


# Few entries and a time limit: every session's uploads share this cache, and a big corpus is
# hundreds of MB.
@st.cache_data(show_spinner="Reading your files…", max_entries=3, ttl=3600)
def _uploaded_tables(files: tuple[tuple[str, bytes], ...],
                     lexicon_files: tuple[tuple[str, bytes], ...]) -> tuple[Tables, tuple[str, ...]]:
    result, problems = read_uploads(files)
    # in memory only: uploads are never written to disk (not even to the analysis cache)
    return pipeline.analyze(result.articles), tuple(problems + result.summary())


def read_uploads(files: tuple[tuple[str, bytes], ...]) -> tuple[LoadResult, list[str]]:
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


STORE_FALLBACK = " Showing the bundled corpus instead."


def load_tables(files: tuple[tuple[str, bytes], ...] | None) -> tuple[Tables, tuple[str, ...]]:
    """All tables of the bundled corpus or the built store (files None) or of uploaded (name, bytes) files."""
    if files is None:
        folder = store_folder()
        if folder is None:
            return _bundled_tables(_data_files())
        try:
            return _store_tables(str(folder), _store_stamp(folder)), ()
        except StoreError as error:
            tables, problems = _bundled_tables(_data_files())
            return tables, (f"{error}{STORE_FALLBACK}", *problems)
    return _uploaded_tables(files, _lexicon_files())


def tables_or_stop(files: tuple[tuple[str, bytes], ...] | None) -> tuple[Tables, tuple[str, ...]]:
    """load_tables, or the error's message (a lexicon typo: file, line, fix) and a stop."""
    try:
        return load_tables(files)
    except (CorpusError, LexiconError) as error:
        st.error(escape_markdown(str(error)))
        st.stop()


def escape_markdown(text: str) -> str:
    """Text shown literally by st.warning/st.info/st.error, which render Markdown: a file
    named "[x](javascript:alert(1)).txt" or "<img src=x onerror=alert(1)>.txt" stays text.
    Only what can open Markdown, HTML, LaTeX or Streamlit's :color[...] is escaped, so
    "broken.json" still reads as written in the source."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\g<0>", text)
    return LINE_START.sub(r"\g<1>\\\g<2>", escaped).replace("\n", "  \n")


MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>~$:&|]")
LINE_START = re.compile(r"(?m)^(\s*(?:\d+)?)([#+\-=.)>])")  # headings, lists, rules


def show_problems(problems: tuple[str, ...]) -> None:
    """The files that were skipped or loaded with a caveat, escaped; load_files has already
    grouped them ("a.txt is empty. And 9,999 more files like it: …"), never one per file."""
    for problem in problems:  # English sentences: isolated left to right, also in the Arabic layout
        st.warning(LEFT_TO_RIGHT.format(escape_markdown(problem)))


LEFT_TO_RIGHT = "\u2066{}\u2069"  # Unicode isolate: LRI ... PDI


# ---------------------------------------------------------------- article texts (reader, contexts)

@st.cache_data(show_spinner=False, max_entries=8)
def _articles_of(files: tuple[tuple[str, bytes], ...]) -> tuple[Article, ...]:
    """The Article records (original text, metadata) of (name, bytes) files, metadata.csv
    applied as load_paths does: the texts whose offsets the tables hold."""
    return tuple(read_uploads(files)[0].articles)  # load_tables reports the problems


def _bundled_files() -> tuple[tuple[str, bytes], ...]:
    """The bundled articles and their metadata.csv as (name, bytes): the texts' cache key."""
    return tuple((p.name, p.read_bytes()) for p in sorted(BUNDLED_CORPUS.iterdir())
                 if p.is_file() and (p.suffix.lower() in SUPPORTED or p.name == METADATA_NAME))


def open_store() -> Path | None:
    """The built store whose tables the sidebar's bundled choice shows, if one opened."""
    folder = store_folder()
    return folder if folder is not None and st.session_state.get("_store_open") == str(folder) else None


def corpus_articles(ids: list[str] | None = None, matching: re.Pattern | None = None) -> dict[str, Article]:
    """The current corpus's articles by id (those of `ids`, or all; only those whose text
    `matching` finds, if given), for pages that show the text itself. A built store's texts are
    read from its texts.parquet when asked, not kept in memory; a store built without texts has
    none: its articles are simply absent."""
    files = st.session_state.get("_corpus_files")
    if files is None and (folder := open_store()) is not None:
        return {a.id: a for a in read_articles(folder, ids, matching)}
    found = {a.id: a for a in _articles_of(files if files is not None else _bundled_files())}
    chosen = found if ids is None else {i: found[i] for i in ids if i in found}
    return chosen if matching is None else {i: a for i, a in chosen.items() if matching.search(a.text)}


def corpus_has_texts() -> bool:
    """False only for a built store that was written without its texts."""
    folder = open_store() if st.session_state.get("_corpus_files") is None else None
    return folder is None or (folder / TEXTS).is_file()


UPLOAD_FIELDS = ["outlet", "published", "url"]  # what the user may set or fix per article


def metadata_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The uploaded articles' outlet, date and url as the analysis read them, for editing."""
    table = articles[["article", "title"] + UPLOAD_FIELDS].copy()
    table["published"] = pd.to_datetime(table["published"]).dt.date
    table["url"] = table["url"].fillna("")
    return table.reset_index(drop=True)


def corrected_corpus(articles: tuple[Article, ...], before: pd.DataFrame,
                     after: pd.DataFrame) -> tuple[tuple[str, bytes], ...]:
    """The articles as one JSONL file with the user's edits applied (only the cells changed),
    so they are analysed again like any upload, keyed by content: a new outlet for
    "رايت رايتس" or a fixed date re-resolves "الثلاثاء" against it."""
    changed = {}
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows()):
        fields = {f: new[f] for f in UPLOAD_FIELDS
                  if not (pd.isna(old[f]) and pd.isna(new[f])) and old[f] != new[f]}
        if fields:
            changed[old["article"]] = fields
    lines = []
    for article in articles:
        edits = changed.get(article.id, {})
        if "outlet" in edits:
            outlet = str(edits["outlet"] or "").strip() or "unknown"
            article = replace(article, outlet=outlet, outlet_en=outlet)
        if "published" in edits:
            day = edits["published"]
            article = replace(article, published=None if pd.isna(day) else pd.Timestamp(day).date(),
                              date_basis="set by the user" if not pd.isna(day) else "")
        if "url" in edits:
            article = replace(article, url=str(edits["url"] or "").strip())
        lines.append(json.dumps({
            "id": article.id, "text": article.text, "outlet": article.outlet,
            # a title read off the first line is read again: a new outlet makes its masthead chrome
            "title": "" if article.title == first_line(article.text, article.chrome) else article.title,
            "outlet_en": article.outlet_en, "url": article.url,
            "published": article.published.isoformat() if article.published else "",
            "date_basis": article.date_basis, "author": article.author, "wire": article.wire,
            "evidence": article.evidence}, ensure_ascii=False))
    return (("my-articles-edited.jsonl", "\n".join(lines).encode("utf-8")),)


def upload_editor(tables: Tables, files: tuple[tuple[str, bytes], ...]) -> tuple[tuple[str, bytes], ...]:
    """An editable table of the uploads' outlet, date and url; returns the files to analyse:
    the uploads as they are, or the corpus with the user's edits (this session only)."""
    before = metadata_table(tables.articles)
    with st.expander(tr("Outlet, date and url of your articles", "منفذ مقالاتك وتاريخها ورابطها"),
                     expanded=(before["outlet"] == "unknown").any()):
        after = st.data_editor(
            before, key="upload_meta", hide_index=True, disabled=["article", "title"],
            column_order=["outlet", "published", "url", "title", "article"],  # editable first: a narrow sidebar
            column_config={
                "article": st.column_config.TextColumn(tr("Article", "المقال"), width="small"),
                "title": st.column_config.TextColumn(tr("Title", "العنوان"), width="small"),
                "outlet": st.column_config.TextColumn(tr("Outlet", "المنفذ")),
                "published": st.column_config.DateColumn(tr("Published", "تاريخ النشر"), format="YYYY-MM-DD"),
                "url": st.column_config.TextColumn(tr("URL", "الرابط")),
            })
        st.caption(tr("Edits are analysed again and kept for this session only.",
                      "تُحلَّل التعديلات من جديد وتبقى في هذه الجلسة فقط."))
    if after.equals(before):
        return files
    return corrected_corpus(_articles_of(files), before, after)


def analyse_with_status(files: tuple[tuple[str, bytes], ...] | None) -> tuple[Tables, tuple[str, ...]]:
    """tables_or_stop, with a status box while a new corpus (or a new edit) is analysed."""
    key = hash(files)
    if files is None or st.session_state.get("_analysed") == key:
        return tables_or_stop(files)
    articles = sum(1 for name, _ in files if Path(name).name.lower() != METADATA_NAME)
    with st.status(tr(f"Analysing {articles:,} file(s)…", f"جارٍ تحليل {articles:,} ملف…"),
                   expanded=False) as status:
        result = tables_or_stop(files)
        n = len(result[0].articles)
        status.update(label=tr(f"Analysed {n:,} article{'s' if n != 1 else ''}", f"حُلِّل {n:,} مقال"),
                      state="complete")
    st.session_state["_analysed"] = key
    return result


def load_connection(files: tuple[tuple[str, bytes], ...] | None) -> duckdb.DuckDBPyConnection:
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


# ---------------------------------------------------------------- sidebar (corpus + outlet filter)

def sidebar() -> None:
    """Corpus choice and outlet filter; leaves the filtered tables in session state."""
    with st.sidebar:
        st.header("مرصد · Marsad")
        language_switch()
        corpus_names = {BUNDLED: tr("Bundled corpus", "المدونة المرفقة"), UPLOADED: tr("My files", "ملفاتي")}
        choice = st.radio(tr("Corpus", "المدونة"), [BUNDLED, UPLOADED], key="corpus",
                          format_func=corpus_names.get)
        # Always drawn, so uploads survive switching back and forth between the corpora.
        uploads = st.file_uploader(
            tr("Your articles (.txt, .html, .csv, .jsonl, .json or a .zip of them; add metadata.csv for "
               "outlets and dates)",
               "مقالاتك (txt، html، csv، jsonl، json أو ملف zip يضمها؛ أضف metadata.csv للمنافذ والتواريخ)"),
            type=[s.lstrip(".") for s in SUPPORTED + ARCHIVES], accept_multiple_files=True, key="uploads",
            help=tr(f"Up to {MAX_FILE_MB} MB per file; web pages (.html) are read for their article text. "
                    "Kept in this session's memory only: not written to disk, not shown to other sessions.",
                    f"حتى {MAX_FILE_MB} ميغابايت للملف؛ تُقرأ صفحات الويب (.html) لنص مقالها. "
                    "تبقى في ذاكرة هذه الجلسة فقط: لا تُكتب على القرص ولا تظهر لجلسات أخرى."))
        st.session_state["uploaded_files"] = tuple((u.name, u.getvalue()) for u in uploads or [])
        files = None
        if choice == UPLOADED:
            files = st.session_state["uploaded_files"]
            if not files:
                st.info(tr("Upload one or more files to analyse them.", "ارفع ملفًا أو أكثر لتحليله."))
        tables, problems = analyse_with_status(files)
        show_problems(problems)
        folder = store_folder()
        stored = files is None and folder is not None and not any(p.endswith(STORE_FALLBACK) for p in problems)
        st.session_state["_store_open"] = str(folder) if stored else None
        if stored:
            n = len(tables.articles)
            name = LEFT_TO_RIGHT.format(escape_markdown(folder.name))
            st.caption(tr(f"Stored corpus: {name}, {n:,} articles", f"مدونة مخزَّنة: {name}، عدد مقالاتها {n:,}"))
        if files and not tables.articles.empty:
            files = upload_editor(tables, files)
            tables, _ = analyse_with_status(files)
        st.session_state["_corpus_files"] = files

        outlets = sorted(tables.articles["outlet"].dropna().unique().tolist())
        if "outlets" not in st.session_state:  # a new session: the link decides
            wanted = st.query_params.get_all(OUTLET_PARAM)
            missing = [o for o in wanted if o not in outlets]
            if missing:
                st.warning(escape_markdown(tr("Not in this corpus, ignored: ", "ليست في هذه المدونة، أُهملت: ")
                                           + ", ".join(missing)))
            st.session_state["outlets"] = [o for o in wanted if o in outlets]
        else:  # the corpus may have changed under the filter
            kept = [o for o in st.session_state["outlets"] if o in outlets]
            if kept != st.session_state["outlets"]:
                st.session_state["outlets"] = kept
        chosen = st.multiselect(tr("Outlets (none chosen = all)", "المنافذ (بلا اختيار = الكل)"),
                                outlets, key="outlets", placeholder=tr("All outlets", "كل المنافذ"))
        if chosen:
            st.query_params[OUTLET_PARAM] = chosen
        elif OUTLET_PARAM in st.query_params:
            del st.query_params[OUTLET_PARAM]
        if "nisba" not in st.session_state:
            st.session_state["nisba"] = st.query_params.get(NISBA_PARAM) == "1"
        nisba = st.toggle(tr("Count adjectives as mentions", "احتساب الصفات إشاراتٍ"), key="nisba",
                          help=tr("الروسي، الكوري الشمالي… counted towards Russia, North Korea…; "
                                  "off: only the names count.",
                                  "الروسي، الكوري الشمالي… تُحتسب لروسيا وكوريا الشمالية…؛ "
                                  "عند الإيقاف تُحتسب الأسماء وحدها."))
        if nisba:
            st.query_params[NISBA_PARAM] = "1"
        elif NISBA_PARAM in st.query_params:
            del st.query_params[NISBA_PARAM]
        if not nisba:
            tables = tables.names_only()
        filtered = tables.for_outlets(chosen)
        st.caption(tr(f"{len(filtered.articles):,} of {len(tables.articles):,} articles shown",
                      f"{len(filtered.articles):,} من {len(tables.articles):,} مقالات معروضة"))
        st.caption(find_model().message)
    st.session_state["_tables"] = filtered
    st.session_state["_all_tables"] = tables
    st.session_state["_sidebar_ran"] = True


def current_tables() -> Tables:
    """The tables after the sidebar's outlet filter; every page calls this first."""
    if not st.session_state.pop("_sidebar_ran", False):
        # This page is running without app.py: the first request for a page URL on a freshly
        # started server (/story?outlet=...) runs in Streamlit's legacy pages/ folder mode,
        # which lasts until a run calls st.navigation (AppTest resets it on every run). Call it,
        # then rerun through app.py on the same URL and widget state.
        # The page config first: without it the tab's icon would be the page's material
        # icon, which the browser fetches from Google (an error offline).
        st.set_page_config(page_title="Marsad · مرصد", page_icon=page_icon(), layout="wide")
        st.navigation(app_pages(), position="hidden")
        st.rerun()
    return st.session_state["_tables"]


def all_tables() -> Tables:
    """The unfiltered tables (call current_tables() first)."""
    return st.session_state["_all_tables"]


def has_articles(tables: Tables) -> bool:
    """False (after saying why) when the corpus or the outlet filter leaves no article."""
    st.markdown(CSS + HIGHLIGHT_CSS, unsafe_allow_html=True)
    if tables.articles.empty:
        st.info(tr("No articles to show: the corpus is empty or the outlet filter leaves nothing. "
                   "Change the corpus or the outlets in the sidebar.",
                   "لا مقالات للعرض: المدونة فارغة أو لا يُبقي فلتر المنافذ شيئًا. "
                   "غيّر المدونة أو المنافذ في الشريط الجانبي."))
        return False
    return True


def empty_note(what: str, what_ar: str = "") -> None:
    st.info(tr(f"No {what} in the articles shown. Try other outlets in the sidebar.",
               f"لا {what_ar or what} في المقالات المعروضة. جرّب منافذ أخرى في الشريط الجانبي."))


# ---------------------------------------------------------------- text, numbers, downloads

def rtl_html(text: str, marks: tuple[str, ...] = ()) -> str:
    """Escaped HTML for an Arabic block, right to left, with every occurrence of `marks`
    highlighted: rtl_html("<b>بوتين</b>", ("بوتين",)) never lets the <b> through."""
    spans: list[tuple[int, int]] = []
    for mark in sorted({m for m in marks if m}, key=len, reverse=True):
        start = text.find(mark)
        while start >= 0:
            end = start + len(mark)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(mark, end)
    pieces, at = [], 0
    for s, e in sorted(spans):
        pieces += [html.escape(text[at:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        at = e
    pieces.append(html.escape(text[at:]))
    body = "".join(pieces).replace("\n", "<br>")
    return f'<div class="marsad-rtl" dir="rtl">{body}</div>'


SHOWN_CARDS = 200  # sentence cards drawn at once: a page over 20,000 articles stays quick


def first_rows(rows: pd.DataFrame, limit: int = SHOWN_CARDS) -> pd.DataFrame:
    """The first `limit` rows, to draw as cards; says so when there are more."""
    if len(rows) > limit:
        st.caption(tr(f"The first {limit:,} of {len(rows):,} are shown.", f"تظهر أول {limit:,} من {len(rows):,}."))
    return rows.head(limit)


TABLE_ROWS = 2_000  # rows of a table sent to the browser; its CSV download has them all


def table_rows(rows: pd.DataFrame, limit: int = TABLE_ROWS) -> pd.DataFrame:
    """The first `limit` rows of a table to show; says so when there are more."""
    if len(rows) > limit:
        st.caption(tr(f"The first {limit:,} of {len(rows):,} rows are shown; the CSV download has them all.",
                      f"تظهر أول {limit:,} من {len(rows):,} صفًا؛ وملف CSV فيه كلها."))
    return rows.head(limit)


def rtl_block(text: str, meta: str | tuple = (), marks: tuple[str, ...] = ()) -> None:
    """An Arabic sentence or paragraph, escaped, right to left, with an escaped caption whose
    parts (outlet, title, count...) are bidi-isolated so Arabic and Latin parts keep their order."""
    parts = (meta,) if isinstance(meta, str) else meta
    caption = " · ".join(f"<bdi>{html.escape(str(p))}</bdi>" for p in parts if str(p))
    caption = f'<div class="marsad-meta">{caption}</div>' if caption else ""
    st.markdown(f'<div class="marsad-card">{caption}{rtl_html(text, marks)}</div>',
                unsafe_allow_html=True)


def fmt_number(value: float) -> str:
    """5000000.0 -> "5,000,000"; 1.5 -> "1.5"."""
    if pd.isna(value):
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes with formula-looking cells (= + - @ tab CR) prefixed by a quote, so a
    spreadsheet shows "=HYPERLINK(...)" from an article as text instead of running it."""
    def neutral(cell):
        if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + cell
        return cell
    cleaned = frame.copy()
    for column in cleaned.columns:  # text, categories, mixed: anything a spreadsheet may read as a formula
        kind = cleaned[column].dtype
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind)):
            cleaned[column] = cleaned[column].astype(object).map(neutral)
    # CRLF rows (RFC 4180): a cell holding a bare \r is then quoted, so it cannot start a new row.
    return cleaned.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def download(frame: pd.DataFrame, name: str, label: str | None = None) -> None:
    """A CSV download of `frame`, written only when the button is clicked (not on every run:
    30,000 rows take a second)."""
    st.download_button(label or tr("Download CSV", "تنزيل CSV"), lambda: safe_csv(frame),
                       file_name=f"marsad-{name}.csv", mime="text/csv", key=f"download-{name}",
                       icon=":material/download:")


def png_download(png: bytes, name: str, label: str | None = None) -> None:
    """A download button for an image drawn here (the word cloud); plotly charts have their own."""
    st.download_button(label or tr("Download PNG", "تنزيل PNG"), png, file_name=f"marsad-{name}.png",
                       mime="image/png", key=f"download-{name}-png", icon=":material/image:")


# ---------------------------------------------------------------- highlighted article text

# kind -> colour, English and Arabic legend; later kinds win where spans overlap, so the
# weapon inside "5 ملايين قذيفة مدفعية" keeps its own colour within the quantity.
HIGHLIGHTS = {
    "quote": ("#7c3aed", "Quote", "اقتباس"),  # drawn as an underline, not a background
    "date": ("#bbf7d0", "Date", "تاريخ"),
    "quantity": ("#fde68a", "Quantity", "كمية"),
    "weapon": ("#fecaca", "Weapon", "سلاح"),
    "entity": ("#bfdbfe", "Entity", "كيان"),
}
HIGHLIGHT_CSS = "<style>" + "".join(
    f".hl-{kind} {{ border-bottom: 2px solid {colour}; font-style: italic; }}" if kind == "quote"
    else f".hl-{kind} {{ background: {colour}; border-radius: 3px; }}"
    for kind, (colour, _, _) in HIGHLIGHTS.items()) + (
    ".hl-focus { outline: 2px solid #0f766e; outline-offset: 1px; }"
    ".hl-chrome { color: #94a3b8; }"
    ".marsad-facts { border-collapse: collapse; font-size: .9rem; margin-bottom: .5rem; }"
    ".marsad-facts th { font-weight: 600; padding: .1rem .8rem .1rem 0; vertical-align: top; }"
    ".marsad-facts td { padding: .1rem .8rem .1rem 0; }"
    ".marsad-legend span { display: inline-block; margin: 0 .2rem .3rem .2rem; padding: 0 .5rem; }"
    "</style>")


def highlight_html(text: str, spans) -> str:
    """Escaped right-to-left HTML of an article with (start, end, kind, note) spans coloured;
    overlapping spans split the text into pieces that carry every kind covering them:
    highlight_html("<b>بوتين</b>", [(3, 8, "entity", "Putin")]) escapes the <b>."""
    spans = [(max(0, s), min(len(text), e), k, n) for s, e, k, n in spans if s < e]
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    order = list(HIGHLIGHTS) + ["focus"]
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        covering = [(k, n) for s, e, k, n in spans if s <= a and b <= e]
        if covering:
            kinds = sorted({k for k, _ in covering}, key=lambda k: order.index(k) if k in order else 0)
            note = " · ".join(dict.fromkeys(n for _, n in covering if n))
            piece = (f'<span class="{" ".join("hl-" + k for k in kinds)}" '
                     f'title="{html.escape(note, quote=True)}">{piece}</span>')
        pieces.append(piece)
    return f'<div class="marsad-rtl" dir="rtl">{"".join(pieces)}</div>'


LEGEND_EXTRA = {"chrome": ("Page chrome (not counted)", "هيكل الصفحة (لا يُحتسب)")}


def legend_html(kinds=tuple(HIGHLIGHTS)) -> str:
    """The colour key of highlight_html, in the interface language."""
    names = {k: v[1:] for k, v in HIGHLIGHTS.items()} | LEGEND_EXTRA
    chips = "".join(f'<span class="hl-{k}">{html.escape(tr(*names[k]))}</span>' for k in kinds)
    return f'<div class="marsad-legend">{chips}</div>'


# ---------------------------------------------------------------- charts

PLOTLY_TEXT = ("x", "y", "text", "hovertext", "customdata", "labels")


def _escape_hover_piece(piece: str, esc) -> str:
    """One "label=value" line of a plotly express hovertemplate: the label may be data (an
    outlet named as a column), the value is data unless it is a %{...} placeholder."""
    if piece == "<br>" or piece.startswith("<extra>") or "=" not in piece:
        return piece
    label, value = piece.split("=", 1)
    return esc(label) + "=" + (value if "%{" in value else esc(value))


def escape_figure(fig):
    """Plotly draws tags (<b>, <a href>) in labels and hovers: escape every string that came
    from the data (outlets, titles, names...), so "<img src=x onerror=...>" shows as written."""
    def esc(value):
        if isinstance(value, str):
            return html.escape(value, quote=False)
        if isinstance(value, (list, tuple)) or getattr(value, "ndim", 0):  # customdata rows
            return [esc(v) for v in value]
        return value

    for trace in fig.data:
        for prop in PLOTLY_TEXT:
            values = getattr(trace, prop, None)
            if values is not None and not isinstance(values, str) and getattr(values, "dtype", object) == object:
                setattr(trace, prop, esc(values))
        for prop in ("name", "legendgroup", "offsetgroup", "alignmentgroup"):  # escaped alike, still grouped
            if isinstance(getattr(trace, prop, None), str):
                setattr(trace, prop, esc(getattr(trace, prop)))
        if getattr(trace, "hovertemplate", None):  # plotly express writes "outlet=<value>" into it
            pieces = re.split(r"(<br>|<extra>.*?</extra>)", trace.hovertemplate)
            trace.hovertemplate = "".join(_escape_hover_piece(p, esc) for p in pieces)
    for axis in ("xaxis", "yaxis"):
        ticks = fig.layout[axis].ticktext
        if ticks:
            fig.layout[axis].ticktext = [esc(t) for t in ticks]
    return fig


def style(fig, height: int | None = None):
    """House plotly layout: a font with Arabic glyphs, readable margins, legend on top;
    data strings escaped (escape_figure)."""
    escape_figure(fig)
    fig.update_layout(
        font=dict(family=FONT_FAMILY, size=14),
        hoverlabel=dict(font_family=FONT_FAMILY),
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1, title_text=""),
        separators=".,",
        template="plotly_white",
    )
    if height:
        fig.update_layout(height=height)
    return fig


def png_config(key: str) -> dict:
    """Plotly's toolbar: no logo, and its camera button saves the chart as marsad-KEY.png (2x)."""
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": f"marsad-{key}", "scale": 2}}


def chart(fig, key: str, height: int | None = None) -> None:
    """A plotly chart in the house style whose toolbar saves it as a PNG."""
    st.plotly_chart(style(fig, height), width="stretch", theme=None, key=key, config=png_config(key))


def read_in_article(article: str, at: int,
                    label: tuple[str, str] = ("Read it in the article", "اقرأها في المقال")) -> None:
    """A link into the reader, opened at the sentence of offset `at` (?article=...&at=...)."""
    st.page_link("pages/reader.py", label=tr(*label), icon=":material/menu_book:",
                 query_params={"article": article, "at": str(at)})


def clickable_chart(fig, key: str, height: int | None = None) -> list[dict]:
    """A chart whose bars can be clicked; returns the selected points (customdata, x, y)."""
    event = st.plotly_chart(style(fig, height), width="stretch", theme=None, key=key,
                            on_select="rerun", selection_mode="points", config=png_config(key))
    return list(event.selection.get("points", [])) if event else []


def outlet_colours() -> dict[str, str]:
    """One colour per outlet of the whole corpus, the same on every page and under any filter."""
    import plotly.express as px
    palette = px.colors.qualitative.Bold + px.colors.qualitative.Pastel
    outlets = sorted(all_tables().articles["outlet"].dropna().unique())
    return {o: palette[i % len(palette)] for i, o in enumerate(outlets)}


@st.cache_data(max_entries=1)
def page_icon() -> bytes:
    """A small "م" favicon drawn locally (a material icon would be fetched from Google)."""
    from PIL import Image, ImageDraw, ImageFont
    image = Image.new("RGBA", (64, 64), "#0f766e")
    font = ImageFont.truetype(str(font_path()), 44)
    ImageDraw.Draw(image).text((32, 30), "م", font=font, fill="white", anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def font_path() -> Path:
    """Noto Sans Arabic from the fontpkg-noto-sans-arabic wheel (no system font needed)."""
    import fontpkg_noto_sans_arabic as font
    return next(Path(font.ROOT).rglob("NotoSansArabic*.ttf"))
