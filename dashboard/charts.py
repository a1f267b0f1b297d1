"""Plotly in the house style: a font with Arabic glyphs, every data string escaped, a PNG
button, clickable points, and one colour per outlet and per entity type on every page."""
from __future__ import annotations

import html
import re

import streamlit as st

from .fonts import FONT_FAMILY
from .session import all_tables

TYPE_COLOURS = {  # entity types, one colour each on every page
    "person": "#1f77b4", "place": "#2ca02c", "organisation": "#ff7f0e",
    "media": "#9467bd", "event": "#d62728",
}
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
