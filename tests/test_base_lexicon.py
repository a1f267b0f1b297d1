"""The base lexicon: every CLDR territory with its nisba, cities, organisations, leaders and
armed groups, under the story lexicon; checked on real sentences."""

from analysis.base_lexicon import BASE_FILE, derive_nisba, render, territory_rows
from analysis.corpus import Article
from analysis.entities import entity_matcher, extract_entities


def entities_in(text, nisba=False):
    return [(s.text, s.label) for s in extract_entities(Article("t", text), nisba=nisba)]


def test_the_committed_file_is_what_the_generator_writes():
    assert BASE_FILE.read_text(encoding="utf-8") == render(territory_rows())


def test_every_country_is_there_with_its_iso_code():
    rows = {r["iso"]: r for r in territory_rows()}
    assert len(rows) > 280
    assert rows["SA"]["id"] == "saudi_arabia" and "السعودية" in rows["SA"]["aliases"].split("|")
    assert rows["YE"]["name_ar"] == "اليمن" and rows["YE"]["nisba"] == "يمني"
    assert "001" not in rows and "ZZ" not in rows  # the world and "unknown region" are no place


def test_nisba_by_rule_where_the_name_is_regular():
    assert [
        derive_nisba(n)
        for n in (
            "روسيا",
            "فرنسا",
            "العراق",
            "مصر",
            "لبنان",
            "باكستان",
            "البحرين",
            "كوريا الشمالية",
            "جنوب أفريقيا",
            "غويانا الفرنسية",
            "موناكو",
        )
    ] == ["روسي", "فرنسي", "عراقي", "مصري", "لبناني", "باكستاني", "بحريني", "كوري شمالي", "", "", ""]
    rows = {r["iso"]: r for r in territory_rows()}
    # irregular ones come from data/territory_overrides.csv
    assert rows["AF"]["nisba"] == "أفغاني" and rows["AT"]["nisba"] == "نمساوي"
    assert rows["ML"]["nisba"] == "" and "مالي" not in rows["ML"]["aliases"].split("|")  # "الدعم المالي"


def test_a_saudi_news_sentence_finds_its_actors():
    text = (
        "أكد خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز أن المملكة العربية السعودية ستواصل دعم "
        "الشرعية في اليمن، فيما قصفت قوات التحالف مواقع ميليشيا الحوثي في صنعاء وعدن، "
        "وأدان مجلس التعاون الخليجي هجمات داعش على مسجد في الكويت."
    )
    assert [label for _, label in entities_in(text)] == [
        "king_salman",
        "saudi_arabia",
        "yemen",
        "arab_coalition_yemen",
        "houthis",
        "sanaa",
        "aden",
        "gcc",
        "isis",
        "kuwait",
    ]


def test_the_several_names_of_one_armed_group_are_one_entity():
    assert {label for _, label in entities_in("تنظيم الدولة الإسلامية وداعش والدولة الإسلامية")} == {"isis"}
    assert {label for _, label in entities_in("الحوثيون وجماعة أنصار الله والمتمردين الحوثيين")} == {"houthis"}
    assert entities_in("الميليشيات الحوثية", nisba=True) == [("الميليشيات الحوثية", "houthis")]


def test_the_story_lexicon_stays_on_top():
    entries = entity_matcher().entries
    # data/entities.csv's row for the UK (its aliases and names) replaces the generated one
    assert entries["united_kingdom"].fields["name_ar"] == "بريطانيا"
    assert "iso" not in entries["united_kingdom"].fields or not entries["united_kingdom"].fields.get("iso")
    assert entries["saudi_arabia"].fields["iso"] == "SA"
    assert entities_in("قال الرئيس الروسي فلاديمير بوتن") == [("فلاديمير بوتن", "vladimir_putin")]


def test_the_kingdom_alone_is_saudi_arabia_only_where_the_article_names_it():
    assert entities_in("وصل إلى المملكة") == []
    assert entities_in("زار السعودية، وقال إن المملكة") == [("السعودية", "saudi_arabia"), ("المملكة", "saudi_arabia")]
    assert entities_in("المملكة المتحدة") == [("المملكة المتحدة", "united_kingdom")]
