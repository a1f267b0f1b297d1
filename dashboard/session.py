"""The tables the sidebar chose for this session (corpus, then filters), as the pages read them."""
from __future__ import annotations

import streamlit as st

from analysis.tables import Tables


def keep_tables(filtered: Tables, unfiltered: Tables) -> None:
    """What the sidebar leaves for the page that runs after it."""
    st.session_state["_tables"] = filtered
    st.session_state["_all_tables"] = unfiltered


def current_tables() -> Tables:
    """The tables after the sidebar's filters; every page calls this first."""
    return st.session_state["_tables"]


def all_tables() -> Tables:
    """The unfiltered tables (call current_tables() first)."""
    return st.session_state["_all_tables"]
