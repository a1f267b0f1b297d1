from datetime import date

from analysis.corpus import Article
from analysis.dates import extract_dates


def dates_in(text, published=None):
    return [(s.text, s.label) for s in extract_dates(Article("t", text, published=published))]


def test_day_ranges_and_paired_month_names(seeds):
    article = seeds["001_14f3083f4d14cd84"]
    found = [(s.text, s.label) for s in extract_dates(article)]
    assert ("من 10 إلى 13 سبتمبر", "2023-09-10") in found
    assert ("30 أغسطس/آب", "2023-08-30") in found
    assert ("ديسمبر/ كانون الأول الماضي", "2022-12") in found  # "last December" before Sep 2023


def test_years_and_month_years(seeds):
    found = [(s.text, s.label) for s in extract_dates(seeds["004_c951edba429ed671"])]
    assert found == [("عام 2000", "2000"), ("فبراير 2022", "2022-02"), ("في سبتمبر الماضي", "2023-09")]


def test_page_date_line_is_not_read_as_a_date_in_the_story(seeds):
    texts = [s.text for s in extract_dates(seeds["004_c951edba429ed671"])]
    assert "22 نوفمبر 2024" not in " ".join(texts)


def test_levantine_and_maghrebi_month_names():
    assert dates_in("في تشرين الثاني/نوفمبر 2023 ثم 5 أفريل 2024 و3 شتنبر 2021") == [
        ("تشرين الثاني/نوفمبر 2023", "2023-11"), ("5 أفريل 2024", "2024-04-05"), ("و3 شتنبر 2021", "2021-09-03")]


def test_month_without_year_takes_it_from_the_publication_date():
    assert dates_in("في يوليو الماضي", date(2023, 9, 5)) == [("في يوليو الماضي", "2023-07")]
    assert dates_in("في أكتوبر الماضي", date(2023, 9, 5)) == [("في أكتوبر الماضي", "2022-10")]
    assert dates_in("في يوليو الماضي") == [("في يوليو الماضي", "--07")]  # no publication date: no year
