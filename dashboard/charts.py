"""Plotly in the house style: a font with Arabic glyphs, every data string escaped, a PNG
button, clickable points, and one colour per outlet and per entity type on every page."""

from __future__ import annotations

import streamlit as st

from .escape import escape_figure, unescape_points
from .fonts import FONT_FAMILY
from .session import all_tables

MAX_POINTS = 2_000  # markers a timeline draws one by one; beyond, one a day and outlet (20,000 stall a browser)
TYPE_COLOURS = {  # entity types, one colour each on every page
    "person": "#1f77b4",
    "place": "#2ca02c",
    "organisation": "#ff7f0e",
    "media": "#9467bd",
    "event": "#d62728",
}


def style(fig, height: int | None = None):
    """House plotly layout: a font with Arabic glyphs, readable margins, legend on top;
    every string escaped (escape_figure)."""
    fig = escape_figure(fig)
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
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": f"marsad-{key}", "scale": 2}}


def chart(fig, key: str, height: int | None = None) -> None:
    """A plotly chart in the house style whose toolbar saves it as a PNG."""
    st.plotly_chart(style(fig, height), width="stretch", theme=None, key=key, config=png_config(key))


def clickable_chart(fig, key: str, height: int | None = None) -> list[dict]:
    """A chart whose bars can be clicked; returns the selected points (customdata, x, y) as the
    data had them (not escaped)."""
    event = st.plotly_chart(
        style(fig, height),
        width="stretch",
        theme=None,
        key=key,
        on_select="rerun",
        selection_mode="points",
        config=png_config(key),
    )
    return unescape_points(list(event.selection.get("points", []))) if event else []


def outlet_colours() -> dict[str, str]:
    """One colour per outlet of the whole corpus, the same on every page and under any filter."""
    import plotly.express as px

    palette = px.colors.qualitative.Bold + px.colors.qualitative.Pastel
    outlets = sorted(all_tables().articles["outlet"].dropna().unique())
    return {o: palette[i % len(palette)] for i, o in enumerate(outlets)}
