"""The figure tracker in headless chromium on an uploaded story Marsad was not built on (the
Suruç bombing in SaudiNewsNet, tests/story_corpus.py): the toll drawn by outlet and day, a click
on a point opens its sentence and the way into the reader; the Story page draws it too.
Screenshots go to tests/artifacts/ (numbers-tracker*.png)."""

from __future__ import annotations

import pytest

from story_corpus import SAUDINEWSNET, suruc_file
from test_browser import ARTIFACTS, browser, check_clean, page, server, wait_ready  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="../shared/data/saudinewsnet is absent"),
]


def upload(page, server, path) -> None:
    page.goto(server)
    wait_ready(page, '[data-testid="stMetric"]')
    page.locator('[data-testid="stSidebar"]').get_by_text("My files", exact=True).click()
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(path))
    page.wait_for_function(
        r"""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('Articles') && /\b66$/.test(m.innerText.trim()))""",
        timeout=300_000,
    )  # 66 articles analysed on a busy machine
    wait_ready(page, '[data-testid="stMetric"]')


def test_the_toll_tracker_opens_a_sentence(server, page, tmp_path):  # noqa: F811
    upload(page, server, suruc_file(tmp_path / "suruc.json"))
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Weapons & quantities").click()
    tracker = page.locator(".st-key-numbers_figure_track")
    tracker.wait_for(timeout=240_000)
    tracker.scroll_into_view_if_needed()
    wait_ready(page)
    tracker.screenshot(path=str(ARTIFACTS / "numbers-tracker-chart.png"))
    points = tracker.locator("g.trace.scatter path.point")
    assert points.count() >= 60  # every claim about the killed, one line per outlet
    box = points.first.bounding_box()  # plotly's drag layer takes the click, at the point
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    links = page.get_by_role("link", name="Read it in the article")
    links.first.wait_for(timeout=60_000)
    wait_ready(page)
    card = page.locator(".marsad-card:visible", has=page.locator("mark")).last
    marked = card.locator("mark").first.inner_text()
    assert any(word in marked for word in ("قتيل", "شخص", "ضحايا")), marked  # the claim, marked in its sentence
    check_clean(page, "numbers-tracker-clicked")
    links.last.click()
    wait_ready(page, ".hl-focus")
    assert "/reader" in page.url and "at=" in page.url
    check_clean(page, "numbers-tracker-reader")


def test_the_story_page_draws_the_tracker(server, page, tmp_path):  # noqa: F811
    upload(page, server, suruc_file(tmp_path / "suruc.json"))
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Story").click()
    tracker = page.locator(".st-key-story_figure_track")
    tracker.wait_for(timeout=240_000)  # Story reads every table of 66 articles: slow on a busy machine
    tracker.scroll_into_view_if_needed()
    wait_ready(page)
    assert tracker.locator("g.trace.scatter").count() >= 8  # an outlet a line
    check_clean(page, "numbers-tracker-story")
