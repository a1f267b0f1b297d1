"""The figure tracker and the compared counts on a story Marsad was not built on, uploaded as an
analyst would: the Suruç bombing of 20 July 2015 in SaudiNewsNet (tests/story_corpus.py), whose
toll rose from 27 to 32 killed across outlets and days; and a story without weapons, whose page
is called Numbers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from story_corpus import SAUDINEWSNET, suruc_articles
from test_app_quantities import array, figure

APP = str(Path(__file__).resolve().parent.parent / "app.py")

pytestmark = pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="../shared/data/saudinewsnet is absent")


def uploaded(files: list[tuple[str, bytes]], page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    at.radio(key="corpus").set_value("My files").run()
    at.file_uploader(key="uploads").set_value([(name, data, "application/json") for name, data in files]).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def suruc() -> list[tuple[str, bytes]]:
    return [("suruc.json", json.dumps(suruc_articles(), ensure_ascii=False).encode())]


def killed_by_day(chart: dict) -> dict[str, list[float]]:
    """The tracker's values by publication day, every outlet together."""
    days: dict[str, list[float]] = {}
    for trace in chart["data"]:
        for day, value in zip(array(trace["x"]), array(trace["y"])):
            days.setdefault(str(day)[:10], []).append(value)
    return days


@pytest.mark.parametrize("page,key", [("views/quantities.py", "numbers"), ("views/story.py", "story")])
def test_the_toll_rises_day_by_day_one_line_per_outlet(suruc, page, key):
    at = uploaded(suruc, page)
    assert at.selectbox(key=f"{key}_thing").value == "casualty:killed"  # casualties first
    chart = figure(at, f"{key}_figure_track")
    days = killed_by_day(chart)
    assert 27 in days["2015-07-21"] and 32 not in days["2015-07-21"]  # the first toll: 27, 30, 31
    later = Counter(days["2015-07-23"] + days["2015-07-24"])
    assert later.most_common(1)[0] == (32, later[32]) and later[32] >= 10  # then 32 nearly everywhere
    outlets = {trace["name"] for trace in chart["data"]}
    assert {"aawsat", "alriyadh", "okaz", "alyaum"} <= outlets  # one line per outlet
    assert all(trace["mode"] == "lines+markers" for trace in chart["data"])
    points = [point for trace in chart["data"] for point in trace["customdata"]]
    assert all(article.startswith("suruc") and isinstance(at_offset, int) for article, at_offset, *_ in points)
    assert len(points) >= 60  # each point knows its article and offset, to open its sentence


def test_the_injured_can_be_followed_too(suruc):
    at = uploaded(suruc, "views/quantities.py")
    at.selectbox(key="numbers_thing").set_value("casualty:injured").run()
    values = {v for trace in figure(at, "numbers_figure_track")["data"] for v in array(trace["y"])}
    assert {100, 104} <= values
    assert at.title[0].value == "Weapons & quantities"  # the story has weapons (a suicide vest, a car bomb)


def test_a_story_without_weapons_is_numbers():
    quake = [
        {
            "text": "ضرب زلزال بلغت قوته 7ر5 درجات على مقياس ريختر جنوب البلاد، ما أسفر عن مقتل 12 شخصا.",
            "outlet": "الأولى",
            "date": "2015-08-01",
            "title": "زلزال",
        },
        {
            "text": "ارتفعت حصيلة ضحايا الزلزال حتى الآن إلى 40 قتيلا و200 مصاب.",
            "outlet": "الثانية",
            "date": "2015-08-02",
            "title": "الحصيلة",
        },
        {
            "text": "وأعلنت السلطات ارتفاع عدد القتلى إلى 85 قتيلا، بحسب وزارة الداخلية.",
            "outlet": "الأولى",
            "date": "2015-08-03",
            "title": "حصيلة جديدة",
        },
    ]
    at = uploaded([("quake.json", json.dumps(quake, ensure_ascii=False).encode())], "views/quantities.py")
    assert at.title[0].value == "Numbers"
    chart = figure(at, "numbers_figure_track")
    by_day = killed_by_day(chart)
    assert [by_day[d] for d in sorted(by_day)] == [[12], [40], [85]]  # 12 -> 40 -> 85: a rising line
