"""Hostile outlet, title, author and file names uploaded in chromium and every page opened
through the sidebar: no link, image, formula or colour made from them in the page or its charts,
and no request leaves the machine (a Markdown image in a name would make every visitor's browser
fetch it). The names of tests/test_hostile_names.py."""

from __future__ import annotations

import urllib.parse

import pytest
from test_browser import ARTIFACTS, browser, check_clean, follow, metric, page, server, wait_ready  # noqa: F401 (fixtures)
from test_hostile_names import LINK, PROBE, hostile_files

pytestmark = pytest.mark.browser

NAV = {  # title in the sidebar: (its path, what shows it is drawn)
    "Entities": ("/entities", ".js-plotly-plot"),
    "Outlets": ("/outlets", ".js-plotly-plot"),
    "Weapons & quantities": ("/quantities", ".js-plotly-plot"),
    "Story": ("/story", ".js-plotly-plot"),
    "Reader": ("/reader", ".marsad-legend"),
    "Keyword in context": ("/contexts", "table.kwic"),
}
MARKUP_FROM_DATA = (
    f'a[href*="{PROBE}"], img[src="x"], img[src*="pixel.png"], img[src*="{PROBE}"], .katex, .js-plotly-plot a'
)


def test_hostile_names_show_as_written_on_every_page(server, page, tmp_path):  # noqa: F811
    leaving = []
    host = urllib.parse.urlsplit(server).hostname
    page.on(
        "request",
        lambda r: (
            leaving.append(r.url)
            if urllib.parse.urlsplit(r.url).hostname not in (host, "127.0.0.1", "localhost")
            else None
        ),
    )
    paths = []
    for name, data in hostile_files():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    page.goto(server)
    wait_ready(page, '[data-testid="stMetric"]')
    page.locator('[data-testid="stSidebar"]').get_by_text("My files", exact=True).click()
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(paths)
    page.wait_for_function(
        r"""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('Articles') && /\b6$/.test(m.innerText.trim()))""",
        timeout=180_000,
    )
    wait_ready(page, '[data-testid="stMetric"]')
    assert metric(page, "Outlets") == "4"
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "![f](pixel.png) <img src=x onerror=alert(1)> $x$ :red[x].txt" in sidebar  # the empty file, as named
    seen = ""
    for title, (path, ready) in [("Overview", ("", '[data-testid="stMetric"]')), *NAV.items()]:
        if title == "Overview":
            wait_ready(page, ready)
        else:
            follow(page, page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True), path, ready)
        assert page.locator(MARKUP_FROM_DATA).count() == 0, title
        check_clean(page, f"hostile-{title.split()[0].lower()}")
        seen += page.locator("main").inner_text() + " ".join(page.locator(".js-plotly-plot text").all_text_contents())
    assert LINK in seen  # an outlet's <a href> as text, in a chart or a card
    assert leaving == []
