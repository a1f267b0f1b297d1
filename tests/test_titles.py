"""An article's title is its headline: not the site name, a date or time line, a byline, a
dateline or wire line, a breadcrumb or a view counter above it."""

import json
import zipfile
from pathlib import Path

from analysis.corpus import load_files

SAUDINEWSNET = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet"


def title_of(text, **metadata):
    record = {"text": text, **metadata}
    return load_files([("a.jsonl", json.dumps(record, ensure_ascii=False).encode())]).articles[0].title


def test_the_headline_under_the_page_furniture():
    assert (
        title_of("views: 16\nزلزال بقوة 6 درجات يضرب جنوب تركيا\nقال المرصد إن الزلزال وقع فجرا.")
        == "زلزال بقوة 6 درجات يضرب جنوب تركيا"
    )
    assert (
        title_of("الخميس 23 يوليو 2015\nبقلم: أحمد علي\nالرياض - واس\nالوزارة تعلن بدء التسجيل في الجامعات\nنص.")
        == "الوزارة تعلن بدء التسجيل في الجامعات"
    )
    assert (
        title_of("صحيفة عين اليوم الإلكترونية\nعين اليوم – جدة\nأمانة جدة تزيل 300 موقع عشوائي\nقالت الأمانة.")
        == "أمانة جدة تزيل 300 موقع عشوائي"
    )
    assert (
        title_of("عدد المشاهدات: 1,204\nالأخبار > محليات > جدة\nارتفاع درجات الحرارة في المنطقة الشرقية\nنص.")
        == "ارتفاع درجات الحرارة في المنطقة الشرقية"
    )


def test_the_site_name_is_not_the_headline_when_the_outlet_is_known_or_not():
    text = "رايت رايتس\n\nالولايات المتحدة: كوريا الشمالية ستدفع ثمن أي إمدادات\n\nنص طويل."
    assert (
        title_of(text) == title_of(text, outlet="رايت رايتس") == "الولايات المتحدة: كوريا الشمالية ستدفع ثمن أي إمدادات"
    )


def test_a_title_in_the_metadata_is_kept():
    assert title_of("views: 16\nعنوان في النص\nنص.", title="العنوان من البيانات") == "العنوان من البيانات"


def test_real_articles_whose_first_line_is_a_byline_or_dateline():
    """SaudiNewsNet bodies open with "عين اليوم – جدة" or "جدة 25 شوال 1436هـ ... واس" above the
    story; with no title in the metadata none of those lines is taken for the headline."""
    with zipfile.ZipFile(SAUDINEWSNET / "2015-08-10.zip") as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    headed = [r for r in records if r["content"].lstrip().startswith(("عين اليوم", "جدة 2", "الرياض 2"))][:40]
    assert len(headed) >= 20
    for record in headed:
        title = title_of(record["content"])
        first = record["content"].strip().split("\n")[0].strip()
        assert title and title != first, (first, title)
