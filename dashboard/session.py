"""The tables the sidebar chose for this session (corpus, then filters), as the pages read them."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.tables import Tables


def keep_tables(filtered: Tables, unfiltered: Tables, dates: tuple[date | None, date | None]) -> None:
    """What the sidebar leaves for the page that runs after it."""
    st.session_state["_tables"] = filtered
    st.session_state["_all_tables"] = unfiltered
    st.session_state["_date_range"] = dates


def date_range() -> tuple[date | None, date | None]:
    """The sidebar's publication-date range (first, last day; None: open), for DuckDB queries."""
    return st.session_state.get("_date_range", (None, None))


def current_tables() -> Tables:
    """The tables after the sidebar's filters; every page calls this first."""
    return st.session_state["_tables"]


def all_tables() -> Tables:
    """The unfiltered tables (call current_tables() first)."""
    return st.session_state["_all_tables"]
