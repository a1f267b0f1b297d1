"""Time and memory at most linear in the input: one long article (2, 8 and 20 MB) and two feeds
of one repeated sentence (2 and 8 MB), each analysed in a fresh process. CPU time (other jobs on
the machine disturb it less than wall time) and memory grown are compared between sizes with
slack: x4 the input may cost up to x6.5, where a quadratic step costs x16."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "adversarial_input.py"


def measure(shape: str, mb: float) -> dict:
    out = subprocess.run(
        [sys.executable, str(BENCH), shape, str(mb)], capture_output=True, text=True, check=True, timeout=600
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def ratios(small: dict, big: dict) -> tuple[float, float, float]:
    size = big["mb"] / small["mb"]
    return size, big["cpu"] / small["cpu"], max(big["grown_mb"], 50) / max(small["grown_mb"], 50)


@pytest.mark.parametrize("shape, sizes", [("one long article", (2, 8, 20)), ("repeated sentence", (2, 8))])
def test_time_and_memory_grow_linearly_with_the_input(shape, sizes):
    found = [measure(shape, mb) for mb in sizes]
    assert all(f["articles"] >= 1 for f in found)
    for small, big in zip(found, found[1:]):
        size, time, memory = ratios(small, big)
        assert time < 1.6 * size, (shape, small, big)  # 881 s for 15 MB before, 22 s for 2 MB
        assert memory < 1.6 * size, (shape, small, big)
