"""Analysis throughput on real news: SaudiNewsNet (read in place from ../shared/data).

Prints MB/s and articles/s on one core, and the ratio of full analysis time to simply
reading and decoding the same articles.

    python bench/bench_analysis.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import load_files  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402

SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"


def json_files(limit_articles: int) -> list[tuple[str, bytes]]:
    """The day files' JSON arrays, whole, until about `limit_articles` articles are in."""
    files, count = [], 0
    for path in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                files.append((Path(name).name, data))
                count += data.count(b'"content"')
        if count >= limit_articles:
            break
    return files


def day_files_from_args(doc: str) -> list[tuple[str, bytes]]:
    """The day files a benchmark's `--articles N` asks for (its docstring's first line is its
    --help); exits with a message when the shared SaudiNewsNet copy is missing."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    if not SAUDINEWSNET.is_dir():
        sys.exit(f"{SAUDINEWSNET} not found: this benchmark reads the shared SaudiNewsNet copy.")
    return json_files(args.articles)


def main() -> None:
    files = day_files_from_args(__doc__)

    started = time.perf_counter()
    raw = [json.loads(data) for _, data in files]  # simply reading the articles
    raw_seconds = time.perf_counter() - started

    started = time.perf_counter()
    loaded = load_files(files)
    read_seconds = time.perf_counter() - started
    articles = loaded.articles
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6

    started, cpu_started = time.perf_counter(), time.process_time()
    tables = analyze(articles)
    analyse_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # what a busy machine does not inflate

    print(
        f"articles            {len(articles):>10,}  ({megabytes:.1f} MB of text, "
        f"{tables.articles['outlet'].nunique()} outlets)"
    )
    print(f"read (json.loads)   {megabytes / raw_seconds:>10.1f} MB/s   ({sum(map(len, raw)):,} records)")
    print(f"load (+chrome)      {megabytes / read_seconds:>10.1f} MB/s")
    print(
        f"analysis (1 core)   {megabytes / analyse_seconds:>10.2f} MB/s   "
        f"{len(articles) / analyse_seconds:,.0f} articles/s"
    )
    print(
        f"analysis (CPU time) {megabytes / cpu_seconds:>10.2f} MB/s   "
        f"{len(articles) / cpu_seconds:,.0f} articles/s per core"
    )
    print(f"analysis / reading  {analyse_seconds / raw_seconds:>10.0f} x")
    print(
        f"spans per article   {(len(tables.mentions) + len(tables.quantities) + len(tables.weapons) + len(tables.dates)) / len(articles):>10.1f}"
    )


if __name__ == "__main__":
    main()
