"""Random text through every extractor (hypothesis): no crash, and every span points into
the original text: 0 <= start <= end <= len(text) and text[start:end] == span.text.

Two kinds of input: any Unicode at all, and Arabic-heavy text stitched from the words the
extractors look for (names, numbers, dates, speech verbs, quotes, chrome lines), diacritics,
tatweel, invisible marks and Arabic digits, so the matchers actually fire.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import CorpusError, Article, finish, load_chrome_rules, read_file
from analysis.dates import extract_dates, with_publication_date
from analysis.entities import extract_entities
from analysis.pipeline import analyze
from analysis.quantities import extract_quantities
from analysis.quotes import extract_quotes
from analysis.sources import extract_cited_sources
from analysis.text import normalize_with_offsets, sentence_bounds, tokenize
from analysis.weapons import extract_weapons

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULES = load_chrome_rules()

PIECES = [  # what the extractors look for, as the seed articles write it
    "روسيا",
    "لروسيا",
    "كوريا الشمالية",
    "كيم جونغ أون",
    "كيم",
    "بوتين",
    "الكرملين",
    "بيونج يانج",
    "الروسي",
    "5 ملايين قذيفة مدفعية",
    "ما لا يقل عن 10 آلاف حاوية",
    "عشرات الصواريخ",
    "٣ صواريخ باليستية",
    "في 5 سبتمبر 2023",
    "يوم الثلاثاء",
    "الشهر الماضي",
    "22 نوفمبر",
    "عام 2024",
    "قال",
    "وقالت",
    "أضاف",
    "إن",
    "أن",
    "وفقا لوكالة رويترز",
    "بحسب",
    "نقلا عن",
    "المصدر: رويترز",
    "«",
    "»",
    "“",
    "”",
    '"',
    ":",
    "،",
    ".",
    "؟",
    "-",
    "\n",
    "\n\n",
    " ",
    "  ",
    "شارك هذه المقالة",
    "4 دقيقة قراءة",
    "- مساحة اعلانية-",
    "A A",
    "وقال بوتين إن",
    "وقالت وزارة الخارجية الروسية:",
    "قال سوليفان للصحفيين إن",
    "وأضاف كيم أن",
    "\u064b",
    "\u0651",
    "\u0640",
    "\u200f",
    "\u200c",
    "\ufeff",
    "٥",
    "٫",
    "2.5",
    "مليار",
    "ألف",
    "آلاف",
]
arabic_heavy = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=6),
        st.text(max_size=3),
    ),
    max_size=60,
).map(" ".join)
any_text = st.text(max_size=400)
texts = st.one_of(any_text, arabic_heavy)


def article(text: str) -> Article:
    return finish(Article(id="x", text=text), RULES)


def assert_inside(text: str, spans) -> None:
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), (span, len(text))
        assert text[span.start : span.end] == span.text, span


@FAST
@given(texts)
def test_every_extractor_keeps_its_spans_inside_the_text(text):
    a = with_publication_date(article(text))
    entities = extract_entities(a, nisba=True)
    names = [s for s in entities if not s.data["nisba"]]
    for spans in (
        entities,
        extract_weapons(a),
        extract_quantities(a),
        extract_dates(a),
        extract_cited_sources(a, names),
    ):
        assert_inside(text, spans)
    quotes = extract_quotes(a, names)
    assert_inside(text, quotes)
    for q in quotes:
        assert 0 <= q.data["quote_start"] <= q.data["quote_end"] <= len(text)
        assert text[q.data["quote_start"] : q.data["quote_end"]] == q.data["quote"]


@FAST
@given(texts)
def test_chrome_marks_lines_inside_the_text_and_the_body_keeps_its_length(text):
    a = article(text)
    for start, end, reason in a.chrome:
        assert 0 <= start < end <= len(text) and reason
        assert "\n" not in text[start:end]
    assert len(a.body) == len(text)


@FAST
@given(texts)
def test_normalisation_maps_every_character_back(text):
    nt = normalize_with_offsets(text)
    assert len(nt.offsets) == len(nt.normalized) + 1 and nt.offsets[-1] == len(text)
    for i in range(len(nt.normalized)):
        start, end = nt.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
    for token in tokenize(text):
        assert 0 <= token.start <= token.end <= len(text) and text[token.start : token.end] == token.text
    for start, end in sentence_bounds(text):
        assert 0 <= start < end <= len(text)


@FAST
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.csv", "a.jsonl", "a.json", "a.html"]))
def test_any_bytes_load_or_fail_with_a_corpus_error(data, name):
    try:
        articles = read_file(data, name)
    except CorpusError as error:
        assert str(error).startswith(name)
    else:
        assert all(isinstance(a.text, str) for a in articles)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3))
def test_analyze_gives_tables_whose_offsets_point_into_each_article(bodies):
    articles = [article(text) for text in bodies]
    articles = [Article(id=f"a{i}", text=a.text, chrome=a.chrome) for i, a in enumerate(articles)]
    tables = analyze(articles)
    text_of = {a.id: a.text for a in articles}
    for frame in (tables.mentions, tables.weapons, tables.quantities, tables.dates, tables.quotes, tables.sources):
        for row in frame.itertuples():
            assert text_of[row.article][row.start : row.end] == row.text
