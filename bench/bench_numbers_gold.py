"""How well the quantity reader reads real news: precision and recall on Marsad's own gold set
(tests/gold/saudinewsnet_numbers.jsonl, 208 SaudiNewsNet sentences read by hand) and on a blind
set (40 more, read after the rules were written), and the two external checks (NeMo's Arabic
number cases, Wojood's CARDINAL tags).

A claim found is matched to a gold claim of the same sentence with the same value (each gold
claim once). Value: precision = matched / found, recall = matched / gold. Noun, category and
qualifier: a matched claim counts when that field agrees too (the noun by its first word,
normalised, without the article or a proclitic); precision and recall are over all claims
found and all gold claims, so a miss of the value is a miss of every field. Category compares
the casualty kind as well ("casualty/killed").

    python bench/bench_numbers_gold.py [--misses]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import Article  # noqa: E402
from analysis.quantities import extract_quantities  # noqa: E402
from analysis.text import normalize  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "saudinewsnet_numbers.jsonl"
# 40 more sentences read after the rules were written from the first set: a blind check
BLIND = ROOT / "tests" / "gold" / "saudinewsnet_numbers_blind.jsonl"
FIELDS = ("value", "noun", "category", "qualifier")


def gold_sentences(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def noun_key(noun: str) -> str:
    """ "الصواريخ" and "صواريخ", "بجروح" and "جروح", "عاماً" and "عام" meet."""
    words = normalize(noun).split()
    word = words[0] if words else ""
    for prefix in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    return word[:-1] if word.endswith("ا") and len(word) > 3 else word


def category_key(claim: dict) -> str:
    return claim["category"] + (f"/{claim['casualty']}" if claim.get("casualty") else "")


def agree(field: str, found: dict, gold: dict) -> bool:
    if field == "value":
        return True
    if field == "noun":
        return noun_key(found["noun"]) == noun_key(gold["noun"])
    if field == "category":
        return category_key(found) == category_key(gold)
    return found["qualifier"] == gold["qualifier"]


def score(sentences: list[dict]) -> tuple[dict, int, int, list[str]]:
    """Per field, the claims that agree; the claims found and in gold; the sentences that differ."""
    agreed, found_total, gold_total, misses = Counter(), 0, 0, []
    for sentence in sentences:
        spans = extract_quantities(Article(id="gold", text=sentence["sentence"]))
        found = [
            {
                "value": s.data["value"],
                "noun": s.data["noun"],
                "category": s.label,
                "casualty": s.data["casualty"],
                "qualifier": s.data["qualifier"],
            }
            for s in spans
        ]
        gold = list(sentence["claims"])
        found_total, gold_total = found_total + len(found), gold_total + len(gold)
        left = list(gold)
        wrong = []
        for claim in found:
            match = next((g for g in left if abs(float(g["value"]) - float(claim["value"])) < 1e-6), None)
            if match is None:
                wrong.append(f"    + {claim['value']:g} {claim['noun']} ({category_key(claim)}, {claim['qualifier']})")
                continue
            left.remove(match)
            for field in FIELDS:
                ok = agree(field, claim, match)
                agreed[field] += ok
                if not ok:
                    wrong.append(
                        f"    ~ {field}: {claim[field] if field != 'category' else category_key(claim)}"
                        f" (gold {match[field] if field != 'category' else category_key(match)})"
                        f" for {claim['value']:g}"
                    )
        wrong += [f"    - {g['value']:g} {g['noun']} ({category_key(g)}, {g['qualifier']})" for g in left]
        if wrong:
            misses.append(f"  [{sentence['source']}] {sentence['sentence'][:110]}\n" + "\n".join(wrong))
    return agreed, found_total, gold_total, misses


def main() -> None:
    misses = []
    for name, path in (("gold set", GOLD), ("blind set", BLIND)):
        sentences = gold_sentences(path)
        agreed, found, gold, missed = score(sentences)
        misses += missed
        print(
            f"{name}: {len(sentences)} sentences, {sum(bool(s['claims']) for s in sentences)} with claims, "
            f"{gold} gold claims; {found} claims found"
        )
        print(f"{'':<10} {'precision':>9} {'recall':>7}")
        for field in FIELDS:
            print(f"{field:<10} {agreed[field] / max(found, 1):>9.1%} {agreed[field] / max(gold, 1):>7.1%}")
        by_stratum = Counter(s["stratum"] for s in sentences)
        print("strata: " + ", ".join(f"{k} {v}" for k, v in sorted(by_stratum.items())))

    sys.path.insert(0, str(ROOT / "tests"))
    from test_external_numbers import (  # noqa: E402  the external checks, as their tests read them
        NEMO,
        WOJOOD,
        nemo_cases,
        nemo_reading,
        wojood_sentences,
    )
    from analysis.numbers import parse_number  # noqa: E402

    if NEMO.is_dir():
        cases = nemo_cases()
        passed = sum(1 for c in cases if (got := nemo_reading(c)) is not None and abs(got - c.expected) < 1e-6)
        print(f"NeMo Arabic numbers: {passed}/{len(cases)} = {passed / len(cases):.1%} (floor 96%)")
    if WOJOOD.is_dir():
        cardinals = [text[s:e] for text, spans in wojood_sentences() for s, e in spans.get("CARDINAL", [])]
        read = sum(parse_number(c) is not None for c in cardinals)
        print(f"Wojood CARDINAL read as a number: {read}/{len(cardinals)} = {read / len(cardinals):.1%} (floor 90%)")
    if "--misses" in sys.argv:
        print("\nsentences that differ from gold (+ found, not in gold; - in gold, not found; ~ a field differs):")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
