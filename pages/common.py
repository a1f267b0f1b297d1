"""What every page shares: the corpus and outlet filter in the sidebar, the cached tables,
escaped right-to-left text, safe CSV downloads and plotly defaults.

Pages call `current_tables()` and draw; nothing here does NLP, it only loads and filters.
Not a page: app.py registers the pages explicitly with st.navigation.
"""
from __future__ import annotations

import html
import io
import os
import sys
from pathlib import Path

import duckdb

import pandas as pd
import streamlit as st

from analysis.corpus import (
    BUNDLED_CORPUS,
    DATA_DIR,
    METADATA_NAME,
    SUPPORTED,
    CorpusError,
    load_bundled,
    load_files,
    read_metadata_bytes,
)
from analysis.ner import find_model
from analysis import pipeline, query
from analysis.pipeline import Tables
from analysis.store import StoreError, read_tables
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
    return st.session_state.get("lang", "en")


def tr(en: str, ar: str) -> str:
    """Interface text in the reader's language: tr("Outlets", "المنافذ")."""
    return ar if lang() == "ar" else en


RTL_LAYOUT_CSS = """
<style>
section.main, [data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
[data-testid="stMain"] .js-plotly-plot, [data-testid="stDataFrame"] { direction: ltr; }
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
]


def app_pages() -> list:
    """The st.Page list app.py navigates; the overview is the default page."""
    return [st.Page(file, title=title, icon=icon, url_path=path or None, default=not path)
            for file, title, icon, path in PAGES]


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
        return analyze(result.articles), tuple(result.problems)
    except StoreError as error:
        return pipeline.analyze(result.articles), (str(error), *result.problems)


@st.cache_data(show_spinner="Reading your files…", max_entries=8)
def _uploaded_tables(files: tuple[tuple[str, bytes], ...],
                     lexicon_files: tuple[tuple[str, bytes], ...]) -> tuple[Tables, tuple[str, ...]]:
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
    result = load_files(articles, metadata)
    # in memory only: uploads are never written to disk (not even to the analysis cache)
    return pipeline.analyze(result.articles), tuple(problems + result.problems)


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
    return query.connect(folder)


@st.cache_resource(max_entries=4)
def _tables_connection(kind: str, key: tuple) -> duckdb.DuckDBPyConnection:
    files = None if kind == "bundled" else key[0]
    return query.connect(load_tables(files)[0])


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
            return tables, (f"{error} Showing the bundled corpus instead.", *problems)
    return _uploaded_tables(files, _lexicon_files())


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
        choice = st.radio("Corpus", [BUNDLED, UPLOADED], key="corpus")
        # Always drawn, so uploads survive switching back and forth between the corpora.
        uploads = st.file_uploader(
            "Your articles (.txt, .csv, .jsonl, .json; add metadata.csv for outlets and dates)",
            type=[s.lstrip(".") for s in SUPPORTED], accept_multiple_files=True, key="uploads",
            help="Kept in this session's memory only: not written to disk, not shown to other sessions.")
        st.session_state["uploaded_files"] = tuple((u.name, u.getvalue()) for u in uploads or [])
        files = None
        if choice == UPLOADED:
            files = st.session_state["uploaded_files"]
            if not files:
                st.info("Upload one or more files to analyse them.")
        tables, problems = load_tables(files)
        for problem in problems:
            st.warning(problem)

        outlets = sorted(tables.articles["outlet"].dropna().unique().tolist())
        if "outlets" not in st.session_state:  # a new session: the link decides
            wanted = st.query_params.get_all(OUTLET_PARAM)
            missing = [o for o in wanted if o not in outlets]
            if missing:
                st.warning("Not in this corpus, ignored: " + ", ".join(missing))
            st.session_state["outlets"] = [o for o in wanted if o in outlets]
        else:  # the corpus may have changed under the filter
            kept = [o for o in st.session_state["outlets"] if o in outlets]
            if kept != st.session_state["outlets"]:
                st.session_state["outlets"] = kept
        chosen = st.multiselect("Outlets (none chosen = all)", outlets, key="outlets",
                                placeholder="All outlets")
        if chosen:
            st.query_params[OUTLET_PARAM] = chosen
        elif OUTLET_PARAM in st.query_params:
            del st.query_params[OUTLET_PARAM]
        if "nisba" not in st.session_state:
            st.session_state["nisba"] = st.query_params.get(NISBA_PARAM) == "1"
        nisba = st.toggle("Count adjectives as mentions", key="nisba",
                          help="الروسي، الكوري الشمالي… counted towards Russia, North Korea…; "
                               "off: only the names count.")
        if nisba:
            st.query_params[NISBA_PARAM] = "1"
        elif NISBA_PARAM in st.query_params:
            del st.query_params[NISBA_PARAM]
        if not nisba:
            tables = tables.names_only()
        filtered = tables.for_outlets(chosen)
        st.caption(f"{len(filtered.articles):,} of {len(tables.articles):,} articles shown")
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
        st.navigation(app_pages(), position="hidden")
        st.rerun()
    return st.session_state["_tables"]


def all_tables() -> Tables:
    """The unfiltered tables (call current_tables() first)."""
    return st.session_state["_all_tables"]


def has_articles(tables: Tables) -> bool:
    """False (after saying why) when the corpus or the outlet filter leaves no article."""
    st.markdown(CSS, unsafe_allow_html=True)
    if tables.articles.empty:
        st.info("No articles to show: the corpus is empty or the outlet filter leaves nothing. "
                "Change the corpus or the outlets in the sidebar.")
        return False
    return True


def empty_note(what: str) -> None:
    st.info(f"No {what} in the articles shown. Try other outlets in the sidebar.")


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
    """CSV bytes with formula-looking cells (= + - @) prefixed by a quote for spreadsheets."""
    def neutral(cell):
        if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + cell
        return cell
    cleaned = frame.copy()
    for column in cleaned.columns:
        if cleaned[column].dtype == object or pd.api.types.is_string_dtype(cleaned[column]):
            cleaned[column] = cleaned[column].map(neutral)
    return cleaned.to_csv(index=False).encode("utf-8-sig")


def download(frame: pd.DataFrame, name: str, label: str = "Download CSV") -> None:
    st.download_button(label, safe_csv(frame), file_name=f"marsad-{name}.csv",
                       mime="text/csv", key=f"download-{name}")


# ---------------------------------------------------------------- charts

def style(fig, height: int | None = None):
    """House plotly layout: a font with Arabic glyphs, readable margins, legend on top."""
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


def chart(fig, key: str, height: int | None = None) -> None:
    st.plotly_chart(style(fig, height), width="stretch", theme=None, key=key)


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
