"""An article's text with its spans coloured by kind (entity, weapon, quantity, date, quote),
escaped, and the colour key."""

from __future__ import annotations

from .escape import escape_html
from .language import tr

# kind -> colour, English and Arabic legend; later kinds win where spans overlap, so the
# weapon inside "5 ملايين قذيفة مدفعية" keeps its own colour within the quantity.
HIGHLIGHTS = {
    "quote": ("#7c3aed", "Quote", "اقتباس"),  # drawn as an underline, not a background
    "date": ("#bbf7d0", "Date", "تاريخ"),
    "quantity": ("#fde68a", "Quantity", "كمية"),
    "weapon": ("#fecaca", "Weapon", "سلاح"),
    "entity": ("#bfdbfe", "Entity", "كيان"),
}
HIGHLIGHT_CSS = (
    "<style>"
    + "".join(
        f".hl-{kind} {{ border-bottom: 2px solid {colour}; font-style: italic; }}"
        if kind == "quote"
        else f".hl-{kind} {{ background: {colour}; border-radius: 3px; }}"
        for kind, (colour, _, _) in HIGHLIGHTS.items()
    )
    + (
        ".hl-focus { outline: 2px solid #0f766e; outline-offset: 1px; }"
        ".hl-chrome { color: #94a3b8; }"
        ".marsad-facts { border-collapse: collapse; font-size: .9rem; margin-bottom: .5rem; }"
        ".marsad-facts th { font-weight: 600; padding: .1rem .8rem .1rem 0; vertical-align: top; }"
        ".marsad-facts td { padding: .1rem .8rem .1rem 0; }"
        ".marsad-legend span { display: inline-block; margin: 0 .2rem .3rem .2rem; padding: 0 .5rem; }"
        "</style>"
    )
)


def highlight_html(text: str, spans) -> str:
    """Escaped right-to-left HTML of an article with (start, end, kind, note) spans coloured;
    overlapping spans split the text into pieces that carry every kind covering them:
    highlight_html("<b>بوتين</b>", [(3, 8, "entity", "Putin")]) escapes the <b>."""
    spans = [(max(0, s), min(len(text), e), k, n) for s, e, k, n in spans if s < e]
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    order = list(HIGHLIGHTS) + ["focus"]
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape_html(text[a:b]).replace("\n", "<br>")
        covering = [(k, n) for s, e, k, n in spans if s <= a and b <= e]
        if covering:
            kinds = sorted({k for k, _ in covering}, key=lambda k: order.index(k) if k in order else 0)
            note = " · ".join(dict.fromkeys(n for _, n in covering if n))
            piece = f'<span class="{" ".join("hl-" + k for k in kinds)}" title="{escape_html(note)}">{piece}</span>'
        pieces.append(piece)
    return f'<div class="marsad-rtl" dir="rtl">{"".join(pieces)}</div>'


LEGEND_EXTRA = {"chrome": ("Page chrome (not counted)", "هيكل الصفحة (لا يُحتسب)")}


def legend_html(kinds=tuple(HIGHLIGHTS)) -> str:
    """The colour key of highlight_html, in the interface language."""
    names = {k: v[1:] for k, v in HIGHLIGHTS.items()} | LEGEND_EXTRA
    chips = "".join(f'<span class="hl-{k}">{escape_html(tr(*names[k]))}</span>' for k in kinds)
    return f'<div class="marsad-legend">{chips}</div>'
