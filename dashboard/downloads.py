"""CSV and PNG downloads; CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .language import tr


def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes with formula-looking cells (= + - @ tab CR) prefixed by a quote, so a
    spreadsheet shows "=HYPERLINK(...)" from an article as text instead of running it."""

    def neutral(cell):
        if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + cell
        return cell

    cleaned = frame.copy()
    for column in cleaned.columns:  # text, categories, mixed: anything a spreadsheet may read as a formula
        kind = cleaned[column].dtype
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind)):
            cleaned[column] = cleaned[column].astype(object).map(neutral)
    # CRLF rows (RFC 4180): a cell holding a bare \r is then quoted, so it cannot start a new row.
    return cleaned.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def download(frame: pd.DataFrame, name: str, label: str | None = None) -> None:
    """A CSV download of `frame`, written only when the button is clicked (not on every run:
    30,000 rows take a second)."""
    st.download_button(
        label or tr("Download CSV", "تنزيل CSV"),
        lambda: safe_csv(frame),
        file_name=f"marsad-{name}.csv",
        mime="text/csv",
        key=f"download-{name}",
        icon=":material/download:",
    )


def png_download(png: bytes, name: str, label: str | None = None) -> None:
    """A download button for an image drawn here (the word cloud); plotly charts have their own."""
    st.download_button(
        label or tr("Download PNG", "تنزيل PNG"),
        png,
        file_name=f"marsad-{name}.png",
        mime="image/png",
        key=f"download-{name}-png",
        icon=":material/image:",
    )
