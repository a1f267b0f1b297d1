"""Who said what, and who is cited, against a hand-read SaudiNewsNet test set.

bench/data/saudinewsnet_quotes_gold.json holds 122 quotes and 43 cited outlets from 27 articles
of 12 Saudi outlets (2015-08-10/11), read by hand; the articles are read in place from
../shared/data/saudinewsnet (CC BY-NC-SA 4.0). Prints precision and recall of:

- quote span: the words said overlap the gold words by half of each;
- speaker: that, and the speaker found is the gold one (its key words, e.g. "عادل الجبير", or its
  last word, are in the speaker's fullest description or entity name: "الجبير");
- speaker entity: for quotes whose speaker is named, the speaker is linked to an entity and it
  is the right one; "linked" is the share of named speakers linked at all (the goal is 80%);
- cited source: an outlet cited in the text, at the gold place, with the gold entity.

    python bench/bench_quotes.py [--lexicon-only] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import Article  # noqa: E402
from analysis.entities import entity_matcher  # noqa: E402
from analysis.lexicon import name_key  # noqa: E402
from analysis.entity_linking import NER_PREFIX, merge_key  # noqa: E402
from analysis.ner import entity_extractor  # noqa: E402
from analysis.quotes import extract_quotes, name_tokens  # noqa: E402
from analysis.sources import extract_cited_sources  # noqa: E402

GOLD = ROOT / "bench" / "data" / "saudinewsnet_quotes_gold.json"
SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"


def articles_by_url(days: set[str]) -> dict[str, dict]:
    found = {}
    for day in sorted(days):
        with zipfile.ZipFile(SAUDINEWSNET / f"{day}.zip") as archive:
            for record in json.loads(archive.read(archive.namelist()[0])):
                found[record["url"]] = record
    return found


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_span(system: tuple[int, int], gold: tuple[int, int]) -> bool:
    shared = overlap(system, gold)
    return shared >= 0.5 * (gold[1] - gold[0]) and shared >= 0.5 * (system[1] - system[0])


def entity_words(entity_id: str, model_names: dict[str, set[frozenset]] | None = None) -> set[frozenset]:
    """The word sets of an entity's names: lexicon aliases, the names the article's mentions give
    a model-found id (its merge key has no words: "ner:احمدددجل" is "أحمد داود أوغلو"), or the
    words of a name found in a description ("ner:رياض_ياسين")."""
    entry = entity_matcher().entries.get(entity_id)
    if entry is None:
        if model_names and entity_id in model_names:
            return model_names[entity_id]
        return {name_tokens(entity_id.split(":", 1)[-1].replace("_", " "))} if entity_id else set()
    return {name_tokens(n) for n in (entry.fields["name_ar"], *entry.aliases)}


def model_names_of(mentions) -> dict[str, set[frozenset]]:
    """Model-found id -> the word sets of the names the article's mentions give it."""
    names: dict[str, set[frozenset]] = {}
    for span in mentions:
        if span.label.startswith(NER_PREFIX) and span.data.get("name"):
            names.setdefault(span.label, set()).add(name_tokens(span.data["name"]))
    return names


def right_entity(entity_id: str, key: str, model_names: dict[str, set[frozenset]] | None = None) -> bool:
    """ "عادل الجبير" is ner:الجبير or ner:عادل_الجبير; "الأناضول" is anadolu (وكالة الأناضول). A name
    only the model found has its merge key as id ("ner:جبرلفرنشتدت" for غابريل فيرنشتدت): the gold
    key's merge key, or that of a part of it (a surname alone: "ner:جبر"), is the same name; else
    its names' words are compared as every other name's are ("داود أوغلو" in "أحمد داود أوغلو")."""
    if entity_id.startswith(NER_PREFIX) and NER_PREFIX + merge_key(key) != entity_id:
        found, gold = entity_id[len(NER_PREFIX) :], merge_key(key)
        if found and found in gold and len(found) >= 3:
            return True
    elif entity_id.startswith(NER_PREFIX):
        return True
    words = name_tokens(name_key(key))  # ner: ids fold غ into ج as the lexicon's name keys do
    return any(
        words <= names or (names and names <= words)
        for names in entity_words(entity_id, model_names)
        for names in (names, name_tokens(name_key(" ".join(names))))
    )


def extra_words(entity_id: str, key: str, model_names: dict[str, set[frozenset]] | None = None) -> set[str]:
    """The words a model or description name holds beyond the gold key's, when it holds them all
    ("أحمد" of "أحمد داود أوغلو"; "شاهد عيان يدعى" would be a description kept in the name)."""
    if entity_matcher().entries.get(entity_id) is not None:
        return set()
    words = name_tokens(key)
    return min(
        (set(names - words) for names in entity_words(entity_id, model_names) if words < names),
        key=len,
        default=set(),
    )


def right_speaker(quote: dict, key: str, model_names: dict[str, set[frozenset]] | None = None) -> bool:
    """The key's words, or its last word (a surname: "بحاح" for "خالد بحاح"), are in the speaker's
    fullest description, or the speaker's entity is the key's."""
    words = name_tokens(key)
    said = name_tokens(quote["speaker_full"]) | name_tokens(quote["speaker"])
    surname = name_tokens(key.split()[-1]) if key.split() else frozenset()
    return words <= said or bool(surname) and surname <= said or right_entity(quote["speaker_entity"], key, model_names)


def ratio(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "   n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon-only", action="store_true", help="no NER model, the entity lexicon alone")
    parser.add_argument("--show", action="store_true", help="print every miss and every wrong speaker")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    records = articles_by_url({a["day"] for a in gold["articles"]})
    extract_mentions, status = entity_extractor(use_ner=not args.lexicon_only, nisba=True)
    counts = dict.fromkeys(
        [
            "gold_q",
            "sys_q",
            "span",
            "speaker",
            "named",
            "linked",
            "entity_right",
            "sys_linked",
            "gold_s",
            "sys_s",
            "source_found",
            "source_right",
        ],
        0,
    )
    for item in gold["articles"]:
        record = records[item["url"]]
        article = Article(item["url"], record["content"], outlet=record["source"])
        names = [s for s in extract_mentions(article) if not s.data.get("nisba")]
        quotes = [q.data for q in extract_quotes(article, names)] if not item.get("sources_only") else []
        model_names = model_names_of(names)
        taken = set()
        counts["gold_q"] += len(item["quotes"])
        counts["sys_q"] += len(quotes)
        for g in item["quotes"]:
            candidates = [
                (overlap((q["quote_start"], q["quote_end"]), (g["start"], g["end"])), i)
                for i, q in enumerate(quotes)
                if i not in taken and same_span((q["quote_start"], q["quote_end"]), (g["start"], g["end"]))
            ]
            if g["named"]:
                counts["named"] += 1
            if not candidates:
                if args.show:
                    print(f"MISSED  {item['outlet']:12s} {g['speaker'][:40]} :: {g['head']}")
                continue
            _, best = max(candidates)
            taken.add(best)
            q = quotes[best]
            counts["span"] += 1
            counts["speaker"] += right_speaker(q, g["key"], model_names)
            if q["speaker_entity"]:
                counts["sys_linked"] += 1
            if g["named"] and not q["speaker_entity"] and args.show:
                print(f"UNLINKED {item['outlet']:11s} {q['speaker'][:40]} != {g['key']}")
            if g["named"] and q["speaker_entity"]:
                counts["linked"] += 1
                counts["entity_right"] += right_entity(q["speaker_entity"], g["key"], model_names)
                if args.show and not right_entity(q["speaker_entity"], g["key"], model_names):
                    print(f"ENTITY  {item['outlet']:12s} {q['speaker'][:40]} ({q['speaker_entity']}) != {g['key']}")
                elif args.show and (longer := extra_words(q["speaker_entity"], g["key"], model_names)):
                    print(
                        f"LONGER  {item['outlet']:12s} {g['key']} + {' '.join(sorted(longer))} ({q['speaker_entity']})"
                    )
            if args.show and not right_speaker(q, g["key"], model_names):
                print(f"SPEAKER {item['outlet']:12s} {q['speaker'][:40]} ({q['speaker_entity']}) != {g['key']}")
        if args.show:
            for i, q in enumerate(quotes):
                if i not in taken:
                    print(f"EXTRA   {item['outlet']:12s} {q['speaker'][:40]} :: {q['quote'][:50]}")
        sources = extract_cited_sources(article, names)
        counts["gold_s"] += len(item["sources"])
        counts["sys_s"] += len(sources)
        used = set()
        for g in item["sources"]:
            hit = next(
                (
                    i
                    for i, s in enumerate(sources)
                    if i not in used
                    and overlap((s.start, s.end), (g["start"], g["end"])) > 0
                    and (not g["entity"] or s.label == g["entity"])
                ),
                None,
            )
            if hit is None:
                if args.show:
                    print(f"SOURCE  {item['outlet']:12s} missed {g['text']} ({g['entity']})")
                continue
            used.add(hit)
            counts["source_right"] += 1
    c = counts
    print(
        f"SaudiNewsNet test set: {c['gold_q']} quotes, {c['gold_s']} cited sources, {len(gold['articles'])} articles, "
        f"{len({a['outlet'] for a in gold['articles']})} outlets. Entities: {status.message}"
    )
    print(f"{'':16s} {'precision':>18s}  {'recall':>18s}")
    print(f"{'quote span':16s} {ratio(c['span'], c['sys_q']):>18s}  {ratio(c['span'], c['gold_q']):>18s}")
    print(f"{'speaker':16s} {ratio(c['speaker'], c['sys_q']):>18s}  {ratio(c['speaker'], c['gold_q']):>18s}")
    print(
        f"{'speaker entity':16s} {ratio(c['entity_right'], c['sys_linked']):>18s}  "
        f"{ratio(c['entity_right'], c['named']):>18s}"
    )
    print(
        f"{'cited source':16s} {ratio(c['source_right'], c['sys_s']):>18s}  {ratio(c['source_right'], c['gold_s']):>18s}"
    )
    print(
        f"named speakers linked to an entity: {ratio(c['linked'], c['named'])} (of the gold quotes whose speaker "
        f"is named; found quotes only)"
    )


if __name__ == "__main__":
    main()
