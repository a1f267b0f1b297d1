"""The reader: an article right to left with its spans coloured from the tables' offsets,
every piece of text escaped; links (?article=&at=) open it at the sentence followed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from conftest import uploaded_app
from dashboard.highlight import highlight_html

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EGYPT_ARTICLE = "004_c951edba429ed671"  # Egypt Telegraph: "5 ملايين قذيفة مدفعية"


@pytest.fixture(scope="module")
def tables():
    return analyze(load_bundled().articles).names_only()


def open_reader(query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.run()
    at.switch_page("views/reader.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def article_html(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith('<div class="marsad-rtl"'))


def plain(markup: str) -> str:
    """The text a reader sees: tags dropped, <br> as a line break, entities unescaped."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>", "\n")))


def entity_characters(markup: str) -> list[bool]:
    """For each character of the text a reader sees, is it inside an hl-entity span?"""
    import html

    flags, inside = [], []
    for tag, chunk in re.findall(r"(<[^>]+>)|([^<]+)", markup):
        if tag.startswith("<span"):
            inside.append("hl-entity" in tag)
        elif tag == "</span>":
            inside.pop()
        elif tag == "<br>":
            flags.append(False)
        elif chunk:
            flags += [bool(inside and inside[-1])] * len(html.unescape(chunk))
    return flags


def test_the_link_opens_the_article_with_every_span_coloured(tables):
    at = open_reader({"article": EGYPT_ARTICLE})
    assert at.selectbox(key="reader_article").value == EGYPT_ARTICLE
    assert at.query_params["article"] == EGYPT_ARTICLE
    body = article_html(at)
    original = next(a for a in load_bundled().articles if a.id == EGYPT_ARTICLE).text
    assert plain(body) == original  # nothing added, nothing lost, offsets line up
    # the weapon inside the quantity claim keeps both colours, the number only the quantity's
    assert (
        '<span class="hl-quantity hl-weapon" title="artillery shells · 5,000,000 · munition · exact">'
        "قذيفة مدفعية</span>" in body
    )
    assert '<span class="hl-quantity" title="5,000,000 · munition · exact">5 ملايين </span>' in body
    mentions = tables.mentions[tables.mentions["article"] == EGYPT_ARTICLE]
    # every character of every mention is coloured as an entity (a name with a place inside,
    # "المكتب الرئاسي في سيول", is coloured in pieces, one of them the place's)
    coloured = entity_characters(body)
    for row in mentions.itertuples():
        assert all(coloured[row.start : row.end]), row.text
    # the page chrome of the Egypt Telegraph page is greyed, never coloured as a finding
    assert '<span class="hl-chrome" title="page chrome: not counted">A A</span>' in body
    legend = next(m.value for m in at.markdown if m.value.startswith('<div class="marsad-legend"'))
    assert all(k in legend for k in ("Entity", "Weapon", "Quantity", "Date", "Quote", "Page chrome"))


def test_layers_can_be_switched_off_and_live_in_the_link():
    at = open_reader({"article": EGYPT_ARTICLE, "show": ["entity", "date"]})
    assert at.pills(key="reader_layers").value == ["entity", "date"]
    assert sorted(at.query_params["show"]) == ["date", "entity"]
    body = article_html(at)
    assert "hl-entity" in body and "hl-quantity" not in body and "hl-weapon" not in body


def test_a_followed_span_shows_its_sentence_first(tables):
    row = tables.quantities[
        (tables.quantities["article"] == EGYPT_ARTICLE) & (tables.quantities["value"] == 10_000)
    ].iloc[0]
    at = open_reader({"article": EGYPT_ARTICLE, "at": str(row["start"])})
    cards = [m.value for m in at.markdown if 'class="marsad-card"' in m.value]
    assert cards and "The sentence you followed" in cards[0]
    assert "<mark>ما لا يقل عن 10 آلاف حاوية شحن</mark>" in cards[0]
    assert 'class="hl-focus' in article_html(at) or "hl-focus" in article_html(at)


def test_uploaded_html_in_an_article_is_shown_as_text():
    row = {
        "text": '<img src=x onerror="alert(1)"> قال فلاديمير بوتين إن روسيا <b>تلقت</b> 5 ملايين قذيفة.',
        "outlet": "Test <script>",
        "date": "2024-06-14",
        "title": "اختبار",
    }
    at = uploaded_app([("x.jsonl", json.dumps(row, ensure_ascii=False).encode())], "views/reader.py")
    assert not at.exception
    body = article_html(at)
    assert "<img" not in body and "<b>" not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
    assert 'title="Vladimir Putin (person)">بوتين' in body.replace("فلاديمير ", "")
    page = " ".join(m.value for m in at.markdown)
    assert "<script>" not in page and "Test &lt;script&gt;" in page


def test_highlight_html_escapes_and_nests_overlapping_spans():
    text = "<b>قال</b> بوتين: 5 ملايين قذيفة"
    spans = [(11, 16, "entity", 'Putin "<x>"'), (18, 32, "quantity", "5,000,000"), (27, 32, "weapon", "shells")]
    markup = highlight_html(text, spans)
    assert markup.startswith('<div class="marsad-rtl" dir="rtl">&lt;b&gt;قال&lt;/b&gt; ')
    assert '<span class="hl-entity" title="Putin &quot;&lt;x&gt;&quot;">بوتين</span>' in markup
    assert '<span class="hl-quantity" title="5,000,000">5 ملايين </span>' in markup
    assert '<span class="hl-quantity hl-weapon" title="5,000,000 · shells">قذيفة</span>' in markup
    assert plain(markup) == text


def test_a_link_to_an_article_the_filter_hides_says_so():
    at = open_reader({"article": EGYPT_ARTICLE, "outlet": "رايت رايتس"})
    assert any("not among the articles shown" in i.value for i in at.info)
    assert at.selectbox(key="reader_article").value == "002_7b63db9cdc682f58"  # the outlet's only article
