"""The Outlets page as a reader meets it: the profile, the distinctive words, who covers and
quotes whom, each chart saving as a PNG and each table as a CSV, all under the outlet filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EGYPT, RIGHT = "Egypt Telegraph", "رايت رايتس"


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles).names_only()


def open_outlets(outlets: list[str] | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/outlets.py").run()
    if outlets is not None:
        at.multiselect(key="outlets").set_value(outlets).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> dict[str, dict]:
    """The page's plotly charts by the file name their PNG button saves to."""
    out = {}
    for element in at.get("plotly_chart"):
        config = json.loads(element.proto.config)
        out[config["toImageButtonOptions"]["filename"]] = {"config": config, **json.loads(element.proto.spec)}
    return out


def profile(at: AppTest):
    return next(f.value for f in at.dataframe if "sources cited" in f.value.columns).set_index("outlet")


def axis_labels(chart: dict, axis: str = "y") -> list:
    return [label for trace in chart["data"] for label in trace[axis]]


def test_profile_and_every_chart_downloads(tables):
    at = open_outlets()
    shown = profile(at)
    assert shown.loc["unknown", "articles"] == 2  # 001 and 003 name no outlet
    assert shown.loc[EGYPT, "quantity claims"] == len(tables.quantities[tables.quantities["outlet"] == EGYPT]) == 8
    assert shown.loc[RIGHT, "sources cited"] == 2  # نيويورك تايمز and "المصدر: رويترز"
    found = charts(at)
    assert {
        "marsad-outlet_vocabulary",
        "marsad-coverage-entities",
        "marsad-attribution-speakers",
        "marsad-outlet_biggest_numbers",
    } <= set(found)
    for chart in found.values():
        assert chart["config"]["toImageButtonOptions"] == {
            "format": "png",
            "filename": chart["config"]["toImageButtonOptions"]["filename"],
            "scale": 2,
        }
        assert chart["config"]["displaylogo"] is False
    downloads = at.get("download_button")
    assert len(downloads) >= 8 and all(d.proto.label == "Download CSV" for d in downloads)


def test_distinctive_words_one_against_the_rest_and_against_another():
    at = open_outlets()
    at.selectbox(key="vocab_outlet").set_value(EGYPT).run()
    words = axis_labels(charts(at)["marsad-outlet_vocabulary"])
    assert "قذيفة" in words  # 004 writes قذيفة four times, no other article does
    at.radio(key="vocab_mode").set_value("Outlet A vs outlet B").run()
    at.selectbox(key="vocab_outlet").set_value(RIGHT).run()
    at.selectbox(key="vocab_other").set_value(EGYPT).run()
    assert not at.exception
    chart = charts(at)["marsad-outlet_vocabulary"]
    sides = {trace["name"]: trace["y"] for trace in chart["data"]}
    assert "سوليفان" in sides[RIGHT] and "قذيفة" in sides[EGYPT]


def test_who_quotes_whom_and_who_cites_what():
    at = open_outlets()
    speakers = charts(at)["marsad-attribution-speakers"]["data"][0]
    assert {"جيك سوليفان", "كيرت كامبل", "مسؤول أمريكي"} <= set(speakers["y"])
    assert set(speakers["x"]) == {EGYPT, RIGHT, "unknown", "القاهرة الإخبارية"}
    sources = axis_labels(charts(at)["marsad-attribution-sources"])
    assert {"رويترز", "ديلي إكسبريس", "نيويورك تايمز"} <= set(sources)
    biggest = next(f.value for f in at.dataframe if "category" in f.value.columns)
    munitions = biggest[biggest["category"] == "munition"].iloc[0]
    assert (munitions["outlet"], munitions["value"]) == (EGYPT, 5_000_000)


def test_the_outlet_filter_reaches_every_view():
    at = open_outlets([RIGHT, EGYPT])
    assert set(profile(at).index) == {RIGHT, EGYPT}
    assert at.selectbox(key="vocab_outlet").options == [EGYPT, RIGHT]
    found = charts(at)
    assert set(found["marsad-attribution-speakers"]["data"][0]["x"]) == {EGYPT, RIGHT}
    assert "أدريان واتسون" not in axis_labels(found["marsad-attribution-speakers"])  # quoted in 001 only
    assert set(found["marsad-coverage-entities"]["data"][0]["x"]) == {EGYPT, RIGHT}
    biggest = next(f.value for f in at.dataframe if "category" in f.value.columns)
    assert 950 not in set(biggest["value"])  # "حوالي 950 ميلاً" is in 003, outlet unknown


def test_one_outlet_says_how_to_compare_words():
    at = open_outlets([EGYPT])
    assert any("at least two outlets" in i.value for i in at.info)
    assert "marsad-outlet_vocabulary" not in charts(at)
    assert set(profile(at).index) == {EGYPT}


def test_arabic_interface():
    at = open_outlets(lang="ar")
    assert at.title[0].value == "المنافذ"
    assert "المفردات المميزة" in [s.value for s in at.subheader]
    assert all(d.proto.label == "تنزيل CSV" for d in at.get("download_button"))


def test_uploaded_outlet_without_arabic_words_gets_a_message_not_a_traceback():
    rows = [
        {
            "text": "قال فلاديمير بوتين إن روسيا تلقت 5 ملايين قذيفة مدفعية من كوريا الشمالية.",
            "outlet": "Test Daily",
            "date": "2024-06-14",
        },
        {"text": "Putin met Kim in Moscow.", "outlet": "English Wire", "date": "2024-06-15"},
    ]
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    at = open_outlets()
    at.radio(key="corpus").set_value("My files").run()
    at.file_uploader(key="uploads").set_value([("story.jsonl", jsonl, "application/json")]).run()
    at.selectbox(key="vocab_outlet").set_value("English Wire").run()
    assert not at.exception
    assert any("No Arabic words for English Wire" in w.value for w in at.warning)
    at.selectbox(key="vocab_outlet").set_value("Test Daily").run()  # against a rest with no Arabic word
    assert not at.exception
    assert any("No Arabic words for the other outlets" in w.value for w in at.warning)
    assert "marsad-outlet_vocabulary" not in charts(at)
