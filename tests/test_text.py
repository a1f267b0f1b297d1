from analysis.text import normalize, normalize_with_offsets, sentence_bounds, tokenize, words


def test_normalize_folds_alef_ya_ta_marbuta_diacritics_tatweel_and_digits():
    assert normalize("أُوكْرانيـــا") == "اوكرانيا"
    assert normalize("إلى مدرسةٌ") == "الي مدرسه"
    assert normalize("٥ ملايين و۱۰ آلاف") == "5 ملايين و10 الاف"


def test_offsets_map_normalised_matches_back_to_the_original_text():
    original = "وقال بُوتِيــن: لَروسْيا"
    nt = normalize_with_offsets(original)
    at = nt.normalized.index("بوتين")
    start, end = nt.to_original(at, at + len("بوتين"))
    assert original[start:end] == "بُوتِيــن"
    at = nt.normalized.index("روسيا")
    start, end = nt.to_original(at, at + len("روسيا"))
    assert original[start:end] == "روسْيا"


def test_tokens_carry_original_offsets(seeds):
    text = "وأضافت واتسون: كما حذّرنا علنًا."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["وأضافت", "واتسون", ":", "كما", "حذّرنا", "علنًا", "."]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[4].norm == "حذرنا"


def test_sentences_split_at_stops_but_not_inside_decimals():
    text = "قال إن النمو بلغ 2.5 في المئة. ثم غادر؟ نعم"
    assert [text[s:e] for s, e in sentence_bounds(text)] == ["قال إن النمو بلغ 2.5 في المئة.", "ثم غادر؟", "نعم"]


def test_words_are_normalised():
    assert words("وأسلحة، لروسيا") == ["واسلحه", "لروسيا"]
