"""The interface as a whole: Arabic or English, every filter in the link, upload metadata
that the user can set or fix, downloads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.corpus import load_files
from analysis.pipeline import analyze
from dashboard.uploads import corrected_corpus, metadata_table

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"
RIGHT = "رايت رايتس"


def open_app(page: str | None = None, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_arabic_interface_keeps_the_filter():
    at = open_app()
    at.multiselect(key="outlets").set_value([RIGHT]).run()
    at.radio(key="lang").set_value("ar").run()
    assert at.title[0].value == "مرصد · نظرة عامة"
    assert [m.label for m in at.metric][0] == "المقالات" and at.metric[0].value == "1"
    assert at.multiselect(key="outlets").value == [RIGHT]
    assert any("1 من 5 مقالات معروضة" in c.value for c in at.sidebar.caption)
    for page, title in [
        ("views/entities.py", "الكيانات"),
        ("views/story.py", "القصة"),
        ("views/reader.py", "القارئ"),
        ("views/contexts.py", "الكلمة في سياقها"),
    ]:
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.title[0].value == title
        assert at.multiselect(key="outlets").value == [RIGHT]
    assert any("direction: rtl" in m.value for m in at.sidebar.markdown)


def test_entity_filters_come_from_the_link_and_go_back_into_it():
    at = open_app("views/entities.py", {"top": "5", "types": ["person", "organisation"], "entity": "sergei_shoigu"})
    assert at.slider(key="entity_top_n").value == 5
    assert at.multiselect(key="entity_types").value == ["person", "organisation"]
    assert at.selectbox(key="explain_entity").value == "sergei_shoigu"
    counts = next(f.value for f in at.dataframe if "mentions" in f.value.columns)
    assert len(counts) == 5 and set(counts["type"]) <= {"person", "organisation"}
    at.slider(key="entity_top_n").set_value(12).run()
    assert at.query_params["top"] == "12"
    at.multiselect(key="entity_types").set_value(["place"]).run()
    assert at.query_params["types"] == "place"
    assert at.selectbox(key="explain_entity").value == "russia"  # Shoigu is no place: the top place
    assert at.query_params["entity"] == "russia"


def test_a_bad_link_falls_back_to_the_default_view():
    at = open_app("views/entities.py", {"top": "many", "types": "planet", "entity": "nobody"})
    assert at.slider(key="entity_top_n").value == 20
    assert at.multiselect(key="entity_types").value == []
    assert any("No entities of these types" in i.value for i in at.info)


def test_word_cloud_and_tables_download():
    at = open_app("views/entities.py")
    labels = [b.label for b in at.get("download_button")]
    assert "Download PNG" in labels and "Download CSV" in labels


def test_corrected_corpus_applies_only_the_cells_the_user_changed():
    files = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("00[12]_*.txt"))]
    articles = tuple(load_files(files).articles)
    tables = analyze(list(articles))
    before = metadata_table(tables.articles)
    assert list(before["outlet"]) == ["unknown", "unknown"]  # no metadata.csv uploaded
    after = before.copy()
    after.loc[0, "published"] = pd.Timestamp("2023-09-14").date()  # a Thursday
    after.loc[1, "outlet"] = "رايت رايتس"
    after.loc[1, "url"] = "https://example.org/a"
    edited = analyze(load_files(list(corrected_corpus(articles, before, after))).articles)
    a = edited.articles
    assert list(a["article"]) == list(tables.articles["article"])  # same ids
    assert list(a["outlet"]) == ["unknown", "رايت رايتس"]
    assert a.loc[0, "published"] == pd.Timestamp("2023-09-14") and a.loc[0, "date_basis"] == "set by the user"
    assert a.loc[1, "url"] == "https://example.org/a"
    untouched = a.loc[1, "published"], tables.articles.loc[1, "published"]  # inferred (or not) as before
    assert untouched[0] == untouched[1] or all(pd.isna(d) for d in untouched)
    assert set(edited.mentions.loc[edited.mentions["article"] == a.loc[1, "article"], "outlet"]) == {"رايت رايتس"}
    # its first line is the masthead "رايت رايتس": the title is the headline after it, before and after
    assert tables.articles.loc[1, "title"].startswith("الولايات المتحدة: كوريا الشمالية")
    assert a.loc[1, "title"].startswith("الولايات المتحدة: كوريا الشمالية")

    # 001 says "الثلاثاء" and had no date to place it; now it is the Tuesday before 14 September
    def tuesday(t):
        return t.dates.loc[
            (t.dates["article"] == a.loc[0, "article"]) & (t.dates["text"] == "الثلاثاء"), "date"
        ].tolist()

    assert tuesday(tables) == [""] and tuesday(edited) == ["2023-09-12"]


def test_uploads_show_an_editable_metadata_table():
    files = [(p.name, p.read_bytes(), "text/plain") for p in sorted(SEEDS.glob("00[12]_*.txt"))]
    at = open_app()
    at.radio(key="corpus").set_value("My files").run()
    at.file_uploader(key="uploads").set_value(files).run()
    assert not at.exception
    assert any("Outlet, date and url of your articles" in e.label for e in at.sidebar.expander)
    assert at.metric[0].value == "2"

    def statuses():
        return [c.label for c in at.sidebar.children.values() if type(c).__name__ == "Status"]

    assert statuses() == ["Analysed 2 articles"]
    editor = next(e for e in at.sidebar.expander if e.label.startswith("Outlet, date"))
    prefilled = editor.dataframe[0].value
    assert list(prefilled.columns) == ["article", "title", "outlet", "published", "url"]
    assert list(prefilled["outlet"]) == ["unknown", "unknown"]
    at.run()  # the same uploads again: the session's analysis, no second status box
    assert at.metric[0].value == "2" and statuses() == []


def reader_links(at: AppTest) -> list[str]:
    return [link.proto.query_string for link in at.get("page_link") if link.proto.page == "reader"]


def test_every_quote_of_a_speaker_links_into_the_reader_at_its_place():
    from urllib.parse import parse_qs

    at = open_app("views/story.py", {"speaker": "Dmitry Peskov"})
    assert at.selectbox(key="quote_speaker").value == "Dmitry Peskov"
    links = reader_links(at)
    assert links and all(parse_qs(q)["article"] and parse_qs(q)["at"] for q in links)
    article, start = parse_qs(links[0])["article"][0], parse_qs(links[0])["at"][0]
    reader = open_app("views/reader.py", {"article": article, "at": start})
    followed = next(m.value for m in reader.markdown if "The sentence you followed" in m.value)
    assert "لا، لا أستطيع. ليس هناك ما أقوله" in followed  # Peskov's words, as the story page quotes him


def test_every_sentence_behind_an_entity_count_links_into_the_reader():
    at = open_app("views/entities.py", {"entity": "sergei_shoigu"})
    cards = [m.value for m in at.markdown if 'class="marsad-card"' in m.value]
    assert len(reader_links(at)) == len(cards) > 0


def test_a_hit_in_context_links_into_the_reader():
    at = open_app("views/contexts.py", {"q": "فلاديفوستوك"})
    [link] = reader_links(at)
    assert link.startswith("article=000_4bf72e302dea960b&at=")


def test_the_reader_texts_are_the_bundled_articles_the_tables_were_made_from():
    from analysis.corpus import load_bundled
    from dashboard.data import _articles_of, _bundled_files

    assert list(_articles_of(_bundled_files())) == load_bundled().articles


def test_story_labels_in_arabic():
    at = open_app("views/story.py", {"lang": "ar"})
    page = " ".join(m.value for m in at.markdown).replace("<bdi>", "").replace("</bdi>", "")
    assert "أول ذكر للكمية · 5,000,000" in page  # 004 is first to claim 5 million shells
    assert "(تقريبي)" in page and "(مستنتج)" in page  # how far each publication date is trusted
    assert [h.value for h in at.subheader][0] == "متى ظهرت المقالات"
