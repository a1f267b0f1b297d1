"""Main actors of stories Marsad was never tuned to: found, and merged into one entity each.

tests/data/saudinewsnet_actors.json holds two SaudiNewsNet stories of July 2015 (Aden retaken
in Yemen; Turkey after the Suruç bombing), 19-20 articles each from 11 outlets, and the main
actors of each with the spellings the articles use, read by hand. The articles are read from
../shared/data/saudinewsnet by url. Every spelling of an actor found in an article is a gold
mention; an actor is

  found      when an entity span covers at least one of its mentions,
  merged     when every mention that is covered is covered by one and the same entity,
  conflated  when that entity is also another actor's (Hadi the president and Muhannad Hadi).

    python bench/bench_stories.py [--no-ner]

prints per story: actors found / all (recall), merged / found, conflated, mentions covered.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import Article, load_files  # noqa: E402
from analysis.lexicon import Entry, Matcher  # noqa: E402

GOLD = ROOT / "tests" / "data" / "saudinewsnet_actors.json"
SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"


def read_gold(path: Path = GOLD) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def story_articles(story: dict, folder: Path = SAUDINEWSNET) -> list[Article]:
    """The story's articles, read from the day files by url, in the gold's order."""
    wanted = {a["url"] for a in story["articles"]}
    files = []
    for day in sorted({a["date"] for a in story["articles"]}):
        with zipfile.ZipFile(folder / f"{day}.zip") as archive:
            for name in archive.namelist():
                records = [r for r in json.loads(archive.read(name)) if r["url"] in wanted]
                files.append((f"{day}-{name}", json.dumps(records, ensure_ascii=False).encode()))
    loaded = {a.url: a for a in load_files(files).articles}
    missing = wanted - set(loaded)
    if missing:
        raise ValueError(f"{len(missing)} gold article(s) not in {folder}: {sorted(missing)[:3]}")
    return [loaded[a["url"]] for a in story["articles"]]


def gold_matcher(story: dict) -> Matcher:
    return Matcher([Entry(a["name_en"], {"type": a["type"]}, tuple(a["variants"])) for a in story["actors"]])


def score(story: dict, articles: list[Article], extract) -> dict:
    """Found, merged and conflated actors, and covered mentions, of one story."""
    gold = gold_matcher(story)
    labels: dict[str, list] = {a["name_en"]: [] for a in story["actors"]}
    for article in articles:
        predicted = [s for s in extract(article) if not s.data.get("nisba")]
        for mention in gold.find(article.id, article.body, "actor"):
            overlap = [
                (min(s.end, mention.end) - max(s.start, mention.start), s.label)
                for s in predicted
                if s.overlaps(mention.start, mention.end)
            ]
            labels[mention.label].append(max(overlap)[1] if overlap else None)
    entity = {
        actor: Counter(l for l in found if l).most_common(1)[0][0] for actor, found in labels.items() if any(found)
    }
    owners = Counter(entity.values())
    rows = []
    for actor in story["actors"]:
        name = actor["name_en"]
        covered = [l for l in labels[name] if l]
        rows.append(
            {
                "actor": name,
                "type": actor["type"],
                "mentions": len(labels[name]),
                "covered": len(covered),
                "entity": entity.get(name, ""),
                "found": bool(covered),
                "merged": bool(covered) and len(set(covered)) == 1,
                "conflated": bool(covered) and owners[entity[name]] > 1,
                "entities": dict(Counter(covered)),
            }
        )
    present = [r for r in rows if r["mentions"]]
    return {
        "story": story["id"],
        "articles": len(articles),
        "actors": len(present),
        "found": sum(r["found"] for r in present),
        "merged": sum(r["merged"] for r in present),
        "conflated": sum(r["conflated"] for r in present),
        "mentions": sum(r["mentions"] for r in present),
        "covered": sum(r["covered"] for r in present),
        "rows": rows,
    }


def report(result: dict) -> str:
    r = result
    lines = [
        f"{r['story']:<18} {r['articles']} articles  actors found {r['found']}/{r['actors']} "
        f"({r['found'] / r['actors']:.0%})  merged into one entity {r['merged']}/{r['found']}  "
        f"conflated {r['conflated']}  mentions covered {r['covered']}/{r['mentions']} "
        f"({r['covered'] / max(r['mentions'], 1):.0%})"
    ]
    for row in r["rows"]:
        if row["mentions"] and (not row["found"] or not row["merged"] or row["conflated"]):
            what = "missed" if not row["found"] else "split" if not row["merged"] else "conflated"
            lines.append(f"    {what:<9} {row['actor']} ({row['type']}): {row['entities'] or row['mentions']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-ner", action="store_true", help="the lexicon alone")
    args = parser.parse_args()
    if not SAUDINEWSNET.is_dir():
        sys.exit(f"{SAUDINEWSNET} not found: this benchmark reads the shared SaudiNewsNet copy.")
    from analysis.ner import entity_extractor

    extract, status = entity_extractor(use_ner=not args.no_ner)
    print(status.message)
    for story in read_gold()["stories"]:
        print(report(score(story, story_articles(story), extract)))


if __name__ == "__main__":
    main()
