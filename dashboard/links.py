"""Widget state mirrored in the link's query string, so a shared link reproduces the view."""

from __future__ import annotations

import streamlit as st


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
