from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_bundled
from analysis.pipeline import Tables

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="session")
def seeds():
    """The five bundled seed articles, by file stem."""
    return {a.id: a for a in load_bundled().articles}


def seed(seeds, prefix):
    return next(a for key, a in seeds.items() if key.startswith(prefix))


def _as_values(frame: pd.DataFrame) -> pd.DataFrame:
    """A store reads repeated text (sentences) as categories: compared as the strings they hold."""
    categories = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.assign(**{c: frame[c].astype(frame[c].cat.categories.dtype) for c in categories})


def assert_same_tables(a: Tables, b: Tables) -> None:
    """Every table of `a` equals that of `b` (values, dtypes and order)."""
    for f in fields(Tables):
        pd.testing.assert_frame_equal(_as_values(getattr(a, f.name)), _as_values(getattr(b, f.name)), obj=f.name)


def uploaded_app(files: list[tuple[str, bytes]], page: str | None = None) -> AppTest:
    """The app after a reader chose "My files" and dropped (name, bytes) files, on `page`."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.radio(key="corpus").set_value("My files")
    at.file_uploader(key="uploads").set_value([(n, d, "text/plain") for n, d in files]).run()
    if page:
        at.switch_page(page).run()
    return at


def pytest_sessionfinish(session, exitstatus):
    """Close the DuckDB connections the AppTest runs cached before the interpreter exits, so
    DuckDB's bindings do not print leak warnings after pytest's summary line."""
    import gc

    import streamlit as st

    st.cache_resource.clear()
    gc.collect()
