"""The bundled NER tagger alone on real news (SaudiNewsNet): model load time, and words/s on
text it has not seen (every word new to its caches) and on the same text again (all cached),
tagged as the pipeline tags it (MENTIONS_AT_ONCE articles a call).

    python bench/bench_crf_tagger.py [--articles 400]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_analysis import day_files_from_args  # noqa: E402

from analysis.corpus import load_files  # noqa: E402
from analysis.crf_tagger import text_tokens  # noqa: E402
from analysis.ner import load_recognizer  # noqa: E402
from analysis.pipeline import MENTIONS_AT_ONCE  # noqa: E402


def main() -> None:
    articles = load_files(day_files_from_args(__doc__)).articles
    started = time.process_time()
    tagger, _ = load_recognizer()
    load_seconds = time.process_time() - started
    texts = [a.body for a in articles]  # what analysis.ner tags: chrome blanked
    words = sum(len(text_tokens(t).words) for t in texts)
    for label in ("unseen text", "seen text"):
        started = time.process_time()
        for at in range(0, len(texts), MENTIONS_AT_ONCE):
            tagger.spans_of(texts[at : at + MENTIONS_AT_ONCE])
        seconds = time.process_time() - started
        print(f"{label:<14} {words / seconds:>12,.0f} words/s per core   ({len(texts):,} articles, {words:,} words)")
    print(f"model load     {load_seconds:>12.2f} s CPU")


if __name__ == "__main__":
    main()
