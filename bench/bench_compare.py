"""Outlet comparison on real news: SaudiNewsNet (read in place from ../shared/data), 11 outlets.

Prints how fast the words of the article bodies are counted by stem (compare.term_counts,
part of analyze()) and how long one outlet-against-the-rest log-odds comparison takes.

    python bench/bench_compare.py [--articles 2000]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analysis.compare import distinctive_terms, term_counts  # noqa: E402
from analysis.corpus import load_files  # noqa: E402
from bench_analysis import day_files_from_args  # noqa: E402


def main() -> None:
    articles = load_files(day_files_from_args(__doc__)).articles
    for article in articles:
        _ = article.body  # built once per article by analyze() anyway; not counted here
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6

    started = time.perf_counter()
    terms = term_counts(articles)
    count_seconds = time.perf_counter() - started
    outlet = terms.groupby("outlet")["count"].sum().idxmax()
    started = time.perf_counter()
    scores = distinctive_terms(terms, outlet)
    compare_seconds = time.perf_counter() - started

    print(f"{len(articles):,} articles, {megabytes:.1f} MB, {terms['outlet'].nunique()} outlets")
    print(
        f"term_counts: {count_seconds:.2f} s ({megabytes / count_seconds:.1f} MB/s), {len(terms):,} rows, "
        f"{terms['stem'].nunique():,} stems"
    )
    print(f"distinctive_terms({outlet} vs the rest): {compare_seconds:.2f} s over {len(scores):,} stems")
    print("most distinctive of", outlet + ":", ", ".join(scores["word"].head(8)))


if __name__ == "__main__":
    main()
