"""Who said what in the seed articles, each checked by reading the article."""

from analysis.corpus import Article
from analysis.lexicon import name_key
from analysis.quotes import QuoteRow, clause_end, extract_quotes
from analysis.spans import Span

from conftest import seed


def quotes(article):
    return [(q.data["speaker_entity"] or q.data["speaker"], q.data["quote"]) for q in extract_quotes(article)]


def test_peskov_says_he_cannot_confirm_the_talks(seeds):
    found = quotes(seed(seeds, "002"))
    assert ("dmitry_peskov", "لا، لا أستطيع. ليس هناك ما أقوله") in found


def test_sullivan_is_quoted_three_times_verb_first(seeds):
    said = [q for q in extract_quotes(seed(seeds, "002")) if q.label == "jake_sullivan"]
    assert [q.data["speaker"] for q in said] == ["مستشار الأمن القومي الأمريكي جيك سوليفان", "سوليفان", "سوليفان"]
    assert said[0].data["quote"].startswith("توفير الأسلحة لروسيا “لن ينعكس بشكل جيد")
    assert not said[0].data["direct"]  # reported speech after إن
    assert said[2].data["quote"] == "لقد واصلنا الضغط على القاعدة الصناعية الدفاعية الروسية"
    assert said[2].data["direct"]


def test_watson_speaks_then_goes_on_without_being_named_again(seeds):
    said = extract_quotes(seed(seeds, "001"))[:4]
    assert [q.label for q in said] == ["adrienne_watson"] * 4
    assert said[0].data["speaker"] == "متحدثة مجلس الأمن القومي الأمريكي أدريان واتسون"
    assert said[0].data["quote"] == "الاجتماع سيكون جزءا من المناقشات الجارية حول مبيعات الأسلحة بين البلدين"
    assert [q.data["verb"] for q in said] == ["قالت", "اضافت", "تابعت", "تابعت"]
    assert [q.data["speaker_basis"] for q in said] == ["named", "named", "previous speaker", "previous speaker"]


def test_unnamed_speakers_keep_their_description(seeds):
    q002 = extract_quotes(seed(seeds, "002"))
    assert (q002[0].label, q002[0].data["speaker"], q002[0].data["speaker_basis"]) == ("", "مسؤول أمريكي", "role")
    q003 = extract_quotes(seed(seeds, "003"))
    officials = next(q for q in q003 if q.data["speaker"] == "مسؤولون أميركيون وغربيون")
    assert officials.label == "" and officials.data["quote"].startswith("من المحتمل أن يوافق كيم")
    q004 = extract_quotes(seed(seeds, "004"))
    office = next(q for q in q004 if q.data["speaker"] == "مسؤولون في المكتب الرئاسي في سيول")
    assert office.data["affiliation"] == "south_korea_presidential_office"


def test_the_one_warned_is_not_the_speaker(seeds):
    # "قال مسؤول أمريكي ... إن ...، وحذر الزعيم كيم جونغ أون، من أن بلاده ستدفع ثمن ..."
    warning = extract_quotes(seed(seeds, "002"))[1]
    assert (warning.data["verb"], warning.data["speaker"], warning.data["addressee"]) == (
        "حذر",
        "مسؤول أمريكي",
        "الزعيم كيم جونغ أون",
    )
    assert warning.data["quote"] == "بلاده ستدفع ثمن تزويد روسيا بأسلحة لاستخدامها في أوكرانيا"


def test_relayed_words_name_the_speaker_and_the_agency(seeds):
    shoigu = next(q for q in extract_quotes(seed(seeds, "003")) if q.data["verb"] == "نقلت")
    assert (shoigu.label, shoigu.data["via"], shoigu.data["direct"]) == ("sergei_shoigu", "interfax", True)
    assert shoigu.data["quote"].startswith("لماذا لا؟، هؤلاء جيراننا")


def test_the_newspaper_is_the_last_outlet_named(seeds):
    first = next(q for q in extract_quotes(seed(seeds, "000")) if q.data["verb"] == "ذكرت")
    assert (first.data["speaker"], first.label, first.data["speaker_basis"]) == (
        "الصحيفة",
        "new_york_times",
        "back-reference",
    )


def test_subject_before_a_plural_verb_and_the_outlet_spoken_to(seeds):
    told = next(q for q in extract_quotes(seed(seeds, "002")) if q.data["verb"] == "قالوا")
    assert (told.data["speaker"], told.data["addressee"]) == ("مسؤولين أمريكيين", "لصحيفة نيويورك تايمز")


def test_every_speaker_in_004(seeds):
    assert [q.data["speaker_entity"] or q.data["speaker"] for q in extract_quotes(seed(seeds, "004"))] == [
        "south_korea",
        "وزير الدفاع الكوري الجنوبي",
        "dmitry_peskov",
        "مسؤولون في المكتب الرئاسي في سيول",
        "kurt_campbell",
        "cheong_seong_chang",
    ]


def test_quote_offsets_point_into_the_original_text(seeds):
    for article in seeds.values():
        for q in extract_quotes(article):
            assert article.text[q.data["quote_start"] : q.data["quote_end"]] == q.data["quote"]
            assert article.text[q.start : q.end] == q.text


def test_a_noun_that_looks_like_a_verb_is_not_a_quote():
    assert extract_quotes(Article("t", "أكدت روسيا حقها في تطوير علاقات مع جيرانها دون ذكر تفاصيل.")) == []


def test_a_full_stop_inside_quotation_marks_does_not_end_the_sentence():
    text = "قال: “لا، لا أستطيع. ليس هناك ما أقوله”. ثم مضى"
    assert text[clause_end(text, 0)] == "." and clause_end(text, 0) == text.index("”") + 1


def test_a_broken_speech_verb_file_says_which_line(tmp_path):
    import pytest
    from analysis.quotes import SpeechVerbError, load_speech_verbs

    path = tmp_path / "speech_verbs.csv"
    path.write_text("verb,gloss,relay\nقال,said,\nقال إن,said that,\n", encoding="utf-8")
    with pytest.raises(SpeechVerbError, match="line 3"):
        load_speech_verbs(path)


# ---------------------------------------------------------------- any story (issue 16)


def said(text, entities=None):
    return [
        (q.data["verb"], q.data["speaker"], q.label, q.data["speaker_basis"], q.data["quote"])
        for q in extract_quotes(Article("t", text), entities)
    ]


def test_report_verbs_with_their_prepositions():
    found = said(
        "وأشار المتحدث باسم الوزارة غابريل فيرنشتدت إلى أن الفتاة موجودة في سوريا. "
        "ولفت إلى أن السلطات على اتصال بأقاربها. وأكد الوزير على أن التحقيق مستمر."
    )
    assert [(v, q) for v, _, _, _, q in found] == [
        ("اشار", "الفتاة موجودة في سوريا"),
        ("لفت", "السلطات على اتصال بأقاربها"),
        ("اكد", "التحقيق مستمر"),
    ]
    assert found[1][3] == "previous speaker"
    assert said("لفت نظري في المعرض أن الزوار كثيرون.") == []  # "caught my eye": no إلى, no speech


def test_a_warning_of_something_does_not_make_it_the_speaker():
    [warning] = said("وحذر وزير الصحة من انتشار الأوبئة في المخيمات خلال الصيف.")
    assert warning[:2] == ("حذر", "وزير الصحة") and warning[4] == "انتشار الأوبئة في المخيمات خلال الصيف"


def test_attributions_without_a_verb():
    found = said(
        'قتل خمسة أشخاص في الهجوم، بحسب الشرطة. ووفقاً لـ"رويترز"، فإن الشركة خفضت إنتاجها. '
        "وكانت المرأة تغرق، حسبما ذكرت صحف محلية."
    )
    assert [(v, s, q) for v, s, _, _, q in found] == [
        ("بحسب", "الشرطة", "قتل خمسة أشخاص في الهجوم"),
        ("وفقا", "رويترز", "الشركة خفضت إنتاجها"),
        ("حسب", "صحف محلية", "وكانت المرأة تغرق"),
    ]
    assert found[1][2] == "reuters"
    assert said("وتقدم الخدمة حسب الحاجة ووفق الأنظمة المعمول بها.") == []  # not a source


def test_a_decimal_point_an_abbreviation_or_a_closing_guillemet_does_not_end_the_quote():
    [q] = said("وقال المتحدث إن الودائع بلغت 5.4 مليار دينار في مايو.")
    assert q[4] == "الودائع بلغت 5.4 مليار دينار في مايو"
    [q] = said("وقال الوزير: «إن د. محمد وصف «داعش» بأنه تنظيم إرهابي، وإن الحرب ستطول».")
    assert q[4] == "إن د. محمد وصف «داعش» بأنه تنظيم إرهابي، وإن الحرب ستطول"


def test_the_speaker_left_unsaid_is_the_subject_before_it():
    found = said("أصدرت الوزارة بياناً حول الحادث صباح اليوم. وقالت في تغريدة على تويتر إن التحقيق بدأ.")
    assert found[0][1:4] == ("الوزارة", "", "subject")
    assert found[0][4] == "التحقيق بدأ"


def test_one_speaker_under_several_descriptions():
    text = (
        "وقال المتحدث الأمني لوزارة الداخلية اللواء منصور التركي إن الخلية فككت. "
        "وأضاف اللواء التركي أن التحقيقات مستمرة. وقال التركي إن عدد الموقوفين 431. "
        "وأوضح المتحدث أن بينهم أجانب."
    )
    found = extract_quotes(Article("t", text))
    assert {q.label for q in found} == {"ner:منصور_التركي"}
    assert [q.data["speaker_full"] for q in found] == ["المتحدث الأمني لوزارة الداخلية اللواء منصور التركي"] * 4
    assert [q.data["speaker"] for q in found] == [
        "المتحدث الأمني لوزارة الداخلية اللواء منصور التركي",
        "اللواء التركي",
        "التركي",
        "المتحدث",
    ]


def test_a_named_person_in_the_description_links_to_a_name_entity_and_the_outlet_spoken_to_does_not():
    [q] = extract_quotes(Article("t", "وقال شاهد عيان يدعى أحمد اكاي لرويترز إن إحدى المرأتين أطلقت النار."))
    assert (q.label, q.data["speaker"]) == ("ner:احمد_اكاي", "شاهد عيان يدعى أحمد اكاي")  # not Reuters, spoken to
    [q] = extract_quotes(Article("t", "وقال وزير الزراعة السوداني إبراهيم الدخيري: «الموسم جيد»."))
    assert q.label == "ner:ابراهيم_الدخيري" and q.data["quote"] == "الموسم جيد"
    [q] = extract_quotes(Article("t", "وقال المتحدث باسم الوزارة غابريل فيرنشتدت: «تم إبلاغنا»."))
    assert q.label == "ner:جابريل_فيرنشتدت"  # ids fold غ/ج as model names do
    [q] = extract_quotes(Article("t", "وقال وزير الخارجية السعودي عادل الجبير: «الحل سياسي»."))
    assert q.label == "adel_al_jubeir"  # a name the entity lexicon lists keeps its id
    [q] = extract_quotes(Article("t", "وقال وزير الدفاع الكوري الجنوبي إن الذخائر أرسلت."))
    assert q.label == "" and q.data["speaker_basis"] == "role"


def test_model_found_names_are_speakers():
    text = "وقال روستام مينيخانوف إن الاتفاق قريب."
    name = Span(
        "t", 5, 21, text[5:21], "entity", "ner:روستام_مينيخانوف", {"type": "person", "alias": "روستام مينيخانوف"}
    )
    [q] = extract_quotes(Article("t", text), [name])
    assert (q.label, q.data["speaker_basis"]) == ("ner:روستام_مينيخانوف", "named")


def test_model_names_trimmed_to_the_name_are_the_speakers():
    """With the model's spans as it returns them (the description and the words after the name
    inside), the speaker is the person's name, and a surname alone later is that person."""
    from analysis.entity_linking import link_entities

    text = (
        "وقال الباحث الفلكي، بقسم علوم الفلك، ملهم بن محمد هندي: «هذه الشهب تصل إلى ذروتها فجر الخميس». "
        "وأضاف: «شهب البرشاويات من الزخات الكثيفة». "
        "وتوقعت منظمة الشهب العالمية مائة شهاب في الساعة. "
        "وتابع: «تسمية هذه الشهب راجعة إلى كوكبة برشاوس». "
        "وقال هندي إن الشهب لا خطر منها. "
        "وقال شاهد عيان يدعى أحمد اكاي لرويترز إن إحدى المرأتين أطلقت النار."
    )
    found = []
    for surface, kind in (
        ("بن محمد هندي", "person"),
        ("منظمة الشهب العالمية", "organisation"),
        ("شاهد عيان يدعى أحمد اكاي", "person"),
    ):
        start = text.index(surface)
        found.append((start, start + len(surface), kind))
    article = Article("t", text)
    names = [s for s in link_entities(article, found) if not s.data["nisba"]]
    hindi = next(s.label for s in names if s.text == "ملهم بن محمد هندي")
    rows = [(q.data["verb"], q.label) for q in extract_quotes(article, names)]
    witness = next(s.label for s in names if s.text == "شاهد عيان يدعى أحمد اكاي")
    assert witness == "ner:" + "احمدك"  # the merge key of أحمد اكاي: the name, not "شاهد عيان يدعى"
    # وتابع (he went on) is masculine: the organisation in the quote before is not its subject
    assert rows == [("قال", hindi), ("اضاف", hindi), ("تابع", hindi), ("قال", hindi), ("قال", witness)]


def test_an_agency_no_lexicon_lists_is_named_by_the_pattern():
    text = "وقالت وكالة الأنباء دوغان أن هجوماً وقع مساء السبت على مركز للشرطة في ماردين."
    [(verb, speaker, label, basis, _)] = said(text, [])
    assert (speaker, label, basis) == (
        "وكالة الأنباء دوغان",
        "ner:" + name_key("دوغان"),
        "agency named in the description",
    )
    [row] = extract_quotes(Article("t", text), [])
    assert QuoteRow.of(row).speaker_type == "media"  # an agency, not a person
    [(_, speaker, label, _, _)] = said("وقالت وكالة الأنباء الكويتية إن الأمطار غزيرة في البلاد.", [])
    assert label == ""  # a nisba alone is no agency's name


def test_an_honorific_alone_is_the_person_whose_title_earns_it():
    text = (
        "ونقل صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد تعازي خادم الحرمين الشريفين"
        ' الملك سلمان بن عبدالعزيز في الشهداء.\n وقال سموه " إن التفجير الإرهابي كشف مدى حقد هؤلاء المجرمين ".'
        " واستقبل وزير الخارجية عادل الجبير السفير. وقال معاليه إن العلاقات متينة بين البلدين."
    )
    entities = [
        Span("t", start, end, text[start:end], "entity", label, {"type": "person"})
        for (start, end), label in [
            ((text.index("محمد بن نايف"), text.index(" ولي العهد")), "muhammad_bin_nayef"),
            ((text.index("سلمان بن"), text.index(" في الشهداء")), "king_salman"),
            ((text.index("عادل الجبير"), text.index(" السفير")), "adel_al_jubeir"),
        ]
    ]
    found = {
        q.data["speaker"]: (q.data["speaker_entity"], q.data["speaker_basis"])
        for q in extract_quotes(Article("t", text), entities)
    }
    assert found["سموه"] == ("muhammad_bin_nayef", "same speaker")  # a prince's title, not the king named last
    assert found["معاليه"] == ("adel_al_jubeir", "same speaker")


def test_a_source_and_its_adjectives_are_no_name():
    from analysis.quotes import person_named_in

    assert person_named_in("مسؤول حكومي كبير") == ""
    assert person_named_in("مصادر طبية وشرطية") == ""
    assert person_named_in("وزير الخارجية اليمني رياض ياسين") == "رياض ياسين"
