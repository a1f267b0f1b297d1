"""Numbers of any story, not only an arms deal: the failure classes of issue 15, each as news
sentences of the shape they come in (an attack's casualties, an earthquake's magnitude, money,
percentages), with the claims a careful reader lists."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.corpus import Article
from analysis.quantities import (
    CASUALTY_KINDS,
    QuantityLexiconError,
    extract_quantities,
    figure_track,
    load_quantity_nouns,
    same_thing_claims,
)
from analysis.quotes import clause_end
from analysis.text import sentence_bounds
from analysis.weapons import extract_weapons, weapon_class


def claims(text: str) -> list[tuple]:
    """(value, noun as written, category, casualty kind, qualifier) of each claim, in text order."""
    return [
        (s.data["value"], s.data["noun"], s.label, s.data["casualty"], s.data["qualifier"])
        for s in extract_quantities(Article(id="t", text=text))
    ]


CASES = {
    "brackets": [
        (
            "أسفر الهجوم عن استشهاد (12) وإصابة (40) آخرين.",
            [(12, "استشهاد", "casualty", "killed", "exact"), (40, "آخرين", "casualty", "injured", "exact")],
        ),
        (
            "وأصيب عشرون شخصا، (7) منهم في حالة حرجة.",
            [(20, "شخصا", "casualty", "injured", "exact"), (7, "منهم", "person", "", "exact")],
        ),
        ("ما يزيد على (000ر22) حاج من أنحاء العالم.", [(22_000, "حاج", "person", "", "at_least")]),
    ],
    "counts that look like years": [
        (
            "ارتفع عدد المصابين في الزلزال إلى 1950 مصابا و2040 وفاة.",
            [(1950, "مصابا", "casualty", "injured", "exact"), (2040, "وفاة", "casualty", "killed", "exact")],
        ),
        ("وقع الزلزال الأعنف في عام 1950 ودمر المدينة.", []),
        ("وفي 2015 قتل 32 شخصا في سروج.", [(32, "شخصا", "casualty", "killed", "exact")]),
    ],
    "the counted noun before the number": [
        (
            "أدى التفجير إلى مقتل 9 وإصابة 21 من المصلين.",
            [(9, "مقتل", "casualty", "killed", "exact"), (21, "المصلين", "casualty", "injured", "exact")],
        ),
        (
            "ارتفع عدد القتلى إلى 300 وعدد المصابين إلى 800.",
            [(300, "القتلى", "casualty", "killed", "exact"), (800, "المصابين", "casualty", "injured", "exact")],
        ),
        ("وأصيب 5 بجروح طفيفة في الحادث.", [(5, "أصيب", "casualty", "injured", "exact")]),
    ],
    "X من group": [
        (
            "قتل عشرة من رجال الأمن و12 من منسوبي الشرطة، وأصيب ثلاثة منهم بجروح.",
            [
                (10, "رجال الأمن", "casualty", "killed", "exact"),
                (12, "منسوبي الشرطة", "casualty", "killed", "exact"),
                (3, "منهم", "casualty", "injured", "exact"),
            ],
        ),
    ],
    "decimals": [
        ("ضرب زلزال بلغت قوته 7ر5 درجات على مقياس ريختر.", [(5.7, "درجات", "other", "", "exact")]),
        ("وانخفضت الصادرات إلى 935ر6 مليون برميل يوميًا.", [(6_935_000, "برميل يوميًا", "other", "", "exact")]),
        ("وبلغت قوة الهزة (5,9 درجات) بحسب المرصد.", [(5.9, "درجات", "other", "", "exact")]),
        ("وقال المرصد إن الهزة بلغت شدتها 6.9 درجة.", [(6.9, "درجة", "other", "", "exact")]),
    ],
    "the counted noun is a noun": [
        ("ضبطت السلطات 12 حاوية تحتوي على أسلحة مهربة.", [(12, "حاوية", "container", "", "exact")]),
        (
            "وتوزع الضحايا بين 500 في العاصمة و300 بإقليم الشمال.",
            [(500, "الضحايا", "casualty", "killed", "exact"), (300, "الضحايا", "casualty", "killed", "exact")],
        ),
        ("قال الشيخ أبو قرنين إن الوضع مستقر.", []),
    ],
    "people nouns in every form": [
        (
            "سقط 15 قتيلاً و30 مصاباً و20 شهيداً في القصف.",
            [
                (15, "قتيلاً", "casualty", "killed", "exact"),
                (30, "مصاباً", "casualty", "injured", "exact"),
                (20, "شهيداً", "casualty", "killed", "exact"),
            ],
        ),
        (
            "وأحصت السلطات 40 مصابين و25 ضحايا و3000 نازحين و12 مفقودين.",
            [
                (40, "مصابين", "casualty", "injured", "exact"),
                (25, "ضحايا", "casualty", "killed", "exact"),
                (3000, "نازحين", "casualty", "displaced", "exact"),
                (12, "مفقودين", "casualty", "missing", "exact"),
            ],
        ),
        ("واعتقلت الشرطة 25 مشتبها به.", [(25, "مشتبها", "casualty", "arrested", "exact")]),
        ("وسجلت الوزارة 12 إصابة جديدة بفيروس كورونا.", [(12, "إصابة", "casualty", "infected", "exact")]),
        ("فجر الانتحاري حزامه الناسف وسط 40 مصليا.", [(40, "مصليا", "person", "", "exact")]),
    ],
    "attributes are not claims": [
        ("وأطلق المسلحون 3 قذائف هاون من عيار 120 ملم.", [(3, "قذائف هاون", "munition", "", "exact")]),
        ("دمرت الغارات مئات مصانع الذخيرة في المنطقة.", [(100, "مصانع الذخيرة", "other", "", "vague")]),
    ],
    "qualifiers": [
        ("تجاوزت الحصيلة 300 قتيل في الزلزال.", [(300, "قتيل", "casualty", "killed", "at_least")]),
        (
            "تجاوز عدد النازحين 2000 نازح، فيما يزيد على 500 جريح.",
            [(2000, "نازح", "casualty", "displaced", "at_least"), (500, "جريح", "casualty", "injured", "at_least")],
        ),
        ("وفاق عدد الجرحى 100 جريح.", [(100, "جريح", "casualty", "injured", "at_least")]),
        (
            "وسقط قرابة 200 قتيل وزهاء 400 جريح.",
            [(200, "قتيل", "casualty", "killed", "approx"), (400, "جريح", "casualty", "injured", "approx")],
        ),
    ],
    "quote marks and tatweel around digits": [
        ("نشرت البلاد نحو “ 8 ” آلاف جندي على الحدود.", [(8000, "جندي", "person", "", "approx")]),
        ('وأصيب "25" جنديا في الهجوم.', [(25, "جنديا", "casualty", "injured", "exact")]),
        ("وخصصت الحكومة 3ـ مليارات ريال للإعمار.", [(3_000_000_000, "ريال", "money", "", "exact")]),
    ],
    "post-age chrome": [
        ("عاجل: انفجار في العاصمة منذ 35 دقيقة", []),
        ("منذ 3 ساعات\nقتل 5 أشخاص في انفجار.", [(5, "أشخاص", "casualty", "killed", "exact")]),
    ],
    "lost: a team's players, people's lives, the missing": [
        (
            "فقد التعاون خمسة لاعبين أساسيين بسبب الإصابات قبل مواجهة الهلال.",
            [(5, "لاعبين أساسيين", "person", "", "exact")],
        ),
        ("فقد 12 شخصا حياتهم في انهيار المبنى.", [(12, "شخصا", "casualty", "killed", "exact")]),
        ("وفقد ثلاثة أطفال أرواحهم غرقا.", [(3, "أطفال", "casualty", "killed", "exact")]),
        ("فقد في الحادث 12 شخصا.", [(12, "شخصا", "casualty", "missing", "exact")]),
    ],
    "money and percentages": [
        ("وقدرت الخسائر بـ 5ر2 مليار ريال.", [(2_500_000_000, "ريال", "money", "", "exact")]),
        ("وانخفض معدل البطالة إلى 11.6 في المائة.", [(11.6, "في المائة", "percent", "", "exact")]),
    ],
}


@pytest.mark.parametrize(
    "text,expected",
    [case for cases in CASES.values() for case in cases],
    ids=[f"{kind}-{i}" for kind, cases in CASES.items() for i in range(len(cases))],
)
def test_news_sentence(text, expected):
    assert claims(text) == expected


def test_a_running_toll_is_marked():
    spans = extract_quantities(
        Article(
            id="t", text="ارتفعت حصيلة ضحايا الزلزال حتى الآن إلى 2000 قتيل و5000 مصاب. وكانت الحصيلة الأولى 300 قتيل."
        )
    )
    assert [(s.data["value"], s.data["running"]) for s in spans] == [(2000, True), (5000, True), (300, False)]


def test_spans_hold_their_brackets_and_point_into_the_text():
    text = "أسفر الهجوم عن استشهاد (12) وإصابة (40) آخرين."
    spans = extract_quantities(Article(id="t", text=text))
    assert [s.text for s in spans] == ["استشهاد (12)", "(40) آخرين"]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_weapons_of_attacks_have_classes():
    text = "فجر انتحاري حزاما ناسفا في المسجد، وعثر على أحزمة ناسفة وعبوة ناسفة وسيارة مفخخة."
    assert [s.label for s in extract_weapons(Article(id="t", text=text))] == [
        "explosive_belts",
        "explosive_belts",
        "ieds",
        "car_bombs",
    ]
    assert weapon_class("عبوات ناسفة") == "ieds"
    assert weapon_class("صواريخ فضائية") == "satellite_technology"  # space launch rockets are no missiles
    [rockets] = extract_quantities(Article(id="t", text="وأطلقت الدولة ثلاثة صواريخ فضائية تحمل أقمارا صناعية."))
    assert (rockets.label, rockets.data["weapon"]) == ("other", "satellite_technology")


def test_a_decimal_point_ends_no_sentence_or_quote_clause():
    text = "وقال المرصد إن الهزة بلغت شدتها 6.9 درجة. وأضاف أن لا ضحايا."
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "وقال المرصد إن الهزة بلغت شدتها 6.9 درجة.",
        "وأضاف أن لا ضحايا.",
    ]
    assert text[: clause_end(text, 0)] == "وقال المرصد إن الهزة بلغت شدتها 6.9 درجة"


def test_every_casualty_noun_has_a_kind(tmp_path):
    lexicon = load_quantity_nouns()
    assert set(lexicon.kinds.values()) <= set(CASUALTY_KINDS)
    assert all(lexicon.kinds.get(n) for n, c in lexicon.categories.items() if c == "casualty")
    bad = tmp_path / "nouns.csv"
    bad.write_text("noun,category,casualty\nجريح,casualty,\n", encoding="utf-8")
    with pytest.raises(QuantityLexiconError, match="line 2: a casualty noun needs a casualty kind"):
        load_quantity_nouns(bad)


# ---------------------------------------------------------------- the same count across articles

TOLL = [  # (outlet, day, text): a bombing's toll rising over three days, told by two outlets
    ("الرياض", date(2015, 7, 20), "قالت وزارة الداخلية إن انفجارا في بلدة سروج أسفر عن مقتل 27 شخصا وإصابة 100 آخرين."),
    ("عكاظ", date(2015, 7, 20), "أوقع التفجير الانتحاري 28 قتيلا على الأقل ونحو 100 جريح."),
    ("الرياض", date(2015, 7, 21), "ارتفعت حصيلة ضحايا التفجير إلى 31 قتيلا."),
    (
        "عكاظ",
        date(2015, 7, 22),
        "وأوضح رئيس الوزراء أن حصيلة الهجوم ارتفعت إلى 32 قتيلا، وأن 104 جرحى ما زالوا في المستشفيات.",
    ),
    ("عكاظ", date(2015, 7, 22), "وأنفقت البلدية 5 ملايين ليرة على الإعمار."),
]


@pytest.fixture(scope="module")
def toll_claims() -> pd.DataFrame:
    rows = []
    for i, (outlet, day, text) in enumerate(TOLL):
        for s in extract_quantities(Article(id=f"a{i}", text=text, outlet=outlet, published=day)):
            rows.append(
                {
                    "article": s.article,
                    "outlet": outlet,
                    "published": pd.Timestamp(day),
                    "start": s.start,
                    "text": s.text,
                    "sentence": text,
                    **{
                        k: s.data[k]
                        for k in (
                            "value",
                            "value_low",
                            "noun",
                            "category",
                            "qualifier",
                            "weapon",
                            "casualty",
                            "running",
                        )
                    },
                }
            )
    return pd.DataFrame(rows)


def test_tolls_are_compared_first_by_what_they_count(toll_claims):
    same = same_thing_claims(toll_claims)
    assert list(dict.fromkeys(same["thing"])) == ["casualty:killed", "casualty:injured"]  # one ليرة claim: no group
    killed = same[same["thing"] == "casualty:killed"]
    assert sorted(killed["value"]) == [27, 28, 31, 32]
    assert set(killed["thing_ar"]) == {"القتلى"} and set(killed["thing_en"]) == {"killed"}
    assert sorted(same[same["thing"] == "casualty:injured"]["value"]) == [100, 100, 104]


def test_a_figure_tracked_in_publication_order(toll_claims):
    track = figure_track(same_thing_claims(toll_claims), "casualty:killed")
    assert list(track["value"]) == [27, 28, 31, 32]  # rising, day by day
    assert list(track["outlet"]) == ["الرياض", "عكاظ", "الرياض", "عكاظ"]
    assert list(track["order"]) == [1, 2, 3, 4]
    assert track["sentence"].iloc[-1].startswith("وأوضح رئيس الوزراء")  # each point keeps its sentence
    assert figure_track(same_thing_claims(toll_claims), "nothing").empty
