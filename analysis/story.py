"""Reading one story across outlets: its dated events, what each article brought first, and
the passages outlets share (wire copy reused).

An event is a sentence that carries a resolved date ("التقى ... شويجو في بيونج يانج في شهر
يوليو الماضي" -> 2023-07); the same event told by several articles (same date, a shared
specific entity) becomes one point on the timeline with all its articles.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from itertools import combinations

import pandas as pd

from .corpus import Article
from .spans import Span
from .text import NormalizedText, normalize_with_offsets, sentence_bounds

EVENT_COLUMNS = ["article", "outlet", "published", "start", "end", "text", "sentence", "sentence_start",
                 "sentence_end", "date", "date_from", "date_to", "relative", "entities", "event"]
FIRST_COLUMNS = ["article", "outlet", "published", "kind", "item", "label", "start", "end", "text", "sentence",
                 "later_articles", "n_articles"]
SHARED_COLUMNS = ["article", "outlet", "published", "start", "end", "text", "other_article", "other_outlet",
                  "other_published", "other_start", "other_end", "other_text", "words"]
MIN_SHARED_WORDS = 8
# A window of words found in more articles than this is a site's boilerplate, not a story's
# shared copy (and would make the pairs explode on a big corpus).
MAX_SHARING_ARTICLES = 20
# An entity named in this share of event sentences or more says nothing about which event
# it is (Russia, North Korea in this story); only rarer ones tie two sentences together.
GENERIC_SHARE = 0.2


def _timestamp(article: Article):
    return pd.Timestamp(article.published) if article.published else pd.NaT


def reading_order(articles: pd.DataFrame) -> list[str]:
    """Article ids by publication date, ties (and undated, last) by id."""
    frame = articles[["article", "published"]].copy()
    frame["undated"] = frame["published"].isna()
    return frame.sort_values(["undated", "published", "article"], kind="stable")["article"].tolist()


# ---------------------------------------------------------------- events

def dated_sentences(article: Article, dates: list[Span], entities: list[Span]) -> list[dict]:
    """One row per resolved date span with the sentence around it and the entities named
    in that sentence; dates that could not be resolved (no publication date) are left out."""
    bounds = sentence_bounds(article.text)
    starts = [s for s, _ in bounds]
    rows = []
    for span in dates:
        if not span.label or span.label.startswith("-") or not span.data.get("date_from"):
            continue
        i = max(bisect_right(starts, span.start) - 1, 0)
        s, e = bounds[i] if bounds else (0, len(article.text))
        e = max(e, span.end)
        named = sorted({m.label for m in entities if s <= m.start < e})
        rows.append({
            "article": article.id, "outlet": article.outlet, "published": _timestamp(article),
            "start": span.start, "end": span.end, "text": span.text, "sentence": article.text[s:e],
            "sentence_start": s, "sentence_end": e, "date": span.label, "date_from": span.data["date_from"],
            "date_to": span.data["date_to"], "relative": span.data.get("relative", ""), "entities": tuple(named),
        })
    return rows


def group_events(rows: pd.DataFrame, generic_share: float = GENERIC_SHARE) -> pd.DataFrame:
    """Number the events: rows with the same date that share an entity named in fewer than
    `generic_share` of the dated sentences are one event ("E01", "E02"... in date order)."""
    rows = rows.reset_index(drop=True).copy()
    if rows.empty:
        rows["event"] = pd.Series(dtype=str)
        return rows
    counts = pd.Series([e for ents in rows["entities"] for e in set(ents)]).value_counts()
    generic = set(counts[counts >= max(2, generic_share * len(rows))].index)
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Rows to join: same date and a specific entity, or the same sentence (two dates of one fact).
    keys: dict[tuple, int] = {}
    for i, row in rows.iterrows():
        for key in [(row["date"], e) for e in row["entities"] if e not in generic] + \
                   [(row["date"], row["article"], row["sentence_start"])]:
            if key in keys:
                parent[root(i)] = root(keys[key])
            else:
                keys[key] = i
    rows["_root"] = [root(i) for i in range(len(rows))]
    order = rows.sort_values(["date_from", "date_to", "published", "article", "start"]).drop_duplicates("_root")
    names = {r: f"E{n + 1:02d}" for n, r in enumerate(order["_root"])}
    rows["event"] = rows["_root"].map(names)
    return rows.drop(columns="_root")


def event_points(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event for the timeline: its date, the articles and outlets that report
    it, the entities named, and the sentence of the earliest article."""
    columns = ["event", "date", "date_from", "date_to", "articles", "outlets", "n_articles", "entities", "sentence",
               "article", "outlet", "published"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for event, group in events.sort_values(["published", "article", "start"]).groupby("event", sort=True):
        first = group.iloc[0]
        rows.append({
            "event": event, "date": first["date"], "date_from": first["date_from"], "date_to": first["date_to"],
            "articles": tuple(dict.fromkeys(group["article"])), "outlets": tuple(dict.fromkeys(group["outlet"])),
            "n_articles": group["article"].nunique(),
            "entities": tuple(sorted({e for ents in group["entities"] for e in ents})),
            "sentence": first["sentence"], "article": first["article"], "outlet": first["outlet"],
            "published": first["published"],
        })
    return pd.DataFrame(rows, columns=columns).sort_values(["date_from", "event"]).reset_index(drop=True)


# ---------------------------------------------------------------- novelty

def _items(mentions: pd.DataFrame, quantities: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every mention of an entity, a quantity claim (value and category) or an event."""
    parts = []
    if not mentions.empty:
        parts.append(mentions.assign(kind="entity", item=mentions["entity"], label=mentions["name_en"]))
    if not quantities.empty:
        key = quantities["value"].map(lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")
        parts.append(quantities.assign(kind="quantity", item=key + " " + quantities["category"],
                                       label=key + " " + quantities["category"]))
    if not events.empty:
        parts.append(events.assign(kind="event", item=events["event"], label=events["date"] + " " + events["event"]))
    columns = ["article", "outlet", "published", "kind", "item", "label", "start", "end", "text", "sentence"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat([p[columns] for p in parts], ignore_index=True)


def first_mentions(articles: pd.DataFrame, mentions: pd.DataFrame, quantities: pd.DataFrame,
                   events: pd.DataFrame) -> pd.DataFrame:
    """For each entity, quantity claim and event, the article that mentions it first in
    reading order (publication date, then id) and where; later_articles are the others.
    "5 ملايين قذيفة مدفعية" -> 5,000,000 munition, first in 004."""
    items = _items(mentions, quantities, events)
    if items.empty:
        return pd.DataFrame(columns=FIRST_COLUMNS)
    rank = {a: i for i, a in enumerate(reading_order(articles))}
    items = items.assign(_rank=items["article"].map(rank)).sort_values(["_rank", "start"], kind="stable")
    keys = ["kind", "item"]
    first = items.drop_duplicates(keys).set_index(keys)
    articles_of = items.drop_duplicates(keys + ["article"]).groupby(keys, sort=False)["article"].agg(tuple)
    first["later_articles"] = articles_of.reindex(first.index).map(lambda ids: ids[1:])
    first["n_articles"] = first["later_articles"].map(len) + 1
    frame = first.reset_index()
    return frame.sort_values(["_rank", "kind", "start"], kind="stable")[FIRST_COLUMNS].reset_index(drop=True)


def novelty_by_article(articles: pd.DataFrame, firsts: pd.DataFrame) -> pd.DataFrame:
    """Per article in reading order: how many entities, quantity claims and events it was
    the first to mention (columns entity, quantity, event; zeros included)."""
    order = reading_order(articles)
    counts = firsts.groupby(["article", "kind"]).size().unstack(fill_value=0) if not firsts.empty else pd.DataFrame()
    counts = counts.reindex(index=order, columns=["entity", "quantity", "event"], fill_value=0)
    meta = articles.set_index("article")[["outlet", "published"]]
    return meta.loc[order].join(counts).reset_index()


# ---------------------------------------------------------------- shared passages

_WORD = re.compile(r"\w+")


def word_positions(text: str) -> tuple[list[str], list[tuple[int, int]], NormalizedText]:
    """Normalised words of a text, their [start, end) in the normalised copy, and that copy
    (its to_original gives offsets in the text); a leading و is dropped so "وقال" and "قال" match."""
    nt = normalize_with_offsets(text)
    words, where = [], []
    for match in _WORD.finditer(nt.normalized):
        word = match.group()
        words.append(word[1:] if word.startswith("و") and len(word) > 3 else word)
        where.append(match.span())
    return words, where, nt


def _gram_index(texts: list[list[str]], size: int) -> dict[int, list[tuple[int, int]]]:
    """Hash of every `size`-word window -> [(text index, word position)]."""
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for t, words in enumerate(texts):
        for p in range(len(words) - size + 1):
            index[hash(tuple(words[p:p + size]))].append((t, p))
    return index


def _runs_from_hits(a: list[str], b: list[str], hits: list[tuple[int, int]], size: int) -> list[tuple[int, int, int]]:
    """Chain window hits (i, j) on the same diagonal into maximal runs (i, j, words); a run
    inside a longer one on another diagonal (a repeated phrase) is dropped."""
    by_diagonal: dict[int, list[int]] = defaultdict(list)
    for i, j in set(hits):
        if a[i:i + size] == b[j:j + size]:  # hashes can collide
            by_diagonal[j - i].append(i)
    runs = []
    for diagonal, starts in by_diagonal.items():
        starts.sort()
        first = previous = starts[0]
        for i in starts[1:] + [None]:
            if i is not None and i == previous + 1:
                previous = i
                continue
            runs.append((first, first + diagonal, previous - first + size))
            if i is not None:
                first = previous = i
    kept: list[tuple[int, int, int]] = []
    for i, j, n in sorted(runs, key=lambda r: (-r[2], r[0])):
        if not any(i < ki + kn and ki < i + n and j < kj + kn and kj < j + n for ki, kj, kn in kept):
            kept.append((i, j, n))
    return sorted(kept)


def shared_runs(a: list[str], b: list[str], min_words: int = MIN_SHARED_WORDS) -> list[tuple[int, int, int]]:
    """(i, j, size): maximal runs of at least `min_words` equal words, a[i:i+size] == b[j:j+size]."""
    index = _gram_index([a, b], min_words)
    hits = []
    for postings in index.values():
        hits += [(i, j) for ta, i in postings if ta == 0 for tb, j in postings if tb == 1]
    return _runs_from_hits(a, b, hits, min_words) if hits else []


def shared_passages(articles: list[Article], min_words: int = MIN_SHARED_WORDS,
                    max_articles: int = MAX_SHARING_ARTICLES) -> pd.DataFrame:
    """Passages of at least `min_words` normalised words that two articles share, page chrome
    left out. The row belongs to the later article (reading order); other_* is the earlier."""
    frame = pd.DataFrame({"article": [a.id for a in articles],
                          "published": [_timestamp(a) for a in articles]})
    rank = {a: i for i, a in enumerate(reading_order(frame))}
    ordered = sorted(articles, key=lambda a: rank[a.id])
    words = [word_positions(a.body) for a in ordered]
    # Windows of min_words words shared by two articles, found through one hash index so a
    # large corpus is not compared pair by pair; a window in very many articles is boilerplate.
    hits: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for postings in _gram_index([w for w, _, _ in words], min_words).values():
        texts = {t for t, _ in postings}
        if 1 < len(texts) <= max_articles:
            for (ta, i), (tb, j) in combinations(postings, 2):
                if ta != tb:
                    hits[(ta, tb) if ta < tb else (tb, ta)].append((i, j) if ta < tb else (j, i))
    rows = []
    for (ta, tb), pair_hits in sorted(hits.items()):
        earlier, later = ordered[ta], ordered[tb]
        (wa, pa, na), (wb, pb, nb) = words[ta], words[tb]
        for i, j, size in _runs_from_hits(wa, wb, pair_hits, min_words):
            o_start, o_end = na.to_original(pa[i][0], pa[i + size - 1][1])
            start, end = nb.to_original(pb[j][0], pb[j + size - 1][1])
            rows.append({
                "article": later.id, "outlet": later.outlet, "published": _timestamp(later),
                "start": start, "end": end, "text": later.text[start:end],
                "other_article": earlier.id, "other_outlet": earlier.outlet, "other_published": _timestamp(earlier),
                "other_start": o_start, "other_end": o_end, "other_text": earlier.text[o_start:o_end], "words": size,
            })
    return pd.DataFrame(rows, columns=SHARED_COLUMNS)
