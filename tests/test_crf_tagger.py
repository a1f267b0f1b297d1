"""The bundled NER model's fast tagger gives exactly crfsuite's labels, on real articles: the
seed articles and SaudiNewsNet days, for the first stage and for the stack of both; and its
words are those of text.tokenize."""

import json
import zipfile
from collections import Counter
from pathlib import Path

import pycrfsuite
import pytest

from analysis.corpus import load_files
from analysis.crf_tagger import (
    BOS,
    EOS,
    PART_FEATURES,
    FastTagger,
    context_attributes,
    arabic_frequency_buckets,
    frequency_key,
    read_model,
    sentence_tokens,
    sequence_features,
    split_clitics,
    stacked_features,
    word_attributes,
    word_parts,
)
from analysis.ner import MODEL_PATH, context_model_path, load_recognizer
from analysis.text import sentence_bounds, tokenize

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"


@pytest.fixture(scope="module")
def taggers():
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger, FastTagger.from_file(MODEL_PATH)


def saudinewsnet_articles(day: str, every: int):
    """Every `every`-th article of one SaudiNewsNet day file."""
    with zipfile.ZipFile(SAUDINEWSNET / f"{day}.zip") as archive:
        name = archive.namelist()[0]
        records = json.loads(archive.read(name))
    data = json.dumps(records[::every], ensure_ascii=False).encode()
    return load_files([(f"{day}.json", data)]).articles


def real_articles(seeds):
    articles = list(seeds.values())
    if SAUDINEWSNET.is_dir():
        articles += saudinewsnet_articles("2015-07-21", 15) + saudinewsnet_articles("2015-08-04", 15)
    return articles


def test_the_words_are_text_tokenize_s(seeds):
    for article in real_articles(seeds)[:60]:
        text = article.body
        expected = [
            [(t.norm, s + t.start, s + t.end) for t in tokenize(text[s:e]) if t.text.strip()]
            for s, e in sentence_bounds(text)
        ]
        assert sentence_tokens(text) == [s for s in expected if s]


def test_fast_labels_are_crfsuite_s_for_every_token(seeds, taggers):
    crfsuite, fast = taggers
    sentences = [[w for w, _, _ in s] for a in real_articles(seeds) for s in sentence_tokens(a.body)]
    assert len(sentences) > 2000
    expected = [crfsuite.tag(sequence_features(s)) for s in sentences]
    assert fast.tag(sentences) == expected
    names = sum(label != "O" for labels in expected for label in labels)
    assert names > 1000  # the comparison covers many names, not only O


def test_one_article_at_a_time_gives_the_same_labels(seeds, taggers):
    crfsuite, fast = taggers
    for article in list(seeds.values()):
        sentences = [[w for w, _, _ in s] for s in sentence_tokens(article.body)]
        assert fast.tag(sentences) == [crfsuite.tag(sequence_features(s)) for s in sentences]


@pytest.fixture(scope="module")
def stages():
    first, second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    first.open(str(MODEL_PATH))
    second.open(str(context_model_path(MODEL_PATH)))
    return first, second


def test_the_stack_s_labels_are_crfsuite_s_second_stage_on_the_first_s(seeds, stages):
    first, second = stages
    stacked, _ = load_recognizer()
    changed = names = 0
    articles = [a for a in real_articles(seeds) if sentence_tokens(a.body)]
    for article in articles:  # each article a document: the context never reaches into another
        sentences = [[w for w, _, _ in s] for s in sentence_tokens(article.body)]
        labels = [first.tag(sequence_features(s)) for s in sentences]
        expected = [second.tag(item) for item in stacked_features(sentences, labels)]
        assert stacked.tag(sentences) == expected
        changed += sum(a != b for x, y in zip(labels, expected) for a, b in zip(x, y))
        names += sum(label != "O" for row in expected for label in row)
    assert len(articles) > 250 and names > 1000
    assert changed > 50  # the second stage does change labels: its context scores are covered
    texts = [a.body for a in articles]
    assert stacked.spans_of(texts) == [stacked.spans(text) for text in texts]


def test_the_context_is_the_first_stage_s_kinds_of_the_same_core_nearby():
    sentences = [["قال", "بوتين"], ["وبوتين", "هنا"], *[["هنا"]] * 8, ["بوتين"]]
    labels = [["O", "B-PER"], ["B-PER", "O"], *[["O"]] * 8, ["B-LOC"]]
    context = context_attributes(sentences, labels)
    assert context[1][0] == ["s1:B-PER", "s1-:BOS", "s1+:O", "d:PER", "dm:PER"]  # its clitic off
    assert context[0][1] == ["s1:B-PER", "s1-:O", "s1+:EOS", "d:PER", "dm:PER"]  # the one 10 sentences on is too far
    assert context[10][0] == ["s1:B-LOC", "s1-:BOS", "s1+:EOS", "d:none"]
    assert context[2][0][3:] == ["d:O", "dm:O"]  # the other هنا


def test_spans_are_offsets_into_the_original_text(seeds, taggers):
    _, fast = taggers
    text = "وقال الرئيسُ فلاديمير بوتين في موسكو، إن شركة روساتوم الروسية ستبني محطة في بيونغ يانغ."
    found = fast.spans(text)
    assert ("فلاديمير بوتين", "person") in [(text[s:e], k) for s, e, k in found]
    assert ("موسكو", "place") in [(text[s:e], k) for s, e, k in found]
    for article in seeds.values():
        for s, e, kind in fast.spans(article.text):
            assert article.text[s:e].strip() == article.text[s:e] and kind in ("person", "place", "organisation")


def test_clitics_split_off_as_the_model_reads_them():
    assert split_clitics("وبموسكو") == ("وب", "موسكو", "")
    assert split_clitics("للاتحاد") == ("لل", "الاتحاد", "")
    assert split_clitics("حكومتها") == ("", "حكومت", "ها")
    assert split_clitics("في") == ("", "في", "")


def test_general_arabic_tells_a_name_from_a_common_noun():
    """wordfreq's counts: names seldom take the article or a pronoun suffix, common nouns do."""

    def read(core: str) -> dict[str, int]:
        return {k: int(v) for k, v in (feature.split("=") for feature in frequency_key(core))}

    for name in ("بوتين", "اوباما", "موسكو"):
        assert read(name)["za"] <= -3 and read(name)["zh"] <= -3, name
    for noun in ("حكومه", "رئيس"):
        assert read(noun)["za"] >= -1 and read(noun)["zh"] >= -1, noun
    assert read("حكومه")["zc"] >= 5  # a common word
    assert frequency_key("ززقخطظ") == ("zc=0",)  # in no list


def test_a_word_s_features_are_its_own_and_its_parts_(seeds):
    """The fast tagger sums a word's features as "w=", "st=" and four shared parts: together
    they are exactly word_attributes, each feature once."""
    words = {w for a in real_articles(seeds)[:200] for s in sentence_tokens(a.body) for w, _, _ in s}
    words |= {"F-16", "2015", "و", "ال", "للاتحاد", "حكومتها", "بالبيت", "<", "%", "وب" + "ا" * 70}
    assert len(words) > 10000
    for word in words - {BOS, EOS}:
        _, stem, _, *parts = word_parts(word)
        features = ["w=" + word, "st=" + stem, *(f for part, of in zip(parts, PART_FEATURES) for f in of(part))]
        assert Counter(features) == Counter(word_attributes(word)), word


def test_the_arabic_word_list_is_wordfreq_s():
    import wordfreq

    buckets = arabic_frequency_buckets()
    assert buckets == wordfreq.get_frequency_list("ar", wordlist="large")
    assert sum(map(len, buckets)) > 500_000


def test_the_model_file_read_holds_pycrfsuite_s_weights(taggers):
    """read_model reads the file's doubles; pycrfsuite's info() reads its dump, rounded to six
    decimals: the same labels, features and transitions, the weights within that rounding."""
    crfsuite, _ = taggers
    info = crfsuite.info()
    model = read_model(MODEL_PATH)
    assert model.labels == crfsuite.labels()
    moves = model.transitions()
    transitions = {(a, b): moves[i, j] for i, a in enumerate(model.labels) for j, b in enumerate(model.labels)}
    for read, dumped in ((model.state_features(), info.state_features), (transitions, info.transitions)):
        assert read.keys() == dumped.keys()
        assert max(abs(read[key] - weight) for key, weight in dumped.items()) <= 5e-7
    assert len(info.transitions) > 20 and len(info.state_features) > 100_000


def test_a_file_that_is_no_model_is_refused(tmp_path):
    (tmp_path / "photo.crfsuite").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(ValueError, match="not a crfsuite model"):
        read_model(tmp_path / "photo.crfsuite")
    (tmp_path / "cut.crfsuite").write_bytes(MODEL_PATH.read_bytes()[:5000])
    with pytest.raises(ValueError, match="crfsuite model"):
        read_model(tmp_path / "cut.crfsuite")


def test_the_marks_are_camel_tools_punctuation_and_symbols():
    """Classified in crf_tagger, not imported (camel-tools' charsets take a third of a second)."""
    from camel_tools.utils.charsets import UNICODE_PUNCT_SYMBOL_CHARSET

    from analysis.crf_tagger import _IS_MARK, word_re

    assert set(map(chr, _IS_MARK.nonzero()[0])) == {c for c in UNICODE_PUNCT_SYMBOL_CHARSET if ord(c) < 0x10000}
    assert word_re().findall("قال: «بوتين» 😀😀 F-16") == ["قال", ":", "«", "بوتين", "»", "😀", "😀", "F", "-", "16"]
