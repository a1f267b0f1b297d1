"""What every page shares: the corpus and outlet filter in the sidebar, the cached tables,
escaped right-to-left text, safe CSV downloads and plotly defaults.

Pages call `current_tables()` and draw; nothing here does NLP, it only loads and filters.
Not a page: app.py registers the pages explicitly with st.navigation.
"""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.corpus import (
    BUNDLED_CORPUS,
    DATA_DIR,
    METADATA_NAME,
    MAX_FILE_MB,
    SUPPORTED,
    CorpusError,
    load_bundled,
    load_files,
    read_metadata_bytes,
)
from analysis.lexicon import LexiconError
from analysis.ner import find_model
from analysis.pipeline import Tables, analyze

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
    return analyze(result.articles), tuple(result.summary())


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
    return analyze(result.articles), tuple(problems + result.summary())


def load_tables(files: tuple[tuple[str, bytes], ...] | None) -> tuple[Tables, tuple[str, ...]]:
    """All tables of the bundled corpus (files None) or of uploaded (name, bytes) files."""
    if files is None:
        return _bundled_tables(_data_files())
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
            help=f"Up to {MAX_FILE_MB} MB per file; web pages (.html) are read for their article text. "
                 "Kept in this session's memory only: not written to disk, not shown to other sessions.")
        st.session_state["uploaded_files"] = tuple((u.name, u.getvalue()) for u in uploads or [])
        files = None
        if choice == UPLOADED:
            files = st.session_state["uploaded_files"]
            if not files:
                st.info("Upload one or more files to analyse them.")
        tables, problems = tables_or_stop(files)
        show_problems(problems)

        outlets = sorted(tables.articles["outlet"].dropna().unique().tolist())
        if "outlets" not in st.session_state:  # a new session: the link decides
            wanted = st.query_params.get_all(OUTLET_PARAM)
            missing = [o for o in wanted if o not in outlets]
            if missing:
                st.warning(escape_markdown("Not in this corpus, ignored: " + ", ".join(missing)))
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


def download(frame: pd.DataFrame, name: str, label: str = "Download CSV") -> None:
    st.download_button(label, safe_csv(frame), file_name=f"marsad-{name}.csv",
                       mime="text/csv", key=f"download-{name}")


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


def chart(fig, key: str, height: int | None = None) -> None:
    """A plotly chart in the house style whose toolbar saves it as a PNG (marsad-KEY.png, 2x)."""
    config = {"displaylogo": False,
              "toImageButtonOptions": {"format": "png", "filename": f"marsad-{key}", "scale": 2}}
    st.plotly_chart(style(fig, height), width="stretch", theme=None, key=key, config=config)


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
