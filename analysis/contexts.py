"""Keyword in context: every occurrence of a word or an entity across the corpus, with the
text on either side, for reading what the articles say around it.

Matching runs on normalised text (alef forms, ى/ي, ة/ه, no diacritics) and accepts the
proclitics و ف ب ك ل and the article ال, so أسلحة finds الأسلحة، وأسلحة، بالأسلحة; the
offsets of every hit point into the ORIGINAL text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from .corpus import Article
from .text import ARABIC_DIACRITICS, INVISIBLE, TATWEEL, normalize_with_offsets, normalized_key

HIT_COLUMNS = ["article", "outlet", "published", "start", "end", "left", "match", "right"]
# و/ف, then ب ك ل, then the article ال (بالأسلحة، وللأسلحة، كالأسلحة).
CLITICS = r"(?:[وف]?(?:لل|[بكل]?(?:ال)?))"
WIDTH = 70  # characters of context on each side


# What normalisation folds into each character (the reverse of text.normalize), and what it drops.
_FOLDED = {
    "ا": "اأإآٱ",
    "ي": "يى",
    "ه": "هة",
    ",": ",٬",
    ".": ".٫",
    **{d: d + a + p for d, a, p in zip("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")},
}
_MARKS = frozenset(ARABIC_DIACRITICS + TATWEEL + INVISIBLE)  # dropped by normalisation
_GAP = "[" + re.escape("".join(sorted(_MARKS))) + "]*"


class QueryError(ValueError):
    """A search the user must rephrase (empty, or no letters to match)."""


def query_words(query: str) -> list[str]:
    """The normalised words matched, without a leading ال: "الأسلحة" -> ["اسلحه"]."""
    key = normalized_key(query)
    if not re.search(r"\w", key):
        raise QueryError("Type a word or a name to search for (letters, not only punctuation).")
    if key.startswith("ال") and len(key.split()[0]) > 4:  # الأسلحة also finds أسلحة; الله stays
        key = key[2:]
    return key.split()


def query_pattern(query: str) -> re.Pattern:
    """The regex a query is matched with on normalised text: "الأسلحة" -> whole words
    ending in اسلحه, with clitics and ال allowed in front (the query's own ال is optional)."""
    words = r"[\s\-]+".join(re.escape(w) for w in query_words(query))
    return re.compile(rf"(?<!\w){CLITICS}{words}(?!\w)")


def raw_prefilter(query: str) -> re.Pattern:
    """A loose pattern for the query's longest word on the ORIGINAL text (any alef, ى/ي,
    ة/ه, diacritics between letters): an article it misses cannot match, so only the
    articles it finds are normalised (most of the cost): "أسلحة" -> [اأإآٱ]سلح[هة]."""
    longest = max(query_words(query), key=len)
    return re.compile(_GAP.join(f"[{re.escape(_FOLDED.get(c, c))}]" for c in longest))


def find_keyword(query: str, texts: Mapping[str, str]) -> pd.DataFrame:
    """Every occurrence of `query` in the texts (article id -> original text), one row
    per hit with start/end in the original: "أسلحة" in "وأسلحة مضادة" -> (0, 6)."""
    pattern = query_pattern(query)
    candidate = raw_prefilter(query)
    rows = []
    for article, text in texts.items():
        if not candidate.search(text):
            continue
        nt = normalize_with_offsets(text)
        for hit in pattern.finditer(nt.normalized):
            start, end = nt.to_original(hit.start(), hit.end())
            while end < len(text) and text[end] in _MARKS:  # the last letter's vowel marks too
                end += 1
            rows.append({"article": article, "start": start, "end": end})
    return pd.DataFrame(rows, columns=["article", "start", "end"])


def with_context(hits: pd.DataFrame, texts: Mapping[str, str], width: int = WIDTH) -> pd.DataFrame:
    """Add the text left and right of each [start, end) hit (within its paragraph) and the match."""
    left, match, right = [], [], []
    for article, start, end in zip(hits["article"], hits["start"], hits["end"]):
        text = texts[article]
        before = text[max(0, start - width) : start]
        after = text[end : end + width]
        left.append(before.rsplit("\n", 1)[-1].lstrip())
        match.append(text[start:end])
        right.append(after.split("\n", 1)[0].rstrip())
    return hits.assign(left=left, match=match, right=right)


def keyword_contexts(query: str, articles: Iterable[Article], width: int = WIDTH) -> pd.DataFrame:
    """Every hit of a word across articles with article, outlet, date and its context:
    keyword_contexts("أسلحة", articles) finds الأسلحة، وأسلحة، بالأسلحة."""
    articles = list(articles)
    texts = {a.id: a.text for a in articles}
    hits = with_context(find_keyword(query, texts), texts, width)
    return _with_articles(hits, articles)


def span_contexts(spans: pd.DataFrame, articles: Iterable[Article], width: int = WIDTH) -> pd.DataFrame:
    """The same rows for spans already found (an entity's mentions: every alias, كيم جونغ أون
    and كيم جونج أون alike), from any table with article, start, end."""
    articles = list(articles)
    texts = {a.id: a.text for a in articles}
    known = spans[spans["article"].isin(texts)][["article", "start", "end"]]
    hits = with_context(known.drop_duplicates().reset_index(drop=True), texts, width)
    return _with_articles(hits, articles)


def _with_articles(hits: pd.DataFrame, articles: list[Article]) -> pd.DataFrame:
    if hits.empty:  # also when no article could hold the word (none were read)
        return pd.DataFrame(columns=HIT_COLUMNS)
    meta = pd.DataFrame(
        {
            "article": [a.id for a in articles],
            "outlet": [a.outlet for a in articles],
            "published": [pd.Timestamp(a.published) if a.published else pd.NaT for a in articles],
        }
    )
    order = {a.id: i for i, a in enumerate(articles)}
    merged = hits.merge(meta, on="article", how="left")
    merged = merged.assign(_order=merged["article"].map(order)).sort_values(["_order", "start"])
    return merged[HIT_COLUMNS].reset_index(drop=True)
