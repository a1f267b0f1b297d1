"""Outlets each seed article cites, checked by reading it."""

import json
import zipfile
from pathlib import Path

import pytest

from analysis.corpus import Article
from analysis.sources import article_wire, extract_cited_sources

from conftest import seed

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"


def cited(article):
    return sorted({s.label for s in extract_cited_sources(article)})


def test_which_outlets_each_article_relies_on(seeds):
    assert cited(seed(seeds, "000")) == ["kcna", "n_tv", "new_york_times"]
    assert cited(seed(seeds, "001")) == ["new_york_times"]
    assert cited(seed(seeds, "002")) == ["new_york_times", "reuters"]
    assert cited(seed(seeds, "003")) == ["interfax", "kcna", "new_york_times", "yonhap"]
    assert cited(seed(seeds, "004")) == ["daily_express"]


def test_cues_say_how_the_outlet_is_used(seeds):
    found = {(s.label, s.data["cue"]) for s in extract_cited_sources(seed(seeds, "002"))}
    assert found == {("reuters", "المصدر:"), ("new_york_times", "قالوا ل")}
    found = [(s.label, s.data["cue_kind"]) for s in extract_cited_sources(seed(seeds, "003"))]
    assert ("interfax", "quoting") in found and ("yonhap", "reported") in found
    n_tv = extract_cited_sources(seed(seeds, "000"))[0]
    assert (n_tv.text, n_tv.data["cue"]) == ("إن تي في", "بحسب")


def test_the_newspaper_points_back_to_the_outlet_named_before(seeds):
    back = [s for s in extract_cited_sources(seed(seeds, "000")) if s.data["resolved_by"] == "back-reference"]
    assert [(s.text, s.label) for s in back] == [("الصحيفة", "new_york_times"), ("الصحيفة", "new_york_times")]


def test_an_outlet_named_without_attribution_is_not_a_source():
    assert extract_cited_sources(Article("t", "زار مراسل رويترز المدينة أمس.")) == []
    assert [s.label for s in extract_cited_sources(Article("t", "وذلك وفقاً لوكالة رويترز."))] == ["reuters"]


def test_a_broken_cue_file_says_which_line(tmp_path):
    import pytest
    from analysis.sources import SourceCueError, load_source_cues

    path = tmp_path / "source_cues.csv"
    path.write_text("cue,kind\nبحسب,according to\n,reported\n", encoding="utf-8")
    with pytest.raises(SourceCueError, match="line 3"):
        load_source_cues(path)


# ---------------------------------------------------------------- agencies in every written form (issue 16)


def cited_in(text):
    return [(s.label, s.text, s.data["cue_kind"]) for s in extract_cited_sources(Article("t", text))]


def test_agencies_in_their_written_forms():
    assert cited_in("وقالت وكالة الأنباء السعودية (واس) إن الوفد وصل.") == [
        ("spa", "وكالة الأنباء السعودية", "reported")
    ]
    assert cited_in("وقال مسؤول في الوزارة اليوم لوكالة الأنباء الفرنسية إن الهجوم فشل.") == [
        ("afp", "لوكالة الأنباء الفرنسية", "said to")
    ]
    assert cited_in("ذكرت وكالة «تاس» الروسية للأنباء أن الوفد وصل.") == [("tass", "تاس", "reported")]
    assert cited_in("ووفقاً لما ذكرته وكالة الأنباء الكورية الجنوبية «يونهاب» فإن الوفد وصل.") == [
        ("yonhap", "يونهاب", "according to")
    ]
    assert cited_in("وأفاد مصدر دبلوماسي تركي وكالة فرانس برس أنه تم تأجيل الزيارة.") == [
        ("afp", "وكالة فرانس برس", "said to")
    ]


def test_an_outlet_the_lexicon_does_not_list_is_cited_by_what_it_is():
    assert cited_in("وذكرت وكالة دوجان للأنباء أن المرأة اعتقلت.") == [("", "وكالة دوجان", "reported")]
    assert cited_in("وقالت صحيفة سورية إن العائلة تلقت وعدا.") == []  # "a Syrian newspaper" names none


def test_wire_and_source_lines_at_the_top_or_the_bottom():
    assert cited_in("الرياض - واس:\nبلغ إجمالي المبالغ 5 ملايين ريال.")[0] == ("spa", "واس", "wire line")
    assert cited_in("واس- الرياض: بلغ إجمالي المبالغ.")[0][:2] == ("spa", "واس")
    assert cited_in("جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس\nرأس نائب خادم الحرمين الجلسة.")[0][:2] == (
        "spa",
        "واس",
    )
    assert cited_in("هبطت الأسهم.\n(رويترز)") == [("reuters", "رويترز", "wire line")]
    assert cited_in("هبطت الأسهم.\n• رويترز") == [("reuters", "رويترز", "wire line")]
    assert cited_in("هبطت الأسهم.\nالمصدر:البيان") == [("albayan", "البيان", "source line")]
    assert cited_in("هبطت الأسهم.\nالمصدر : موقع الخبر") == [("", "موقع الخبر", "source line")]


def test_the_article_wire_comes_from_its_wire_line_when_metadata_has_none():
    article = Article("t", "الرياض - واس:\nبلغ إجمالي المبالغ 5 ملايين ريال.")
    assert article_wire(article, extract_cited_sources(article)) == (
        "وكالة الأنباء السعودية",
        'wire line "الرياض - واس:"',
    )
    tagged = Article("t", "هبطت الأسهم.\n(رويترز)", wire="أسوشيتد برس")
    assert article_wire(tagged, extract_cited_sources(tagged)) == ("أسوشيتد برس", "metadata")
    plain = Article("t", "هبطت الأسهم في التداولات.")
    assert article_wire(plain, extract_cited_sources(plain)) == ("", "")


def test_the_articles_table_says_where_the_wire_came_from():
    from analysis.pipeline import analyze

    tables = analyze([Article("a", "واس- الرياض: بلغ إجمالي المبالغ."), Article("b", "نص.", wire="رويترز")])
    rows = tables.articles.set_index("article")
    assert rows.loc["a", "wire"] == "وكالة الأنباء السعودية" and rows.loc["a", "wire_basis"].startswith("wire line")
    assert (rows.loc["b", "wire"], rows.loc["b", "wire_basis"]) == ("رويترز", "metadata")


def test_a_whole_day_of_real_articles_reads_without_error():
    import json
    import zipfile
    from pathlib import Path

    day = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet" / "2015-08-10.zip"
    with zipfile.ZipFile(day) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    lines = 0
    for i, record in enumerate(records):
        article = Article(str(i), record["content"])
        found = extract_cited_sources(article)
        lines += sum(s.data["cue_kind"] == "wire line" for s in found)
        assert all(article.text[s.start : s.end] == s.text for s in found)
    assert lines > 50  # SPA's "... 2015م واس" datelines among them


@pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="needs ../shared/data/saudinewsnet")
def test_an_outlet_telling_itself_is_its_own_reporting_not_a_source():
    # Asharq Al-Awsat, 21 July 2015 (article 107 of the day): "وفي حديث لـ«الشرق الأوسط»، قال
    # دبلوماسي إسرائيلي سابق": its own interview. The same words in another paper cite it.
    with zipfile.ZipFile(SAUDINEWSNET / "2015-07-21.zip") as archive:
        text = json.loads(archive.read("2015-07-21.json"))[107]["content"]
    assert extract_cited_sources(Article("own", text, outlet="aawsat")) == []
    assert extract_cited_sources(Article("own", text, outlet="الشرق الأوسط")) == []
    cited_by_okaz = extract_cited_sources(Article("other", text, outlet="okaz"))
    assert [(s.label, s.data["cue_kind"]) for s in cited_by_okaz] == [("aawsat", "interview")]


def test_each_outlet_no_lexicon_lists_is_a_source_of_its_own_by_its_name():
    # as SaudiNewsNet writes them (2015-08-10): two citations of one agency, one of a paper; in the
    # sources table each is named as written, not all "" under one blank bar
    from analysis.sources import SourceRow

    text = (
        "ونقلت وكالة دوجان للأنباء عن مسؤول قوله إن الانفجار وقع ظهرا. وقال المدير لصحيفة «ذا صن» "
        "إن الفريق سيعود. وذكرت وكالة دوجان للأنباء أن 30 قتلوا."
    )
    rows = [SourceRow.of(s) for s in extract_cited_sources(Article("t", text))]
    assert [(r.source_ar, r.resolved_by) for r in rows] == [
        ("وكالة دوجان", "unlisted"),
        ("صحيفة ذا صن", "unlisted"),
        ("وكالة دوجان", "unlisted"),
    ]
    assert rows[0].source == rows[2].source != rows[1].source and rows[0].source.startswith("unlisted:")
