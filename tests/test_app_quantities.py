"""The weapons & quantities page as a reader meets it, on the bundled seed articles: values
checked by reading the articles (004, Egypt Telegraph: 5 ملايين قذيفة مدفعية three times and
the EU's بمليون قذيفة; 003: حوالي 950 ميلاً)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "views/quantities.py"
EGYPT = "Egypt Telegraph"
RIGHT = "رايت رايتس"


def open_page(query: dict | None = None, outlets: list[str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    at.switch_page(PAGE).run()
    if outlets is not None:
        at.multiselect(key="outlets").set_value(outlets).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


TABLE_COLUMNS = {
    "quantity_table": {"value", "value_low", "noun", "qualifier"},
    "weapon_table": {"weapon_label", "outlet", "mentions"},
}


def frame(at: AppTest, key: str):
    """The table drawn under `key` (AppTest does not expose a dataframe's key: known by its columns)."""
    return next(d.value for d in at.dataframe if TABLE_COLUMNS[key] <= set(d.value.columns))


def figure(at: AppTest, key: str) -> dict:
    """The plotly figure drawn under `key`, as JSON."""
    for element in at.get("plotly_chart"):
        if element.proto.id and key in element.proto.id:
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart {key}")


def array(data) -> list:
    """A plotly array from JSON: a list, or numbers packed as {"dtype", "bdata"} (base64)."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_page()


def test_claims_table_has_the_headline_numbers(page):
    claims = frame(page, "quantity_table")
    shells = claims[claims["noun"] == "قذيفة مدفعية"]
    assert sorted(shells["value"]) == [5_000_000] * 3
    assert set(shells["outlet"]) == {EGYPT}
    assert set(shells["qualifier"]) == {"exact", "approx"}  # "ما يقرب من 5 ملايين" is approx
    containers = claims[claims["noun"] == "حاوية شحن"].iloc[0]
    assert (containers["value"], containers["qualifier"]) == (10_000, "at_least")
    eu = claims[claims["text"] == "بمليون قذيفة"].iloc[0]
    assert eu["value"] == 1_000_000 and "الاتحاد الأوروبي" in eu["sentence"]
    assert len(claims) == 15  # every claim of the seed inventory (tests/test_seed_numbers.py)


def test_claims_by_category_chart(page):
    bars = figure(page, "quantity_categories_chart")["data"]
    per_category: dict[str, int] = {}
    for trace in bars:
        for category, claims in zip(array(trace["x"]), array(trace["y"])):
            per_category[category] = per_category.get(category, 0) + claims
    # munition: 3 × 5 ملايين + بمليون; time: 550 days, 1.5 years, 4 years, 24 years
    assert per_category["munition"] == 4 and per_category["time"] == 4
    assert per_category["container"] == 1 and per_category["distance"] == 1


def test_same_thing_with_different_numbers_side_by_side(page):
    chart = figure(page, "quantity_same_thing")
    values = {v for trace in chart["data"] for v in array(trace["x"])}
    assert values == {5_000_000, 1_000_000}  # artillery shells: 5 million sent, 1 million promised
    cards = [
        m.value for m in page.markdown if 'class="marsad-card"' in m.value and "<mark>بمليون قذيفة</mark>" in m.value
    ]
    assert cards, "the EU sentence is shown next to the 5 million claims"


def test_weapon_classes_across_outlets_and_time(page):
    per_article = frame(page, "weapon_table")
    shells = per_article[per_article["weapon_label"] == "artillery shells"]
    # 004: قذيفة مدفعية ×3, بمليون قذيفة, قذائف المدفعية; 000: قذائف مدفعية, ذخيرة مدفعية
    assert dict(zip(shells["outlet"], shells["mentions"]))[EGYPT] == 5
    assert shells.groupby("outlet")["mentions"].sum()["القاهرة الإخبارية"] == 2
    days = {x for trace in figure(page, "weapon_classes_time")["data"] for x in trace["x"]}
    assert days == {"2023-09-04", "2023-09-05", "2024-06-14"}


def test_the_outlet_filter_applies_everywhere():
    at = open_page(outlets=[RIGHT])
    claims = frame(at, "quantity_table")
    assert set(claims["outlet"]) == {RIGHT}
    assert sorted(claims["value"]) == [3, 4, 6]  # ثلاثة كيانات، أربع سنوات، ست تجارب نووية
    assert any("No two claims" in i.value for i in at.info)
    assert set(frame(at, "weapon_table")["outlet"]) == {RIGHT}
    days = {x for trace in figure(at, "weapon_classes_time")["data"] for x in trace["x"]}
    assert days == {"2023-09-05"}


def test_arabic_interface():
    at = open_page(query={"lang": "ar"})
    assert at.title[0].value == "الأسلحة والكميات"
    assert "الشيء نفسه بأرقام مختلفة" in [s.value for s in at.subheader]
    labels = {y for trace in figure(at, "weapon_classes")["data"] for y in trace["y"]}
    assert "قذائف مدفعية" in labels
    categories = {x for trace in figure(at, "quantity_categories_chart")["data"] for x in trace["x"]}
    assert "ذخائر" in categories and "munition" not in categories
