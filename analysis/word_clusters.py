"""Word clusters from unlabelled Arabic news: the NER model's way to generalise past its gold.

Words used alike fall in one cluster: بوتين with ساركوزي and اردوغان, عدن with صنعاء and تعز,
so a name the gold never shows is read like the names it does. Built by
`python -m analysis.word_clusters` from SaudiNewsNet (../shared/data: 31,030 articles, 10
million words): word2vec (gensim, skip-gram) over the words as the tagger reads them
(crf_tagger.text_tokens), then k-means (scikit-learn) at three sizes, so the model can use a
coarse and a fine cluster. Deterministic: one worker thread, fixed seeds, a stable hash.
The table (data/ner/word_clusters.tsv: word, then its cluster at each size) is read at run time
by crf_tagger.read_clusters; gensim and scikit-learn are needed only to build it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from .crf_tagger import CLUSTERS_PATH, text_tokens

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"
SIZES = (64, 256, 1024)  # coarse to fine
MIN_COUNT = 5  # rarer words get no vector of their own (the tagger falls back to their core's)


def news_sentences(folder: Path) -> Iterator[list[str]]:
    """The normalised words of each sentence of every article (title and text) in the
    SaudiNewsNet zips of `folder`, as crf_tagger.text_tokens cuts them."""
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                for article in json.loads(archive.read(name)):
                    tokens = text_tokens(f"{article.get('title') or ''}\n{article.get('content') or ''}")
                    bounds = [*tokens.first.tolist(), len(tokens.words)]
                    for a, b in zip(bounds[:-1], bounds[1:]):
                        yield tokens.words[a:b]


def _stable_hash(text: str) -> int:  # gensim seeds each vector with it: Python's hash varies per run
    return zlib.crc32(text.encode("utf-8"))


def build(folder: Path, out: Path, max_sentences: int | None = None) -> dict:
    """Train word vectors on the news in `folder` (its first `max_sentences` sentences, or all),
    cluster them and write the table to `out`."""
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    started = time.process_time()
    sentences = list(islice(news_sentences(folder), max_sentences))
    vectors = Word2Vec(
        sentences,
        vector_size=100,
        window=5,
        min_count=MIN_COUNT,
        sg=1,
        epochs=5,
        seed=1,
        workers=1,
        hashfxn=_stable_hash,
    ).wv
    unit = vectors.get_normed_vectors()
    columns = [
        MiniBatchKMeans(n_clusters=size, random_state=0, batch_size=4096, n_init=3).fit(unit).labels_ for size in SIZES
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for i, word in enumerate(vectors.index_to_key):
            handle.write("\t".join([word, *(str(c[i]) for c in columns)]) + "\n")
    return {
        "words": sum(map(len, sentences)),
        "vocabulary": len(vectors.index_to_key),
        "seconds": time.process_time() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=SAUDINEWSNET, help="a folder of SaudiNewsNet zips")
    parser.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    args = parser.parse_args(argv)
    if not any(args.news.glob("*.zip")):
        sys.exit(f"{args.news}: no SaudiNewsNet zips there; the clusters are built from the shared copy.")
    done = build(args.news, args.out)
    print(
        f"{done['vocabulary']:,} words clustered ({done['words']:,} words of news read) in "
        f"{done['seconds']:.0f} s of CPU -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
