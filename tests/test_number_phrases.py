"""Number phrases in sentences, one row per form the issue names: the sentence in, the one
quantity claim out (value, low end, qualifier, counted noun, category). Values checked by
reading the Arabic."""

import pytest

from analysis.corpus import Article
from analysis.quantities import CATEGORIES, extract_quantities

# (sentence, value, value_low or None (= value), qualifier, noun as written, category)
CASES = [
    # digits: Western, Arabic-Indic, Persian; separators; decimals
    ("أطلقت القوات 50 صاروخا على المدينة", 50, None, "exact", "صاروخا", "weapon"),
    ("أطلقت القوات ٥٠ صاروخا", 50, None, "exact", "صاروخا", "weapon"),
    ("أطلقت القوات ۵۰ صاروخا", 50, None, "exact", "صاروخا", "weapon"),
    ("تحوي 5,000 قذيفة", 5000, None, "exact", "قذيفة", "munition"),
    ("تحوي 5٬000 قذيفة", 5000, None, "exact", "قذيفة", "munition"),
    ("نقلت ١٬٢٥٠ حاوية", 1250, None, "exact", "حاوية", "container"),
    ("قطعت السفينة 2.5 ميل", 2.5, None, "exact", "ميل", "distance"),
    ("بلغت الصفقة ٢٫٥ مليار دولار", 2_500_000_000, None, "exact", "دولار", "money"),
    # number words in their gender and case forms
    ("قتل ثلاثة جنود", 3, None, "exact", "جنود", "casualty"),
    ("استمرت ثلاث سنوات", 3, None, "exact", "سنوات", "time"),
    ("أجرت ست تجارب نووية", 6, None, "exact", "تجارب نووية", "other"),
    ("وصل ستة خبراء", 6, None, "exact", "خبراء", "person"),
    ("أرسلت عشرون دبابة", 20, None, "exact", "دبابة", "weapon"),
    ("أرسلت عشرين دبابة", 20, None, "exact", "دبابة", "weapon"),
    ("سلمت ثماني طائرات", 8, None, "exact", "طائرات", "weapon"),
    ("نقل أحد عشر جنديا", 11, None, "exact", "جنديا", "person"),
    ("خلال اثني عشر شهرا", 12, None, "exact", "شهرا", "time"),
    # compounds and hundreds
    ("أطلق خمسة وعشرون صاروخا", 25, None, "exact", "صاروخا", "weapon"),
    ("أطلق خمسة و عشرين صاروخا", 25, None, "exact", "صاروخا", "weapon"),
    ("أسقطت ثلاثمائة وخمسين مسيرة", 350, None, "exact", "مسيرة", "weapon"),
    ("نقلت مئتي حاوية", 200, None, "exact", "حاوية", "container"),
    ("تضم ثلاث مئة جندي", 300, None, "exact", "جندي", "person"),
    # scale words: singular, dual, plural, after digits or words
    ("أرسلت ألف قذيفة", 1000, None, "exact", "قذيفة", "munition"),
    ("أرسلت ألفي قذيفة", 2000, None, "exact", "قذيفة", "munition"),
    ("أرسلت ألفين قذيفة", 2000, None, "exact", "قذيفة", "munition"),
    ("أرسلت 10 آلاف قذيفة", 10_000, None, "exact", "قذيفة", "munition"),
    ("أرسلت عشرة آلاف قذيفة", 10_000, None, "exact", "قذيفة", "munition"),
    ("أرسلت مليون قذيفة", 1_000_000, None, "exact", "قذيفة", "munition"),
    ("أرسلت مليوني قذيفة", 2_000_000, None, "exact", "قذيفة", "munition"),
    ("أرسلت 5 ملايين قذيفة مدفعية", 5_000_000, None, "exact", "قذيفة مدفعية", "munition"),
    ("أرسلت خمسة ملايين قذيفة مدفعية", 5_000_000, None, "exact", "قذيفة مدفعية", "munition"),
    ("بلغت المساعدات مليار يورو", 1_000_000_000, None, "exact", "يورو", "money"),
    ("بلغت المساعدات 3 مليارات دولار", 3_000_000_000, None, "exact", "دولار", "money"),
    ("بلغت الصادرات 1.5 مليون برميل", 1_500_000, None, "exact", "برميل", "other"),
    # attached prepositions
    ("وعد الاتحاد الأوروبي أوكرانيا بمليون قذيفة", 1_000_000, None, "exact", "قذيفة", "munition"),
    ("وعد بـ5 ملايين قذيفة", 5_000_000, None, "exact", "قذيفة", "munition"),
    ("تبرع بخمسة آلاف دولار", 5000, None, "exact", "دولار", "money"),
    ("سمح لعشرة مسؤولين بالسفر", 10, None, "exact", "مسؤولين", "person"),
    # halves and fractions
    ("على مدار عام ونصف", 1.5, None, "exact", "عام", "time"),
    ("انتظر ساعتين ونصف", 2.5, None, "exact", "ساعتين", "time"),
    ("نقلت مليون ونصف قذيفة", 1_500_000, None, "exact", "قذيفة", "munition"),
    ("أرسلت نصف مليون قذيفة", 500_000, None, "exact", "قذيفة", "munition"),
    ("استمرت ثلاث ساعات ونصف", 3.5, None, "exact", "ساعات", "time"),
    ("بعد ربع ساعة", 0.25, None, "exact", "ساعة", "time"),
    # duals without a number word
    ("أطلقت صاروخين باليستيين", 2, None, "exact", "صاروخين باليستيين", "weapon"),
    ("أمضى يومين في موسكو", 2, None, "exact", "يومين", "time"),
    ("ضبطت حاويتين", 2, None, "exact", "حاويتين", "container"),
    ("بقي سفينة واحدة", 1, None, "exact", "سفينة", "weapon"),
    # approximations
    ("بعد قرابة 550 يومًا من الحرب", 550, None, "approx", "يومًا", "time"),
    ("على بعد حوالي 950 ميلاً", 950, None, "approx", "ميلاً", "distance"),
    ("أرسلت نحو 3 ملايين قذيفة", 3_000_000, None, "approx", "قذيفة", "munition"),
    ("تحوي ما يقرب من 5 ملايين قذيفة مدفعية", 5_000_000, None, "approx", "قذيفة مدفعية", "munition"),
    ("نقلت 200 حاوية تقريبا", 200, None, "approx", "حاوية", "container"),
    # bounds
    ("اكتشفت ما لا يقل عن 10 آلاف حاوية شحن", 10_000, None, "at_least", "حاوية شحن", "container"),
    ("قتل أكثر من 300 شخص", 300, None, "at_least", "شخص", "casualty"),
    ("منذ أكثر من أربع سنوات", 4, None, "at_least", "سنوات", "time"),
    ("قتل أقل من 20 مدنيا", 20, None, "at_most", "مدنيا", "casualty"),
    ("ما لا يزيد عن 20 دبابة", 20, None, "at_most", "دبابة", "weapon"),
    ("قتل 10 جنود على الأقل", 10, None, "at_least", "جنود", "casualty"),
    # ranges: both ends kept
    ("أرسلت بين 300 و500 صاروخ", 500, 300, "range", "صاروخ", "weapon"),
    ("نشرت من 20 إلى 30 ألف جندي", 30_000, 20_000, "range", "جندي", "person"),
    ("أطلقت 10-15 صاروخا", 15, 10, "range", "صاروخا", "weapon"),
    ("ارتفعت الأرباح في 2013 إلى 873 مليون يورو", 873_000_000, None, "exact", "يورو", "money"),  # a year, no range
    # vague quantities, kept as vague with their order of magnitude
    ("أرسلت بيونغ يانغ عشرات الصواريخ الباليستية", 10, None, "vague", "الصواريخ الباليستية", "weapon"),
    ("أرسلت مئات الدبابات", 100, None, "vague", "الدبابات", "weapon"),
    ("فر آلاف الجنود", 1000, None, "vague", "الجنود", "person"),
    ("أنفقت ملايين الدولارات", 1_000_000, None, "vague", "الدولارات", "money"),
    ("قتل عشرات الآلاف من الجنود", 10_000, None, "vague", "الجنود", "casualty"),
    ("العشرات من حطام الصواريخ", 10, None, "vague", "حطام الصواريخ", "weapon"),
    # percentages and sums with cents
    ("زاد الإنتاج بنسبة 20 في المائة", 20, None, "exact", "في المائة", "percent"),
    ("ارتفع الإنفاق ٣٥٪ عن العام الماضي", 35, None, "exact", "٪", "percent"),
    ("دفع سبعة دولار وخمسون سنت", 7.5, None, "exact", "دولار", "money"),
    # categories of counted nouns
    ("قطع 120 كم", 120, None, "exact", "كم", "distance"),
    ("وصل وفد من حوالي 20 مسؤولاً كورياً شمالياً", 20, None, "approx", "مسؤولاً كورياً شمالياً", "person"),
    ("تحمل 40 شاحنة", 40, None, "exact", "شاحنة", "container"),
    ("فرضت عقوبات على ثلاثة كيانات", 3, None, "exact", "كيانات", "other"),
]


@pytest.mark.parametrize("sentence, value, low, qualifier, noun, category", CASES)
def test_number_phrase(sentence, value, low, qualifier, noun, category):
    [span] = extract_quantities(Article(id="t", text=sentence))
    data = span.data
    assert (data["value"], data["value_low"], data["qualifier"], data["noun"], data["category"]) == (
        pytest.approx(value),
        pytest.approx(value if low is None else low),
        qualifier,
        noun,
        category,
    )
    assert span.text == sentence[span.start : span.end] and noun in span.text


def test_the_table_covers_the_issue():
    assert len(CASES) >= 60
    assert {c[3] for c in CASES} == {"exact", "approx", "at_least", "at_most", "range", "vague"}
    assert {c[5] for c in CASES} == set(CATEGORIES)


@pytest.mark.parametrize(
    "sentence",
    [
        "في الذكرى السبعين لنهاية الحرب",  # an ordinal, not seventy
        "للمرة الأولى منذ 24",  # an ordinal word and a bare number
        "في عام 2006 أجرت تجربة",  # a year
        "الجمعة، 22 نوفمبر 2024",  # a date
        "زيارة الرصيف البحري 33، حيث",  # a pier number
        "أصدر مجلس الأمن القرار 2270",  # a resolution number
        "4 دقيقة قراءة",  # reading-time chrome
        "يناقش البلدين صفقة",  # a definite dual: "the two countries"
        "قال أحد المسؤولين",  # one of
    ],
)
def test_identifiers_are_not_quantities(sentence):
    assert extract_quantities(Article(id="t", text=sentence)) == []
