"""The running app in headless chromium: pages draw, the outlet filter changes what is shown
and follows the reader across pages and into the link, the language switch turns the page
Arabic and right to left, an upload replaces the corpus, a click on a bar opens the
sentences behind it; no console error, no Streamlit exception box.

Needs Debian's chromium (`apt-get install chromium`) and playwright; skipped without them.
Screenshots and the server log go to tests/artifacts/.
"""

from __future__ import annotations

import io
import shutil
import time
import urllib.parse
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from bench.app_client import CHROMIUM_ARGS
from bench.app_client import server as app_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
EGYPT = "Egypt Telegraph"
RIGHT = "رايت رايتس"


@pytest.fixture(scope="module")
def server():
    """`streamlit run app.py` on a free loopback port, its log in tests/artifacts/; always
    stopped at the end. Yields the app's URL."""
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with app_server(timeout=60, log=ARTIFACTS / "server.log") as (port, _, _):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A 1400x1000 tab that records console errors (Streamlit's own base-path probes of
    <page>/_stcore/... answer 404 by design and are not errors of the app)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.errors = []

    def on_console(message):
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            if "404" in message.text and "/_stcore/" in where:
                return
            tab.errors.append(f"{message.text} ({where})")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def wait_ready(tab, selector: str = ".js-plotly-plot") -> None:
    tab.wait_for_selector(selector, timeout=60_000)
    tab.wait_for_function(  # the script run has finished: no "running" indicator
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    time.sleep(1.0)  # let plotly finish drawing before a screenshot


def follow(tab, target, path: str, selector: str = ".js-plotly-plot") -> None:
    """Click a link or nav entry and wait for the new page: the old page's charts would satisfy
    wait_ready while the browser is still on its way."""
    target.click()
    tab.wait_for_url(lambda url: urllib.parse.urlsplit(url).path.rstrip("/").endswith(path), timeout=60_000)
    wait_ready(tab, selector)


def follow_to_the_sentence(tab, shot: str) -> None:
    """After a click on a chart: its sentence card shows, and "Read it in the article" opens the
    reader at that sentence."""
    link = tab.get_by_role("link", name="Read it in the article").first
    link.wait_for(timeout=30_000)
    wait_ready(tab)
    check_clean(tab, shot)
    link.click()
    wait_ready(tab, ".hl-focus")
    assert tab.get_by_text("The sentence you followed").count() == 1


def metric(tab, label: str) -> str:
    box = tab.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def check_clean(tab, shot: str) -> None:
    tab.screenshot(path=str(ARTIFACTS / f"{shot}.png"))
    assert tab.locator('[data-testid="stException"]').count() == 0, f"exception on {shot}"
    # A rerun replaces an image (a word cloud) while the browser may still fetch the old one:
    # that 404 is harmless when every image on the page in the end did load.
    errors = [e for e in tab.errors if not ("404" in e and "/media/" in e)]
    assert not errors, errors
    media = "[...document.images].filter(i => i.src.includes('/media/'))"
    tab.wait_for_function(f"() => {media}.every(i => i.complete)", timeout=30_000)
    broken = tab.evaluate(f"() => {media}.filter(i => !i.naturalWidth).map(i => i.src)")
    assert not broken, broken


def outlet_params(tab) -> list[str]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(tab.url).query).get("outlet", [])


def test_shared_link_reopens_the_view(server, page):
    """First test on purpose: a page URL as the first request to a fresh server (Streamlit's
    legacy pages/ mode before the folder became views/) must open the full app."""
    query = urllib.parse.urlencode([("outlet", RIGHT), ("outlet", "unknown")])
    page.goto(f"{server}/entities?{query}")
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.wait_for(timeout=60_000)  # the first navigation drawn is the app's own, titled pages
    page.screenshot(path=str(ARTIFACTS / "cold-start-first-nav.png"))
    first_nav = nav.inner_text()
    assert "Overview" in first_nav and "Keyword in context" in first_nav, first_nav
    assert not {"app", "common", "contexts", "overview"} & set(first_nav.split()), first_nav
    wait_ready(page)
    assert "/entities" in page.url
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').inner_text()
    assert RIGHT in chips and "unknown" in chips
    assert page.locator('[data-testid="stSidebar"]').get_by_text("3 of 5 articles shown").count() == 1
    check_clean(page, "entities-link-two-outlets")


def test_filter_through_the_sidebar_follows_across_pages(server, page):
    page.goto(server)
    wait_ready(page, '[data-testid="stMetric"]')
    assert metric(page, "Articles") == "5"
    check_clean(page, "overview-all")

    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
    box.click()
    box.fill("Egypt")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('Articles') && m.innerText.includes('1'))""",
        timeout=30_000,
    )
    assert metric(page, "Articles") == "1"
    page.wait_for_function("() => location.search.includes('outlet=')", timeout=10_000)
    assert outlet_params(page) == [EGYPT]
    check_clean(page, "overview-egypt-telegraph")

    follow(page, page.get_by_role("link", name="Weapons & quantities"), "/quantities")
    assert "/quantities" in page.url
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').inner_text()
    assert EGYPT in chips
    page.wait_for_function("() => location.search.includes('outlet=')", timeout=10_000)
    assert outlet_params(page) == [EGYPT]
    check_clean(page, "quantities-egypt-telegraph")


READY = {"": '[data-testid="stMetric"]', "reader": ".marsad-legend", "contexts": "table.kwic"}


@pytest.mark.parametrize(
    "path", ["", "entities", "outlets", "quantities", "attention", "network", "story", "reader", "contexts"]
)
def test_every_page_in_the_browser(server, page, path):
    page.goto(f"{server}/{path}")
    wait_ready(page, READY.get(path, ".js-plotly-plot"))
    check_clean(page, f"page-{path or 'overview'}")


def test_language_switch_turns_the_page_arabic_and_right_to_left(server, page):
    page.goto(f"{server}/entities")
    wait_ready(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("العربية", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=ar')", timeout=30_000)
    page.get_by_role("heading", name="الكيانات", exact=True).wait_for(timeout=30_000)
    wait_ready(page)
    direction = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction")
    assert direction == "rtl"
    # the sidebar moves to the right, where an Arabic reader starts
    side = page.locator('[data-testid="stSidebar"]').bounding_box()
    main = page.locator('[data-testid="stMain"]').bounding_box()
    assert side["x"] > main["x"]
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("القارئ").count() == 1
    check_clean(page, "entities-arabic")
    page.reload()  # the link keeps the language
    page.get_by_role("heading", name="الكيانات", exact=True).wait_for(timeout=60_000)
    wait_ready(page)
    check_clean(page, "entities-arabic-reloaded")


def test_an_upload_replaces_the_corpus(server, page, tmp_path):
    story = tmp_path / "story.jsonl"
    story.write_text(
        '{"text": "قال فلاديمير بوتين إن روسيا تلقت 5 ملايين قذيفة مدفعية من كوريا الشمالية.", '
        '"outlet": "Test Daily", "date": "2024-06-14", "title": "اختبار <b>عريض</b>"}\n',
        encoding="utf-8",
    )
    page.goto(server)
    wait_ready(page, '[data-testid="stMetric"]')
    page.locator('[data-testid="stSidebar"]').get_by_text("My files", exact=True).click()
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(story))
    page.wait_for_function(
        r"""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('Articles') && /\b1$/.test(m.innerText.trim()))""",
        timeout=240_000,
    )  # the first upload of a server's life starts the workers, which load the model: slow on a busy machine
    wait_ready(page, '[data-testid="stMetric"]')
    assert metric(page, "Articles") == "1" and metric(page, "Outlets") == "1"
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Analysed 1 article", exact=True).count() == 1
    check_clean(page, "upload-overview")
    follow(page, page.locator('[data-testid="stSidebarNav"]').get_by_text("Reader"), "/reader", ".marsad-legend")
    body = page.locator(".marsad-rtl").last
    assert "5 ملايين" in body.inner_text()
    assert body.locator(".hl-entity").count() >= 2
    assert page.locator("b", has_text="عريض").count() == 0  # the title's <b> is text, not markup
    check_clean(page, "upload-reader")


def test_uploaded_articles_get_their_outlet_from_the_editable_table(server, page):
    """Two seed articles uploaded without metadata are "unknown"; typing the outlet of the
    second into the sidebar's table analyses them again with it."""
    seeds = sorted((ROOT / "data" / "articles").glob("00[12]_*.txt"))
    page.goto(server)
    wait_ready(page, '[data-testid="stMetric"]')
    side = page.locator('[data-testid="stSidebar"]')
    side.get_by_text("My files", exact=True).click()
    side.locator('input[type="file"]').set_input_files([str(p) for p in seeds])
    side.get_by_text("Analysed 2 articles").wait_for(timeout=60_000)
    wait_ready(page, '[data-testid="stMetric"]')
    assert metric(page, "Outlets") == "1"  # both unknown
    grid = side.locator('[data-testid="stDataFrame"]')
    editor = page.locator("textarea.gdg-input, #portal textarea, #portal input").first
    for attempt in range(4):  # the grid is a canvas: click its cell once it has settled
        grid.scroll_into_view_if_needed()
        time.sleep(1.0)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 40, box["y"] + 35 + 35 + 17)  # second row, outlet column
        page.keyboard.press("Enter")
        try:  # a late rerun can close the cell editor again: open and type in one go
            editor.wait_for(timeout=5_000)
            editor.fill(RIGHT, timeout=5_000)
            break
        except Exception:
            if attempt == 3:
                raise
    page.keyboard.press("Enter")
    page.wait_for_function(
        r"""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('Outlets') && /\b2$/.test(m.innerText.trim()))""",
        timeout=60_000,
    )
    wait_ready(page, '[data-testid="stMetric"]')
    assert metric(page, "Articles") == "2"
    check_clean(page, "upload-outlet-edited")
    box = side.locator('[data-testid="stMultiSelect"] input')  # the filter offers the new outlet
    box.click()
    box.fill(RIGHT)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    side.get_by_text("1 of 2 articles shown").wait_for(timeout=30_000)


def test_a_click_on_a_date_shows_its_sentence(server, page):
    page.goto(f"{server}/story")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)  # dates the articles mention
    chart.scroll_into_view_if_needed()
    point = chart.locator("g.points path.point").first
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    follow_to_the_sentence(page, "story-date-clicked")


def test_a_click_on_a_bar_shows_the_sentences_behind_it(server, page):
    page.goto(f"{server}/entities")
    wait_ready(page)
    bars = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point path")
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    third = sorted(range(len(widths)), key=lambda i: -widths[i])[2]  # كيم جونغ أون (33 mentions)
    box = bars.nth(third).bounding_box()  # plotly's drag layer takes the click, at the bar
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.search.includes('entity=kim_jong_un')", timeout=30_000)
    wait_ready(page)
    marked = set(page.locator(".marsad-card mark").all_inner_texts())
    assert marked and all("كيم" in m for m in marked), marked  # his sentences, every spelling
    assert page.get_by_role("link", name="Read it in the article").count() > 0
    check_clean(page, "entities-bar-clicked")
    page.get_by_role("link", name="Read it in the article").first.click()
    wait_ready(page, ".hl-focus")
    assert "/reader" in page.url and "at=" in page.url
    assert page.get_by_text("The sentence you followed").count() == 1
    check_clean(page, "reader-followed")


def test_a_click_on_a_claims_bar_shows_its_sentences(server, page):
    """Weapons & quantities: the bar of a category (and qualifier) leads to the claims behind it,
    as many sentences as the bar counts, each with a way into the article."""
    page.goto(f"{server}/quantities")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first  # claims by category
    chart.scroll_into_view_if_needed()
    bar = chart.locator("g.point").first
    counted = int(bar.locator("text").text_content())
    box = bar.locator("path").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    links = page.get_by_role("link", name="Read it in the article")
    links.first.wait_for(timeout=30_000)
    wait_ready(page)
    assert links.count() == counted
    check_clean(page, "quantities-bar-clicked")


def test_a_click_on_the_biggest_number_shows_its_sentence(server, page):
    page.goto(f"{server}/outlets")
    wait_ready(page)
    chart = page.locator(".st-key-outlet_biggest_numbers")
    chart.scroll_into_view_if_needed()
    box = chart.locator("g.point path").nth(1).bounding_box()  # 5,000,000 shells, Egypt Telegraph
    # near the bar's top: on a log axis the bar's box runs on far below the plot
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 10)
    links = page.get_by_role("link", name="Read it in the article")
    links.first.wait_for(timeout=30_000)
    wait_ready(page)
    assert links.count() == 1
    assert page.locator(".marsad-card mark").first.inner_text() == "5 ملايين قذيفة مدفعية"
    check_clean(page, "outlets-biggest-clicked")


def click_for_download(page, button):
    """The file a download button gives. A second click when the first gives none in 20 s:
    Streamlit makes a deferred file under an id each script run renews, and a click that still
    holds the last run's id gets nothing (its media_file_manager says so), as a user who clicks
    while the page reruns would see; their second click works, and so must the test's."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button.scroll_into_view_if_needed()
    for timeout in (20_000, 60_000):
        try:
            with page.expect_download(timeout=timeout) as caught:
                button.click()
            return caught.value
        except PlaywrightTimeout:
            wait_ready(page)
    raise AssertionError("two clicks gave no download")


def test_a_csv_download_is_written_when_clicked(server, page, tmp_path):
    """Downloads are made on click (not on every run): the quantities CSV holds every claim of
    the five seed articles, with the UTF-8 mark that spreadsheets need for Arabic."""
    page.goto(f"{server}/quantities")
    wait_ready(page)
    download = click_for_download(page, page.get_by_role("button", name="Download claims (CSV)"))
    assert download.suggested_filename == "marsad-quantities.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    claims = analyze(load_bundled().articles).quantities
    assert len(table) == len(claims) and "5 ملايين قذيفة مدفعية" in set(table["text"])
    check_clean(page, "quantities-download")


def click_point(page, point) -> None:
    """A click at a plotly point (its drag layer takes the click, at the point's place)."""
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_date_filter_narrows_every_page_and_follows_in_the_link(server, page):
    page.goto(f"{server}/?to=2023-09-05")
    wait_ready(page, '[data-testid="stMetric"]')
    assert metric(page, "Articles") == "4"  # the June 2024 article is outside the range
    side = page.locator('[data-testid="stSidebar"]')
    assert side.get_by_text("4 of 5 articles shown").count() == 1
    dates = [box.input_value() for box in side.locator('[data-testid="stDateInput"] input').all()]
    assert dates == ["2023-09-04", "2023-09-05"], dates
    check_clean(page, "dates-overview-2023")
    follow(page, page.get_by_role("link", name="Attention over time"), "/attention")
    assert "/attention" in page.url and "to=2023-09-05" in page.url
    assert side.get_by_text("4 of 5 articles shown").count() == 1
    ticks = " ".join(page.locator(".xtick text").all_text_contents())
    assert "2024" not in ticks, ticks  # no week of 2024 on the time axis


def test_a_point_of_the_attention_chart_opens_its_sentences(server, page):
    page.goto(f"{server}/attention?ent=kim_jong_un&per=week")
    wait_ready(page)
    points = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.points path.point")
    assert points.count() > 1
    click_point(page, points.first)  # the week of 4 September 2023
    page.get_by_role("heading", name="Kim Jong Un").first.wait_for(timeout=30_000)
    wait_ready(page)
    marked = set(page.locator(".marsad-card mark").all_inner_texts())
    assert marked and all("كيم" in m for m in marked), marked
    assert page.get_by_role("link", name="Read it in the article").count() == len(page.locator(".marsad-card").all())
    check_clean(page, "attention-point-clicked")


def test_an_event_is_labelled_and_opens_its_sentence(server, page):
    page.goto(f"{server}/story")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(2)  # events
    chart.scroll_into_view_if_needed()
    labels = chart.locator(".ytick text").all_text_contents()
    assert any("تجارب نووية" in label for label in labels), labels
    assert all("—" in label or "،" in label or label for label in labels)
    click_point(page, chart.locator("g.points path.point").first)
    follow_to_the_sentence(page, "story-event-clicked")


def test_a_network_edge_opens_the_sentences_naming_both(server, page):
    page.goto(f"{server}/network")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    heading = page.get_by_role("heading", name="sentence(s)")
    before = heading.inner_text()
    middles = chart.locator("g.trace.scatter").filter(has=page.locator("path.point")).first.locator("path.point")
    assert middles.count() > 3
    click_point(page, middles.nth(middles.count() - 1))  # the weakest pair drawn: not the default one
    page.wait_for_function("() => location.search.includes('pair=')", timeout=30_000)
    wait_ready(page)
    after = heading.inner_text()
    assert after != before, after
    first, second = after.split(":")[0].split(" and ")
    assert page.locator(".marsad-card").count() >= 1
    for card in page.locator(".marsad-card").all():  # each sentence names both, highlighted
        assert len(card.locator("mark").all()) >= 2
    check_clean(page, "network-edge-clicked")
    page.get_by_role("link", name="Read it in the article").first.click()
    wait_ready(page, ".hl-focus")
    assert page.get_by_text("The sentence you followed").count() == 1
