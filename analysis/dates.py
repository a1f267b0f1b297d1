"""Dates written in the text: "10 إلى 13 سبتمبر", "يوليو/تموز الماضي", "عام 2019", "فبراير 2022",
weekdays ("الثلاثاء", "يوم الاثنين") and relative expressions ("الشهر الماضي", "هذا الأسبوع", "أمس").

Hijri dates ("21 / 10 / 1436هـ", "26 صفر 1447 هـ", "1415هـ") are read and converted with
hijridate (the Umm al-Qura calendar); a line that gives a day in both calendars ("9 شوال
1436هـ، الموافق 25 يوليو 2015م") is one date.

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
from functools import lru_cache
from typing import NamedTuple

from hijridate import Hijri

from .corpus import Article
from .spans import Span
from .text import MAX_SENTENCE_CHARS, finditer_in_clauses, normalize, normalize_with_offsets

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
_MONTHS = rf"(?P<month>{_MONTH})(?:\s*/\s*(?:{_MONTH})|\s+\(\s*(?:{_MONTH})\s*\)|\s+(?:{_MONTH})(?!\w))?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_CLITIC = r"(?<!\w)[وفبل]?"
_RELATIVE = r"(?P<relative>الماضي|الجاري|المقبل|القادم|المنصرم|الحالي)"
# "يونيو من العام الماضي": the month of last year
_OF_YEAR = r"(?:\s+من\s+(?:العام|السنه)\s+(?P<of_year>الماضي|الماضيه|المنصرم|المنصرمه|السابق|الجاري|الجاريه|الحالي|الحاليه|المقبل|المقبله|القادم|القادمه))"
_YEAR_STEP = {
    "الماضي": -1,
    "الماضيه": -1,
    "المنصرم": -1,
    "المنصرمه": -1,
    "السابق": -1,
    "الجاري": 0,
    "الجاريه": 0,
    "الحالي": 0,
    "الحاليه": 0,
    "المقبل": 1,
    "المقبله": 1,
    "القادم": 1,
    "القادمه": 1,
}

HIJRI_MONTH_NAMES = {
    1: ["محرم", "المحرم"],
    2: ["صفر"],
    3: ["ربيع الأول"],
    4: ["ربيع الآخر", "ربيع الثاني"],
    5: ["جمادى الأولى", "جمادى الأول"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"],
    12: ["ذو الحجة", "ذي الحجة"],
}
HIJRI_MONTH_OF = {" ".join(normalize(n).split()): m for m, names in HIJRI_MONTH_NAMES.items() for n in names}
_HIJRI_MONTH = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(HIJRI_MONTH_OF, key=len, reverse=True))
_H_YEAR = r"(?P<year>1[34]\d\d)"
_H_MARK = r"\s*(?:ه(?!\w)|هجريه?(?!\w))"  # هـ (its tatweel dropped), هجري، هجرية
HIJRI_PATTERNS = [
    # من 20 إلى 24 / 8 / 1436هـ، 8 - 15 / 10 / 1436هـ
    re.compile(
        rf"(?<![\d/])(?:[وف]?من\s+)?(?P<day>\d{{1,2}})\s*(?:الي|حتي|-|–|و)\s*(?P<day_end>\d{{1,2}})\s*/\s*(?P<month>\d{{1,2}})\s*/\s*{_H_YEAR}(?:{_H_MARK})?(?!\d)"
    ),
    # 21 / 10 / 1436هـ, 13-10-1436هـ: a year of the 14th (or 13th) Hijri century is Hijri without its mark
    re.compile(rf"(?<![\d/])(?P<day>\d{{1,2}})\s*([/\-])\s*(?P<month>\d{{1,2}})\s*\2\s*{_H_YEAR}(?:{_H_MARK})?(?!\d)"),
    # 26 صفر 1447 هـ، الأول من محرم عام 1437ه
    re.compile(
        rf"(?<!\w)(?:[وفب]?(?P<day>\d{{1,2}})\s+|(?:الاول|مطلع|غره)\s+من\s+)?(?:شهر\s+)?(?P<hmonth>{_HIJRI_MONTH})\s+(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?{_H_YEAR}(?:{_H_MARK})?(?!\d)"
    ),
    # 1415هـ، عام 1436 هـ، 1435/ 1436هـ (a season over two years)
    re.compile(
        rf"(?<![\w/])(?:[وف]?(?:عام|العام|سنه|لعام|للعام)\s+)?{_H_YEAR}(?:\s*[/\-–]?\s*(?P<year_end>1[34]\d\d))?{_H_MARK}"
    ),
]
_HIJRI_ANCHOR = re.compile(r"1[34]\d\d")
# Between the two calendars of one date: "، الموافق", "-", "(".
_BOTH = re.compile(r"[\s،,\-–(]*(?:الموافق\s*(?:ل)?\s*)?$")


# Python's weekday numbers (Monday 0); normalised names, both spellings of الاثنين normalise alike.
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_WEEKDAY = "|".join(WEEKDAYS)

DATE_PATTERNS = [
    # من 10 إلى 13 سبتمبر [2023 | الجاري]
    re.compile(
        rf"(?<!\w)(?:[وف]?من\s+|[وفب])?(?P<day>\d{{1,2}})\s*(?:الي|حتي|-|–|و)\s*(?P<day_end>\d{{1,2}})\s+{_MONTHS}(?:\s+{_YEAR}|\s+{_RELATIVE}|{_OF_YEAR})?(?!\d)"
    ),
    # 30 أغسطس/آب [2023]
    re.compile(rf"(?<![\w:])[وفب]?(?P<day>\d{{1,2}})\s+{_MONTHS}(?:\s+{_YEAR}|\s+{_RELATIVE}(?!\w)|{_OF_YEAR})?(?!\d)"),
    # فبراير 2022
    re.compile(rf"{_CLITIC}{_MONTHS}\s+{_YEAR}(?!\d)"),
    # في يوليو الماضي, شهر سبتمبر, ديسمبر/كانون الأول الماضي
    re.compile(rf"(?:(?<!\w)(?:في|خلال|منذ|شهر)\s+){_MONTHS}(?:\s+{_RELATIVE}|{_OF_YEAR})?(?!\w)"),
    re.compile(rf"{_CLITIC}{_MONTHS}\s+{_RELATIVE}(?!\w)"),
    # عام 2019, في 2006, سنة 2000
    re.compile(rf"(?<!\w)[وف]?(?:عام|العام|سنه|في)\s+{_YEAR}(?!\d)"),
    # 21/7/2015م, 2015-07-21
    re.compile(r"(?<![\d/])(?P<day>\d{1,2})\s*([/\-])\s*(?P<month>\d{1,2})\s*\2\s*(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<![\d/])(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
]

# Relative expressions: (pattern, unit, step). unit is day/week/month/year; step counts units
# from the publication date ("الشهر الماضي" is month -1). Longer phrases first.
_ADVERB = r"(?<!\w)[وف]?(?:(?:في|خلال|منذ|من)\s+)?"
RELATIVE_PATTERNS = [
    (re.compile(rf"{_ADVERB}(?:الاسبوع|الشهر|العام|السنه)\s+(?:الماضي|الماضيه|المنصرم|المنصرمه|السابق)(?!\w)"), -1),
    (
        re.compile(
            rf"{_ADVERB}(?:(?:الاسبوع|الشهر|العام|السنه)\s+(?:الجاري|الجاريه|الحالي|الحاليه)|هذا\s+(?:الاسبوع|الشهر|العام)|هذه\s+السنه)(?!\w)"
        ),
        0,
    ),
    (re.compile(rf"{_ADVERB}(?:الاسبوع|الشهر|العام|السنه)\s+(?:المقبل|المقبله|القادم|القادمه)(?!\w)"), 1),
]
_UNIT = re.compile(r"الاسبوع|الشهر|العام|السنه")
_UNIT_OF = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}
# أمس، اليوم، غدا; "اليوم التالي", "اليوم الأول" and the channel "روسيا اليوم" are not today.
DAY_PATTERNS = [
    (re.compile(r"(?<!\w)[وف]?(?:ب?الامس|امس)(?:\s+الاول)?(?!\w)"), -1),
    (
        re.compile(
            r"(?<!\w)(?<!روسيا )(?<!المغرب )(?<!مصر )(?<!عين )(?<!اخبار )(?<!صحيفه )(?<!جريده )(?<!موقع )(?<!قناه )"
            r"[وف]?اليوم(?!\w)(?!\s+(?:التالي|الاول|الثاني|الثالث|الاخير|السابق|الوطني|العالمي|نفسه|ذاته))"
            r"(?!\s*[-–—|]\s*\w)"
        ),
        0,
    ),  # "عين اليوم – جدة": a byline
    (re.compile(r"(?<!\w)[وف]?غدا(?!\w)"), 1),
]
# الثلاثاء، يوم الاثنين، والإثنين، الخميس المقبل
WEEKDAY_PATTERN = re.compile(
    rf"(?<!\w)[وف]?(?:(?:في\s+)?يوم\s+)?(?P<weekday>{_WEEKDAY})(?!\w)(?:\s+(?P<relative>الماضي|المقبل|القادم)(?!\w))?"
)
# منذ 24 عاما: the year that many years before publication
YEARS_AGO_PATTERN = re.compile(r"(?<!\w)[وف]?منذ\s+(?P<count>\d{1,3})\s+(?:عاما|عام|سنه|سنوات|سنين)(?!\w)")
# A bare month later in the year than the publication month is last year's, unless the
# sentence speaks of what is planned ("المقرر عقده في ..."); news reports the past.
_FUTURE_CUES = re.compile(r"(?<!\w)[وف]?(?:المقرر|مقرر|المتوقع|متوقع|يعتزم|تعتزم|سوف|المرتقب|مرتقب|يتوقع|تتوقع)(?!\w)")
_SENTENCE_ENDS = ".!?؟\n"
# What "سبتمبر الجاري" and its kin say, in data["relative"]
QUALIFIER = {
    "الماضي": "past",
    "المنصرم": "past",
    "الجاري": "current",
    "الحالي": "current",
    "المقبل": "next",
    "القادم": "next",
}


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


def _date_data(
    year=None,
    month=None,
    day=None,
    day_end=None,
    inferred=False,
    relative="",
    weekday=None,
    published: date | None = None,
    span_from="",
    span_to="",
) -> dict:
    start, end = (span_from, span_to) if span_from else date_range(year, month, day, day_end)
    return {
        "year": year,
        "month": month,
        "day": day,
        "day_end": day_end,
        "year_inferred": inferred,
        "relative": relative,
        "weekday": weekday,
        "resolved_from": published.isoformat() if published and (inferred or relative) else "",
        "date_from": start,
        "date_to": end,
    }


def _has_future_cue(normalized: str, at: int) -> bool:
    """A cue of a planned event between the sentence start and `at`."""
    ends = _sentence_ends(normalized)
    k = bisect_left(ends, at)
    start = max(ends[k - 1] + 1 if k else 0, at - MAX_SENTENCE_CHARS)  # 0: none before
    return bool(_FUTURE_CUES.search(normalized, start, at))


@lru_cache(maxsize=8)  # the dates of one text ask many times
def _sentence_ends(normalized: str) -> list[int]:
    """Where each of _SENTENCE_ENDS stands in a text, in order (looked up by bisection: an
    rfind for a stop the text lacks went back to its start for every date)."""
    return [m.start() for m in re.finditer(f"[{re.escape(_SENTENCE_ENDS)}]", normalized)]


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
    _YEAR_ANY,  # 21/7/2015
    _YEAR_ANY,  # 2015-07-21
]
_UNIT_ANCHOR = re.compile(r"الاسبوع|الشهر|العام|السنه")
_DAY_ANCHORS = [re.compile("امس"), re.compile("اليوم"), re.compile("غدا")]
_WEEKDAY_ANCHOR = re.compile(_WEEKDAY)
_AGO_ANCHOR = re.compile("منذ")


def _month_number(written: str | None) -> int | None:
    if not written:
        return None
    return int(written) if written.isdigit() else MONTH_OF[" ".join(written.split())]


class _Taken:
    """The characters already read as a date, one byte each: whether a match overlaps one is
    a look at its own characters, not at every date found before (linear in the text)."""

    def __init__(self, length: int):
        self.marks = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self.marks.find(1, start, end) >= 0

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.marks[start:end] = b"\x01" * (end - start)


def _calendar_dates(normalized: str, published: date | None, taken: _Taken) -> list[tuple[int, int, str, dict]]:
    found = []
    for pattern, anchor in zip(DATE_PATTERNS, _DATE_ANCHORS):
        for match in finditer_in_clauses(pattern, normalized, anchor):
            if taken.overlaps(match.start(), match.end()):
                continue
            groups = match.groupdict()
            month = _month_number(groups.get("month"))
            year = int(groups["year"]) if groups.get("year") else None
            if month is None and groups.get("month") or not 1 <= (month or 1) <= 12:
                continue  # "5/13/2015" is no date
            relative = groups.get("relative") or ""
            inferred = False
            if groups.get("of_year"):  # "يونيو من العام الماضي"
                step = _YEAR_STEP[groups["of_year"]]
                year = published.year + step if published else None
                inferred = year is not None
                data = _date_data(
                    year,
                    month,
                    int(groups["day"]) if groups.get("day") else None,
                    int(groups["day_end"]) if groups.get("day_end") else None,
                    inferred,
                    f"year{step:+d}",
                    published=published,
                )
                taken.append((match.start(), match.end()))
                found.append((match.start(), match.end(), iso_label(year, month, data["day"]), data))
                continue
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


def hijri_range(
    year: int, month: int | None = None, day: int | None = None, day_end: int | None = None
) -> tuple[date, date] | None:
    """The first and last Gregorian days of a Hijri date, year or month (Umm al-Qura):
    1436-10-21 -> 2015-08-06 twice; 1415 -> 1994-06-10 .. 1995-05-29."""
    try:
        if day:
            return Hijri(year, month, day).to_gregorian(), Hijri(year, month, day_end or day).to_gregorian()
        if month:
            first = Hijri(year, month, 1)
            return first.to_gregorian(), Hijri(year, month, first.month_length()).to_gregorian()
        return Hijri(year, 1, 1).to_gregorian(), Hijri(year, 12, Hijri(year, 12, 1).month_length()).to_gregorian()
    except (ValueError, OverflowError):  # hijridate covers 1343-1500 AH
        return None


def _hijri_dates(normalized: str, taken: "_Taken") -> list[tuple[int, int, str, dict]]:
    """ "21 / 10 / 1436هـ" -> 2015-08-06 with data hijri "1436-10-21" and calendar "hijri"."""
    found = []
    for pattern in HIJRI_PATTERNS:
        for match in finditer_in_clauses(pattern, normalized, _HIJRI_ANCHOR):
            if taken.overlaps(match.start(), match.end()):
                continue
            groups = match.groupdict()
            year = int(groups["year"])
            month = (
                int(groups["month"])
                if groups.get("month")
                else (HIJRI_MONTH_OF[" ".join(groups["hmonth"].split())] if groups.get("hmonth") else None)
            )
            day = (
                int(groups["day"])
                if groups.get("day")
                else (1 if groups.get("hmonth") and re.match(r"(?:الاول|مطلع|غره)", match.group()) else None)
            )
            day_end = int(groups["day_end"]) if groups.get("day_end") else None
            last_year = int(groups["year_end"]) if groups.get("year_end") else year
            if month is not None and not 1 <= month <= 12 or last_year < year:
                continue
            covered = hijri_range(year, month, day, day_end)
            if covered is None:
                continue
            start, end = covered
            if last_year != year and (later := hijri_range(last_year)):
                end = later[1]
            taken.append((match.start(), match.end()))
            data = _date_data(
                start.year,
                start.month if month else None,
                start.day if day else None,
                end.day if day_end else None,
                span_from=start.isoformat(),
                span_to=end.isoformat(),
            )
            data.update(
                calendar="hijri", hijri=iso_label(year, month, day) + (f"/{last_year}" if last_year != year else "")
            )
            label = (
                start.isoformat()
                if day
                else (
                    iso_label(start.year, start.month, None)
                    if month and start.month == end.month
                    else start.isoformat()[:7]
                    if month
                    else str(start.year)
                )
            )
            found.append((match.start(), match.end(), label, data))
    return found


def _one_date_in_both_calendars(normalized: str, found: list) -> list:
    """ "9 شوال 1436هـ، الموافق 25 يوليو 2015م" is one date: the Hijri and the Gregorian span
    next to each other on the same day become one span, labelled with the Gregorian day."""
    found = sorted(found, key=lambda f: f[0])
    merged = []
    for item in found:
        if merged:
            a, b, label, data = merged[-1]
            c, d, label2, data2 = item
            between = normalized[b:c]
            pair = {data.get("calendar", "gregorian"), data2.get("calendar", "gregorian")}
            if (
                pair == {"hijri", "gregorian"}
                and len(between) <= 14
                and _BOTH.match(between)
                and data["date_from"]
                and data2["date_from"]
                and abs((date.fromisoformat(data["date_from"]) - date.fromisoformat(data2["date_from"])).days) <= 1
            ):
                hijri, gregorian = (data, data2) if data.get("calendar") == "hijri" else (data2, data)
                glabel = label2 if gregorian is data2 else label
                merged[-1] = (a, d, glabel, {**gregorian, "calendar": "both", "hijri": hijri["hijri"]})
                continue
        merged.append(item)
    return merged


def _relative_dates(normalized: str, published: date | None, taken: _Taken) -> list[tuple[int, int, str, dict]]:
    """Weekdays, أمس/اليوم/غدا, this/last/next week, month, year, and "منذ 24 عاما"."""
    found = []

    def add(match, label, data):
        if taken.overlaps(match.start(), match.end()):
            return
        taken.append((match.start(), match.end()))
        found.append((match.start(), match.end(), label, data))

    for match in finditer_in_clauses(WEEKDAY_PATTERN, normalized, _WEEKDAY_ANCHOR):
        weekday, relative = WEEKDAYS[match.group("weekday")], match.group("relative") or ""
        if published is None:
            add(match, "", _date_data(relative="weekday", weekday=weekday))
            continue
        day = weekday_date(weekday, published, relative or None)
        add(
            match,
            day.isoformat(),
            _date_data(day.year, day.month, day.day, relative="weekday", weekday=weekday, published=published),
        )
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
                add(
                    match,
                    str(published.year + step),
                    _date_data(published.year + step, relative=kind, published=published),
                )
            elif unit == "month":
                year, month = shift_month(published.year, published.month, step)
                add(match, iso_label(year, month, None), _date_data(year, month, relative=kind, published=published))
            else:
                monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
                iso_year, week, _ = monday.isocalendar()
                data = _date_data(
                    relative=kind,
                    published=published,
                    span_from=monday.isoformat(),
                    span_to=(monday + timedelta(days=6)).isoformat(),
                )
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
    date_from/date_to (the first and last day it covers, ISO, for a timeline); a Hijri date has
    calendar "hijri" (or "both" when the Gregorian day is written beside it) and hijri "1436-10-21"."""
    nt = normalize_with_offsets(article.body)
    taken = _Taken(len(nt.normalized))
    found = _hijri_dates(nt.normalized, taken)
    found += _calendar_dates(nt.normalized, article.published, taken)
    if any(f[3].get("calendar") for f in found):
        found = _one_date_in_both_calendars(nt.normalized, found)
    found += _relative_dates(nt.normalized, article.published, taken)
    spans = []
    text = article.text
    for a, b, label, data in found:
        start, end = nt.to_original(a, b)
        while end < len(text) and text[end] == "ـ":  # "1436هـ": the tatweel belongs to it
            end += 1
        spans.append(Span(article.id, start, end, article.text[start:end], "date", label, data))
    return sorted(spans, key=lambda s: s.start)


# ---------------------------------------------------------------- publication date

# A header line that says when the page was published: "نشر في: 21 يوليو 2015", "بتاريخ ...".
_PUBLISHED_CUE = re.compile(r"(?<!\w)(?:نشر(?:ت)?(?:\s+في)?|تاريخ\s+النشر|بتاريخ|اخر\s+تحديث|تم\s+النشر)\s*:?")
# A day written next to "today", "yesterday", "tomorrow": "اليوم الخميس 7 / 10 / 1436 هـ"
_DAY_WORD = re.compile(r"(?<!\w)[وف]?(?P<word>اليوم|امس|غدا)(?!\w)[\s(،,]*(?:(?:يوم\s+)?(?:%s)[\s)،,]*)?$" % _WEEKDAY)
_DAY_STEP = {"اليوم": 0, "امس": -1, "غدا": 1}
_DATELINE_END = re.compile(r"[مـ]?\s*(?:[-–—:(/|]|\n|$)")


def infer_published(article: Article) -> tuple[date | None, str]:
    """A publication date read from the text when the metadata has none, and how it was found:

    1. a dateline or header date: a full date opening the story ("الرياض 21 يوليو 2015 -") or
       on a line of the page's head that says it is the publication date ("نشر في: ...");
       a bare date line in the page's head is the site's clock, not the story's date;
    2. a day written next to اليوم، أمس، غدا ("اليوم الخميس 7 / 10 / 1436 هـ");
    3. else a lower bound: the latest past day or month the text writes out with its year
       ("… 5 أفريل 2024" -> 2024-04-05, "not before"), never a year alone ("عام 2019" is a
       backgrounder's) nor a planned date ("المقرر عقده في ...").
    None when the text writes no such date.
    """
    undated = replace(article, published=None)
    for line in article.text.split("\n")[:6]:
        cue = _PUBLISHED_CUE.search(normalize(line))
        if cue:
            days = [
                s
                for s in extract_dates(Article("header", normalize(line)[cue.end() :]))
                if s.data["day"] and s.data["date_from"] and not s.data["relative"]
            ]
            if days:
                return date.fromisoformat(days[0].data["date_from"]), f'header date ("{line.strip()[:60]}")'
    nt = normalize_with_offsets(undated.body)
    spans = extract_dates(undated)
    body_start = len(undated.body) - len(undated.body.lstrip())
    for s in spans:
        if s.data["day"] and s.data["year"] and not s.data["relative"] and s.data["date_from"]:
            at = bisect_left(nt.offsets, s.start)
            said = _DAY_WORD.search(nt.normalized, max(0, at - 30), at)
            if said:
                day = date.fromisoformat(s.data["date_from"]) - timedelta(days=_DAY_STEP[said.group("word")])
                return day, f'written beside "{said.group("word")}" ("{s.text}")'
            if (
                len(undated.body[body_start : s.start].split()) <= 3
                and "\n" not in undated.body[body_start : s.start]
                and _DATELINE_END.match(undated.body, s.end)
            ):  # "الرياض 21 يوليو 2015 -"
                return date.fromisoformat(s.data["date_from"]), f'dateline ("{s.text}")'
    written = [
        s
        for s in spans
        if s.data["year"]
        and s.data["month"]
        and not s.data["year_inferred"]
        and not s.data["relative"]
        and not _has_future_cue(nt.normalized, bisect_left(nt.offsets, s.start))
    ]  # plans can lie ahead
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
        return cls(
            date=span.label,
            year=d["year"],
            month=d["month"],
            day=d["day"],
            day_end=d["day_end"],
            year_inferred=d["year_inferred"],
            relative=d.get("relative", ""),
            weekday=d.get("weekday"),
            resolved_from=d.get("resolved_from", ""),
            date_from=d.get("date_from", ""),
            date_to=d.get("date_to", ""),
        )
