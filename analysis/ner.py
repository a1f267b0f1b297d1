"""Statistical NER (camel-tools' CAMeLBERT NER) on top of the entity lexicon.

The lexicon knows this story's actors by name; a NER model also finds the people, places and
organisations nobody listed. Each PERS/LOC/ORG span the model finds is linked to a lexicon
entity when a lexicon alias lies in it ("وبيونغ يانغ" -> pyongyang); otherwise it becomes a new
entity whose id is its merge key ("روساتوم" -> "ner:رستم"; analysis/entity_linking.py).

The model data is a separate camel-tools download (`camel_data -i ner-arabert`). Without it,
every function here says so in a `NerStatus` message and the lexicon is used alone. torch and
transformers are imported only when a model is actually loaded, so `analysis` imports fast.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .corpus import Article
from .spans import Span
from .entities import extract_entities
from .entity_linking import NER_PREFIX, _new_entity_keys, link_entities  # noqa: F401  (linking lives there)
from .text import sentence_bounds, tokenize

NER_PACKAGE = "ner-arabert"  # the camel_data package holding the CAMeLBERT NER model
NER_COMPONENT = "NamedEntityRecognition"  # its component in camel-tools' data catalogue
NER_TYPES = {"PERS": "person", "LOC": "place", "ORG": "organisation"}  # MISC is left out
NOT_INSTALLED = (f"CAMeLBERT NER data is not installed; run `camel_data -i {NER_PACKAGE}` "
                 "(needs an internet connection) to add it. Using the lexicon only.")


@dataclass(frozen=True)
class NerStatus:
    """Whether the NER backend is in use, and a sentence for the CLI and the UI to show."""

    available: bool
    message: str
    model_path: str = ""


def camel_data_dir() -> Path:
    """Where camel-tools keeps its data: $CAMELTOOLS_DATA, else ~/.camel_tools (as camel-tools does)."""
    configured = os.environ.get("CAMELTOOLS_DATA")
    return Path(configured).expanduser().absolute() if configured else Path.home() / ".camel_tools"


def find_model(data_dir: Path | None = None) -> NerStatus:
    """Look for the installed CAMeLBERT NER model without importing camel_tools.data, whose
    import tries to download the catalogue (and fails offline with DownloaderError)."""
    data_dir = data_dir or camel_data_dir()
    catalogue = data_dir / "catalogue.json"
    if not catalogue.is_file():
        return NerStatus(False, NOT_INSTALLED)
    try:
        component = json.loads(catalogue.read_text(encoding="utf-8"))["components"][NER_COMPONENT]
        model_path = data_dir / "data" / component["datasets"][component["default"]]["path"]
    except (OSError, ValueError, KeyError, TypeError):
        return NerStatus(False, NOT_INSTALLED)
    if not (model_path / "config.json").is_file():
        return NerStatus(False, NOT_INSTALLED)
    return NerStatus(True, f"CAMeLBERT NER in use ({model_path}).", str(model_path))


@lru_cache(maxsize=2)
def load_recognizer(model_path: str | None = None):
    """(camel_tools NERecognizer or None, NerStatus). `model_path` is a folder holding a BERT
    token-classification model and its tokenizer; None means the installed ner-arabert."""
    status = (NerStatus(True, f"NER model in use ({model_path}).", model_path) if model_path
              else find_model())
    if not status.available:
        return None, status
    try:
        from camel_tools.ner import NERecognizer  # imports torch and transformers
    except ImportError as error:
        return None, NerStatus(False, f"NER needs torch and transformers ({error}). Using the lexicon only.")
    except Exception as error:  # camel_tools.data fails on import without its catalogue (DownloaderError)
        return None, NerStatus(False, f"camel-tools data could not be loaded ({type(error).__name__}: "
                                      f"{error}). {NOT_INSTALLED}")
    try:
        return NERecognizer(status.model_path, use_gpu=False), status
    except (OSError, ValueError) as error:
        return None, NerStatus(False, f"The NER model in {status.model_path} could not be loaded "
                                      f"({error}). Using the lexicon only.")


def ner_spans(article: Article, recognizer) -> list[tuple[int, int, str]]:
    """[start, end) in the original text and type (person/place/organisation) of every name
    the model tags, from B-/I- labels per word; chrome is skipped."""
    text = article.body
    sentences, offsets = [], []
    for s, e in sentence_bounds(text):
        tokens = [t for t in tokenize(text[s:e]) if t.text.strip()]
        if tokens:
            sentences.append([t.text for t in tokens])
            offsets.append([(s + t.start, s + t.end) for t in tokens])
    found = []
    for labels, places in zip(recognizer.predict(sentences), offsets):
        current = None  # [start, end, tag]
        for label, (start, end) in zip(labels, places):
            prefix, _, tag = label.partition("-")
            if prefix == "I" and current and current[2] == tag:
                current[1] = end
                continue
            if current:
                found.append(tuple(current))
            current = [start, end, tag] if prefix in ("B", "I") else None
        if current:
            found.append(tuple(current))
    return [(s, e, NER_TYPES[tag]) for s, e, tag in found if tag in NER_TYPES]


def entity_extractor(use_ner: bool = True, model_path: str | None = None, nisba: bool = False
                     ) -> tuple[Callable[[Article], list[Span]], NerStatus]:
    """The entity extractor to run and a status line: lexicon + NER when the model loads,
    the lexicon alone (with the reason) otherwise."""
    if not use_ner:
        return (lambda a: extract_entities(a, nisba=nisba)), NerStatus(False, "NER is off; using the lexicon only.")
    recognizer, status = load_recognizer(model_path)
    if recognizer is None:
        return (lambda a: extract_entities(a, nisba=nisba)), status
    return (lambda a: link_entities(a, ner_spans(a, recognizer), nisba=nisba)), status
