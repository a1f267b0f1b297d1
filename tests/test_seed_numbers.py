"""Every number in the five seed articles, read by a person and listed here in text order:
the claims the extractor must find (value, category, qualifier), and the numbers that are not
claims (dates, years, a pier number, ordinals, weekdays, reading-time chrome) that it must
leave alone. A scan checks that the list misses no number in the text."""

from __future__ import annotations

import re

import pytest

from analysis.corpus import Article, load_bundled
from analysis.numbers import word_value
from analysis.quantities import extract_quantities
from analysis.text import normalize

DATE, YEAR, CLOCK, PIER, ORDINAL, WEEKDAY, READING, ONE_OF = (
    "date",
    "year",
    "time of day",
    "pier number",
    "ordinal",
    "weekday",
    "reading time",
    "one of",
)

# (a stretch of the original text holding the number, and what it is), in text order.
INVENTORY: dict[str, list[tuple[str, tuple | str]]] = {
    "000": [
        ("قرابة 550 يومًا", (550, "time", "approx")),  # about 550 days of war
        ("عام ونصف", (1.5, "time", "exact")),  # a year and a half
        ("من 10 إلى 13 سبتمبر", DATE),
    ],
    "001": [
        ("والإثنين", WEEKDAY),
        ("من 10 إلى 13 سبتمبر", DATE),
        ("30 أغسطس/آب", DATE),
        ("ديسمبر/ كانون الأول", DATE),
    ],
    "002": [
        ("4 دقيقة قراءة", READING),
        ("4 دقيقة قراءة", READING),
        ("يوم الاثنين", WEEKDAY),
        ("استشاري أول", ORDINAL),  # a senior fellow
        ("أول زيارة", ORDINAL),
        ("أكثر من أربع سنوات", (4, "time", "at_least")),  # more than four years
        ("والأولى", ORDINAL),
        ("ثلاثة كيانات", (3, "other", "exact")),  # three entities (sanctioned)
        ("ست تجارب نووية", (6, "other", "exact")),  # six nuclear tests
        ("عام 2006", YEAR),
        ("للمرة الأولى", ORDINAL),
        ("عام 2006", YEAR),
    ],
    "003": [
        ("الاثنين", WEEKDAY),
        ("من 10 إلى 13 سبتمبر", DATE),
        ("الرصيف البحري 33", PIER),
        ("إحدى المحطات", ONE_OF),
        ("أول صاروخ", ORDINAL),
        ("عام 2016", YEAR),
        ("حوالي 950 ميلاً", (950, "distance", "approx")),  # about 950 miles
        ("حوالي 20 مسؤولاً كورياً شمالياً", (20, "person", "approx")),  # about 20 officials
        ("لأول مرة", ORDINAL),
        ("عام 2019", YEAR),
        ("الاثنين", WEEKDAY),
        ("الذكرى السبعين", ORDINAL),  # the seventieth anniversary
    ],
    "004": [
        ("22 نوفمبر 2024", DATE),
        ("07:13", CLOCK),
        ("5 ملايين قذيفة مدفعية", (5_000_000, "munition", "exact")),  # the title
        ("ما لا يقل عن 10 آلاف حاوية شحن", (10_000, "container", "at_least")),
        ("5 ملايين قذيفة مدفعية", (5_000_000, "munition", "exact")),
        ("عشرات الصواريخ الباليستية", (10, "weapon", "vague")),  # dozens of ballistic missiles
        ("للمرة الأولى", ORDINAL),
        ("24 عاما", (24, "time", "exact")),  # first time in 24 years
        ("عام 2000", YEAR),
        ("العام الأول", ORDINAL),
        ("ما يقرب من 5 ملايين قذيفة مدفعية", (5_000_000, "munition", "approx")),
        ("بمليون قذيفة", (1_000_000, "munition", "exact")),  # the EU's promised million
        ("فبراير 2022", DATE),
        ("العشرات من حطام الصواريخ", (10, "weapon", "vague")),  # dozens of missile debris
    ],
}

_ORDINAL_WORDS = {"اول", "الاول", "الاولي", "اولي"}
_CLITICS = re.compile(r"^(?:[وف]?[بلك]?(?:ال)?|[وف]?لل)")


def number_words(text: str) -> list[tuple[int, int]]:
    """Every token that is or holds a number: digits, a number word (with clitics or the
    definite article: "السبعين", "والإثنين"), an ordinal word ("الأولى")."""
    found = []
    for match in re.finditer(r"\w+", text):
        word = normalize(match.group())
        bare = _CLITICS.sub("", word)
        if (
            re.search(r"\d", word)
            or word_value(word)
            or (bare and word_value(bare))
            or word in _ORDINAL_WORDS
            or bare in _ORDINAL_WORDS
            or word[1:] in _ORDINAL_WORDS
        ):
            found.append(match.span())
    return found


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {a.id[:3]: a for a in load_bundled().articles}


def located(article: Article) -> list[tuple[int, int, tuple | str]]:
    """The inventory's stretches as offsets, each found after the previous one."""
    at, spans = 0, []
    for stretch, reading in INVENTORY[article.id[:3]]:
        start = article.text.find(stretch, at)
        assert start >= 0, f"{stretch!r} not found after offset {at} in {article.id}"
        spans.append((start, start + len(stretch), reading))
        at = start + 1
    return spans


@pytest.mark.parametrize("key", sorted(INVENTORY))
def test_the_inventory_lists_every_number(seeds, key):
    article = seeds[key]
    stretches = located(article)
    unlisted = [
        article.text[s:e] for s, e in number_words(article.text) if not any(a <= s and e <= b for a, b, _ in stretches)
    ]
    assert unlisted == []


@pytest.mark.parametrize("key", sorted(INVENTORY))
def test_every_number_is_read_as_listed(seeds, key):
    article = seeds[key]
    claims = extract_quantities(article)
    expected_claims = []
    for start, end, reading in located(article):
        inside = [c for c in claims if c.overlaps(start, end)]
        if isinstance(reading, str):
            assert inside == [], f"{article.text[start:end]!r} is a {reading}, not a quantity"
        else:
            assert [(c.data["value"], c.label, c.data["qualifier"]) for c in inside] == [reading]
            expected_claims.append(reading)
    assert len(claims) == len(expected_claims)  # no claim outside the listed numbers
