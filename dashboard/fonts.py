"""The Arabic font (from a pip wheel, no system font) and the favicon drawn with it."""

from __future__ import annotations

import io
from pathlib import Path

import streamlit as st

FONT_FAMILY = '"Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma, Arial, sans-serif'


def font_path() -> Path:
    """Noto Sans Arabic from the fontpkg-noto-sans-arabic wheel (no system font needed)."""
    import fontpkg_noto_sans_arabic as font

    return next(Path(font.ROOT).rglob("NotoSansArabic*.ttf"))


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
