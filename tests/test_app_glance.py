"""The story at a glance, as a reader meets it in the app (AppTest on the seed corpus): the
overview's actors, figures and latest articles; attention over time; labelled events; the
co-occurrence network; each leads to its sentences. Expected values come from the tables."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from analysis.cooccurrence import cooccurrence, pair_sentences
from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from conftest import APP


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles).names_only()


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query or {})
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_overview_names_the_actors_and_figures(tables):
    at = open_page("")
    actors = next(f for f in figures(at) if any(t.get("orientation") == "h" for t in f["data"]))
    names = [y for t in actors["data"] for y in t["y"]]
    assert {"Russia", "North Korea", "Kim Jong Un", "Vladimir Putin"} <= set(names)
    key = next(d.value for d in at.dataframe if "figure" in d.value.columns)
    assert key["figure"].iloc[0] == "5,000,000 قذيفة مدفعية" and key["spread"].iloc[0] == "1 article, 1 outlet"
    newest = tables.articles.sort_values("published").iloc[-1]
    assert any(newest["title"][:20] in m.value for m in at.markdown)  # the latest article leads its card


def test_a_big_corpus_strip_draws_a_marker_a_day_and_outlet(tables, monkeypatch):
    import dashboard.charts

    monkeypatch.setattr(dashboard.charts, "MAX_POINTS", 2)  # the seed's five articles count as many
    strip = next(f for f in figures(open_page("")) if f["data"][0]["type"] == "scatter")
    dated = tables.articles.dropna(subset=["published"])
    days = dated.groupby([dated["published"].dt.floor("D"), "outlet"]).size()
    assert sum(len(t["x"]) for t in strip["data"]) == len(days)
    assert sorted(v for t in strip["data"] for v in json_numbers(t["marker"]["size"])) == sorted(days.tolist())


def test_attention_counts_the_chosen_entity_per_week(tables):
    at = open_page("views/attention.py", {"ent": "kim_jong_un", "per": "week"})
    [fig] = figures(at)
    [line] = fig["data"]
    assert line["name"] == "Kim Jong Un"
    counts = [v for v in json_numbers(line["y"])]
    assert sum(counts) == (tables.mentions["entity"] == "kim_jong_un").sum()
    at.text_input(key="attention_words").set_value("صواريخ").run()
    assert "«صواريخ»" in [t["name"] for t in figures(at)[0]["data"]]
    assert at.query_params["kw"] == "صواريخ"


def test_an_entity_the_link_names_is_offered_beyond_the_top_choices(tables, monkeypatch):
    import dashboard.links

    monkeypatch.setattr(dashboard.links, "CHOICES", 1)  # only the most mentioned is offered
    counted = tables.mentions["entity"].value_counts()
    rare = counted.index[-1]
    at = open_page("views/attention.py", {"ent": rare})
    name = tables.mentions.drop_duplicates("entity").set_index("entity")["name_en"]
    assert at.multiselect(key="attention_entities").options == [name[counted.index[0]], name[rare]]
    assert [t["name"] for t in figures(at)[0]["data"]] == [name[rare]]


def json_numbers(values):
    """Plotly's typed arrays ({"dtype", "bdata"}) or plain lists, as numbers."""
    if isinstance(values, dict):
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return values


def test_events_are_labelled_by_what_happened():
    at = open_page("views/story.py")
    events = next(f for f in figures(at) if any("—" in str(y) for t in f["data"] for y in t.get("y", [])))
    labels = {y for t in events["data"] for y in t["y"]}
    assert any("تجارب نووية" in label for label in labels)
    assert not any("·" in label for label in labels)  # no longer rows named by outlet pairs


def test_the_network_pair_opens_its_sentences(tables):
    at = open_page("views/network.py")
    pairs = cooccurrence(
        tables.mentions,
        "sentence",
        tables.mentions.groupby("entity").size().sort_values(ascending=False, kind="stable").head(15).index,
    )
    top = f"{pairs['a'][0]}|{pairs['b'][0]}"
    assert at.selectbox(key="network_pair").value == top
    expected = pair_sentences(tables.mentions, pairs["a"][0], pairs["b"][0])
    assert f"{len(expected):,} sentence(s)" in at.subheader[0].value
    at.selectbox(key="network_pair").set_value("kim_jong_un|vladimir_putin").run()
    assert at.query_params["pair"] == "kim_jong_un|vladimir_putin"
    rows = pair_sentences(tables.mentions, "kim_jong_un", "vladimir_putin")
    assert f"{len(rows):,} sentence(s)" in at.subheader[0].value
    at.segmented_control(key="network_level").set_value("article").run()
    assert not at.exception and at.query_params["level"] == "article"


def test_arabic_pages_say_unknown_in_arabic():
    for page in ["", "views/story.py", "views/attention.py", "views/network.py", "views/outlets.py"]:
        at = open_page(page, {"lang": "ar"})
        specs = json.dumps(figures(at), ensure_ascii=False)
        assert '"unknown"' not in specs and "unknown<" not in specs, page
    assert "منفذ غير معروف" in json.dumps(figures(open_page("", {"lang": "ar"})), ensure_ascii=False)
