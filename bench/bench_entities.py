"""Precision, recall and F1 of person, place and organisation names on the two held-out gold sets.

NewsFANE Gold (Alotaibi & Lee 2014, CC BY-SA 3.0; its last 20% of sentences, clitics split off)
and the Wojood sample's test.txt (MIT; raw text, nested names: the outermost person, place or
organisation counts), read in place from ../shared/data the way analysis/ner_train.py reads them.
Neither was trained on. Each set's sentences are laid out one per line, their words joined by
spaces, and analysed as one article by:

- the lexicon alone (data/entities.csv),
- the model alone (the bundled CRF, data/ner/),
- both, as Marsad runs them: a lexicon name keeps its id and type, the model adds the rest.

A hit needs the same first and last word and the same type (strict spans).

    python bench/bench_entities.py [--model PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from bisect import bisect_left, bisect_right
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import Article  # noqa: E402
from analysis.entities import entity_matcher, extract_entities  # noqa: E402
from analysis.ner import link_entities, load_recognizer, ner_spans  # noqa: E402
from analysis.ner_train import DATA, gold_spans, splits  # noqa: E402

TYPES = ("person", "place", "organisation")
LEXICON_TYPES = {
    "person": "person",
    "place": "place",
    "organisation": "organisation",
    "media": "organisation",
}  # events are not scored


def held_out_article(name: str, sentences) -> tuple[Article, list[tuple[int, int]], set]:
    """The sentences as one article, each word's [start, end), and the gold (first, last + 1, type)."""
    lines, bounds, at = [], [], 0
    for sentence in sentences:
        words = [w for w, _ in sentence]
        for w in words:
            bounds.append((at, at + len(w)))
            at += len(w) + 1
        lines.append(" ".join(words))
    first = [0]
    for sentence in sentences[:-1]:
        first.append(first[-1] + len(sentence))
    gold = {(first[n] + s, first[n] + e, kind) for n, s, e, kind in gold_spans(sentences)}
    return Article(name, "\n".join(lines)), bounds, gold


def to_words(found: list[tuple[int, int, str]], bounds) -> set[tuple[int, int, str]]:
    """Each (start, end, type) as (first word, last word + 1, type)."""
    starts, ends = [s for s, _ in bounds], [e for _, e in bounds]
    return {(bisect_right(ends, s), bisect_left(starts, e), kind) for s, e, kind in found if kind in TYPES}


def score(predicted: set, gold: set) -> dict[str, tuple[int, int, int]]:
    """Per type and over all three: (hits, predicted, gold)."""
    rows = {
        kind: (
            len({x for x in predicted if x[2] == kind} & gold),
            sum(x[2] == kind for x in predicted),
            sum(x[2] == kind for x in gold),
        )
        for kind in TYPES
    }
    rows["all"] = (len(predicted & gold), len(predicted), len(gold))
    return rows


def report(name: str, rows: dict, seconds: float) -> None:
    print(f"\n{name}  ({seconds:.2f} s)")
    print(f"{'type':14} {'precision':>9} {'recall':>7} {'F1':>6} {'hits':>6} {'found':>6} {'gold':>6}")
    for kind, (tp, n_pred, n_gold) in rows.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:14} {p:9.3f} {r:7.3f} {f:6.3f} {tp:6d} {n_pred:6d} {n_gold:6d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a CRF model file instead of the bundled data/ner/ one")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: this benchmark reads the shared NewsFANE Gold and Wojood copies.")
    recognizer, status = load_recognizer(args.model)
    print(status.message)
    entries = entity_matcher().entries

    def typed(spans) -> list[tuple[int, int, str]]:
        return [
            (
                s.start,
                s.end,
                LEXICON_TYPES.get(entries[s.label].fields["type"]) if s.label in entries else s.data.get("type"),
            )
            for s in spans
        ]

    parts = splits(DATA)
    for name, title in (("newsfane", "NewsFANE Gold, last 20% of sentences"), ("wojood", "Wojood sample, test.txt")):
        article, bounds, gold = held_out_article(name, parts[name])
        print(
            f"\n== {title}: {len(bounds):,} words, {len(gold):,} names "
            f"({', '.join(f'{k} {sum(g[2] == k for g in gold)}' for k in TYPES)})"
        )
        started = time.process_time()
        lexicon = extract_entities(article)
        report("lexicon alone", score(to_words(typed(lexicon), bounds), gold), time.process_time() - started)
        if recognizer is None:
            continue
        started = time.process_time()
        found = ner_spans(article, recognizer)
        model_seconds = time.process_time() - started
        report("model alone", score(to_words(found, bounds), gold), model_seconds)
        started = time.process_time()
        both = link_entities(article, ner_spans(article, recognizer))
        report("lexicon + model", score(to_words(typed(both), bounds), gold), time.process_time() - started)
        print(
            f"tagger: {len(bounds) / model_seconds:,.0f} words/s per core "
            f"(on text it has not seen: every word's table is new)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
