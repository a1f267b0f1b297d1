"""The bundled NER model on top of the lexicon: on by default, finding names nobody listed in
real news, and leaving every lexicon name its id."""

import json
import zipfile
from pathlib import Path

from analysis.corpus import Article, load_files
from analysis.entities import extract_entities
from analysis.ner import entity_extractor, find_model, link_entities, load_recognizer

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"
# aleqtisadiya, 21 July 2015 (SaudiNewsNet): none of these people is in data/entities.csv
CABINET = (
    "حضر اللقاء وزير الدولة عضو مجلس الوزراء الدكتور مساعد العيبان ووزير الخارجية الأستاذ "
    "عادل الجبير ووزير الدولة عضو مجلس الوزراء رئيس الديوان الملكي المكلف الأستاذ خالد العيسى."
)


def test_the_bundled_model_is_on_by_default():
    status = find_model()
    assert status.available and "bundled NER model in use" in status.message
    extract, status = entity_extractor()
    assert status.available
    recognizer, _ = load_recognizer()
    assert type(recognizer).__name__ == "StackedTagger"  # both stages of data/ner/


def test_without_a_model_it_says_so_and_uses_the_lexicon(tmp_path):
    missing = str(tmp_path / "none.crfsuite")
    extract, status = entity_extractor(model_path=missing)
    assert not status.available and "missing" in status.message and "lexicon only" in status.message
    article = Article("t", "وصل فلاديمير بوتين إلى موسكو")
    assert extract(article) == extract_entities(article)
    extract, status = entity_extractor(use_ner=False)
    assert not status.available and extract(article) == extract_entities(article)


def test_the_model_finds_saudi_ministers_nobody_listed():
    extract, _ = entity_extractor()
    spans = extract(Article("t", CABINET))
    new = {(s.text, s.data["type"]) for s in spans if s.data["source"] == "model"}
    assert {("مساعد العيبان", "person"), ("خالد العيسى", "person")} <= new
    # Adel al-Jubeir is in the base lexicon (data/world_entities.csv): its id, found by the model too
    assert [(s.label, s.data["ner"]) for s in spans if s.text == "عادل الجبير"] == [("adel_al_jubeir", True)]
    assert all(s.label.startswith("ner:") for s in spans if s.data["source"] == "model")
    assert all(CABINET[s.start : s.end] == s.text for s in spans)


def test_a_lexicon_name_keeps_its_id_inside_a_model_name():
    extract, _ = entity_extractor()
    text = "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده ستواصل دعم بيونغ يانغ."
    spans = extract(Article("t", text))
    assert [(s.text, s.label, s.data["source"]) for s in spans if s.data["source"] == "lexicon"] == [
        ("فلاديمير بوتين", "vladimir_putin", "lexicon"),
        ("موسكو", "moscow", "lexicon"),
        ("بيونغ يانغ", "pyongyang", "lexicon"),
    ]
    assert all(s.data["ner"] for s in spans)  # the model found each of them too


def test_lexicon_names_the_model_missed_still_count():
    article = Article("t", "وصل فلاديمير بوتين إلى موسكو")
    spans = link_entities(article, [(4, 18, "person")])
    assert [(s.text, s.label, s.data["ner"]) for s in spans] == [
        ("فلاديمير بوتين", "vladimir_putin", True),
        ("موسكو", "moscow", False),
    ]


def test_a_saudinewsnet_day_gets_saudi_names():
    """The issue's complaint: on one SaudiNewsNet day the lexicon alone finds no Saudi Arabia,
    Riyadh or King Salman. With the base lexicons and the model Saudi Arabia is among the most named."""
    with zipfile.ZipFile(SAUDINEWSNET / "2015-07-21.zip") as archive:
        records = json.loads(archive.read(archive.namelist()[0]))[:300]
    articles = load_files([("day.json", json.dumps(records, ensure_ascii=False).encode())]).articles
    extract, _ = entity_extractor()
    from collections import Counter

    counts = Counter(s.label for a in articles for s in extract(a))
    top = [name for name, _ in counts.most_common(30)]
    assert "saudi_arabia" in top[:5] and counts["riyadh"] >= 3 and "isis" in top
    assert any(s.data["source"] == "model" for a in articles[:50] for s in extract(a))


def test_a_model_found_entity_is_named_as_the_articles_spell_it():
    from analysis.pipeline import analyze

    articles = [
        Article("a", "وقال رئيس هيئة الطاقة الذرية علي أكبر صالحي إن بلاده ستلتزم بالاتفاق."),
        Article("b", "وأكدت لهيئة الطاقة الذرية أن التفتيش سيبدأ الشهر المقبل. وقالت هيئة الطاقة الذرية ذلك"),
    ]
    mentions = analyze(articles).mentions
    found = mentions[mentions["source"] == "model"]
    assert len(found) == 3 and found["entity"].nunique() == 1
    # one name, with ة as written (the variant it is matched on is normalised: هيئه)
    assert set(found["name_ar"]) == {"هيئة الطاقة الذرية"} and set(found["variant"]) == {"هيئه الطاقه الذريه"}


def test_the_models_names_never_start_or_end_with_a_quotation_mark():
    """News sets names in quotation marks ("لـ«الشرق الأوسط»", "«المقاومة الشعبية»") and the
    tagger labels the marks with the name; its spans are the name inside them."""
    from analysis.crf_tagger import QUOTE_TOKENS

    with zipfile.ZipFile(SAUDINEWSNET / "2015-07-21.zip") as archive:
        records = json.loads(archive.read(archive.namelist()[0]))[:300]
    bodies = [a.body for a in load_files([("day.json", json.dumps(records, ensure_ascii=False).encode())]).articles]
    recognizer, _ = load_recognizer()
    spans = [(body, s, e) for body, found in zip(bodies, recognizer.spans_of(bodies)) for s, e, _ in found]
    assert not [body[s:e] for body, s, e in spans if body[s] in QUOTE_TOKENS or body[e - 1] in QUOTE_TOKENS]
    quoted = [body[s:e] for body, s, e in spans if body[s - 1 : s] == "«" and body[e : e + 1] == "»"]
    assert len(quoted) >= 20 and "الشرق الأوسط" in quoted
