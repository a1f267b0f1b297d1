"""The fast paths of analysis.quantities give what the plain ones give: the RE2 pre-scan finds
exactly the number matches of a plain regex scan; the cheap tests before the qualifier and
label patterns let every qualifier and label through."""

import json
import zipfile
from pathlib import Path

import pytest

from analysis.corpus import Article, load_bundled
from analysis.quantities import (
    _LABEL_NOUNS,
    _QUALIFIERS_BEFORE,
    _YEAR_WORDS,
    MONTHS,
    _number_matches,
    extract_quantities,
    load_quantity_nouns,
)
from analysis.text import normalize

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"


def both_scans(text: str) -> tuple[list, list]:
    """(span, groups) of every match: the plain finditer, then the RE2-guided scan."""
    lexicon = load_quantity_nouns()
    plain = [(m.span(), m.groupdict()) for m in lexicon.numbers.finditer(text)]
    guided = [(m.span(), m.groupdict()) for m in _number_matches(text, lexicon)]
    return plain, guided


@pytest.mark.parametrize(
    "text",
    [
        "بخمسة ملايين قذيفة",  # a proclitic at the very start of the text
        "أطلقت 5 صواريخ و صاروخين",  # digits, then a dual noun at the very end
        "بين 300 و500 جندي، 5،6 و7-8",  # numbers a comma or a dash apart
        "x5 ب5 2019م ٣٫٥ 10:30 ست ستكون",  # digits inside words, a clock time, a word "ست" starts
        "5\ud83d صواريخ \ud83d7",  # a lone surrogate (a broken emoji) beside digits
        "العشرات من الآلاف ونصف مليون",
    ],
)
def test_same_matches_on_hard_cases(text):
    plain, guided = both_scans(normalize(text))
    assert guided == plain


def test_finds_digits_and_duals():
    _, guided = both_scans(normalize("أطلقت 5 صواريخ و صاروخين"))
    assert [groups["num"] for _, groups in guided] == ["5", "صاروخين"]


def test_same_matches_on_the_seed_articles():
    for article in load_bundled().articles:
        plain, guided = both_scans(normalize(article.text))
        assert plain and guided == plain


def test_same_matches_on_a_day_of_saudinewsnet():
    days = sorted(SAUDINEWSNET.glob("*.zip"))
    if not days:
        pytest.skip(f"SaudiNewsNet is not at {SAUDINEWSNET}")
    with zipfile.ZipFile(days[-1]) as archive:  # the last day: not the days the benchmarks read
        texts = [r["content"] for name in archive.namelist() for r in json.loads(archive.read(name))]
    total = 0
    for text in texts:
        plain, guided = both_scans(normalize(text))
        assert guided == plain
        total += len(plain)
    assert total > 1000  # real news is full of numbers


@pytest.mark.parametrize("kind, phrase", [(k, p) for k, phrases in _QUALIFIERS_BEFORE.items() for p in phrases])
def test_every_qualifier_before_a_number_is_read(kind, phrase):
    text = f"أطلقوا {phrase}  5 صواريخ"  # two spaces: any run of spaces joins a qualifier to its number
    [span] = extract_quantities(Article("a", text))
    assert (span.text, span.data["qualifier"], span.data["value"]) == (f"{phrase}  5 صواريخ", kind, 5)


def counts(text: str) -> list[str]:
    return [span.text for span in extract_quantities(Article("a", text))]


def test_a_number_and_its_noun_count_without_a_label():
    assert counts("أطلقوا 33 صاروخا") == ["33 صاروخا"]


@pytest.mark.parametrize(
    "label",
    [
        *_YEAR_WORDS,
        *_LABEL_NOUNS,
        *(f"ال{noun} البحري" for noun in _LABEL_NOUNS),
        *sorted(MONTHS),
        *(f"{month}{slash}الجاري" for month in sorted(MONTHS) for slash in ("/", " / ", "/ ", " /")),
    ],
)
def test_a_number_after_a_label_year_word_or_month_is_no_count(label):
    assert counts(f"أطلقوا {label} 33 صاروخا") == []
