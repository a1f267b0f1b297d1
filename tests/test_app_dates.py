"""The sidebar's date range: every page shows only the articles published in it, the link
carries it (?from=...&to=...), and DuckDB's counts obey it as the pandas tables do."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from analysis.query import connect, entity_frequency
from conftest import APP

SEPT_2023 = (dt.date(2023, 9, 4), dt.date(2023, 9, 5))  # four of the five seeds; 004 is June 2024


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles).names_only()


def test_for_dates_keeps_the_articles_of_the_range(tables):
    shown = tables.for_dates(*SEPT_2023)
    assert sorted(shown.articles["article"].str[:3]) == ["000", "001", "002", "003"]
    assert set(shown.mentions["article"]) <= set(shown.articles["article"])
    assert len(shown.mentions) == (tables.mentions["published"] < "2024-01-01").sum()
    assert tables.for_dates(None, None) is tables
    assert tables.for_dates(dt.date(2024, 1, 1), None).articles["outlet"].tolist() == ["Egypt Telegraph"]


def test_duckdb_counts_obey_the_same_range(tables):
    con = connect(tables)
    for dates in [SEPT_2023, (dt.date(2024, 6, 14), None), (None, dt.date(2023, 9, 4))]:
        got = entity_frequency(con, None, False, dates=dates).set_index("entity")["mentions"].to_dict()
        assert got == tables.for_dates(*dates).mentions.groupby("entity").size().to_dict()


def test_the_link_sets_the_range_and_every_page_obeys():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"from": "2024-06-01"})
    at.run()
    assert at.date_input(key="dates").value == (dt.date(2024, 6, 1), dt.date(2024, 6, 14))
    assert "1 of 5 articles shown" in [c.value for c in at.sidebar.caption]
    assert next(m.value for m in at.metric if m.label == "Articles") == "1"
    at.date_input(key="dates").set_value(SEPT_2023).run()
    assert "4 of 5 articles shown" in [c.value for c in at.sidebar.caption]
    assert dict(at.query_params) == {"to": "2023-09-05"}  # the first day is the corpus's own
    for page in ["views/entities.py", "views/story.py", "views/network.py", "views/attention.py"]:
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert "4 of 5 articles shown" in [c.value for c in at.sidebar.caption]


def test_a_bad_date_in_the_link_is_ignored():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"from": "yesterday", "to": "2023-09-04"})
    at.run()
    assert not at.exception
    assert at.date_input(key="dates").value == (dt.date(2023, 9, 4), dt.date(2023, 9, 4))
    assert "2 of 5 articles shown" in [c.value for c in at.sidebar.caption]
