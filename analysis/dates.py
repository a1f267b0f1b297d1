"""Dates written in the text: "10 إلى 13 سبتمبر", "يوليو/تموز الماضي", "عام 2019", "فبراير 2022".

Months come in Egyptian, Levantine and Maghrebi names; a month without a year takes it
from the article's publication date when that is known ("الماضي" looks back).
"""
from __future__ import annotations

import re
from datetime import date

from .corpus import Article
from .spans import Span
from .text import normalize, normalize_with_offsets

MONTH_NAMES = {
    1: ["يناير", "كانون الثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "ابريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "حزيران", "جوان", "يونيه"],
    7: ["يوليو", "تموز", "جويلية", "يوليوز", "يوليه"],
    8: ["أغسطس", "آب", "أوت", "غشت"],
    9: ["سبتمبر", "أيلول", "شتنبر"],
    10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "دجنبر"],
}
MONTH_OF = {" ".join(normalize(n).split()): m for m, names in MONTH_NAMES.items() for n in names}
_MONTH = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(MONTH_OF, key=len, reverse=True))
# "يوليو/تموز", "أغسطس/ آب": the second name repeats the first
_MONTHS = rf"(?P<month>{_MONTH})(?:\s*/\s*(?:{_MONTH}))?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_CLITIC = r"(?<!\w)[وفبل]?"

DATE_PATTERNS = [
    # من 10 إلى 13 سبتمبر [2023]
    re.compile(rf"(?<!\w)(?:[وف]?من\s+|[وفب])?(?P<day>\d{{1,2}})\s*(?:الي|حتي|-|–)\s*(?P<day_end>\d{{1,2}})\s+{_MONTHS}(?:\s+{_YEAR})?(?!\d)"),
    # 30 أغسطس/آب [2023]
    re.compile(rf"(?<![\w:])[وفب]?(?P<day>\d{{1,2}})\s+{_MONTHS}(?:\s+{_YEAR})?(?!\d)"),
    # فبراير 2022
    re.compile(rf"{_CLITIC}{_MONTHS}\s+{_YEAR}(?!\d)"),
    # في يوليو الماضي, شهر سبتمبر, ديسمبر/كانون الأول الماضي
    re.compile(rf"(?:(?<!\w)(?:في|خلال|منذ|شهر)\s+){_MONTHS}(?:\s+(?P<relative>الماضي|الجاري|المقبل|القادم))?(?!\w)"),
    re.compile(rf"{_CLITIC}{_MONTHS}\s+(?P<relative>الماضي|الجاري|المقبل|القادم)(?!\w)"),
    # عام 2019, في 2006, سنة 2000
    re.compile(rf"(?<!\w)[وف]?(?:عام|العام|سنة|في)\s+{_YEAR}(?!\d)"),
]


def resolve_year(month: int, relative: str | None, published: date | None) -> int | None:
    """The year of a month named without one, from the publication date."""
    if published is None:
        return None
    if relative == "الماضي":
        return published.year if month < published.month else published.year - 1
    if relative in ("المقبل", "القادم"):
        return published.year if month > published.month else published.year + 1
    return published.year


def iso_label(year: int | None, month: int | None, day: int | None) -> str:
    """ISO 8601 as far as known: "2023-09-10", "2023-07", "2019"; "--07" is July of an unknown year."""
    label = str(year) if year else "-"
    if month:
        label += f"-{month:02d}"
        if day:
            label += f"-{day:02d}"
    return label


def extract_dates(article: Article) -> list[Span]:
    """Date spans; data holds year, month, day, day_end (None where unknown) and
    year_inferred when the year came from the publication date."""
    nt = normalize_with_offsets(article.body)
    taken: list[tuple[int, int]] = []
    spans = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(nt.normalized):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            groups = match.groupdict()
            month = MONTH_OF[" ".join(groups["month"].split())] if groups.get("month") else None
            year = int(groups["year"]) if groups.get("year") else None
            inferred = False
            if year is None and month is not None:
                year = resolve_year(month, groups.get("relative"), article.published)
                inferred = year is not None
            taken.append((match.start(), match.end()))
            start, end = nt.to_original(match.start(), match.end())
            day = int(groups["day"]) if groups.get("day") else None
            spans.append(Span(
                article.id, start, end, article.text[start:end], "date", iso_label(year, month, day),
                {"year": year, "month": month, "day": day,
                 "day_end": int(groups["day_end"]) if groups.get("day_end") else None,
                 "year_inferred": inferred},
            ))
    return sorted(spans, key=lambda s: s.start)
