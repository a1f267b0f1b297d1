"""Statistical NER on top of the entity lexicon: Marsad's bundled CRFs (analysis/crf_tagger.py).

The lexicon knows this story's actors by name; the model also finds the people, places and
organisations nobody listed. Each name the model finds is linked to a lexicon entity when a
lexicon alias lies in it ("وبيونغ يانغ" -> pyongyang); otherwise it becomes a new entity whose id
is its merge key ("روساتوم" -> "ner:رستم"; analysis/entity_linking.py). The model ships in data/ner/ (two stages: the
second reads the first's labels; trained by `python -m analysis.ner_train`, see
data/ner/MODEL_CARD.md) and runs offline on CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .corpus import DATA_DIR, Article
from .entities import extract_entities
from .entity_linking import NER_PREFIX, _new_entity_keys, link_entities  # noqa: F401  (linking lives there)
from .spans import Span

if TYPE_CHECKING:
    from .crf_tagger import FastTagger, StackedTagger

# Named here, not in crf_tagger: finding the model imports no tagger (crf_tagger's Unicode
# tables, a third of a second of a dashboard's first page).
MODEL_DIR = DATA_DIR / "ner"  # inside the package when installed, data/ner in a checkout
MODEL_PATH = MODEL_DIR / "marsad-ner.crfsuite"


def context_model_path(model_path: str | Path) -> Path:
    """The second stage beside a model file ("marsad-ner.crfsuite" -> "marsad-ner-context.crfsuite"),
    which reads the first's labels (crf_tagger.StackedTagger)."""
    path = Path(model_path)
    return path.with_name(f"{path.stem}-context{path.suffix}")


@dataclass(frozen=True)
class NerStatus:
    """Whether the NER model is in use, and a sentence for the CLI and the UI to show."""

    available: bool
    message: str
    model_path: str = ""


def find_model(model_path: str | Path | None = None) -> NerStatus:
    """The bundled model (data/ner/marsad-ner.crfsuite), or the one at `model_path`."""
    path = Path(model_path) if model_path else MODEL_PATH
    if not path.is_file():
        return NerStatus(
            False, f"The NER model {path} is missing (`python -m analysis.ner_train` makes it). Using the lexicon only."
        )
    if model_path:
        return NerStatus(True, f"NER model in use ({path}).", str(path))
    return NerStatus(
        True,
        "Marsad's bundled NER model in use (two stacked CRFs trained on NewsFANE Gold and "
        "Wojood; data/ner/MODEL_CARD.md), on top of the lexicon.",
        str(path),
    )


@lru_cache(maxsize=2)
def load_recognizer(model_path: str | None = None) -> tuple[FastTagger | StackedTagger | None, NerStatus]:
    """(the fast tagger of the CRF model, and of its second stage when that file is beside it;
    NerStatus); None and the reason when it cannot load."""
    status = find_model(model_path)
    if not status.available:
        return None, status
    try:
        return read_recognizer(status.model_path), status
    except (OSError, ValueError) as error:
        return None, NerStatus(
            False, f"The NER model {status.model_path} could not be read ({error}). Using the lexicon only."
        )


def read_recognizer(model_path: str | Path) -> FastTagger | StackedTagger:
    """The fast tagger of a crfsuite model file, stacked with its second stage when
    context_model_path(model_path) is beside it."""
    from .crf_tagger import FastTagger, StackedTagger

    first, second = FastTagger.from_file(model_path), context_model_path(model_path)
    return StackedTagger(first, FastTagger.from_file(second)) if second.is_file() else first


def ner_spans(article: Article, recognizer: FastTagger | StackedTagger) -> list[tuple[int, int, str]]:
    """[start, end) in the original text and type (person/place/organisation) of every name
    the model tags; chrome is skipped (it is blanked in article.body)."""
    return recognizer.spans(article.body)


def entity_extractor(
    use_ner: bool = True, model_path: str | None = None, nisba: bool = False
) -> tuple[Callable[[Article], list[Span]], NerStatus]:
    """The entity extractor to run and a status line: lexicon + the bundled NER model, or the
    lexicon alone (with the reason) when NER is off or the model cannot load."""
    extract_all, status = batch_entity_extractor(use_ner, model_path, nisba)
    return (lambda a: extract_all([a])[0]), status


def batch_entity_extractor(
    use_ner: bool = True, model_path: str | None = None, nisba: bool = False
) -> tuple[Callable[[list[Article]], list[list[Span]]], NerStatus]:
    """entity_extractor for a batch of articles, each article's spans: the model tags all their
    words in one pass (numpy's steps over the sentences cost the same for one article or many)."""
    recognizer, status = (
        load_recognizer(model_path) if use_ner else (None, NerStatus(False, "NER is off; using the lexicon only."))
    )
    if recognizer is None:
        return (lambda articles: [extract_entities(a, nisba=nisba) for a in articles]), status

    def extract_all(articles: list[Article]) -> list[list[Span]]:
        found = recognizer.spans_of([a.body for a in articles])  # chrome is skipped: blanked in the body
        return [link_entities(a, names, nisba=nisba) for a, names in zip(articles, found)]

    return extract_all, status
