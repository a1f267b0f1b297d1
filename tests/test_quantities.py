"""Counted quantities: the seed articles in, exact values out."""

import pytest

from analysis.corpus import Article, load_bundled
from analysis.quantities import (
    CATEGORIES,
    QUALIFIERS,
    QuantityLexiconError,
    extract_quantities,
    load_quantity_nouns,
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {a.id[:3]: a for a in load_bundled().articles}


def rows(article: Article) -> list[tuple]:
    return [
        (s.text, s.data["value"], s.label, s.data["qualifier"], s.data["noun"], s.data["number_text"])
        for s in extract_quantities(article)
    ]


# (text as written, value, category, qualifier, noun, number_text), in text order.
EXPECTED = {
    "000": [
        ("قرابة 550 يومًا", 550, "time", "approx", "يومًا", "550"),
        ("عام ونصف", 1.5, "time", "exact", "عام", "عام ونصف"),
    ],
    "001": [],  # "من 10 إلى 13 سبتمبر", "30 أغسطس/آب": dates only
    "002": [
        ("أكثر من أربع سنوات", 4, "time", "at_least", "سنوات", "أربع"),
        ("ثلاثة كيانات", 3, "other", "exact", "كيانات", "ثلاثة"),
        # nuclear tests are events, not weapons: counting them as weapons would inflate the weapon totals
        ("ست تجارب نووية", 6, "other", "exact", "تجارب نووية", "ست"),
    ],
    "003": [
        ("حوالي 950 ميلاً", 950, "distance", "approx", "ميلاً", "950"),
        ("حوالي 20 مسؤولاً كورياً شمالياً", 20, "person", "approx", "مسؤولاً كورياً شمالياً", "20"),
    ],
    "004": [
        ("5 ملايين قذيفة مدفعية", 5_000_000, "munition", "exact", "قذيفة مدفعية", "5 ملايين"),  # title
        ("ما لا يقل عن 10 آلاف حاوية شحن", 10_000, "container", "at_least", "حاوية شحن", "10 آلاف"),
        ("5 ملايين قذيفة مدفعية", 5_000_000, "munition", "exact", "قذيفة مدفعية", "5 ملايين"),
        ("عشرات الصواريخ الباليستية", 10, "weapon", "vague", "الصواريخ الباليستية", "عشرات"),
        ("24 عاما", 24, "time", "exact", "عاما", "24"),
        ("ما يقرب من 5 ملايين قذيفة مدفعية", 5_000_000, "munition", "approx", "قذيفة مدفعية", "5 ملايين"),
        ("بمليون قذيفة", 1_000_000, "munition", "exact", "قذيفة", "مليون"),
        # the head "حطام" (debris) is not in the lexicon: the category comes from "الصواريخ"
        ("العشرات من حطام الصواريخ", 10, "weapon", "vague", "حطام الصواريخ", "العشرات"),
    ],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_seed_quantities(seeds, key):
    assert rows(seeds[key]) == EXPECTED[key]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_spans_point_into_the_original_text(seeds, key):
    article = seeds[key]
    for span in extract_quantities(article):
        assert span.article == article.id
        assert span.kind == "quantity"
        assert span.text == article.text[span.start : span.end]
        assert span.data["category"] == span.label and span.label in CATEGORIES
        assert span.data["qualifier"] in QUALIFIERS
        assert span.data["noun"] in span.text and span.data["number_text"] in span.text
        assert not any(span.overlaps(s, e) for s, e, _ in article.chrome)


def test_not_quantities_in_the_seeds(seeds):
    """Years, dates, a pier number, an ordinal and the reading time are left alone."""
    found = " | ".join(s.text for a in seeds.values() for s in extract_quantities(a))
    for phrase in (
        "2000",
        "2022",
        "2024",
        "22 نوفمبر",
        "2006",
        "2016",
        "2019",
        "33",
        "السبعين",
        "13 سبتمبر",
        "30 أغسطس",
        "دقيقة قراءة",
        "الأولى",
    ):
        assert phrase not in found


def quantities(text: str) -> list[tuple]:
    return rows(Article(id="t", text=text))


@pytest.mark.parametrize(
    "text",
    [
        "4 دقيقة قراءة",
        "الجمعة، 22 نوفمبر 2024",
        "07:13 ص",
        "وفي 2019 قتل جنود",
        "منذ عام 2006 واختبرت صواريخ",
        "أصدر مجلس الأمن القرار 2270 الذي يحظر",
        "القرار رقم 2270 بشأن كوريا",
        "زيارة الرصيف البحري 33، حيث",
        "في الفترة من 10 إلى 13 سبتمبر",
        "في الذكرى السبعين لنهاية الحرب",
        "للمرة الأولى منذ أول زيارة",
        "في الحادي عشر من سبتمبر",
        "قال أحد المسؤولين",
        "الرئيس لست أدري",
        "بلغ عددهم 500.",
        "ضبطت كمية كبيرة من الذخيرة",  # ك + colloquial "مية" (a hundred) is not read into "كمية"
        "15ـ غياب التمييز",  # a numbered list item
        "في عام 645 ميلادي",
    ],
)
def test_not_a_quantity(text):
    assert quantities(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أطلقت القوات 50 صاروخا على المدينة", ("50 صاروخا", 50, "weapon", "exact", "صاروخا", "50")),
        ("قتل أكثر من 300 شخص في الهجوم", ("أكثر من 300 شخص", 300, "casualty", "at_least", "شخص", "300")),
        ("وصلت شحنة من ٥٠٠ قذيفة مدفعية", ("٥٠٠ قذيفة مدفعية", 500, "munition", "exact", "قذيفة مدفعية", "٥٠٠")),
        (
            "بلغت قيمة الصفقة ٢٫٥ مليار دولار",
            ("٢٫٥ مليار دولار", 2_500_000_000, "money", "exact", "دولار", "٢٫٥ مليار"),
        ),
        ("تحوي 5,000 صاروخ", ("5,000 صاروخ", 5000, "weapon", "exact", "صاروخ", "5,000")),
        ("استمرت المعارك ثلاث ساعات ونصف", ("ثلاث ساعات ونصف", 3.5, "time", "exact", "ساعات", "ثلاث")),
        ("انتظر ساعتين ونصف", ("ساعتين ونصف", 2.5, "time", "exact", "ساعتين", "ساعتين ونصف")),
        ("وصل وفد من خمسة وعشرين مسؤولا", ("خمسة وعشرين مسؤولا", 25, "person", "exact", "مسؤولا", "خمسة وعشرين")),
        (
            "قتل عشرات الآلاف من الجنود",
            ("عشرات الآلاف من الجنود", 10_000, "casualty", "vague", "الجنود", "عشرات الآلاف"),
        ),
        ("أرسل مئات الدبابات", ("مئات الدبابات", 100, "weapon", "vague", "الدبابات", "مئات")),
        ("حتى 10 آلاف طائرة مسيرة", ("حتى 10 آلاف طائرة مسيرة", 10_000, "weapon", "at_most", "طائرة مسيرة", "10 آلاف")),
        ("ما لا يزيد عن 20 دبابة", ("ما لا يزيد عن 20 دبابة", 20, "weapon", "at_most", "دبابة", "20")),
        # "من" + a place is no counted noun: the verb before says what the count is (3 injured)
        ("أصيب 3 من الدقهلية", ("أصيب 3", 3, "casualty", "exact", "أصيب", "3")),
        ("10 قتلى على الأقل", ("10 قتلى على الأقل", 10, "casualty", "at_least", "قتلى", "10")),
        ("نحو 3 ملايين دولار تقريبا", ("نحو 3 ملايين دولار تقريبا", 3_000_000, "money", "approx", "دولار", "3 ملايين")),
        ("مبلغ 500 ألف يورو", ("500 ألف يورو", 500_000, "money", "exact", "يورو", "500 ألف")),
        ("قطع 120 كم في طريق", ("120 كم", 120, "distance", "exact", "كم", "120")),
        ("ثلاثة من المسؤولين", ("ثلاثة من المسؤولين", 3, "person", "exact", "المسؤولين", "ثلاثة")),
        ("في يوم واحد فقط", ("يوم واحد", 1, "time", "exact", "يوم", "واحد")),
        ("نصف ساعة", ("نصف ساعة", 0.5, "time", "exact", "ساعة", "نصف")),
        ("بلغت 4.1 مليون سائح", ("4.1 مليون سائح", 4_100_000, "person", "exact", "سائح", "4.1 مليون")),
        ("وعد بـ5 ملايين قذيفة", ("بـ5 ملايين قذيفة", 5_000_000, "munition", "exact", "قذيفة", "5 ملايين")),
        # a dot before three digits parts thousands where no fraction can be meant
        ("قتل 1.200 شخص في الزلزال", ("1.200 شخص", 1200, "casualty", "exact", "شخص", "1.200")),
        ("تم بناء 10.630 وحدة سكنية", ("10.630 وحدة سكنية", 10630, "other", "exact", "وحدة سكنية", "10.630")),
        ("صدّرت 1.250.000 طن", ("1.250.000 طن", 1_250_000, "other", "exact", "طن", "1.250.000")),
        ("سعر اللتر 0.105 دينار", ("0.105 دينار", 0.105, "money", "exact", "دينار", "0.105")),  # fils
        ("بلغ 1.250 دينار", ("1.250 دينار", 1.25, "money", "exact", "دينار", "1.250")),
        ("بلغ سعر السهم 7.910 درهم", ("7.910 درهم", 7.91, "money", "exact", "درهم", "7.910")),  # a share price
        ("منذ أكثر من 2.500 عام", ("أكثر من 2.500 عام", 2500, "time", "at_least", "عام", "2.500")),
        ("نمو 2.125 في المائة", ("2.125 في المائة", 2.125, "percent", "exact", "في المائة", "2.125")),
        ("1.375 مليار دولار", ("1.375 مليار دولار", 1_375_000_000, "money", "exact", "دولار", "1.375 مليار")),
    ],
)
def test_quantity_in_a_sentence(text, expected):
    assert quantities(text) == [expected]


def test_a_range_in_dotted_thousands():
    [claim] = extract_quantities(Article(id="t", text="قتل ما بين 1.200 و1.500 شخص"))
    assert (claim.data["value_low"], claim.data["value"], claim.data["qualifier"]) == (1200, 1500, "range")


def test_reading_time_is_not_reported_even_outside_chrome():
    article = Article(id="t", text="كتبه الديسك المركزي تعليق 4 دقيقة قراءة")
    assert extract_quantities(article) == []


def test_the_noun_file_is_checked(tmp_path):
    bad = tmp_path / "nouns.csv"
    bad.write_text("noun,category\nقذيفة,bombs\n", encoding="utf-8")
    with pytest.raises(QuantityLexiconError, match="line 2"):
        load_quantity_nouns(bad)
    missing = tmp_path / "missing.csv"
    missing.write_text("word,category\nقذيفة,munition\n", encoding="utf-8")
    with pytest.raises(QuantityLexiconError, match="noun"):
        load_quantity_nouns(missing)


def test_a_user_noun_file_changes_the_category(tmp_path):
    nouns = tmp_path / "nouns.csv"
    nouns.write_text("noun,category\nتجربة نووية,weapon\nتجارب نووية,weapon\n", encoding="utf-8")
    article = Article(id="t", text="وأجرت كوريا الشمالية ست تجارب نووية منذ عام 2006")
    [span] = extract_quantities(article, load_quantity_nouns(nouns))
    assert (span.text, span.label, span.data["value"]) == ("ست تجارب نووية", "weapon", 6)
