from datetime import date

from analysis.corpus import Article
from analysis.dates import extract_dates, infer_published, weekday_date, with_publication_date


def dates_in(text, published=None):
    return [(s.text, s.label) for s in extract_dates(Article("t", text, published=published))]


def test_day_ranges_and_paired_month_names(seeds):
    article = seeds["001_14f3083f4d14cd84"]
    found = [(s.text, s.label) for s in extract_dates(article)]
    assert ("من 10 إلى 13 سبتمبر الجاري", "2023-09-10") in found
    assert ("30 أغسطس/آب الماضي", "2023-08-30") in found
    assert ("ديسمبر/ كانون الأول الماضي", "2022-12") in found  # "last December" before Sep 2023


def test_a_day_range_covers_its_days(seeds):
    forum = next(s for s in extract_dates(seeds["003_062528742e08afef"]) if s.data["day_end"])
    assert (forum.text, forum.data["date_from"], forum.data["date_to"]) == (
        "من 10 إلى 13 سبتمبر",
        "2023-09-10",
        "2023-09-13",
    )


def test_years_month_years_and_relative_expressions(seeds):
    found = [(s.text, s.label) for s in extract_dates(seeds["004_c951edba429ed671"])]
    assert found == [
        ("منذ 24 عاما", "2000"),  # published 2024-06-14: Putin's only earlier visit, in 2000
        ("عام 2000", "2000"),
        ("هذا الأسبوع", "2024-W24"),
        ("هذا العام", "2024"),
        ("من هذا الأسبوع", "2024-W24"),
        ("فبراير 2022", "2022-02"),
        ("في سبتمبر الماضي", "2023-09"),
    ]


def test_page_date_line_is_not_read_as_a_date_in_the_story(seeds):
    texts = [s.text for s in extract_dates(seeds["004_c951edba429ed671"])]
    assert "22 نوفمبر 2024" not in " ".join(texts)


def test_levantine_and_maghrebi_month_names():
    assert dates_in("في تشرين الثاني/نوفمبر 2023 ثم 5 أفريل 2024 و3 شتنبر 2021") == [
        ("تشرين الثاني/نوفمبر 2023", "2023-11"),
        ("5 أفريل 2024", "2024-04-05"),
        ("و3 شتنبر 2021", "2021-09-03"),
    ]


def test_month_without_year_takes_it_from_the_publication_date():
    assert dates_in("في يوليو الماضي", date(2023, 9, 5)) == [("في يوليو الماضي", "2023-07")]
    assert dates_in("في أكتوبر الماضي", date(2023, 9, 5)) == [("في أكتوبر الماضي", "2022-10")]
    assert dates_in("في يوليو الماضي") == [("في يوليو الماضي", "--07")]  # no publication date: no year


def test_a_bare_month_after_the_publication_month_is_last_year_unless_planned(seeds):
    # 002 (5 Sep 2023): the North Korean ministry's denial was in November 2022
    denial = [s for s in extract_dates(seeds["002_7b63db9cdc682f58"]) if s.text == "في تشرين الثاني/نوفمبر"]
    assert [s.label for s in denial] == ["2022-11"]
    assert dates_in("ومن المقرر عقد القمة في أكتوبر", date(2023, 9, 5)) == [("في أكتوبر", "2023-10")]


def test_weekdays_resolve_to_the_publication_week(seeds):
    found = [(s.text, s.label) for s in extract_dates(seeds["001_14f3083f4d14cd84"]) if s.data["weekday"] is not None]
    # published Tuesday 2023-09-05: "الثلاثاء" is that day, "والإثنين" the day before
    assert found == [("الثلاثاء", "2023-09-05"), ("والثلاثاء", "2023-09-05"), ("والإثنين", "2023-09-04")]
    found = [(s.text, s.label) for s in extract_dates(seeds["002_7b63db9cdc682f58"]) if s.data["weekday"] is not None]
    assert found == [("يوم الثلاثاء", "2023-09-05"), ("يوم الثلاثاء", "2023-09-05"), ("يوم الاثنين", "2023-09-04")]


def test_weekday_date_looks_back_within_the_week():
    friday = date(2024, 6, 14)
    assert weekday_date(1, friday) == date(2024, 6, 11)  # the Tuesday of that week
    assert weekday_date(4, friday) == date(2024, 6, 14)
    assert weekday_date(4, friday, "الماضي") == date(2024, 6, 7)
    assert weekday_date(0, friday, "المقبل") == date(2024, 6, 17)


def test_relative_expressions_resolve_against_the_publication_date():
    tuesday = date(2023, 9, 5)
    assert dates_in("الشهر الماضي وخلال الشهر الجاري والأسبوع المقبل", tuesday) == [
        ("الشهر الماضي", "2023-08"),
        ("وخلال الشهر الجاري", "2023-09"),
        ("والأسبوع المقبل", "2023-W37"),
    ]
    assert dates_in("قال أمس إن اليوم يوم حاسم، وفي العام الماضي", tuesday) == [
        ("أمس", "2023-09-04"),
        ("اليوم", "2023-09-05"),
        ("وفي العام الماضي", "2022"),
    ]
    assert dates_in("وقعت في اليوم التالي", tuesday) == []


def test_relative_expressions_without_a_publication_date_say_what_they_are():
    [span] = extract_dates(Article("t", "زار موسكو الثلاثاء"))
    assert (span.label, span.data["relative"], span.data["weekday"]) == ("", "weekday", 1)


def test_resolved_dates_name_the_date_they_were_resolved_from(seeds):
    span = extract_dates(seeds["001_14f3083f4d14cd84"])[0]
    assert span.data["resolved_from"] == "2023-09-05"


def test_publication_date_inferred_from_the_text_is_a_lower_bound_and_marked():
    article = Article("t", "قال المسؤول في 5 أفريل 2024 إن الاتفاق وُقّع عام 2019، والثلاثاء أكد ذلك.")
    published, basis = infer_published(article)
    assert published == date(2024, 4, 5)
    assert basis.startswith("inferred from the text: not before 2024-04-05")
    dated = with_publication_date(article)
    assert dated.published == date(2024, 4, 5) and dated.date_basis == basis


def test_metadata_dates_are_kept_and_the_page_date_line_is_never_the_publication_date(seeds):
    article = seeds["004_c951edba429ed671"]
    assert with_publication_date(article) is article
    from dataclasses import replace

    undated = replace(article, published=None, date_basis="")
    published, basis = infer_published(undated)
    assert published == date(2022, 2, 1)  # "فبراير 2022", not the chrome line "22 نوفمبر 2024"
    assert "فبراير 2022" in basis


def test_no_written_year_no_inferred_date():
    assert infer_published(Article("t", "قال الثلاثاء إن الاجتماع في يوليو")) == (None, "")


def test_a_planned_date_is_not_a_lower_bound_and_a_year_counts_from_its_first_day():
    article = Article("t", "زار الرئيس موسكو في مارس 2023. ومن المقرر عقد القمة في 10 أكتوبر 2024.")
    assert infer_published(article)[0] == date(2023, 3, 1)
    assert infer_published(Article("t", "في 5 أفريل 2024 وفي عام 2024"))[0] == date(2024, 4, 5)


def test_the_channel_russia_today_is_not_a_date():
    assert dates_in("وقالت قناة روسيا اليوم", date(2023, 9, 5)) == []


def test_the_day_before_yesterday_and_yesterday():
    assert dates_in("أمس الأول ثم أمس", date(2023, 9, 5)) == [("أمس الأول", "2023-09-03"), ("أمس", "2023-09-04")]


# ---------------------------------------------------------------- Hijri dates, publication dates (issue 16)


def hijri_in(text, published=None):
    return [
        (s.text, s.label, s.data["date_from"], s.data["date_to"], s.data.get("calendar"), s.data.get("hijri"))
        for s in extract_dates(Article("t", text, published=published))
        if s.data.get("calendar")
    ]


def test_hijri_dates_are_converted_on_the_umm_al_qura_calendar():
    assert hijri_in("بتاريخ 21 / 10 / 1436هـ عن") == [
        ("21 / 10 / 1436هـ", "2015-08-06", "2015-08-06", "2015-08-06", "hijri", "1436-10-21")
    ]
    assert hijri_in("يوم 26 صفر 1447 هـ") == [
        ("26 صفر 1447 هـ", "2025-08-20", "2025-08-20", "2025-08-20", "hijri", "1447-02-26")
    ]
    assert hijri_in("منذ عام 1415هـ") == [("عام 1415هـ", "1994", "1994-06-10", "1995-05-29", "hijri", "1415")]
    assert hijri_in("خلال الفترة من 20 إلى 24 / 8 / 1436هـ.")[0][2:4] == ("2015-06-07", "2015-06-11")
    assert hijri_in("للعام الجامعي 1435/ 1436هـ.")[0][2:4] == ("2013-11-04", "2015-10-13")


def test_a_date_line_in_both_calendars_is_one_date():
    found = [s for s in extract_dates(Article("t", "جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس")) if s.data["day"]]
    assert [(s.text, s.label, s.data["calendar"], s.data["hijri"]) for s in found] == [
        ("25 شوال 1436هـ الموافق 10 أغسطس 2015", "2015-08-10", "both", "1436-10-25")
    ]


def test_a_month_of_last_year_a_month_kept_and_a_two_day_range():
    published = date(2015, 7, 21)
    assert dates_in("في يونيو حزيران من العام الماضي", published) == [("في يونيو حزيران من العام الماضي", "2014-06")]
    assert dates_in("منذ أكتوبر من العام الماضي", published) == [("منذ أكتوبر من العام الماضي", "2014-10")]
    [day_range] = extract_dates(Article("t", "يومي 18 و19 يونيو", published=published))
    assert (day_range.text, day_range.data["date_from"], day_range.data["date_to"]) == (
        "18 و19 يونيو",
        "2015-06-18",
        "2015-06-19",
    )
    assert dates_in("في أيار (مايو) الماضي", published) == [("في أيار (مايو) الماضي", "2015-05")]


def test_today_in_an_outlet_name_or_a_byline_is_no_date():
    published = date(2015, 8, 10)
    assert dates_in("وذكر موقع المغرب اليوم أن الوفد وصل", published) == []
    assert dates_in("عين اليوم – جدة\nأعلنت الأمانة", published) == []
    assert dates_in("وقالت صحيفة اليوم إن", published) == []
    assert dates_in("أطلقت امرأتان النار اليوم الاثنين", published)[0] == ("اليوم", "2015-08-10")


def test_the_publication_date_from_a_header_date_a_dateline_or_a_day_beside_today():
    header = Article("t", "نشر في: 21 يوليو 2015\nقال الوزير إن المشروع بدأ عام 2019.")
    assert infer_published(header) == (date(2015, 7, 21), 'header date ("نشر في: 21 يوليو 2015")')
    dateline = Article("t", "الرياض 21 يوليو 2015 - أعلنت الوزارة خطة تنتهي عام 2030.")
    assert infer_published(dateline)[0] == date(2015, 7, 21)
    today = Article("t", "نفذ حكم القتل اليوم الخميس 7 / 10 / 1436 هـ بمحافظة النبهانية. وأدين الجاني عام 2016.")
    assert infer_published(today) == (date(2015, 7, 23), 'written beside "اليوم" ("7 / 10 / 1436 هـ")')
    yesterday = Article("t", "ذكرت الوكالة أمس الأحد 9 أغسطس 2015 أن القتال توقف.")
    assert infer_published(yesterday)[0] == date(2015, 8, 10)


def test_a_backgrounder_year_is_never_the_publication_date():
    article = Article("t", "قال الوزير إن الاتفاق وقع عام 2019 وإن المرحلة الثانية تنتهي في 2023.")
    assert infer_published(article) == (None, "")
