"""Events labelled by what happened, on the seed articles: actors from the entities of the
dated sentence, key words from its text, never a reporting verb or a date word."""

import pytest

from analysis.corpus import load_bundled
from analysis.events import event_labels, key_words
from analysis.pipeline import analyze
from analysis.story import event_points


@pytest.fixture(scope="module")
def labelled():
    tables = analyze(load_bundled().articles).names_only()
    points = event_points(tables.events)
    names = dict(zip(tables.mentions["entity"], tables.mentions["name_ar"]))
    return points.merge(event_labels(points, names), on="event"), names


def test_every_event_has_a_label_from_its_own_sentence(labelled):
    points, names = labelled
    assert points["label"].str.len().gt(0).all()
    for row in points.itertuples():
        assert set(row.actors) <= {names[e] for e in row.entities}
        assert all(word in row.sentence for word in row.words)  # as written in the sentence


def test_the_nuclear_tests_of_2006_read_as_such(labelled):
    points, _ = labelled
    tests = points[points["sentence"].str.contains("تجارب نووية")]
    assert len(tests) == 1
    assert "تجارب" in tests["words"].iat[0] and "نووية" in tests["words"].iat[0]
    assert tests["actors"].iat[0] == ("كوريا الشمالية",)


def test_reporting_verbs_dates_and_names_are_not_key_words():
    sentences = [
        "وقال الكرملين يوم الثلاثاء إن بوتين سيلتقي كيم في فلاديفوستوك لبحث صفقة أسلحة",
        "قالت صحيفة نيويورك تايمز في سبتمبر الماضي إن الزيارة مرتقبة",
    ]
    words = key_words(
        sentences,
        {"kremlin": "الكرملين", "putin": "بوتين", "kim": "كيم", "vladivostok": "فلاديفوستوك", "nyt": "نيويورك تايمز"},
        top=4,
    )
    flat = {w for ws in words for w in ws}
    assert not flat & {"وقال", "قالت", "الثلاثاء", "سبتمبر", "الماضي", "الكرملين", "بوتين", "صحيفة", "تايمز"}
    assert "صفقة" in words[0] and "أسلحة" in words[0]
