"""The lexicon reader and the matcher: name keys, nisba forms, longest match."""

import pytest

from analysis.lexicon import Entry, LexiconError, Matcher, name_key, nisba_forms, read_lexicon


def test_name_key_folds_g_and_hyphens():
    assert name_key("شويغو") == name_key("شويجو") == "شويجو"
    assert name_key("كيم جونغ-أون") == "كيم جونج اون"
    assert name_key("بيونغ   يانغ") == "بيونج يانج"


def test_nisba_forms():
    assert nisba_forms("روسي") == [
        "روسي",
        "الروسي",
        "روسيه",
        "الروسيه",
        "روسيين",
        "الروسيين",
        "روسيون",
        "الروسيون",
        "روسيات",
        "الروسيات",
    ]
    forms = nisba_forms("كوري شمالي")
    assert "الكوريه الشماليه" in forms and "كوريين شماليين" in forms and "كوريا شماليا" in forms
    assert "روسيا" not in nisba_forms("روسي")  # the country's own name


def matcher(*entries):
    return Matcher([Entry(*e) for e in entries])


def found(m, text, nisba=True):
    return [(s.text, s.label, s.data["short_form"], s.data["nisba"]) for s in m.find("t", text, "entity", nisba)]


def test_longest_alias_wins_and_names_beat_nisbas():
    m = matcher(("russia", {}, ("روسيا", "الاتحاد الروسي"), (), ("روسي",)), ("rt", {}, ("روسيا اليوم",)))
    assert found(m, "قال الاتحاد الروسي لقناة روسيا اليوم إن الجيش الروسي في روسيا") == [
        ("الاتحاد الروسي", "russia", False, False),
        ("روسيا اليوم", "rt", False, False),
        ("الروسي", "russia", False, True),
        ("روسيا", "russia", False, False),
    ]
    assert found(m, "الجيش الروسي", nisba=False) == []


def test_alias_keeps_the_lexicon_spelling_in_the_span_data():
    m = matcher(("shoigu", {}, ("سيرغي شويغو",)))
    [span] = m.find("t", "وسيرجي شويجو", "entity")
    assert span.data == {
        "alias": "سيرغي شويغو",
        "short_form": False,
        "nisba": False,
        "variant": "سيرجي شويجو",
    }  # as the text writes it, the proclitic off


def write(tmp_path, text):
    path = tmp_path / "entities.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_nisba_column_is_read_and_checked(tmp_path):
    [entry] = read_lexicon(write(tmp_path, "id,aliases,nisba\nrussia,روسيا,روسي\n"))
    assert entry.nisbas == ("روسي",)
    with pytest.raises(LexiconError, match="line 2: the nisba 'الروسية' of russia"):
        read_lexicon(write(tmp_path, "id,aliases,nisba\nrussia,روسيا,الروسية\n"))


def test_missing_aliases_is_an_error_that_names_the_line(tmp_path):
    with pytest.raises(LexiconError, match="line 3: kim has no aliases"):
        read_lexicon(write(tmp_path, "id,aliases\nputin,بوتين\nkim,\n"))


def test_bundled_lexicon_reads_and_ids_are_unique():
    from analysis.entities import ENTITIES_FILE, ENTITY_TYPES

    entries = read_lexicon(ENTITIES_FILE, ("id", "type", "name_ar", "name_en", "aliases"))
    assert len(entries) > 90
    assert {e.fields["type"] for e in entries} <= set(ENTITY_TYPES)
    assert all(not e.fields["wikidata"] or e.fields["wikidata"][0] == "Q" for e in entries)
