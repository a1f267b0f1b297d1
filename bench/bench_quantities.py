"""Quantity and weapon extraction throughput on real news: SaudiNewsNet, read in place.

Prints MB/s per core (CPU time) for extract_quantities and extract_weapons alone (the articles are
loaded first and not timed), and how many claims they find.

    python bench/bench_quantities.py [--articles 2000]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import load_files  # noqa: E402
from analysis.quantities import extract_quantities  # noqa: E402
from analysis.weapons import extract_weapons  # noqa: E402
from bench.bench_analysis import day_files_from_args  # noqa: E402


def main() -> None:
    articles = load_files(day_files_from_args(__doc__)).articles
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    extract_quantities(articles[0]), extract_weapons(articles[0])  # compile the patterns first
    print(f"articles            {len(articles):>10,}  ({megabytes:.1f} MB of text)")
    for name, extract in (("extract_quantities", extract_quantities), ("extract_weapons", extract_weapons)):
        started = time.process_time()  # CPU time of this process: fair on a machine others share
        spans = [s for a in articles for s in extract(a)]
        seconds = time.process_time() - started
        print(f"{name:<19} {megabytes / seconds:>10.2f} MB/s   {len(spans):,} spans")
        if name == "extract_quantities":
            counts = Counter(s.label for s in spans)
            print("  by category       " + ", ".join(f"{k} {v:,}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main()
