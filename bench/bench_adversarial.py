"""Hostile input next to normal news: MB/s (CPU time of loading and analysing, one process)
and peak RSS, each shape at two sizes in a fresh process. `python bench/bench_adversarial.py [MB]`.

Time and memory should grow with the input, no faster: the last columns are the ratios between
the two sizes (x4 the input: about x4 time and memory is linear, x16 quadratic)."""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from adversarial_input import SHAPES  # noqa: E402


def run(shape: str, mb: float) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / "adversarial_input.py"), shape, str(mb)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    print(f"load average {os.getloadavg()[0]:.1f}; sizes {mb / 4:g} and {mb:g} MB")
    print(
        f"{'input':20s} {'MB':>6s} {'MB/s':>6s} {'peak RSS MB':>11s} {'grown MB':>9s}  "
        f"{'time x':>6s} {'memory x':>8s}  articles, notes"
    )
    for shape in SHAPES:
        small, big = run(shape, mb / 4), run(shape, mb)
        print(
            f"{shape:20s} {big['mb']:6.1f} {big['mb'] / max(big['cpu'], 1e-3):6.2f} {big['peak_mb']:11.0f} "
            f"{big['grown_mb']:9.0f}  {big['cpu'] / max(small['cpu'], 1e-3):6.1f} "
            f"{max(big['grown_mb'], 1) / max(small['grown_mb'], 1):8.1f}  {big['articles']:,}, {big['issues']:,}",
            flush=True,
        )


if __name__ == "__main__":
    main()
