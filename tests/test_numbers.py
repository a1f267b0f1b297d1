"""Arabic number phrases to values: analysis.numbers.parse_number."""
from pathlib import Path

import pytest

from analysis.numbers import parse_number

CASES = [
    # digits: Western, Arabic-Indic, separators, decimals
    ("5", 5), ("٥", 5), ("۵", 5), ("550", 550), ("٥٥٠", 550),
    ("5,000", 5000), ("5٬000", 5000), ("1,250,000", 1_250_000),
    ("2.5", 2.5), ("٢٫٥", 2.5), ("2,5", 2.5),
    # digits and scale words
    ("5 ملايين", 5_000_000), ("10 آلاف", 10_000), ("10 الاف", 10_000),
    ("2.5 مليار", 2_500_000_000), ("500 ألف", 500_000), ("3 مليارات", 3_000_000_000),
    ("١٠ آلاف", 10_000), ("1.5 مليون", 1_500_000),
    # units, gender and case forms
    ("ثلاثة", 3), ("ثلاث", 3), ("ستة", 6), ("ست", 6), ("ثماني", 8), ("ثمانية", 8),
    ("اثنان", 2), ("اثنين", 2), ("اثنتان", 2), ("عشرة", 10), ("واحد", 1),
    # teens, tens, compounds
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("ثلاثة عشر", 13),
    ("عشرون", 20), ("عشرين", 20), ("تسعين", 90), ("خمسة وعشرون", 25),
    ("خمسة و عشرون", 25), ("واحد وعشرون", 21),
    # hundreds, joined and split
    ("مئة", 100), ("مائة", 100), ("مئتان", 200), ("مائتين", 200), ("ثلاثمائة", 300),
    ("ثلاث مئة", 300), ("ثمان مئة وتسعة", 809), ("ثلاثمائة وخمسون", 350),
    # scale words: singular, dual, plural, after words
    ("ألف", 1000), ("ألفين", 2000), ("ألفان", 2000), ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10_000), ("مئة ألف", 100_000), ("عشرين ألفاً", 20_000),
    ("مليون", 1_000_000), ("مليونين", 2_000_000), ("خمسة ملايين", 5_000_000),
    ("مليار", 1_000_000_000), ("ملياري", 2_000_000_000), ("ثلاثة مليارات", 3_000_000_000),
    ("ثلاثة آلاف وستة", 3006), ("ألف وسبعة وسبعون", 1077),
    # attached prepositions and conjunctions
    ("بمليون", 1_000_000), ("لخمسة", 5), ("وبثلاثة آلاف", 3000), ("بـ5 ملايين", 5_000_000),
    # halves and fractions
    ("عام ونصف", 1.5), ("ساعتين ونصف", 2.5), ("مليون ونصف", 1_500_000),
    ("نصف مليون", 500_000), ("خمسة ونصف", 5.5), ("ثلاثة أرباع", 0.75), ("ربع", 0.25),
    # vague words: an order of magnitude
    ("عشرات", 10), ("العشرات", 10), ("مئات", 100), ("آلاف", 1000), ("ملايين", 1_000_000),
    ("عشرات الآلاف", 10_000), ("مئات الآلاف", 100_000),
]


@pytest.mark.parametrize("phrase, value", CASES)
def test_parse_number(phrase, value):
    assert parse_number(phrase) == pytest.approx(value)


@pytest.mark.parametrize("phrase", ["", "قذيفة", "السبعين", "الأولى", "أول", "لست", "ثمن", "10 20"])
def test_not_a_number(phrase):
    """Ordinals ("السبعين" in "الذكرى السبعين"), plain words and two numbers in a row are not one number."""
    assert parse_number(phrase) is None


NEMO = Path(__file__).resolve().parents[2] / "shared" / "data" / "nemo-ar-numbers"
NEMO_CARDINAL_FLOOR = 1.0  # measured: 61/61 on NeMo's cardinal cases (Nov 2026)


def _nemo_cardinals() -> list[tuple[str, float]]:
    """NeMo's cardinal cases as (words, value): itn/ lines are words~written, tn/ written~words."""
    cases = []
    for name, words_first in (("itn", True), ("tn", False)):
        path = NEMO / name / "test_cases_cardinal.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            if "~" not in line:
                continue
            left, right = (part.strip() for part in line.split("~", 1))
            words, written = (left, right) if words_first else (right, left)
            cases.append((words, float(written.replace(",", ""))))
    return cases


def test_nemo_cardinal_pass_rate():
    """An external test set (NVIDIA NeMo text processing, Apache-2.0), read in place."""
    if not (NEMO / "itn" / "test_cases_cardinal.txt").is_file():
        pytest.skip(f"{NEMO} is absent")
    cases = _nemo_cardinals()
    failures = [(w, v, parse_number(w)) for w, v in cases if parse_number(w) != v]
    rate = 1 - len(failures) / len(cases)
    print(f"\nNeMo cardinal cases: {len(cases) - len(failures)}/{len(cases)} = {rate:.1%}")
    for words, expected, got in failures:
        print(f"  {words!r}: expected {expected}, got {got}")
    assert len(cases) >= 50
    assert rate >= NEMO_CARDINAL_FLOOR
