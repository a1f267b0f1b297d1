"""The dashboard opens a built store (MARSAD_STORE / --store) instead of the bundled corpus."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from analysis.query import entity_frequency
from analysis.store import write_tables

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_built_store_opens_with_its_own_outlets(tmp_path, monkeypatch):
    # a store of two seed articles: 000 (القاهرة الإخبارية) and 001 (no outlet named)
    store = write_tables(analyze(load_bundled().articles[:2]), tmp_path / "store")
    monkeypatch.setenv("MARSAD_STORE", str(store))
    at = open_app("pages/entities.py")
    assert at.multiselect(key="outlets").options == ["unknown", "القاهرة الإخبارية"]
    assert "2 of 2 articles shown" in [c.value for c in at.sidebar.caption]
    at.multiselect(key="outlets").set_value(["القاهرة الإخبارية"]).run()
    assert "1 of 2 articles shown" in [c.value for c in at.sidebar.caption]

    import pages.common as common
    con = common.load_connection(None)
    top = entity_frequency(con, ["القاهرة الإخبارية"]).set_index("entity")["mentions"]
    mentions = analyze(load_bundled().articles[:1]).names_only().mentions
    assert top.to_dict() == mentions.groupby("entity").size().to_dict()


def test_a_folder_that_is_not_a_store_is_explained_not_shown_as_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_STORE", str(tmp_path))
    at = open_app()
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "is not a Marsad store" in warnings and "Showing the bundled corpus instead" in warnings
    assert "5 of 5 articles shown" in [c.value for c in at.sidebar.caption]
