"""Ten thousand tiny files: how long a folder of them takes to load and analyse, and how
many lines of problems a reader gets (grouped by kind, not one per file).

    python bench/bench_many_files.py [--files 10000]

Each good file is one sentence of the bundled seed articles; one in fifty is empty and one
in fifty is a PNG renamed .txt, as a careless export leaves them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus import load_bundled, load_paths  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402
from analysis.text import sentence_bounds  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    sentences = [a.text[s:e] for a in load_bundled().articles for s, e in sentence_bounds(a.text)]
    with tempfile.TemporaryDirectory() as folder:
        for i in range(args.files):
            data = b"" if i % 50 == 0 else PNG if i % 50 == 1 else sentences[i % len(sentences)].encode()
            (Path(folder) / f"{i:05d}.txt").write_bytes(data)
        started = time.perf_counter()
        loaded = load_paths([folder])
        read = time.perf_counter() - started
        tables = analyze(loaded.articles)
        total = time.perf_counter() - started
    print(
        f"{args.files:,} files: {len(loaded.articles):,} articles, {len(loaded.problems):,} skipped, "
        f"{len(loaded.summary())} lines of problems"
    )
    print(
        f"read {read:.1f} s ({args.files / read:,.0f} files/s); read and analysed {total:.1f} s; "
        f"{len(tables.mentions):,} entity mentions"
    )
    for line in loaded.summary():
        print("  " + line)


if __name__ == "__main__":
    main()
