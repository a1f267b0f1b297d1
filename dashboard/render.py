"""Article text and messages on the page, always escaped: right-to-left Arabic blocks and
sentence cards, numbers, row limits, and the notes for an empty selection."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.tables import Tables

from .escape import LEFT_TO_RIGHT, escape_html, escape_markdown
from .fonts import FONT_FAMILY
from .highlight import HIGHLIGHT_CSS
from .language import tr

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


def show_problems(problems: tuple[str, ...]) -> None:
    """The files that were skipped or loaded with a caveat, escaped; load_files has already
    grouped them ("a.txt is empty. And 9,999 more files like it: …"), never one per file."""
    for problem in problems:  # English sentences: isolated left to right, also in the Arabic layout
        st.warning(LEFT_TO_RIGHT.format(escape_markdown(problem)))


def has_articles(tables: Tables) -> bool:
    """False (after saying why) when the corpus or the outlet filter leaves no article."""
    st.markdown(CSS + HIGHLIGHT_CSS, unsafe_allow_html=True)
    if tables.articles.empty:
        st.info(
            tr(
                "No articles to show: the corpus is empty or the outlet filter leaves nothing. "
                "Change the corpus or the outlets in the sidebar.",
                "لا مقالات للعرض: المدونة فارغة أو لا يُبقي فلتر المنافذ شيئًا. "
                "غيّر المدونة أو المنافذ في الشريط الجانبي.",
            )
        )
        return False
    return True


def empty_note(what: str, what_ar: str = "") -> None:
    """Nothing to show; the outlet filter is named only when one is set."""
    if st.session_state.get("outlets"):
        st.info(
            tr(
                f"No {what} in the articles shown. Try other outlets in the sidebar.",
                f"لا {what_ar or what} في المقالات المعروضة. جرّب منافذ أخرى في الشريط الجانبي.",
            )
        )
    else:
        st.info(
            tr(
                f"No {what} in these articles: neither the lexicons nor the NER model found any.",
                f"لا {what_ar or what} في هذه المقالات: لم يجد المعجم ولا نموذج التعرّف شيئًا.",
            )
        )


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
        pieces += [escape_html(text[at:s]), "<mark>", escape_html(text[s:e]), "</mark>"]
        at = e
    pieces.append(escape_html(text[at:]))
    body = "".join(pieces).replace("\n", "<br>")
    return f'<div class="marsad-rtl" dir="rtl">{body}</div>'


def rtl_block(text: str, meta: str | tuple = (), marks: tuple[str, ...] = ()) -> None:
    """An Arabic sentence or paragraph, escaped, right to left, with an escaped caption whose
    parts (outlet, title, count...) are bidi-isolated so Arabic and Latin parts keep their order."""
    parts = (meta,) if isinstance(meta, str) else meta
    caption = " · ".join(f"<bdi>{escape_html(p)}</bdi>" for p in parts if str(p))
    caption = f'<div class="marsad-meta">{caption}</div>' if caption else ""
    st.markdown(f'<div class="marsad-card">{caption}{rtl_html(text, marks)}</div>', unsafe_allow_html=True)


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
        st.caption(
            tr(
                f"The first {limit:,} of {len(rows):,} rows are shown; the CSV download has them all.",
                f"تظهر أول {limit:,} من {len(rows):,} صفًا؛ وملف CSV فيه كلها.",
            )
        )
    return rows.head(limit)


def fmt_number(value: float) -> str:
    """5000000.0 -> "5,000,000"; 1.5 -> "1.5"."""
    if pd.isna(value):
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
