"""A shared hosted app: whatever a user uploads (file names, article text, metadata) is shown
as written and never as Markdown, HTML or a spreadsheet formula."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_files
from analysis.pipeline import analyze
from conftest import uploaded_app
from dashboard.downloads import safe_csv
from dashboard.escape import LEFT_TO_RIGHT, escape_markdown

SENTENCE = "قال بوتين إن روسيا وكوريا الشمالية وقعتا اتفاقا في 5 سبتمبر 2023."
LINK_NAME = "[click](javascript:alert(1)).txt"
IMG_NAME = "<img src=x onerror=alert(1)>.txt"
EVIL_OUTLET = "<b>قناة</b><img src=x onerror=alert(1)>"
FORMULA_TITLE = '=HYPERLINK("http://example.invalid","اضغط")'
EVIL_TEXT = "**عاجل** [رابط](javascript:alert(1))\n" + SENTENCE.replace("إن", "إن <script>alert(1)</script>")
METADATA = (
    f'file,outlet,title,published\nevil.txt,{EVIL_OUTLET},"{FORMULA_TITLE.replace(chr(34), chr(34) * 2)}",'
    "2023-09-05\nplain.txt,الجزيرة,خبر,2023-09-06\n"
)
MARKDOWN = MarkdownIt("commonmark")


def files() -> list[tuple[str, bytes]]:
    return [
        (LINK_NAME, b""),
        (IMG_NAME, b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("evil.txt", EVIL_TEXT.encode()),
        ("plain.txt", SENTENCE.encode()),
        ("metadata.csv", METADATA.encode()),
    ]


def upload(page: str | None = None) -> AppTest:
    at = uploaded_app(files(), page)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("name", [LINK_NAME, IMG_NAME, "**bold** `code` $x$ :red[x] # h"])
def test_escaped_markdown_renders_as_the_literal_text(name):
    rendered = MARKDOWN.render(escape_markdown(name))
    assert rendered == MARKDOWN.render("x").replace("x", _html_text(name))
    assert "<a " not in rendered and "<img" not in rendered


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_file_names_in_the_sidebar_show_literally():
    at = upload()
    warnings = [w.value for w in at.sidebar.warning]
    assert warnings == [
        LEFT_TO_RIGHT.format(escape_markdown(m))
        for m in (f"{LINK_NAME} is empty.", f"{IMG_NAME} is a PNG image, not text; save the article as UTF-8 text.")
    ]
    for shown in warnings:
        html = MARKDOWN.render(shown)
        assert (
            "<a " not in html
            and "<img" not in html
            and "&lt;img src=x onerror=alert(1)&gt;" in html
            or "[click](javascript:alert(1)).txt" in html
        )


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("page", ["views/story.py", "views/outlets.py", "views/entities.py"])
def test_article_text_outlet_and_title_never_reach_the_page_as_html(page):
    at = upload(page)
    html_blocks = [m.value for m in at.markdown if "marsad-card" in m.value]
    assert html_blocks or page == "views/outlets.py"
    for block in html_blocks:
        assert "<script>" not in block and "<img" not in block and "<b>قناة" not in block
    if page == "views/story.py":
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in b for b in html_blocks)  # the quote, as written
        assert any("&lt;b&gt;قناة&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;" in b for b in html_blocks)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert charts
    strings = [s for chart in charts for s in _strings(chart["data"])]
    assert "&lt;b&gt;قناة&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;" in strings
    assert not any("<img" in s or "<b>قناة" in s for s in strings)


def test_downloads_turn_formulas_from_articles_into_text():
    loaded = load_files(
        [(n, d) for n, d in files() if n != "metadata.csv"],
        {"evil.txt": {"title": FORMULA_TITLE, "outlet": EVIL_OUTLET}},
    )
    articles = analyze(loaded.articles).articles
    rows = pd.read_csv(pd.io.common.BytesIO(safe_csv(articles)), encoding="utf-8-sig")
    assert rows.loc[rows["article"] == "evil", "title"].item() == "'" + FORMULA_TITLE
    assert rows.loc[rows["article"] == "plain", "title"].item() == SENTENCE  # the first line, untouched


def test_every_formula_lead_is_neutralised_and_nothing_else_changes():
    frame = pd.DataFrame(
        {
            "cell": ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "بوتين", "a=b", "", " =x", "a\r=1+1"],
            "kind": pd.Categorical(["=cat"] + ["ok"] * 10),
            "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
            "when": pd.to_datetime(["2023-09-05"] * 11),
        }
    )
    out = pd.read_csv(pd.io.common.BytesIO(safe_csv(frame)), encoding="utf-8-sig", keep_default_na=False)
    # a carriage return inside a cell is quoted: it cannot start a row of its own with "=1+1"
    assert out["cell"].tolist() == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=1",
        "'\r=1",
        "بوتين",
        "a=b",
        "",
        " =x",
        "a\r=1+1",
    ]
    assert out["kind"].tolist()[0] == "'=cat"
    assert out["n"].tolist() == list(frame["n"]) and out["when"].tolist()[0] == "2023-09-05"
