"""Keyword in context and the reader's highlighting on real news: SaudiNewsNet, read in place
from ../shared/data. Prints the search rate (MB/s of article text) for a word and the time to
build one highlighted article.

    python bench/bench_contexts.py [--articles 5000] [--word أسلحة]
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

from analysis.contexts import keyword_contexts  # noqa: E402
from analysis.corpus import Article  # noqa: E402

SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"


def articles(limit: int) -> list[Article]:
    """Up to `limit` SaudiNewsNet articles as Article records (text and outlet only)."""
    found: list[Article] = []
    for path in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for i, row in enumerate(json.loads(archive.read(name))):
                    found.append(Article(id=f"{Path(name).stem}-{i}", text=row["content"], outlet=row["source"]))
                    if len(found) >= limit:
                        return found
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--word", default="أسلحة")
    args = parser.parse_args()
    corpus = articles(args.articles)
    size = sum(len(a.text.encode("utf-8")) for a in corpus) / 1e6
    print(f"{len(corpus):,} articles, {size:.1f} MB of text")
    for word in (args.word, "السعودية", "وزير الخارجية"):
        start = time.perf_counter()
        hits = keyword_contexts(word, corpus)
        took = time.perf_counter() - start
        print(f"keyword_contexts({word!r}): {len(hits):,} hits in {took:.2f} s ({size / took:.1f} MB/s, one core)")

    from dashboard.highlight import highlight_html  # the reader's renderer (pure; no page runs)

    longest = max(corpus, key=lambda a: len(a.text))
    spans = [(s, s + 5, "entity", "x") for s in range(0, len(longest.text) - 5, 40)]
    start = time.perf_counter()
    markup = highlight_html(longest.text, spans)
    took = time.perf_counter() - start
    print(
        f"highlight_html: {len(longest.text):,} characters, {len(spans):,} spans -> "
        f"{len(markup):,} characters of HTML in {took * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
