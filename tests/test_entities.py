"""Entity counts per seed article, each checked by reading the article."""

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from analysis.corpus import Article
from analysis.entities import extract_entities, extract_nisbas

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"

# Name mentions outside page chrome. 000 and 004 have photo captions naming Putin, Kim, Russia and
# North Korea; those are chrome and not counted.
# A place inside a longer name of an organisation or event counts for the place too (nested):
# 000 "المنتدى الاقتصادي في فلاديفوستوك" (the forum and Vladivostok: 2 Vladivostoks);
# 001 "جهاز المخابرات الوطنية في كوريا الجنوبية" (South Korea);
# 002 "برنامج روسيا وأوراسيا في تشاتام هاوس" (the programme, Russia 14 and Eurasia);
# 003 "غزو أوكرانيا" (the invasion and Ukraine: 3 Ukraines), "الأسطول الروسي في المحيط الهادئ"
#     (the fleet and the Pacific: 2);
# 004 "الحرب على أوكرانيا" (Ukraine 6), "المكتب الرئاسي في سيول" (Seoul 2).
# An organisation inside a longer name is not counted: "مجلس الأمن التابع للأمم المتحدة" is
# the Security Council, not the UN.
EXPECTED = {
    "000": {
        "vladimir_putin": 3,
        "kim_jong_un": 4,
        "sergei_shoigu": 3,
        "pyongyang": 5,
        "russia": 6,
        "north_korea": 7,
        "moscow": 5,
        "john_kirby": 3,
        "ukraine": 2,
        "us_intelligence": 2,
        "united_states": 1,
        "vladivostok": 2,
        "eastern_economic_forum": 1,
        "n_tv": 1,
        "kcna": 1,
        "russian_invasion_of_ukraine": 1,
        "covid_19_pandemic": 1,
    },
    "001": {
        "vladimir_putin": 4,
        "kim_jong_un": 6,
        "sergei_shoigu": 1,
        "pyongyang": 4,
        "russia": 11,
        "north_korea": 5,
        "moscow": 2,
        "adrienne_watson": 2,
        "john_kirby": 1,
        "white_house": 2,
        "us_national_security_council": 2,
        "south_korea_nis": 1,
        "wagner_group": 1,
        "far_eastern_federal_university": 1,
        "vladivostok": 2,
        "south_korea": 1,
    },
    "002": {
        "vladimir_putin": 1,
        "kim_jong_un": 7,
        "sergei_shoigu": 1,
        "pyongyang": 5,
        "russia": 14,
        "eurasia": 1,
        "north_korea": 11,
        "moscow": 5,
        "jake_sullivan": 3,
        "dmitry_peskov": 1,
        "kremlin": 2,
        "keir_giles": 1,
        "chatham_house": 1,
        "chatham_house_russia_eurasia": 1,
        "andrei_lankov": 1,
        "kookmin_university": 1,
        "seoul": 1,
        "china": 1,
        "un_security_council": 1,
        "reuters": 1,
        "soviet_union": 1,
        "north_korea_defence_ministry": 1,
    },
    "003": {
        "vladimir_putin": 6,
        "kim_jong_un": 14,
        "sergei_shoigu": 5,
        "pyongyang": 5,
        "russia": 5,
        "north_korea": 6,
        "moscow": 7,
        "vladivostok": 6,
        "kcna": 2,
        "interfax": 1,
        "yonhap": 1,
        "south_korea_nis": 1,
        "new_york_times": 2,
        "russian_pacific_fleet": 1,
        "vostochny_cosmodrome": 1,
        "korean_war": 1,
        "kremlin": 1,
        "ukraine": 3,
        "russian_invasion_of_ukraine": 1,
        "pacific_ocean": 2,
    },
    "004": {
        "vladimir_putin": 7,
        "kim_jong_un": 2,
        "sergei_shoigu": 0,
        "pyongyang": 5,
        "russia": 11,
        "north_korea": 7,
        "moscow": 1,
        "dmitry_peskov": 1,
        "ukraine": 6,
        "seoul": 2,
        "south_korea": 1,
        "kurt_campbell": 1,
        "cheong_seong_chang": 1,
        "sejong_institute": 1,
        "south_korea_presidential_office": 1,
        "daily_express": 1,
        "european_union": 1,
    },
}

# Nisba adjectives, counted by reading:
# 000: التقارب الروسي، المخزون الروسي، وزير الدفاع الروسي (twice)، الرئيس الروسي، الجيش الروسي;
#      الزعيم الكوري الشمالي (three times); "إن تي في" الألماني; and inside longer names (nested):
#      الحرب الروسية الأوكرانية (Russia, Ukraine)، المخابرات الأمريكية، بمجلس الأمن القومي الأمريكي،
#      وكالات المخابرات الأمريكية.
# 001: الرئيس الروسي، وزير الدفاع الروسي، فلاديفوستوك الروسية، "فاغنر" الروسية؛ نظيره الكوري الشمالي؛
#      التصريحات الأمريكية، "نيويورك تايمز" الأمريكية، مصادر أمريكية، معلومات استخباراتية أمريكية،
#      مجلس الأمن القومي الأمريكي (nested)؛
#      العقوبات الأممية.
# 004: المسؤولين الأمريكيين والكوريين الجنوبيين، نائب وزير الخارجية الأمريكي، وزير الدفاع الكوري
#      الجنوبي، الدعم العسكري الكوري الشمالي، العاصمة الكورية الشمالية، أسلحة كورية شمالية،
#      ديلي إكسبريس البريطانية.
EXPECTED_NISBAS = {
    "000": {"russia": 7, "north_korea": 3, "germany": 1, "ukraine": 1, "united_states": 3},
    "001": {"russia": 4, "north_korea": 1, "united_states": 5, "united_nations": 1},
    "004": {"united_states": 2, "south_korea": 2, "north_korea": 3, "united_kingdom": 1},
}


def article(seeds, prefix):
    return next(a for k, a in seeds.items() if k.startswith(prefix))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_main_actor_counts(seeds, prefix):
    counts = Counter(s.label for s in extract_entities(article(seeds, prefix)))
    assert {key: counts[key] for key in EXPECTED[prefix]} == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED_NISBAS))
def test_nisba_counts(seeds, prefix):
    counts = Counter(s.label for s in extract_nisbas(article(seeds, prefix)))
    assert dict(counts) == EXPECTED_NISBAS[prefix]


def test_nisbas_come_on_top_of_the_names_when_asked(seeds):
    a = article(seeds, "000")
    names = extract_entities(a)
    both = extract_entities(a, nisba=True)
    assert [s for s in both if not s.data["nisba"]] == names
    assert len(both) - len(names) == 15
    assert all(s.data["nisba"] is False for s in names)


def test_spans_point_into_the_original_text(seeds):
    for a in seeds.values():
        for span in extract_entities(a, nisba=True):
            assert a.text[span.start : span.end] == span.text


def entities_in(text, nisba=False):
    return [(s.text, s.label) for s in extract_entities(Article("t", text), nisba=nisba)]


def test_spelling_variants_merge_into_one_entity():
    assert entities_in("كيم جونغ أون وكيم جونج أون وكيم يونج أون") == [
        ("كيم جونغ أون", "kim_jong_un"),
        ("وكيم جونج أون", "kim_jong_un"),
        ("وكيم يونج أون", "kim_jong_un"),
    ]
    assert entities_in("بيونغ يانغ ثم بيونج يانج") == [("بيونغ يانغ", "pyongyang"), ("بيونج يانج", "pyongyang")]


def test_g_written_with_jeem_or_ghain_is_one_name():
    # Only "سيرغي شويغو" and "بيونغ يانغ" are in the lexicon; the ج spellings come from the name key.
    assert entities_in("التقى سيرجي شويجو في بيونج يانج، ثم قال شويجو") == [
        ("سيرجي شويجو", "sergei_shoigu"),
        ("بيونج يانج", "pyongyang"),
        ("شويجو", "sergei_shoigu"),
    ]
    assert entities_in("مدير معهد سيجونج تشيونج سيونج تشانج") == [
        ("معهد سيجونج", "sejong_institute"),
        ("تشيونج سيونج تشانج", "cheong_seong_chang"),
    ]
    assert entities_in("زار بوتين بيونج يونج وبيونغ-يانغ") == [
        ("بوتين", "vladimir_putin"),
        ("بيونج يونج", "pyongyang"),
        ("وبيونغ-يانغ", "pyongyang"),
    ]


def test_the_name_key_finds_only_transliterated_names_in_the_seeds(seeds):
    """Every seed hit that needs the ج/غ folding (no alias is written that way) is a foreign name."""
    from analysis.entities import entity_matcher
    from analysis.text import normalized_key

    matcher = entity_matcher()
    written = {normalized_key(a) for e in matcher.entries.values() for a in e.aliases + e.short_forms}
    folded = set()
    for a in seeds.values():
        for span in extract_entities(a):
            surface = " ".join(normalized_key(span.text).replace("-", " ").split())
            if not any(
                surface == w
                or surface[:2].strip("وفبكل") == ""
                and surface.endswith(w)
                or surface[:1] in "وفبكل"
                and surface[1:] == w
                for w in written
            ):
                folded.add(surface)
    assert folded == {
        "سيرجي شويجو",
        "شويجو",
        "بيونج يانج",
        "وبيونج يانج",
        "بيونج يونج",
        "كيم يونج اون",
        "كيم جونج اون",
        "تشيونج سيونج تشانج",
        "معهد سيجونج",
    }


def test_ordinary_words_with_jeem_or_ghain_are_left_alone():
    assert entities_in("جاء الجيش وغادر بعد الغزو، وجرى الحديث عن مجلس الأمن الغربي") == []


def test_proclitics_and_the_article():
    assert entities_in("وبيونج يانج، لروسيا، للولايات المتحدة، وبالكرملين") == [
        ("وبيونج يانج", "pyongyang"),
        ("لروسيا", "russia"),
        ("للولايات المتحدة", "united_states"),
        ("وبالكرملين", "kremlin"),
    ]


def test_longest_name_wins_over_the_shorter_one_inside_it():
    assert entities_in("مجلس الأمن التابع للأمم المتحدة") == [
        ("مجلس الأمن التابع للأمم المتحدة", "un_security_council")
    ]
    assert entities_in("قالت قناة روسيا اليوم") == [("روسيا اليوم", "rt")]


def test_short_form_counts_only_after_the_full_name_is_in_the_article():
    assert entities_in("وصل كيم إلى موسكو") == [("موسكو", "moscow")]
    assert entities_in("قال كيم جونغ أون إن كيم سيسافر") == [("كيم جونغ أون", "kim_jong_un"), ("كيم", "kim_jong_un")]
    assert entities_in("وتابع كيم جونغ أون: لقد وعد كيم") == [("كيم جونغ أون", "kim_jong_un"), ("كيم", "kim_jong_un")]


def test_a_short_form_never_takes_part_of_a_longer_name():
    # Kim Yo Jong and Kim Il Sung are in the lexicon; Kim Yong Chol is not, and his "كيم"
    # is not Kim Jong Un's either, because "يونج" goes on a longer Korean name.
    assert entities_in("كيم جونغ أون وشقيقته كيم يو جونغ وجده كيم إيل سونغ") == [
        ("كيم جونغ أون", "kim_jong_un"),
        ("كيم يو جونغ", "kim_yo_jong"),
        ("كيم إيل سونغ", "kim_il_sung"),
    ]
    assert entities_in("كيم جونغ أون عيّن كيم يونغ تشول") == [("كيم جونغ أون", "kim_jong_un")]


def test_surname_after_the_full_name():
    assert entities_in("قال فلاديمير بوتين إن روسيا ستساعد، وأضاف بوتين") == [
        ("فلاديمير بوتين", "vladimir_putin"),
        ("روسيا", "russia"),
        ("بوتين", "vladimir_putin"),
    ]


def test_nisba_adjectives_are_not_the_country_by_default():
    assert entities_in("الزعيم الكوري الشمالي والجيش الروسي") == []


def test_nisba_adjectives_on_request_longest_first():
    spans = extract_entities(Article("t", "الزعيم الكوري الشمالي والجيش الروسي والرئيس الكوري الجنوبي"), nisba=True)
    assert [(s.text, s.label, s.data["nisba"]) for s in spans] == [
        ("الكوري الشمالي", "north_korea", True),
        ("الروسي", "russia", True),
        ("الكوري الجنوبي", "south_korea", True),
    ]


def test_nisba_inflections():
    assert entities_in(
        "مسؤولون أميركيون ومصادر أمريكية والمسؤولين الكوريين الجنوبيين وأسلحة كورية شمالية "
        "ومسؤولاً كورياً شمالياً وطائرة روسية الصنع وللقوات الأوكرانية والموقف الصيني",
        nisba=True,
    ) == [
        ("أميركيون", "united_states"),
        ("أمريكية", "united_states"),
        ("الكوريين الجنوبيين", "south_korea"),
        ("كورية شمالية", "north_korea"),
        ("كورياً شماليا", "north_korea"),
        ("روسية", "russia"),  # a final tanween is left outside
        ("الأوكرانية", "ukraine"),
        ("الصيني", "china"),
    ]


def test_a_name_that_contains_a_nisba_stays_one_name_with_its_adjectives_inside():
    assert entities_in("الحرب الروسية الأوكرانية ومجلس الأمن القومي الأمريكي") == [
        ("الحرب الروسية الأوكرانية", "russian_invasion_of_ukraine"),
        ("ومجلس الأمن القومي الأمريكي", "us_national_security_council"),
    ]
    assert entities_in("الحرب الروسية الأوكرانية ومجلس الأمن القومي الأمريكي", nisba=True) == [
        ("الحرب الروسية الأوكرانية", "russian_invasion_of_ukraine"),
        ("الروسية", "russia"),
        ("الأوكرانية", "ukraine"),
        ("ومجلس الأمن القومي الأمريكي", "us_national_security_council"),
        ("الأمريكي", "united_states"),
    ]


def test_a_place_inside_a_longer_name_counts_for_the_place():
    assert entities_in("دافع عن قرار غزو أوكرانيا على هامش المنتدى الاقتصادي في فلاديفوستوك") == [
        ("غزو أوكرانيا", "russian_invasion_of_ukraine"),
        ("أوكرانيا", "ukraine"),
        ("المنتدى الاقتصادي في فلاديفوستوك", "eastern_economic_forum"),
        ("فلاديفوستوك", "vladivostok"),
    ]
    # a place inside a place's name, an organisation inside an organisation's, a media name: one each
    assert entities_in("جنوب أفريقيا وأمريكا اللاتينية ومجلس الأمن التابع للأمم المتحدة وقناة روسيا اليوم") == [
        ("جنوب أفريقيا", "south_africa"),
        ("وأمريكا اللاتينية", "latin_america"),
        ("ومجلس الأمن التابع للأمم المتحدة", "un_security_council"),
        ("روسيا اليوم", "rt"),
    ]


def test_a_phrase_that_is_no_name_hides_the_name_in_it():
    assert entities_in("بعد صلاة المغرب في مسقط رأسه، ثم زار المغرب ومسقط") == [
        ("المغرب", "morocco"),
        ("ومسقط", "muscat"),
    ]


def test_a_one_word_name_in_ta_marbuta_needs_the_ta_marbuta():
    assert entities_in("وجده كيم إيل سونغ، ثم وصل إلى جدة ثم غزة") == [
        ("كيم إيل سونغ", "kim_il_sung"),
        ("جدة", "jeddah"),
        ("غزة", "gaza_strip"),
    ]


def test_one_word_accusative_is_the_country_not_an_adjective():
    # "روسياً" (Russian, accusative) is written like "روسيا"; it stays the country's name.
    assert entities_in("سافر إلى روسيا", nisba=True) == [("روسيا", "russia")]


def test_a_media_name_alone_in_quotation_marks_is_the_medium():
    # "لـ«الشرق الأوسط»" is the newspaper; "في الشرق الأوسط" the region. «الجزيرة» is the channel
    # or the Saudi daily: neither is guessed.
    assert entities_in('قال لـ«الشرق الأوسط» إن الرياض، وفق «الرياض» و"الوطن" و“المدينة”، في الشرق الأوسط') == [
        ("الشرق الأوسط", "aawsat"),
        ("الرياض", "riyadh"),
        ("الرياض", "alriyadh"),
        ("الوطن", "alwatan"),
        ("المدينة", "almadina"),
        ("الشرق الأوسط", "middle_east"),
    ]
    assert entities_in("قال لـ«الجزيرة»") == []


@pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="needs ../shared/data/saudinewsnet")
def test_asharq_al_awsat_quoted_in_its_own_articles_is_the_newspaper_not_the_region():
    # Read by hand: article 107 of 21 July 2015 (aawsat.com) says "وفي حديث لـ«الشرق الأوسط»" once
    # and names the region twice ("أنحاء الشرق الأوسط", "في الشرق الأوسط"); 109 ends
    # "خاص بـ«الشرق الأوسط»" after five regions and two «واشنطن بوست».
    with zipfile.ZipFile(SAUDINEWSNET / "2015-07-21.zip") as archive:
        day = json.loads(archive.read("2015-07-21.json"))
    for number, newspaper, region in ((107, 1, 2), (109, 1, 5)):
        found = Counter(s.label for s in extract_entities(Article(str(number), day[number]["content"])))
        assert (found["aawsat"], found["middle_east"]) == (newspaper, region)
    assert found["washington_post"] == 2
