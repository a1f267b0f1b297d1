"""Adversarial inputs of a given size, shared by bench_adversarial.py and tests/test_linear.py:
python bench/adversarial_input.py SHAPE MB prints CPU seconds and memory of loading and analysing it."""

from __future__ import annotations

import io
import json
import resource
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus import BUNDLED_CORPUS, load_files  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402

SENTENCE = (
    "وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحفيين إن موسكو ستواصل تطوير العلاقات مع جارتها في 5 مارس الماضي. "
)


def news() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED_CORPUS.glob("*.txt"))) + "\n\n"


def _repeat(unit: str, mb: float) -> bytes:
    return (unit * (int(mb * 2**20 / len(unit.encode())) + 1)).encode()


def files(shape: str, mb: float) -> list[tuple[str, bytes]]:
    """(name, bytes) uploads of about `mb` MB in one of SHAPES."""
    if shape == "news":  # the seed articles, each its own file, as many copies as fit
        seeds = [(p.name, p.read_bytes()) for p in sorted(BUNDLED_CORPUS.glob("*.txt"))]
        copies = int(mb * 2**20 / sum(len(d) for _, d in seeds)) + 1
        return [(f"{i}-{n}", d) for i in range(copies) for n, d in seeds]
    if shape == "one long article":
        return [("long.txt", _repeat(news(), mb))]
    if shape == "repeated sentence":  # two feeds of one sentence
        return [("a.txt", _repeat(SENTENCE, mb / 2)), ("b.txt", _repeat(SENTENCE, mb / 2))]
    if shape == "no stops":
        return [("flat.txt", _repeat(" ".join(news().replace(".", " ").replace("،", " ").split()) + " ", mb))]
    if shape == "open quotes":
        return [("quotes.txt", _repeat("وقال بوتين: «إن روسيا ستواصل ", mb))]
    if shape == "many tiny files":
        n = int(mb * 2**20 / 200) + 1
        return [(f"t{i}.txt", SENTENCE.encode() + str(i).encode()) for i in range(n)]
    if shape == "deep json":
        depth = int(mb * 2**20 / 2)
        return [("deep.json", b"[" * depth + b"]" * depth), ("ok.txt", SENTENCE.encode())]
    if shape == "zip of zeros":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for i in range(6):
                archive.writestr(f"zeros{i}.txt", b" " * int(mb * 2**20 / 6))
        return [("zeros.zip", buffer.getvalue())]
    if shape == "json rows":
        rows = [{"text": SENTENCE, "id": i} for i in range(int(mb * 2**20 / 250) + 1)]
        return [("rows.json", json.dumps(rows, ensure_ascii=False).encode())]
    raise ValueError(shape)


SHAPES = [
    "news",
    "one long article",
    "repeated sentence",
    "no stops",
    "open quotes",
    "many tiny files",
    "deep json",
    "zip of zeros",
    "json rows",
]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def measure(shape: str, mb: float) -> dict:
    """CPU seconds of loading and analysing, and peak memory above what the input itself takes."""
    data = files(shape, mb)
    size = sum(len(d) for _, d in data) / 2**20
    before = rss_mb()
    started = time.process_time()
    loaded = load_files(data)
    if loaded.articles:
        analyze(loaded.articles)
    cpu = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "shape": shape,
        "mb": size,
        "cpu": cpu,
        "peak_mb": peak,
        "grown_mb": max(peak - before, 0.0),
        "articles": len(loaded.articles),
        "issues": len(loaded.issues),
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], float(sys.argv[2]))))
