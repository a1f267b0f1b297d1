"""The interface language: English or Arabic (right to left), chosen in the sidebar and
carried by the link (?lang=ar)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

LANG_PARAM = "lang"  # "ar": the interface in Arabic, right to left
LANGUAGES = {"en": "English", "ar": "العربية"}


def lang() -> str:
    """The reader's interface language, "en" or "ar" (the sidebar's switch, mirrored in the URL)."""
    chosen = st.session_state.get("lang") or st.query_params.get(LANG_PARAM, "en")
    return chosen if chosen in LANGUAGES else "en"  # before the switch is drawn, the link decides


def tr(en: str, ar: str) -> str:
    """Interface text in the reader's language: tr("Outlets", "المنافذ")."""
    return ar if lang() == "ar" else en


def labelled(values: pd.Series, label: Callable[[str], str]) -> pd.Series:
    """label(value) for each value, called once per distinct value: tr reads the session on
    every call, too slow for each of 40,000 rows."""
    return values.map({v: label(v) for v in values.dropna().unique()})


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
    chosen = st.radio("Language · اللغة", list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True)
    if chosen == "ar":
        st.query_params[LANG_PARAM] = "ar"
        st.markdown(RTL_LAYOUT_CSS, unsafe_allow_html=True)
    elif LANG_PARAM in st.query_params:
        del st.query_params[LANG_PARAM]
