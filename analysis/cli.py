"""Command line: `python -m analysis entities|quantities|weapons|dates|articles PATH... --format json|csv`.

Prints one JSON array (or CSV) on stdout; problems go to stderr and a failure exits non-zero.
`python -m analysis build CORPUS... --out DIR [--engine local|dask] [--scheduler ADDRESS]`
writes every table as DIR/<table>.parquet for the dashboard (`MARSAD_STORE=DIR streamlit run app.py`).
"""
from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from .corpus import CorpusError, load_paths, summarize
from .lexicon import LexiconError
from .ner import find_model
from .pipeline import analyze
from .store import Cache, StoreError, analyze_cached, write_tables
from .tables import Tables


def entity_counts(tables: Tables, nisba: bool = False) -> pd.DataFrame:
    """One row per (article, entity): "kim_jong_un" in 003 -> count 14, with its source
    (lexicon, or model for a name only the NER model found). Adjectives such as الروسي count
    towards their country only when `nisba` is set."""
    m = (tables if nisba else tables.names_only()).mentions
    counts = (m.groupby(["article", "entity", "name_en", "name_ar", "type", "source"], sort=False)
               .size().reset_index(name="count"))
    counts = counts[["article", "entity", "name_en", "name_ar", "type", "count", "source"]]
    return counts.sort_values(["article", "count", "entity"], ascending=[True, False, True])


def quantity_rows(tables: Tables) -> pd.DataFrame:
    q = tables.quantities
    return q[["article", "value", "value_low", "noun", "weapon", "category", "qualifier", "text", "start", "end", "sentence"]]


COMMANDS = {
    "entities": entity_counts,
    "quantities": quantity_rows,
    "weapons": lambda t: t.weapons[["article", "weapon", "weapon_en", "text", "start", "end"]],
    "dates": lambda t: t.dates[["article", "date", "year", "month", "day", "day_end", "year_inferred", "text", "start", "end"]],
    "articles": lambda t: t.articles,
}


def to_records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: whole numbers as ints, dates as ISO strings, NaN as null."""
    records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    for row in records:
        for key, value in row.items():
            if isinstance(value, float) and value.is_integer():
                row[key] = int(value)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=sorted([*COMMANDS, "build"]))
    parser.add_argument("paths", nargs="+", metavar="PATH", help="folders or files (.txt .csv .jsonl .json)")
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument("--nisba", action="store_true",
                        help="entities: also count adjectives (الروسي، الكوري الشمالي) towards their country")
    parser.add_argument("--out", metavar="DIR", help="build: the folder to write the Parquet tables to")
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="build: all cores of this machine (local) or a Dask cluster (dask)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="build --engine dask: a running scheduler (tcp://host:8786); default a local cluster")
    parser.add_argument("--cache", metavar="DIR", help="build: per-article results (default $MARSAD_CACHE or .marsad-cache)")
    args = parser.parse_args(argv)
    if args.command == "build" and not args.out:
        parser.error("build needs --out DIR")
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    try:
        if args.command == "build":
            return build(args)
        loaded = load_paths(args.paths)
        for issue in summarize(loaded.issues):  # one line per kind when many files share it
            print(f"{'skipped' if issue.skipped else 'note'}: {issue.message}", file=sys.stderr)
        if not loaded.articles:
            raise CorpusError("No article could be read.")
        if args.command == "entities":
            print(find_model().message, file=sys.stderr)
        tables = analyze(loaded.articles)
        frame = entity_counts(tables, args.nisba) if args.command == "entities" else COMMANDS[args.command](tables)
    except (CorpusError, LexiconError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        json.dump(to_records(frame), sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 0


def build(args: argparse.Namespace) -> int:
    """Analyse the corpus (new or changed articles only) and write its tables to args.out."""
    from . import engines
    from time import perf_counter
    started = perf_counter()
    loaded = load_paths(args.paths)
    for problem in loaded.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    if not loaded.articles:
        raise CorpusError("No article could be read.")
    run = engines.dask(args.scheduler) if args.engine == "dask" else engines.local()
    tables = analyze_cached(loaded.articles, Cache(args.cache), run)
    folder = write_tables(tables, args.out, loaded.articles)  # texts too: the reader shows them
    print(f"{len(tables.articles):,} articles, {len(tables.mentions):,} mentions -> {folder} "
          f"({perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0
