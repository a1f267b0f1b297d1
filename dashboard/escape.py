"""The one way a user's string (an outlet, a title, an author, a file name, article text) reaches
the page: as Markdown text, as HTML text or as chart text, shown as written and never as markup.
Streamlit renders Markdown (links, images that the reader's browser fetches, KaTeX `$...$`,
`:red[...]`) in st.markdown, st.warning, st.caption...; unsafe_allow_html blocks are HTML; plotly
draws `<a href>`, `<b>`, `<span style>` in every label, tick, legend and hover."""

from __future__ import annotations

import html
import re

import numpy as np

LEFT_TO_RIGHT = "\u2066{}\u2069"  # Unicode isolate: LRI ... PDI
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>~$:&|!@]|(?<=www)\.", re.IGNORECASE)  # @, www.: autolinks
LINE_START = re.compile(r"(?m)^(\s*(?:\d+)?)([#+\-=.)>])")  # headings, lists, rules


def escape_markdown(text: str) -> str:
    """Text shown literally by st.markdown/st.warning/st.info/st.error/st.caption, which render
    Markdown: a file named "[x](javascript:alert(1)).txt", "![x](https://...)", "www.x.com",
    "a@b.com" or "<img src=x onerror=alert(1)>.txt" stays text. Only what can open Markdown, HTML, LaTeX or
    Streamlit's :color[...] is escaped, so "broken.json" still reads as written in the source."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\g<0>", str(text))
    return LINE_START.sub(r"\g<1>\\\g<2>", escaped).replace("\n", "  \n")


def escape_html(text) -> str:
    """Text inside our own HTML (unsafe_allow_html blocks): "<b>بوتين</b>" shows its tags."""
    return html.escape(str(text), quote=True)


# ---------------------------------------------------------------- charts

# plotly's own markup in templates, kept: line breaks, the <extra> box and %{...} placeholders
TEMPLATE_TOKENS = re.compile(r"(<br>|<extra>.*?</extra>|%\{[^}]*\})")
TEMPLATES = {"hovertemplate", "texttemplate"}
NOT_TEXT = {"template"}  # layout.template: the theme, no data in it (and the biggest part of a figure)


def _chart_text(value: str) -> str:
    return html.escape(value, quote=False)


def _escaped(node, key: str = ""):
    """A figure's dict (fig.to_dict()) with every string escaped, wherever plotly put it."""
    if isinstance(node, str):
        if key in TEMPLATES:
            return "".join(p if TEMPLATE_TOKENS.fullmatch(p) else _chart_text(p) for p in TEMPLATE_TOKENS.split(node))
        return _chart_text(node)
    if isinstance(node, dict):
        return {k: v if k in NOT_TEXT else _escaped(v, k) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return type(node)(_escaped_each(node, key))
    if isinstance(node, np.ndarray) and node.dtype == object:
        out = np.empty(node.shape, dtype=object)
        out.ravel()[:] = _escaped_each(node.ravel().tolist(), key)
        return out
    return node


def _escaped_each(values: list, key: str) -> list:
    """_escaped of each value; a column of names (plain strings) escapes each distinct one once."""
    if key not in TEMPLATES and all(type(v) is str for v in values):
        escaped = {v: _chart_text(v) for v in set(values)}
        return [escaped[v] for v in values]
    return [_escaped(v, key) for v in values]


def escape_figure(fig):
    """The figure with every string in it escaped: traces (x, y, text, names, customdata, hover
    templates), layout (category orders, tick texts, titles, legend, annotations) and animation
    frames, however the figure was made (plotly express fills layout.yaxis.categoryarray from a
    Categorical, facet titles from the data...). An outlet named `<a href=...>` shows as written."""
    import plotly.graph_objects as go

    return go.Figure(_escaped(fig.to_dict()))


def unescape_points(points: list[dict]) -> list[dict]:
    """Selected points as the data had them (a click gives back the escaped customdata, x, y)."""

    def plain(value):
        if isinstance(value, str):
            return html.unescape(value)
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return [plain(p) for p in points]
