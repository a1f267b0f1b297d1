"""The story-at-a-glance computations at 20,000-article scale, on the seed tables repeated
(each copy a new article id, outlet and day): the date filter, attention per week, entity
co-occurrence among the top 15, and event labels. Prints CPU seconds and rows per second.

    python bench/bench_glance.py [--copies 4000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.attention import attention  # noqa: E402
from analysis.cooccurrence import cooccurrence, pair_sentences  # noqa: E402
from analysis.corpus import load_bundled  # noqa: E402
from analysis.events import event_labels  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402
from analysis.story import event_points  # noqa: E402


def repeated(frame: pd.DataFrame, copies: int) -> pd.DataFrame:
    """`copies` copies of a table, copy i with article ids suffixed i, 14 outlets, shifted i/20 days."""
    parts = []
    for i in range(copies):
        part = frame.assign(article=frame["article"] + f"-{i}", outlet=f"outlet {i % 14}")
        if "published" in part.columns:
            part["published"] = part["published"] + pd.Timedelta(days=i // 20)
        if "event" in part.columns:
            part["event"] = part["event"] + f"-{i}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def timed(label: str, rows: int, work):
    start = time.process_time()
    result = work()
    cpu = time.process_time() - start
    print(f"{label:<44} {cpu:7.2f} s CPU  {rows / max(cpu, 1e-9):>12,.0f} rows/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4000)
    args = parser.parse_args()
    seeds = analyze(load_bundled().articles).names_only()
    articles, mentions = repeated(seeds.articles, args.copies), repeated(seeds.mentions, args.copies)
    events = repeated(seeds.events, args.copies // 10)
    print(
        f"load average {os.getloadavg()[0]:.1f}; {len(articles):,} articles, {len(mentions):,} mentions, "
        f"{len(events):,} event rows"
    )
    tables = seeds.__class__(
        articles=articles,
        mentions=mentions,
        weapons=seeds.weapons,
        quantities=seeds.quantities,
        dates=seeds.dates,
        events=events,
    )
    middle = articles["published"].sort_values().iloc[len(articles) // 2].date()
    timed("Tables.for_dates (half the articles)", len(mentions), lambda: tables.for_dates(None, middle))
    top = mentions.groupby("entity").size().nlargest(3).index
    hits = mentions[mentions["entity"].isin(top)].assign(series=lambda f: f["entity"])
    timed("attention, 3 entities per week by outlet", len(hits), lambda: attention(hits, articles, "week"))
    top15 = mentions.groupby("entity").size().nlargest(15).index
    pairs = timed("cooccurrence by sentence, top 15", len(mentions), lambda: cooccurrence(mentions, "sentence", top15))
    timed("cooccurrence by article, top 15", len(mentions), lambda: cooccurrence(mentions, "article", top15))
    timed(
        "pair_sentences of the strongest pair",
        len(mentions),
        lambda: pair_sentences(mentions, pairs["a"][0], pairs["b"][0]),
    )
    points = timed("event_points", len(events), lambda: event_points(events))
    names = dict(zip(seeds.mentions["entity"], seeds.mentions["name_ar"]))
    timed(f"event_labels ({len(points):,} events)", len(points), lambda: event_labels(points, names))


if __name__ == "__main__":
    main()
