"""The RE2 pre-scan of quantities finds exactly the number matches a plain regex scan finds."""
import json
import zipfile
from pathlib import Path

import pytest

from analysis.corpus import load_bundled
from analysis.quantities import _number_matches, load_quantity_nouns
from analysis.text import normalize

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"


def both_scans(text: str) -> tuple[list, list]:
    """(span, groups) of every match: the plain finditer, then the RE2-guided scan."""
    lexicon = load_quantity_nouns()
    plain = [(m.span(), m.groupdict()) for m in lexicon.numbers.finditer(text)]
    guided = [(m.span(), m.groupdict()) for m in _number_matches(text, lexicon)]
    return plain, guided


@pytest.mark.parametrize("text", [
    "بخمسة ملايين قذيفة",             # a proclitic at the very start of the text
    "أطلقت 5 صواريخ و صاروخين",        # digits, then a dual noun at the very end
    "بين 300 و500 جندي، 5،6 و7-8",     # numbers a comma or a dash apart
    "x5 ب5 2019م ٣٫٥ 10:30 ست ستكون",   # digits inside words, a clock time, a word "ست" starts
    "5\ud83d صواريخ \ud83d7",             # a lone surrogate (a broken emoji) beside digits
    "العشرات من الآلاف ونصف مليون",
])
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
    path = sorted(SAUDINEWSNET.glob("*.zip"))[-1]  # the last day: not the days the benchmarks read
    with zipfile.ZipFile(path) as archive:
        texts = [r["content"] for name in archive.namelist() for r in json.loads(archive.read(name))]
    total = 0
    for text in texts:
        plain, guided = both_scans(normalize(text))
        assert guided == plain
        total += len(plain)
    assert total > 1000  # real news is full of numbers
