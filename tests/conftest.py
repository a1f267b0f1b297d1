import pytest

from analysis.corpus import load_bundled


@pytest.fixture(scope="session")
def seeds():
    """The five bundled seed articles, by file stem."""
    return {a.id: a for a in load_bundled().articles}


def seed(seeds, prefix):
    return next(a for key, a in seeds.items() if key.startswith(prefix))


def pytest_sessionfinish(session, exitstatus):
    """Close the DuckDB connections the AppTest runs cached before the interpreter exits, so
    DuckDB's bindings do not print leak warnings after pytest's summary line."""
    import gc

    import streamlit as st

    st.cache_resource.clear()
    gc.collect()
