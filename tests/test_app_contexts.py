"""The keyword-in-context page: normalised search over the articles shown, query in the link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.contexts import keyword_contexts
from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from conftest import uploaded_app

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EGYPT = "Egypt Telegraph"


@pytest.fixture(scope="module")
def articles():
    return load_bundled().articles


def open_contexts(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    at.switch_page("views/contexts.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def kwic_rows(at: AppTest) -> list[str]:
    table = next(m.value for m in at.markdown if '<table class="kwic"' in m.value)
    return re.findall(r"<tr>.*?</tr>", table)


def test_default_word_finds_every_form_of_asliha(articles):
    at = open_contexts()
    rows = kwic_rows(at)
    assert len(rows) == len(keyword_contexts("أسلحة", articles)) == 29
    marks = {re.search(r"<mark>(.*?)</mark>", r).group(1) for r in rows}
    assert {"الأسلحة", "وأسلحة", "بالأسلحة", "أسلحة"} <= marks


def test_query_from_the_link_and_back_into_it(articles):
    at = open_contexts({"q": "فلاديفوستوك"})
    assert at.text_input(key="kwic_query").value == "فلاديفوستوك"
    assert len(kwic_rows(at)) == len(keyword_contexts("فلاديفوستوك", articles))
    at.text_input(key="kwic_query").set_value("شويغو").run()
    assert at.query_params["q"] == "شويغو"
    # 001 and 002 write شويغو; 000 and 003 write شويجو, which only the entity search merges
    assert len(kwic_rows(at)) == 2
    at.text_input(key="kwic_query").set_value("بطاطس").run()
    assert not any('<table class="kwic"' in m.value for m in at.markdown)
    assert any("0 occurrences" in c.value for c in at.caption)


def test_the_outlet_filter_limits_the_hits(articles):
    at = open_contexts({"outlet": EGYPT, "q": "صواريخ"})
    egypt = [a for a in articles if a.outlet == EGYPT]
    rows = kwic_rows(at)
    assert len(rows) == len(keyword_contexts("صواريخ", egypt)) > 0
    assert all(EGYPT in r for r in rows)


def test_an_entity_with_every_spelling(articles):
    at = open_contexts({"by": "entity", "entity": "sergei_shoigu"})
    assert at.selectbox(key="kwic_entity").value == "sergei_shoigu"
    mentions = analyze(articles).names_only().mentions
    shoigu = mentions[mentions["entity"] == "sergei_shoigu"]
    rows = kwic_rows(at)
    assert len(rows) == len(shoigu) >= 10  # 3 + 1 + 1 + 5 surnames, and full names
    assert any("<mark>شويجو</mark>" in r for r in rows) and any("شويغو" in r for r in rows)
    assert at.query_params["by"] == "entity"


def test_punctuation_alone_says_what_to_type():
    at = open_contexts({"q": "؟؟"})
    assert any("Type a word" in i.value for i in at.info)


def test_contexts_are_escaped():
    import json

    row = {"text": "وصلت <img src=x onerror=alert(1)> أسلحة إلى موسكو", "outlet": "<b>x</b>"}
    at = uploaded_app([("a.jsonl", json.dumps(row, ensure_ascii=False).encode())], "views/contexts.py")
    assert not at.exception
    [only] = kwic_rows(at)
    assert "<img" not in only and "&lt;img src=x onerror=alert(1)&gt;" in only
    assert "&lt;b&gt;x&lt;/b&gt;" in only
