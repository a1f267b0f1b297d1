"""DuckDB queries the dashboard runs: entity frequency under the outlet filter."""

import pytest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from analysis.query import connect, entity_frequency, outlets
from analysis.store import write_tables


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles)


@pytest.fixture(scope="module", params=["tables", "store"])
def con(request, tables, tmp_path_factory):
    if request.param == "tables":
        return connect(tables)
    return connect(write_tables(tables, tmp_path_factory.mktemp("store")))


def pandas_frequency(tables, chosen, nisba):
    m = (tables if nisba else tables.names_only()).for_outlets(chosen).mentions
    return m.groupby("entity").size().sort_values(ascending=False)


def test_outlets_are_the_corpus_outlets(con):
    assert outlets(con) == ["Egypt Telegraph", "unknown", "القاهرة الإخبارية", "رايت رايتس"]


@pytest.mark.parametrize("chosen", [None, ["unknown"], ["رايت رايتس", "Egypt Telegraph"]])
@pytest.mark.parametrize("nisba", [False, True])
def test_entity_frequency_counts_what_the_tables_hold(con, tables, chosen, nisba):
    got = entity_frequency(con, chosen, nisba).set_index("entity")["mentions"]
    expected = pandas_frequency(tables, chosen, nisba)
    assert got.to_dict() == expected.to_dict()
    assert list(got) == sorted(got, reverse=True)


def test_kim_jong_un_in_the_two_articles_without_an_outlet(con):
    # 003 names him 14 times (see test_cli) and 001 names him too: the articles with no known outlet
    row = entity_frequency(con, ["unknown"]).set_index("entity").loc["kim_jong_un"]
    assert row["name_ar"] == "كيم جونغ أون" and row["name_en"] == "Kim Jong Un" and row["type"] == "person"
    assert row["mentions"] > 14


def test_adjectives_count_only_when_asked(con):
    # رايت رايتس (002) calls Russia "الروسي/الروسية" as well as naming it
    names = entity_frequency(con, ["رايت رايتس"]).set_index("entity").loc["russia", "mentions"]
    with_adjectives = entity_frequency(con, ["رايت رايتس"], nisba=True).set_index("entity").loc["russia", "mentions"]
    assert with_adjectives > names


def test_limit_keeps_the_most_mentioned(con):
    top = entity_frequency(con, limit=3)
    assert list(top["entity"]) == ["russia", "north_korea", "kim_jong_un"]
