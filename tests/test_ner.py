"""The NER backend: a clear message without the CAMeLBERT data, and the full path (camel-tools'
NERecognizer -> labels -> spans -> lexicon links) with a tiny model the test builds itself."""
import json
import sys

import pytest

from analysis.corpus import Article
from analysis.entities import extract_entities
from analysis.ner import NER_PACKAGE, entity_extractor, find_model, link_entities, load_recognizer

# The tiny model tags by word: every word of these sentences gets the label written after it.
SENTENCES = [
    [("قال", "O"), ("جو", "B-PERS"), ("بايدن", "I-PERS"), ("إن", "O"), ("فلاديمير", "B-PERS"),
     ("بوتين", "I-PERS"), ("زار", "O"), ("بيونغ", "B-LOC"), ("يانغ", "I-LOC"), ("مع", "O"),
     ("وفد", "O"), ("من", "O"), ("روساتوم", "B-ORG"), (".", "O")],
    [("ووقعت", "O"), ("وروساتوم", "B-ORG"), ("عقدا", "O"), ("في", "O"), ("خاباروفسك", "B-LOC"),
     ("مع", "O"), ("ميخائيل", "B-PERS"), ("ميشوستين", "I-PERS"), ("خلال", "O"), ("المعرض", "B-MISC"),
     (".", "O")],
]
TEXT = " ".join(w for w, _ in SENTENCES[0][:-1]) + ". " + " ".join(w for w, _ in SENTENCES[1][:-1]) + "."
# "قال جو بايدن إن فلاديمير بوتين زار بيونغ يانغ مع وفد من روساتوم. ووقعت وروساتوم عقدا في خاباروفسك ..."


def test_without_the_data_it_says_what_to_run_and_uses_the_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    load_recognizer.cache_clear()
    status = find_model()
    assert not status.available
    assert f"camel_data -i {NER_PACKAGE}" in status.message and "lexicon only" in status.message
    extract, status = entity_extractor()
    assert not status.available and "not installed" in status.message
    article = Article("t", TEXT)
    assert extract(article) == extract_entities(article)
    load_recognizer.cache_clear()


def build_tiny_model(folder):
    """A BERT token classifier with no transformer layer whose word embeddings point straight
    at a label: LayerNorm keeps the largest component, the classifier is the identity."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from camel_tools.tokenizers.word import simple_word_tokenize  # noqa: F401  (no torch)

    labels = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
    label_of = {"[PAD]": "O", "[UNK]": "O", "[CLS]": "O", "[SEP]": "O", "[MASK]": "O"}
    for sentence in SENTENCES:
        label_of.update(dict(sentence))
    vocab = list(label_of)
    folder.mkdir(parents=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=len(labels), num_hidden_layers=0, num_attention_heads=1,
        intermediate_size=4, max_position_embeddings=512, num_labels=len(labels),
        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.word_embeddings.weight.zero_()
        for i, token in enumerate(vocab):
            emb.word_embeddings.weight[i, labels.index(label_of[token])] = 10.0
        emb.position_embeddings.weight.zero_()
        emb.token_type_embeddings.weight.zero_()
        emb.LayerNorm.weight.fill_(1.0)
        emb.LayerNorm.bias.zero_()
        model.classifier.weight.copy_(torch.eye(len(labels)))
        model.classifier.bias.zero_()
    model.save_pretrained(folder)
    transformers.BertTokenizer(str(folder / "vocab.txt"), do_lower_case=False).save_pretrained(folder)


@pytest.fixture
def installed_tiny_model(tmp_path, monkeypatch):
    """The tiny model installed where camel_data would put ner-arabert, with a catalogue naming it."""
    data = tmp_path / "camel_data"
    build_tiny_model(data / "data" / "ner" / "tiny")
    (data / "catalogue.json").write_text(json.dumps({
        "version": "1.6", "packages": {},
        "components": {"NamedEntityRecognition": {"default": "tiny",
                                                  "datasets": {"tiny": {"path": "ner/tiny"}}}},
    }), encoding="utf-8")
    monkeypatch.setenv("CAMELTOOLS_DATA", str(data))
    if "camel_tools.data.catalogue" in sys.modules:  # imported earlier: point it at the test data
        monkeypatch.setattr(sys.modules["camel_tools.data.catalogue"], "CT_DATA_DIR", data)
    load_recognizer.cache_clear()
    yield data
    load_recognizer.cache_clear()


def test_the_tiny_model_runs_through_camel_tools_and_links_to_the_lexicon(installed_tiny_model):
    status = find_model()
    assert status.available and status.model_path.endswith("ner/tiny")
    recognizer, status = load_recognizer()
    assert type(recognizer).__name__ == "NERecognizer" and status.available
    assert recognizer.predict([[w for w, _ in SENTENCES[0]]]) == [[l for _, l in SENTENCES[0]]]

    extract, status = entity_extractor()
    spans = extract(Article("t", TEXT))
    assert [(s.text, s.label, s.data["source"], s.data["ner"]) for s in spans] == [
        ("جو بايدن", "joe_biden", "lexicon", True),
        ("فلاديمير بوتين", "vladimir_putin", "lexicon", True),
        ("بيونغ يانغ", "pyongyang", "lexicon", True),
        ("روساتوم", "ner:رستم", "model", True),
        ("وروساتوم", "ner:رستم", "model", True),  # the same new entity, proclitic dropped
        ("خاباروفسك", "khabarovsk", "lexicon", True),
        ("ميخائيل ميشوستين", "ner:مخلمشستن", "model", True),
    ]  # B-MISC "المعرض" is not a person, place or organisation
    new = [s for s in spans if s.data["source"] == "model"]
    assert [s.data["type"] for s in new] == ["organisation", "organisation", "person"]
    assert all(TEXT[s.start:s.end] == s.text for s in spans)


def test_lexicon_names_the_model_missed_still_count(installed_tiny_model):
    article = Article("t", "وصل فلاديمير بوتين إلى موسكو")
    spans = link_entities(article, [(4, 18, "person")])
    assert [(s.text, s.label, s.data["ner"]) for s in spans] == [
        ("فلاديمير بوتين", "vladimir_putin", True), ("موسكو", "moscow", False)]
