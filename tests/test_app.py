"""The dashboard as a reader meets it: every page renders real figures from the bundled
corpus, and the outlet filter (sidebar or link) changes what every page shows.

Expected values come from the real tables (analyze(load_bundled())), not from guesses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_bundled
from analysis.pipeline import analyze
from dashboard.downloads import safe_csv
from dashboard.render import fmt_number, rtl_html

PAGES = ["views/overview.py", "views/entities.py", "views/outlets.py", "views/quantities.py", "views/story.py"]
APP = str(Path(__file__).resolve().parent.parent / "app.py")
EGYPT = "Egypt Telegraph"
RIGHT = "رايت رايتس"


@pytest.fixture(scope="module")
def all_mentions_tables():
    return analyze(load_bundled().articles)


@pytest.fixture(scope="module")
def tables(all_mentions_tables):
    """What the dashboard shows by default: names only, adjectives (الروسي) left out."""
    return all_mentions_tables.names_only()


def open_app(page: str | None = None, query: dict | None = None, outlets: list[str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    if page:
        at.switch_page(page).run()
    if outlets is not None:
        at.multiselect(key="outlets").set_value(outlets).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def table(at: AppTest, *columns: str):
    """The first dataframe on the page that has these columns."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def quantity_values(at: AppTest) -> set[float]:
    return set(table(at, "value", "noun", "qualifier")["value"])


# ---------------------------------------------------------------- every page, real content


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = open_app(page)
    assert not at.exception
    assert at.title, f"{page} has no title"
    if page != "views/overview.py":
        assert at.get("plotly_chart"), f"{page} draws no chart"


def test_overview_key_figures(tables):
    at = open_app()
    assert metric(at, "Articles") == "5" == f"{len(tables.articles):,}"
    assert metric(at, "Outlets") == f"{tables.articles['outlet'].nunique():,}"
    assert metric(at, "Words") == f"{int(tables.articles['words'].sum()):,}"
    assert metric(at, "Entity mentions") == f"{len(tables.mentions):,}"
    assert metric(at, "Quantity claims") == f"{len(tables.quantities):,}"
    shown = table(at, "title", "date_basis")
    assert list(shown["title"]) == list(tables.articles["title"])


def test_adjective_toggle_counts_nisba_and_lives_in_the_link(tables, all_mentions_tables):
    assert len(all_mentions_tables.mentions) > len(tables.mentions)  # the seeds have adjectives
    at = open_app()
    assert metric(at, "Entity mentions") == f"{len(tables.mentions):,}"
    at.toggle(key="nisba").set_value(True).run()
    assert metric(at, "Entity mentions") == f"{len(all_mentions_tables.mentions):,}"
    assert at.query_params["nisba"] == "1"
    shared = open_app(query={"nisba": "1"})
    assert metric(shared, "Entity mentions") == f"{len(all_mentions_tables.mentions):,}"


def test_sidebar_says_the_bundled_ner_model_is_in_use():
    at = open_app()
    assert any("bundled NER model in use" in c.value for c in at.sidebar.caption)
    arabic = open_app(query={"lang": "ar"})
    assert any("نموذج مرصد للتعرّف على الأسماء مستخدم" in c.value for c in arabic.sidebar.caption)


def test_entities_lists_putin_with_his_count(tables):
    at = open_app("views/entities.py")
    putin = tables.mentions[tables.mentions["name_en"].str.contains("Putin")]
    assert len(putin) > 0
    name_ar = putin["name_ar"].iloc[0]
    assert "بوتين" in name_ar
    counts = table(at, "name_ar", "mentions")
    assert int(counts.loc[counts["name_ar"] == name_ar, "mentions"].iloc[0]) == len(putin)
    options = at.selectbox(key="explain_entity").options
    assert any("بوتين" in o and "Vladimir Putin" in o for o in options)
    assert at.image, "no word cloud image"


def test_explain_this_count_shows_every_sentence(tables):
    at = open_app("views/entities.py")
    entity = tables.mentions.loc[tables.mentions["name_en"] == "Vladimir Putin", "entity"].iloc[0]
    at.selectbox(key="explain_entity").set_value(entity).run()
    assert not at.exception
    rows = tables.mentions[tables.mentions["entity"] == entity]
    blocks = [m.value for m in at.markdown if 'class="marsad-card"' in m.value]
    assert len(blocks) == rows.groupby(["article", "sentence"]).ngroups
    assert all("<mark>" in b for b in blocks)


def test_quantities_table_has_the_big_numbers(tables):
    at = open_app("views/quantities.py")
    values = quantity_values(at)
    assert {5_000_000, 10_000} <= values
    assert values == set(tables.quantities["value"])


# ---------------------------------------------------------------- the outlet filter


def test_filter_egypt_telegraph(tables):
    expected = tables.for_outlets([EGYPT])
    at = open_app(outlets=[EGYPT])
    assert metric(at, "Articles") == "1" == f"{len(expected.articles):,}"
    assert metric(at, "Quantity claims") == f"{len(expected.quantities):,}"
    assert at.query_params["outlet"] == EGYPT  # the link now reproduces the view
    at.switch_page("views/quantities.py").run()
    assert not at.exception
    values = quantity_values(at)
    assert 5_000_000 in values and 950 not in values
    assert values == set(expected.quantities["value"])


def test_filter_two_outlets_on_every_page(tables):
    chosen = [RIGHT, "unknown"]
    expected = tables.for_outlets(chosen)
    at = open_app(outlets=chosen)
    assert metric(at, "Articles") == f"{len(expected.articles):,}" == "3"
    assert metric(at, "Entity mentions") == f"{len(expected.mentions):,}"
    assert sorted(at.query_params["outlet"]) == sorted(chosen)
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.multiselect(key="outlets").value == chosen  # the filter survives navigation
    values = quantity_values(at.switch_page("views/quantities.py").run())
    assert values == set(expected.quantities["value"])
    assert 5_000_000 not in values


def test_link_preselects_the_filter(tables):
    at = open_app(query={"outlet": EGYPT})
    assert at.multiselect(key="outlets").value == [EGYPT]
    assert metric(at, "Articles") == f"{len(tables.for_outlets([EGYPT]).articles):,}"


def test_link_with_two_outlets_on_a_page(tables):
    at = open_app(query={"outlet": [RIGHT, "unknown"]})
    at.switch_page("views/entities.py").run()
    assert not at.exception
    expected = tables.for_outlets([RIGHT, "unknown"]).mentions
    counts = table(at, "name_ar", "mentions")
    top = expected.groupby("name_ar").size().max()
    assert int(counts["mentions"].max()) == top


def test_link_with_unknown_outlet_warns_and_shows_all(tables):
    at = open_app(query={"outlet": "No Such Outlet"})
    assert any("No Such Outlet" in w.value for w in at.warning)
    assert metric(at, "Articles") == f"{len(tables.articles):,}"


# ---------------------------------------------------------------- uploads and empty states


def test_no_uploads_yet_every_page_says_so():
    at = open_app()
    at.radio(key="corpus").set_value("My files").run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert any("No articles to show" in i.value for i in at.info), page


def test_uploaded_files_replace_the_corpus():
    rows = [
        {
            "text": "قال فلاديمير بوتين إن روسيا تلقت 5 ملايين قذيفة مدفعية من كوريا الشمالية.",
            "outlet": "Test Daily",
            "date": "2024-06-14",
            "title": "اختبار",
        },
        {"text": '=HYPERLINK("http://x") بوتين في موسكو', "outlet": "Other", "date": "2024-06-15"},
    ]
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    at = open_app()
    at.radio(key="corpus").set_value("My files").run()
    at.file_uploader(key="uploads").set_value(
        [
            ("story.jsonl", jsonl, "application/json"),
            ("broken.json", b"{not json", "application/json"),
        ]
    ).run()
    assert not at.exception
    assert metric(at, "Articles") == "2"
    assert any("broken.json" in w.value for w in at.warning)
    at.radio(key="corpus").set_value("Bundled corpus").run()  # and back: the upload stays
    assert metric(at, "Articles") == "5"
    at.radio(key="corpus").set_value("My files").run()
    assert metric(at, "Articles") == "2"
    at.multiselect(key="outlets").set_value(["Test Daily"]).run()
    assert metric(at, "Articles") == "1"
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, page
    assert 5_000_000 in quantity_values(at.switch_page("views/quantities.py").run())


# ---------------------------------------------------------------- helpers the pages share


def test_article_text_is_escaped():
    html = rtl_html("<script>alert(1)</script> قال بوتين", ("بوتين",))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>بوتين</mark>" in html and 'dir="rtl"' in html


def test_csv_download_neutralises_formulas():
    import pandas as pd

    csv = safe_csv(pd.DataFrame({"a": ["=1+1", "+x", "-y", "@z", "بوتين"], "n": [1, 2, 3, 4, 5]}))
    text = csv.decode("utf-8-sig").splitlines()
    assert text[1:] == ["'=1+1,1", "'+x,2", "'-y,3", "'@z,4", "بوتين,5"]


def test_numbers_have_separators():
    assert fmt_number(5_000_000.0) == "5,000,000"
    assert fmt_number(1.5) == "1.5"
    assert fmt_number(10_000) == "10,000"


def test_story_shows_quotes_sources_events_and_obeys_the_filter(tables):
    at = open_app("views/story.py")
    speakers = at.selectbox(key="quote_speaker").options
    assert "Dmitry Peskov" in speakers and "Jake Sullivan" in speakers
    at.selectbox(key="quote_speaker").set_value("Dmitry Peskov").run()
    page_text = " ".join(m.value for m in at.markdown)
    assert "لا، لا أستطيع. ليس هناك ما أقوله" in page_text
    assert "Passages articles share" in [h.value for h in at.subheader]
    # Putin's 2000 visit is reported only by 004, so 004 is first to report that event
    assert "first report of an event · 2000" in page_text.replace("<bdi>", "").replace("</bdi>", "")
    right_rights = open_app("views/story.py", outlets=["رايت رايتس"])
    only = right_rights.selectbox(key="quote_speaker").options
    assert set(only) == set(
        tables.quotes[tables.quotes["outlet"] == "رايت رايتس"].pipe(
            lambda q: [n or s for n, s in zip(q["speaker_name_en"], q["speaker"])]
        )
    )
    assert "Adrienne Watson" not in only  # she is quoted in 001, whose outlet is unknown


def test_bundled_analysis_is_cached_by_the_content_of_data(monkeypatch):
    """Editing a lexicon or an article (a new data/ key) must re-run the analysis."""
    import dashboard.data as common

    calls = []
    monkeypatch.setattr(common, "analyze", lambda articles: calls.append(len(articles)) or "tables")
    common._bundled_tables.clear()
    key = common._data_files()
    edited = tuple((name, data + b"\n") if name == "entities.csv" else (name, data) for name, data in key)
    assert common._bundled_tables(key)[0] == "tables"
    common._bundled_tables(key)
    assert calls == [5]  # same content: served from the cache
    common._bundled_tables(edited)
    assert calls == [5, 5]  # the lexicon changed: analysed again
    common._bundled_tables.clear()


def test_language_switch_lives_in_the_link():
    at = open_app(query={"lang": "ar"})
    assert at.radio(key="lang").value == "ar"
    at.radio(key="lang").set_value("en").run()
    assert "lang" not in at.query_params
    at.radio(key="lang").set_value("ar").run()
    assert at.query_params["lang"] == "ar"
