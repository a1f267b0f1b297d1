"""Dates written in the text: "10 إلى 13 سبتمبر", "يوليو/تموز الماضي", "عام 2019", "فبراير 2022",
weekdays ("الثلاثاء", "يوم الاثنين") and relative expressions ("الشهر الماضي", "هذا الأسبوع", "أمس").

Months come in Egyptian, Levantine and Maghrebi names; a month without a year takes it
from the article's publication date when that is known ("الماضي" looks back). Weekdays and
relative expressions are resolved against the publication date too; without one they keep
what they say (data "relative", "weekday") and an empty or partial label.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from .corpus import Article
from .spans import Span
from .text import finditer_in_clauses, normalize, normalize_with_offsets

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
_RELATIVE = r"(?P<relative>الماضي|الجاري|المقبل|القادم|المنصرم|الحالي)"

# Python's weekday numbers (Monday 0); normalised names, both spellings of الاثنين normalise alike.
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_WEEKDAY = "|".join(WEEKDAYS)

DATE_PATTERNS = [
    # من 10 إلى 13 سبتمبر [2023 | الجاري]
    re.compile(rf"(?<!\w)(?:[وف]?من\s+|[وفب])?(?P<day>\d{{1,2}})\s*(?:الي|حتي|-|–)\s*(?P<day_end>\d{{1,2}})\s+{_MONTHS}(?:\s+{_YEAR}|\s+{_RELATIVE})?(?!\d)"),
    # 30 أغسطس/آب [2023]
    re.compile(rf"(?<![\w:])[وفب]?(?P<day>\d{{1,2}})\s+{_MONTHS}(?:\s+{_YEAR}|\s+{_RELATIVE}(?!\w))?(?!\d)"),
    # فبراير 2022
    re.compile(rf"{_CLITIC}{_MONTHS}\s+{_YEAR}(?!\d)"),
    # في يوليو الماضي, شهر سبتمبر, ديسمبر/كانون الأول الماضي
    re.compile(rf"(?:(?<!\w)(?:في|خلال|منذ|شهر)\s+){_MONTHS}(?:\s+{_RELATIVE})?(?!\w)"),
    re.compile(rf"{_CLITIC}{_MONTHS}\s+{_RELATIVE}(?!\w)"),
    # عام 2019, في 2006, سنة 2000
    re.compile(rf"(?<!\w)[وف]?(?:عام|العام|سنه|في)\s+{_YEAR}(?!\d)"),
]

# Relative expressions: (pattern, unit, step). unit is day/week/month/year; step counts units
# from the publication date ("الشهر الماضي" is month -1). Longer phrases first.
_ADVERB = r"(?<!\w)[وف]?(?:(?:في|خلال|منذ|من)\s+)?"
RELATIVE_PATTERNS = [
    (re.compile(rf"{_ADVERB}(?:الاسبوع|الشهر|العام|السنه)\s+(?:الماضي|الماضيه|المنصرم|المنصرمه|السابق)(?!\w)"), -1),
    (re.compile(rf"{_ADVERB}(?:(?:الاسبوع|الشهر|العام|السنه)\s+(?:الجاري|الجاريه|الحالي|الحاليه)|هذا\s+(?:الاسبوع|الشهر|العام)|هذه\s+السنه)(?!\w)"), 0),
    (re.compile(rf"{_ADVERB}(?:الاسبوع|الشهر|العام|السنه)\s+(?:المقبل|المقبله|القادم|القادمه)(?!\w)"), 1),
]
_UNIT = re.compile(r"الاسبوع|الشهر|العام|السنه")
_UNIT_OF = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}
# أمس، اليوم، غدا; "اليوم التالي", "اليوم الأول" and the channel "روسيا اليوم" are not today.
DAY_PATTERNS = [
    (re.compile(r"(?<!\w)[وف]?(?:ب?الامس|امس)(?:\s+الاول)?(?!\w)"), -1),
    (re.compile(r"(?<!\w)(?<!روسيا )[وف]?اليوم(?!\w)(?!\s+(?:التالي|الاول|الثاني|الثالث|الاخير|السابق|الوطني|العالمي|نفسه|ذاته))"), 0),
    (re.compile(r"(?<!\w)[وف]?غدا(?!\w)"), 1),
]
# الثلاثاء، يوم الاثنين، والإثنين، الخميس المقبل
WEEKDAY_PATTERN = re.compile(
    rf"(?<!\w)[وف]?(?:(?:في\s+)?يوم\s+)?(?P<weekday>{_WEEKDAY})(?!\w)(?:\s+(?P<relative>الماضي|المقبل|القادم)(?!\w))?")
# منذ 24 عاما: the year that many years before publication
YEARS_AGO_PATTERN = re.compile(r"(?<!\w)[وف]?منذ\s+(?P<count>\d{1,3})\s+(?:عاما|عام|سنه|سنوات|سنين)(?!\w)")
# A bare month later in the year than the publication month is last year's, unless the
# sentence speaks of what is planned ("المقرر عقده في ..."); news reports the past.
_FUTURE_CUES = re.compile(r"(?<!\w)[وف]?(?:المقرر|مقرر|المتوقع|متوقع|يعتزم|تعتزم|سوف|المرتقب|مرتقب|يتوقع|تتوقع)(?!\w)")
_SENTENCE_ENDS = ".!?؟\n"
# What "سبتمبر الجاري" and its kin say, in data["relative"]
QUALIFIER = {"الماضي": "past", "المنصرم": "past", "الجاري": "current", "الحالي": "current",
             "المقبل": "next", "القادم": "next"}


def resolve_year(month: int, relative: str | None, published: date | None, future: bool = False) -> int | None:
    """The year of a month named without one, from the publication date."""
    if published is None:
        return None
    if relative in ("الماضي", "المنصرم"):
        return published.year if month < published.month else published.year - 1
    if relative in ("المقبل", "القادم"):
        return published.year if month > published.month else published.year + 1
    if relative in ("الجاري", "الحالي") or future or month <= published.month:
        return published.year
    return published.year - 1


def iso_label(year: int | None, month: int | None, day: int | None) -> str:
    """ISO 8601 as far as known: "2023-09-10", "2023-07", "2019"; "--07" is July of an unknown year."""
    label = str(year) if year else "-"
    if month:
        label += f"-{month:02d}"
        if day:
            label += f"-{day:02d}"
    return label


def date_range(year: int | None, month: int | None, day: int | None, day_end: int | None = None) -> tuple[str, str]:
    """First and last day (ISO) a date covers, for plotting: "2023-07" -> 2023-07-01..2023-07-31."""
    if not year:
        return "", ""
    if not month:
        return f"{year}-01-01", f"{year}-12-31"
    last = calendar.monthrange(year, month)[1]
    if not day:
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}"
    start = date(year, month, min(day, last))
    end = date(year, month, min(day_end or day, last))
    return start.isoformat(), end.isoformat()


def weekday_date(weekday: int, published: date, relative: str | None = None) -> date:
    """The date of a weekday named in a story: the most recent such day on or before the
    publication date ("الثلاثاء" in a Tuesday's story is that Tuesday); "الماضي" is strictly
    before it, "المقبل" strictly after."""
    back = (published.weekday() - weekday) % 7
    if relative == "الماضي" and back == 0:
        back = 7
    if relative in ("المقبل", "القادم"):
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return published - timedelta(days=back)


def shift_month(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def _date_data(year=None, month=None, day=None, day_end=None, inferred=False, relative="",
               weekday=None, published: date | None = None, span_from="", span_to="") -> dict:
    start, end = (span_from, span_to) if span_from else date_range(year, month, day, day_end)
    return {"year": year, "month": month, "day": day, "day_end": day_end, "year_inferred": inferred,
            "relative": relative, "weekday": weekday,
            "resolved_from": published.isoformat() if published and (inferred or relative) else "",
            "date_from": start, "date_to": end}


def _has_future_cue(normalized: str, at: int) -> bool:
    """A cue of a planned event between the sentence start and `at`."""
    start = max(normalized.rfind(stop, 0, at) for stop in _SENTENCE_ENDS) + 1  # 0: none before
    return bool(_FUTURE_CUES.search(normalized, start, at))


# What each pattern cannot match without (see text.finditer_in_clauses): only the clauses
# that hold it are scanned with the pattern.
_MONTH_ANY = rf"(?:{_MONTH})"
_YEAR_ANY = re.compile(r"(?:1[89]|20)\d\d")
_DAY_MONTH = re.compile(rf"\d\s+{_MONTH_ANY}")
_DATE_ANCHORS = [
    _DAY_MONTH,  # 10 الي 13 سبتمبر
    _DAY_MONTH,  # 30 اغسطس
    _YEAR_ANY,  # فبراير 2022
    re.compile(rf"(?:في|خلال|منذ|شهر)\s+{_MONTH_ANY}"),  # في يوليو
    re.compile(r"الماضي|الجاري|المقبل|القادم|المنصرم|الحالي"),  # يوليو الماضي
    _YEAR_ANY,  # عام 2019
]
_UNIT_ANCHOR = re.compile(r"الاسبوع|الشهر|العام|السنه")
_DAY_ANCHORS = [re.compile("امس"), re.compile("اليوم"), re.compile("غدا")]
_WEEKDAY_ANCHOR = re.compile(_WEEKDAY)
_AGO_ANCHOR = re.compile("منذ")


def _calendar_dates(normalized: str, published: date | None, taken: list) -> list[tuple[int, int, str, dict]]:
    found = []
    for pattern, anchor in zip(DATE_PATTERNS, _DATE_ANCHORS):
        for match in finditer_in_clauses(pattern, normalized, anchor):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            groups = match.groupdict()
            month = MONTH_OF[" ".join(groups["month"].split())] if groups.get("month") else None
            year = int(groups["year"]) if groups.get("year") else None
            relative = groups.get("relative") or ""
            inferred = False
            if year is None and month is not None:
                future = not relative and _has_future_cue(normalized, match.start())
                year = resolve_year(month, relative or None, published, future)
                inferred = year is not None
            day = int(groups["day"]) if groups.get("day") else None
            day_end = int(groups["day_end"]) if groups.get("day_end") else None
            taken.append((match.start(), match.end()))
            data = _date_data(year, month, day, day_end, inferred, QUALIFIER.get(relative, ""), published=published)
            found.append((match.start(), match.end(), iso_label(year, month, day), data))
    return found


def _relative_dates(normalized: str, published: date | None, taken: list) -> list[tuple[int, int, str, dict]]:
    """Weekdays, أمس/اليوم/غدا, this/last/next week, month, year, and "منذ 24 عاما"."""
    found = []

    def add(match, label, data):
        if any(match.start() < e and s < match.end() for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        found.append((match.start(), match.end(), label, data))

    for match in finditer_in_clauses(WEEKDAY_PATTERN, normalized, _WEEKDAY_ANCHOR):
        weekday, relative = WEEKDAYS[match.group("weekday")], match.group("relative") or ""
        if published is None:
            add(match, "", _date_data(relative="weekday", weekday=weekday))
            continue
        day = weekday_date(weekday, published, relative or None)
        add(match, day.isoformat(), _date_data(day.year, day.month, day.day, relative="weekday",
                                               weekday=weekday, published=published))
    for (pattern, step), anchor in zip(DAY_PATTERNS, _DAY_ANCHORS):
        for match in finditer_in_clauses(pattern, normalized, anchor):
            days = -2 if match.group().endswith("الاول") else step  # أمس الأول: the day before yesterday
            kind = {-2: "day_before_yesterday", -1: "yesterday", 0: "today", 1: "tomorrow"}[days]
            if published is None:
                add(match, "", _date_data(relative=kind))
                continue
            day = published + timedelta(days=days)
            add(match, day.isoformat(), _date_data(day.year, day.month, day.day, relative=kind, published=published))
    for pattern, step in RELATIVE_PATTERNS:
        for match in finditer_in_clauses(pattern, normalized, _UNIT_ANCHOR):
            unit = _UNIT_OF[_UNIT.search(match.group()).group()]
            kind = f"{unit}{step:+d}"  # "month-1" is last month, "year+0" this year
            if published is None:
                add(match, "", _date_data(relative=kind))
            elif unit == "year":
                add(match, str(published.year + step),
                    _date_data(published.year + step, relative=kind, published=published))
            elif unit == "month":
                year, month = shift_month(published.year, published.month, step)
                add(match, iso_label(year, month, None), _date_data(year, month, relative=kind, published=published))
            else:
                monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
                iso_year, week, _ = monday.isocalendar()
                data = _date_data(relative=kind, published=published, span_from=monday.isoformat(),
                                  span_to=(monday + timedelta(days=6)).isoformat())
                add(match, f"{iso_year}-W{week:02d}", {**data, "week": week})
    for match in finditer_in_clauses(YEARS_AGO_PATTERN, normalized, _AGO_ANCHOR):
        if published is None:
            add(match, "", _date_data(relative="years_ago"))
            continue
        year = published.year - int(match.group("count"))
        add(match, str(year), _date_data(year, relative="years_ago", published=published))
    return found


def extract_dates(article: Article) -> list[Span]:
    """Date spans; data holds year, month, day, day_end (None where unknown), year_inferred
    when the year came from the publication date, relative ("past" for "يوليو الماضي",
    "weekday", "yesterday", "month-1" for "الشهر الماضي", "week+0", "years_ago"...), weekday (Monday 0), resolved_from (the publication date used, ISO) and
    date_from/date_to (the first and last day it covers, ISO, for a timeline)."""
    nt = normalize_with_offsets(article.body)
    taken: list[tuple[int, int]] = []
    found = _calendar_dates(nt.normalized, article.published, taken)
    found += _relative_dates(nt.normalized, article.published, taken)
    spans = []
    for a, b, label, data in found:
        start, end = nt.to_original(a, b)
        spans.append(Span(article.id, start, end, article.text[start:end], "date", label, data))
    return sorted(spans, key=lambda s: s.start)


# ---------------------------------------------------------------- publication date

def infer_published(article: Article) -> tuple[date | None, str]:
    """A publication date read from the text when the metadata has none, and how it was found.

    A story is published on or after the latest past date it writes out with its year
    (not one it says is planned: "المقرر عقده في ..."), so that date is a lower bound: "… 5 أفريل 2024" -> 2024-04-05, "not before". Page chrome
    (a page's own date line) is not read. None when the text writes no year.
    """
    undated = replace(article, published=None)
    nt = normalize_with_offsets(undated.body)
    written = [s for s in extract_dates(undated)
               if s.data["year"] and not s.data["year_inferred"] and not s.data["relative"]
               and not _has_future_cue(nt.normalized, bisect_left(nt.offsets, s.start))]  # plans can lie ahead
    if not written:
        return None, ""
    latest = max(written, key=lambda s: (s.data["date_from"], s.start))
    day = date.fromisoformat(latest.data["date_from"])
    return day, f'inferred from the text: not before {latest.label}, the latest date it writes out ("{latest.text}")'


def with_publication_date(article: Article) -> Article:
    """The article with its date from metadata, or else inferred from the text (see date_basis)."""
    if article.published is not None:
        return article
    published, basis = infer_published(article)
    return replace(article, published=published, date_basis=basis) if published else article


class DateRow(NamedTuple):
    """The columns a date in the text adds to its span row (the dates table)."""
    date: str
    year: int
    month: int
    day: int
    day_end: int
    year_inferred: bool
    relative: str
    weekday: int | None
    resolved_from: str
    date_from: str
    date_to: str

    @classmethod
    def of(cls, span: Span) -> "DateRow":
        d = span.data
        return cls(date=span.label, year=d["year"], month=d["month"], day=d["day"], day_end=d["day_end"],
                   year_inferred=d["year_inferred"], relative=d.get("relative", ""), weekday=d.get("weekday"),
                   resolved_from=d.get("resolved_from", ""), date_from=d.get("date_from", ""),
                   date_to=d.get("date_to", ""))
