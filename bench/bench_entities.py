"""Precision and recall of person, place and organisation mentions on NewsFANE Gold.

NewsFANE Gold (Alotaibi & Lee 2014, CC BY-SA 3.0) is read in place from ../shared/data: one
`token TAB tag` per line, CRLF, a BOM, U+200E before each token, clitics split off (و, ب, ل are
tokens of their own), 45 fine-grained types mapped here to person / place / organisation.
The tokens are joined by spaces into one text; a predicted span counts as the tokens it
overlaps. A hit needs the same tokens (exact) and, for the typed figures, the same type.

    python bench/bench_entities.py [--no-ner] [--model PATH]

The lexicon is this story's (Russia, North Korea, 2023-24); the gold is general news, so recall
is expected to be low. The figures say how low, and how precise what it does find is.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import Article  # noqa: E402
from analysis.entities import entity_matcher, extract_entities  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
TYPES = ("person", "place", "organisation")
# Fine-grained NewsFANE types (ACE-style) -> the three compared here. Left out: Group (peoples,
# "الفلسطينيون"), facilities (Building-Grounds, Airport, Path, Subarea-Facility, Plant),
# vehicles (Land, Air, Water), weapons, products (Book, Movie, Software...).
GOLD_TYPES = {
    **dict.fromkeys(["Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Engineer", "Police"], "person"),
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "GPE-Cluster",
                     "County-or-District", "Continent", "Water-Body", "Land-Region-Natural",
                     "Celestial"], "place"),
    **dict.fromkeys(["Government", "Non-Governmental", "Sports", "Commercial", "Educational",
                     "Media", "Medical-Science", "Entertainment", "Religious_ORG"], "organisation"),
}
LEXICON_TYPES = {"person": "person", "place": "place", "organisation": "organisation",
                 "media": "organisation"}  # events are not scored


def read_gold(path: Path = GOLD) -> tuple[str, list[tuple[int, int]], set[tuple[int, int, str]]]:
    """The tokens joined by spaces, each token's [start, end), and the gold (first, last+1, type)."""
    raw = path.read_bytes().decode("utf-8-sig")
    pieces, bounds, tags, at = [], [], [], 0
    for line in raw.split("\r\n"):
        token, _, tag = line.partition("\t")
        token = token.replace("\u200e", "").strip()
        if not token:
            continue
        pieces.append(token)
        bounds.append((at, at + len(token)))
        tags.append(tag.strip())
        at += len(token) + 1
    gold, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, fine = tag.partition("-")
        if prefix == "I" and start is not None and fine == kind:
            continue
        if start is not None and GOLD_TYPES.get(kind):
            gold.add((start, i, GOLD_TYPES[kind]))
        start, kind = (i, fine) if prefix in ("B", "I") else (None, None)
    return " ".join(pieces), bounds, gold


def to_tokens(spans, bounds, type_of) -> dict:
    """Each predicted span as (first token, last token + 1, type); spans of other types left out."""
    from bisect import bisect_left, bisect_right

    starts = [s for s, _ in bounds]
    ends = [e for _, e in bounds]
    out = {}
    for span in spans:
        kind = type_of(span)
        if kind in TYPES:
            out[span] = (bisect_right(ends, span.start), bisect_left(starts, span.end), kind)
    return out


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] == b[2]


def score(predicted: set, gold: set) -> dict[str, tuple[int, int, int]]:
    """Per type and overall: (true positives, predicted, gold); plus untyped exact boundaries
    and a lenient row where overlapping tokens of the same type count ("وكالة فرانس برس"
    against a gold "فرانس برس")."""
    rows = {}
    for kind in TYPES:
        p = {x for x in predicted if x[2] == kind}
        g = {x for x in gold if x[2] == kind}
        rows[kind] = (len(p & g), len(p), len(g))
    rows["all (typed)"] = (len(predicted & gold), len(predicted), len(gold))
    pb, gb = {x[:2] for x in predicted}, {x[:2] for x in gold}
    rows["all (any type)"] = (len(pb & gb), len(pb), len(gb))
    gold_sorted, predicted_sorted = sorted(gold), sorted(predicted)
    hit_pred = sum(any(overlaps(p, g) for g in _near(gold_sorted, p)) for p in predicted)
    hit_gold = sum(any(overlaps(p, g) for p in _near(predicted_sorted, g)) for g in gold)
    rows["all (overlap)"] = (hit_pred, len(predicted), len(gold), hit_gold)
    return rows


def _near(items: list, span: tuple) -> list:
    """Items (sorted by first token) that could overlap `span`: gold spans are short."""
    from bisect import bisect_left

    i = bisect_left(items, (span[0] - 30,))
    out = []
    while i < len(items) and items[i][0] < span[1]:
        out.append(items[i])
        i += 1
    return out


def report(name: str, rows: dict, seconds: float) -> None:
    print(f"\n{name}  ({seconds:.1f} s)")
    print(f"{'type':16} {'precision':>9} {'recall':>7} {'F1':>6} {'hits':>6} {'found':>6} {'gold':>6}")
    for kind, (tp, n_pred, n_gold, *gold_hits) in rows.items():
        p = tp / n_pred if n_pred else 0.0
        r = (gold_hits[0] if gold_hits else tp) / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:16} {p:9.3f} {r:7.3f} {f:6.3f} {tp:6d} {n_pred:6d} {n_gold:6d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-ner", action="store_true", help="skip the NER backend even if installed")
    parser.add_argument("--model", help="a BERT token-classification folder instead of ner-arabert")
    args = parser.parse_args(argv)

    text, bounds, gold = read_gold()
    print(f"NewsFANE Gold: {len(bounds):,} tokens, {len(gold):,} person/place/organisation mentions "
          f"({', '.join(f'{k} {v:,}' for k, v in sorted(Counter(g[2] for g in gold).items()))})")
    article = Article("newsfane", text)
    entries = entity_matcher().entries

    def lexicon_type(span):
        return LEXICON_TYPES.get(entries[span.label].fields["type"]) if span.label in entries \
            else span.data.get("type")

    started = time.perf_counter()
    spans = extract_entities(article)
    seconds = time.perf_counter() - started
    report("lexicon (data/entities.csv)", score(set(to_tokens(spans, bounds, lexicon_type).values()), gold), seconds)
    gold_sorted = sorted(gold)
    wrong = Counter(entries[s.label].fields["name_en"] for s, t in to_tokens(spans, bounds, lexicon_type).items()
                    if not any(overlaps(t, g) for g in _near(gold_sorted, t)))
    print("lexicon mentions overlapping no gold mention of their type, most frequent:", ", ".join(f"{k} {v}" for k, v in wrong.most_common(8)))

    if not args.no_ner:
        from analysis.ner import entity_extractor

        extract, status = entity_extractor(model_path=args.model)
        print("\n" + status.message)
        if status.available:
            started = time.perf_counter()
            spans = extract(article)
            seconds = time.perf_counter() - started
            report("lexicon + NER", score(set(to_tokens(spans, bounds, lexicon_type).values()), gold), seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
