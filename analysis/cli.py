"""Command line: `python -m analysis entities|quantities|weapons|dates|articles PATH... --format json|csv`.

Prints one JSON array (or CSV) on stdout; problems go to stderr and a failure exits non-zero.
`python -m analysis build CORPUS... --out DIR [--engine local|dask] [--scheduler ADDRESS]`
writes every table as DIR/<table>.parquet for the dashboard (`MARSAD_STORE=DIR streamlit run app.py`).
`python -m analysis app [--store DIR] [-- STREAMLIT OPTIONS]` starts the dashboard (`streamlit run app.py`).
Installed (`pip install .`), the same commands are `marsad entities ...`, `marsad build ...`, `marsad app`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

import pandas as pd

from .corpus import INSTALLED, PACKAGE_DIR, CorpusError, load_paths, summarize
from .lexicon import LexiconError
from .ner import find_model
from .pipeline import analyze
from .store import Cache, StoreError, analyze_cached, write_tables
from .tables import Tables

# The dashboard's entry point: beside the package in a checkout, in marsad_app/ when installed
APP = PACKAGE_DIR.parent / ("marsad_app/app.py" if INSTALLED else "app.py")


def entity_counts(tables: Tables, nisba: bool = False) -> pd.DataFrame:
    """One row per (article, entity): "kim_jong_un" in 003 -> count 14, with its source
    (lexicon, or model for a name only the NER model found). Adjectives such as الروسي count
    towards their country only when `nisba` is set."""
    m = (tables if nisba else tables.names_only()).mentions
    counts = (
        m.groupby(["article", "entity", "name_en", "name_ar", "type", "source"], sort=False)
        .size()
        .reset_index(name="count")
    )
    counts = counts[["article", "entity", "name_en", "name_ar", "type", "count", "source"]]
    return counts.sort_values(["article", "count", "entity"], ascending=[True, False, True])


def quantity_rows(tables: Tables) -> pd.DataFrame:
    q = tables.quantities
    return q[
        ["article", "value", "value_low", "noun", "weapon", "category", "qualifier", "text", "start", "end", "sentence"]
    ]


COMMANDS = {
    "entities": entity_counts,
    "quantities": quantity_rows,
    "weapons": lambda t: t.weapons[["article", "weapon", "weapon_en", "text", "start", "end"]],
    "dates": lambda t: t.dates[
        ["article", "date", "year", "month", "day", "day_end", "year_inferred", "text", "start", "end"]
    ],
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


def main(argv: list[str] | None = None, prog: str = "python -m analysis") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=sorted([*COMMANDS, "build", "app"]))
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="folders or files (.txt .csv .jsonl .json); app: options for `streamlit run` after --",
    )
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument(
        "--nisba",
        action="store_true",
        help="entities: also count adjectives (الروسي، الكوري الشمالي) towards their country",
    )
    parser.add_argument("--out", metavar="DIR", help="build: the folder to write the Parquet tables to")
    parser.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="build: all cores of this machine (local) or a Dask cluster (dask)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="build --engine dask: a running scheduler (tcp://host:8786); default a local cluster",
    )
    parser.add_argument(
        "--cache", metavar="DIR", help="build: per-article results (default $MARSAD_CACHE or .marsad-cache)"
    )
    parser.add_argument(
        "--store", metavar="DIR", help="app: open a store written by build instead of the bundled corpus"
    )
    args = parser.parse_args(argv)
    if args.command == "app":
        return app(args.paths, args.store)
    if not args.paths:
        parser.error(f"{args.command} needs at least one PATH")
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
    for issue in summarize(loaded.issues):
        print(f"{'skipped' if issue.skipped else 'note'}: {issue.message}", file=sys.stderr)
    if not loaded.articles:
        raise CorpusError("No article could be read.")
    run = engines.dask(args.scheduler) if args.engine == "dask" else engines.local()
    tables = analyze_cached(loaded.articles, Cache(args.cache), run, on_progress=_progress_printer())
    folder = write_tables(tables, args.out, loaded.articles)  # texts too: the reader shows them
    print(
        f"{len(tables.articles):,} articles, {len(tables.mentions):,} mentions -> {folder} "
        f"({perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


def app(streamlit_options: list[str], store: str | None = None) -> NoReturn:
    """Start the dashboard as `streamlit run app.py` does, from any folder; `store` opens a built
    store. This process becomes the server (exec): a stop signal reaches it, and no orphan
    server is left behind when `marsad app` is terminated."""
    env = dict(os.environ, MARSAD_STORE=str(Path(store).absolute())) if store else dict(os.environ)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "streamlit", "run", str(APP), *streamlit_options], env)


def run(prog: str = "marsad") -> None:
    """The `marsad` command (and `python -m analysis`): main(), quiet when its output is piped into `head`."""
    try:
        sys.exit(main(prog=prog))
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def _progress_printer(every: float = 2.0):
    """on_progress for the build: articles done and time left on stderr, at most every `every`
    seconds (and the last one)."""
    from time import monotonic

    from .engines import Progress

    line, last = Progress(), [0.0]

    def show(done: int, total: int) -> None:
        if done in (0, total) or monotonic() - last[0] >= every:
            last[0] = monotonic()
            print(line(done, total), file=sys.stderr, flush=True)

    return show
