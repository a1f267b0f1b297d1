"""Reading one story across outlets: its dated events, what each article brought first, and
the passages outlets share (wire copy reused).

An event is a sentence that carries a resolved date ("التقى ... شويجو في بيونج يانج في شهر
يوليو الماضي" -> 2023-07); the same event told by several articles (same date, a shared
specific entity) becomes one point on the timeline with all its articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from .corpus import Article
from .spans import Span
from .text import IS_WORD, NormalizedText, normalize_with_offsets, sentence_bounds

EVENT_COLUMNS = [
    "article",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "sentence",
    "sentence_start",
    "sentence_end",
    "date",
    "date_from",
    "date_to",
    "relative",
    "entities",
    "event",
]
FIRST_COLUMNS = [
    "article",
    "outlet",
    "published",
    "kind",
    "item",
    "label",
    "start",
    "end",
    "text",
    "sentence",
    "later_articles",
    "n_articles",
]
SHARED_COLUMNS = [
    "article",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "other_article",
    "other_outlet",
    "other_published",
    "other_start",
    "other_end",
    "other_text",
    "words",
]
MIN_SHARED_WORDS = 8
# A window of words found in more articles than this is a site's boilerplate, not a story's
# shared copy (and would make the pairs explode on a big corpus).
MAX_SHARING_ARTICLES = 20
# The k-th copy of a window in one article pairs with copies k ± (REPEAT_BAND - 1) in another:
# a sentence repeated all through a feed gives pairs linear in the text, not its copies squared.
REPEAT_BAND = 8
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
    entities = sorted(entities, key=lambda m: m.start)  # a sentence's entities by bisection
    entity_starts = [m.start for m in entities]
    rows = []
    for span in dates:
        if not span.label or span.label.startswith("-") or not span.data.get("date_from"):
            continue
        i = max(bisect_right(starts, span.start) - 1, 0)
        s, e = bounds[i] if bounds else (0, len(article.text))
        e = max(e, span.end)
        named = sorted({m.label for m in entities[bisect_left(entity_starts, s) : bisect_left(entity_starts, e)]})
        rows.append(
            {
                "article": article.id,
                "outlet": article.outlet,
                "published": _timestamp(article),
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "sentence": article.text[s:e],
                "sentence_start": s,
                "sentence_end": e,
                "date": span.label,
                "date_from": span.data["date_from"],
                "date_to": span.data["date_to"],
                "relative": span.data.get("relative", ""),
                "entities": tuple(named),
            }
        )
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
    columns = zip(rows["date"], rows["entities"], rows["article"], rows["sentence_start"])
    for i, (day, entities, article, sentence_start) in enumerate(columns):
        for key in [(day, e) for e in entities if e not in generic] + [(day, article, sentence_start)]:
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
    columns = [
        "event",
        "date",
        "date_from",
        "date_to",
        "articles",
        "outlets",
        "n_articles",
        "entities",
        "sentence",
        "article",
        "outlet",
        "published",
    ]
    if events.empty:
        return pd.DataFrame(columns=columns)
    ordered = events.sort_values(["published", "article", "start"])
    # One pass over the rows in that order (a loop over 40,000 groups in pandas took 14 s)
    first: dict = {}
    articles_of: dict = {}
    outlets_of: dict = {}
    entities_of: dict = {}
    for row, event, article, outlet, entities in zip(
        range(len(ordered)), *(ordered[c].tolist() for c in ("event", "article", "outlet", "entities"))
    ):
        if event not in first:
            first[event], articles_of[event], outlets_of[event], entities_of[event] = row, {}, {}, set()
        articles_of[event][article] = None
        outlets_of[event][outlet] = None
        entities_of[event].update(entities)
    firsts = ordered.iloc[list(first.values())]
    frame = pd.DataFrame(
        {
            "event": list(first),
            "date": firsts["date"].tolist(),
            "date_from": firsts["date_from"].tolist(),
            "date_to": firsts["date_to"].tolist(),
            "articles": [tuple(a) for a in articles_of.values()],
            "outlets": [tuple(o) for o in outlets_of.values()],
            "n_articles": [len(a) for a in articles_of.values()],
            "entities": [tuple(sorted(e)) for e in entities_of.values()],
            "sentence": firsts["sentence"].tolist(),
            "article": firsts["article"].tolist(),
            "outlet": firsts["outlet"].tolist(),
            "published": firsts["published"].tolist(),
        },
        columns=columns,
    )
    return frame.sort_values(["date_from", "event"]).reset_index(drop=True)


# ---------------------------------------------------------------- novelty


def _items(mentions: pd.DataFrame, quantities: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every mention of an entity, a quantity claim (value and category) or an event."""
    parts = []
    if not mentions.empty:
        parts.append(mentions.assign(kind="entity", item=mentions["entity"], label=mentions["name_en"]))
    if not quantities.empty:
        key = quantities["value"].map(lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")
        parts.append(
            quantities.assign(
                kind="quantity", item=key + " " + quantities["category"], label=key + " " + quantities["category"]
            )
        )
    if not events.empty:
        parts.append(events.assign(kind="event", item=events["event"], label=events["date"] + " " + events["event"]))
    columns = ["article", "outlet", "published", "kind", "item", "label", "start", "end", "text", "sentence"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat([p[columns] for p in parts], ignore_index=True)


def first_mentions(
    articles: pd.DataFrame, mentions: pd.DataFrame, quantities: pd.DataFrame, events: pd.DataFrame
) -> pd.DataFrame:
    """For each entity, quantity claim and event, the article that mentions it first in
    reading order (publication date, then id) and where; later_articles are the others.
    "5 ملايين قذيفة مدفعية" -> 5,000,000 munition, first in 004."""
    items = _items(mentions, quantities, events)
    if items.empty:
        return pd.DataFrame(columns=FIRST_COLUMNS)
    rank = {a: i for i, a in enumerate(reading_order(articles))}
    ranks = np.array([rank[a] for a in items["article"].tolist()], dtype=np.int64)
    order = np.lexsort((items["start"].to_numpy(), ranks))  # stable: reading order, then place
    # One pass in that order over the keys alone (the rows' sentences are copied only for the firsts)
    first: dict[tuple, int] = {}
    articles_of: dict[tuple, list] = {}  # in reading order, each article once
    for row, kind, item, article in zip(
        order.tolist(), *(items[c].to_numpy(object)[order].tolist() for c in ("kind", "item", "article"))
    ):
        seen = articles_of.get((kind, item))
        if seen is None:
            first[(kind, item)], articles_of[(kind, item)] = row, [article]
        elif seen[-1] != article:  # an article's rows are together: a new one is not the last one
            seen.append(article)
    rows = list(first.values())
    frame = items.iloc[rows].assign(_rank=ranks[rows], later_articles=[tuple(a[1:]) for a in articles_of.values()])
    frame["n_articles"] = frame["later_articles"].map(len) + 1
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
            index[hash(tuple(words[p : p + size]))].append((t, p))
    return index


def _runs_from_hits(a: list[str], b: list[str], hits: list[tuple[int, int]], size: int) -> list[tuple[int, int, int]]:
    """Chain window hits (i, j) on the same diagonal into maximal runs (i, j, words); a run
    inside a longer one on another diagonal (a repeated phrase) is dropped."""
    by_diagonal: dict[int, list[int]] = defaultdict(list)
    for i, j in set(hits):
        if a[i : i + size] == b[j : j + size]:  # hashes can collide
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


WINDOW_COLUMNS = ["article", "hash", "pos", "start", "end"]
_WINDOW_BASE = np.uint64(0x100000001B3)  # any odd multiplier; uint64 arithmetic wraps


_U64 = np.uint64
_MASK64 = (1 << 64) - 1


@lru_cache(maxsize=64)
def _powers(n: int) -> np.ndarray:
    """1, B, B², ... B^(n-1), wrapping at 2^64."""
    return np.concatenate(([_U64(1)], np.cumprod(np.full(n - 1, _WINDOW_BASE, dtype=_U64)))) if n else np.zeros(0, _U64)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads polynomial hashes over all 64 bits."""
    h = h + _U64(0x9E3779B97F4A7C15)
    h = (h ^ (h >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> _U64(27))) * _U64(0x94D049BB133111EB)
    return h ^ (h >> _U64(31))


def _word_hashes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The words of word_positions in a text's code points (all in the Basic Multilingual
    Plane), vectorised: a hash of each (the same in every process, unlike str hash; a leading
    و left out as there), its start and end."""
    inside = IS_WORD[codes]
    edges = np.diff(np.concatenate(([False], inside, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not starts.size:
        return np.zeros(0, _U64), starts, ends
    chars = np.flatnonzero(inside)  # the words' characters, word after word
    lengths = ends - starts
    firsts = np.cumsum(lengths) - lengths  # where each word begins in `chars`
    weights = _powers(int(lengths.max()))[np.repeat(ends - 1, lengths) - chars]  # B^(characters after it)
    values = codes[chars].astype(_U64)
    values[firsts[(codes[starts] == ord("و")) & (lengths > 3)]] = 0  # "وقال" is "قال"
    return _mix(np.add.reduceat(values * weights, firsts)), starts, ends


def _window_hashes(word_hashes: np.ndarray, size: int) -> np.ndarray:
    """The hash of every run of `size` consecutive words (as int64)."""
    n = len(word_hashes) - size + 1
    if n <= 0:  # (a negative n would slice from the end)
        return np.zeros(0, dtype=np.int64)
    hashes = np.zeros(n, dtype=_U64)
    for k in range(size):
        hashes = hashes * _WINDOW_BASE + word_hashes[k : k + n]
    return hashes.view(np.int64)


def article_windows(article: Article, size: int = MIN_SHARED_WORDS) -> dict[str, np.ndarray]:
    """Every `size`-word window of the article's body (chrome left out): a stable hash, its
    word position and its [start, end) in the original text. The per-article half of
    shared_passages: only the join on equal hashes looks across articles."""
    return bodies_windows([normalize_with_offsets(article.body)], size)[0]


# Bodies hashed in one pass: enough to make the numpy calls few, few enough that their arrays
# reuse memory (a batch of 2,888 at once spent more time faulting in fresh pages than hashing).
BODIES_AT_ONCE = 256


def bodies_windows(bodies: list[NormalizedText], size: int = MIN_SHARED_WORDS) -> list[dict[str, np.ndarray]]:
    """article_windows of many normalised bodies, hashed in one pass over them all joined by
    spaces (a space ends every word, so no word or window runs from one body into the next):
    a few dozen numpy calls for a batch instead of for every article."""
    if not bodies:
        return []
    if len(bodies) > BODIES_AT_ONCE:
        return [
            w
            for at in range(0, len(bodies), BODIES_AT_ONCE)
            for w in bodies_windows(bodies[at : at + BODIES_AT_ONCE], size)
        ]
    joined = "".join(nt.normalized + " " for nt in bodies)  # body k starts at bases[k]
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    bases = np.cumsum([0] + [len(nt.normalized) + 1 for nt in bodies])
    rare = codes >= 0x10000
    apart = set()  # bodies with characters beyond the Basic Multilingual Plane: one by one
    if rare.any():
        apart = set((np.searchsorted(bases, np.flatnonzero(rare), "right") - 1).tolist())
        codes = np.where(rare, np.uint32(32), codes)
    word_hashes, starts, ends = _word_hashes(codes)
    hashes = _window_hashes(word_hashes, size)
    offsets = np.concatenate([np.frombuffer(nt.offsets, dtype=np.int32) for nt in bodies]).astype(np.int64)
    first_word = np.searchsorted(starts, bases)  # body k has words first_word[k] .. first_word[k + 1] - 1
    n = len(hashes)
    window_start = offsets[starts[:n]]
    window_end = offsets[ends[size - 1 :] - 1] + 1
    windows = []
    for k, nt in enumerate(bodies):
        if k in apart:
            windows.append(_windows_one_by_one(nt, size))
            continue
        i, j = first_word[k], max(first_word[k], first_word[k + 1] - size + 1)
        windows.append(
            {
                "hash": hashes[i:j],
                "pos": np.arange(j - i, dtype=np.int64),
                "start": window_start[i:j],
                "end": window_end[i:j],
            }
        )
    return windows


def _windows_one_by_one(nt: NormalizedText, size: int) -> dict[str, np.ndarray]:
    """article_windows of a body with rare characters: its words hashed one by one."""
    found, where, _ = word_positions(nt.original)
    spans = np.asarray(where, dtype=np.int64).reshape(-1, 2)
    word_hashes = np.array([_word_hash(w) for w in found], dtype=_U64)
    hashes = _window_hashes(word_hashes, size)
    n = len(hashes)
    offsets = np.frombuffer(nt.offsets, dtype=np.int32)
    return {
        "hash": hashes,
        "pos": np.arange(n, dtype=np.int64),
        "start": offsets[spans[:n, 0]].astype(np.int64),
        "end": offsets[spans[size - 1 :, 1] - 1].astype(np.int64) + 1,
    }


def _word_hash(word: str) -> int:
    """One normalised word's hash as _word_hashes gives it (for text it cannot take)."""
    h = 0
    for char in word[1:] if word.startswith("و") and len(word) > 3 else word:
        h = (h * int(_WINDOW_BASE) + ord(char)) & _MASK64
    return int(_mix(np.array([h], dtype=_U64))[0])


def windows_frame(ids: list[str], bodies: list[NormalizedText], size: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """The windows (article_windows) of several articles' normalised bodies in one frame
    (WINDOW_COLUMNS), hashed in one pass; the article column a Categorical, as the id repeats
    on hundreds of rows."""
    windows = bodies_windows(bodies, size)
    return pd.DataFrame(
        {
            "article": _repeated(ids, [len(w["hash"]) for w in windows]),
            **{c: np.concatenate([w[c] for w in windows] or [np.zeros(0, dtype=np.int64)]) for c in WINDOW_COLUMNS[1:]},
        },
        columns=WINDOW_COLUMNS,
    )


def _repeated(ids: list[str], times: list[int]) -> pd.Categorical:
    """pd.Categorical(np.repeat(ids, times)), made from codes: the same categories (the ids that
    occur, sorted), without hashing a million repeated strings."""
    occurring = np.array([i for i, n in zip(ids, times) if n], dtype=object)
    order = np.argsort(occurring, kind="stable")
    rank = np.empty(len(occurring), dtype=np.int64)
    rank[order] = np.arange(len(occurring))
    codes = np.repeat(rank, [n for n in times if n])
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(occurring[order])))


def _keep_longest(runs: list[tuple]) -> list[tuple]:
    """Of runs (i, j, n, ...) between two articles, drop those inside a longer one on
    another diagonal (a repeated phrase); the rest in (i, j, n) order."""
    kept: list[tuple] = []
    for run in sorted(runs, key=lambda r: (-r[2], r[0])):
        i, j, n = run[:3]
        if not any(i < k[0] + k[2] and k[0] < i + n and j < k[1] + k[2] and k[1] < j + n for k in kept):
            kept.append(run)
    return sorted(kept, key=lambda r: r[:3])


def _pairs_of_windows(hashes: np.ndarray, ranks: np.ndarray, max_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows (a, b) of windows with equal hashes and ranks[a] < ranks[b], for the hashes found in 2
    to `max_articles` articles. With sorted arrays, not a join: millions of windows, mostly unique."""
    # Sort each hash with its row number in its lowest bits (one plain sort, twice as fast as an
    # argsort): the rows whose hash, but for those bits, repeats hold every shared window.
    bits = np.uint64(max(len(hashes) - 1, 1).bit_length())
    packed = np.sort(hashes.view(np.uint64) >> bits << bits | np.arange(len(hashes), dtype=np.uint64))
    top = packed >> bits
    repeated = top[1:] == top[:-1]
    twice = np.concatenate(([False], repeated)) | np.concatenate((repeated, [False]))
    rows = (packed[twice] & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.intp)
    if not len(rows):
        return rows, rows
    rows = rows[np.argsort(hashes[rows], kind="stable")]  # nearly sorted already: fast
    found = hashes[rows]
    group = np.cumsum(np.concatenate(([True], found[1:] != found[:-1])))
    rows = rows[np.argsort(group * (int(ranks.max()) + 1) + ranks[rows], kind="stable")]  # by article in each
    rank = ranks[rows]
    new_article = np.concatenate(([True], (group[1:] != group[:-1]) | (rank[1:] != rank[:-1])))
    kept = np.bincount(group, weights=new_article)
    kept = ((kept >= 2) & (kept <= max_articles))[group]
    return _pairs_across(rows[kept], group[kept], new_article[kept], max_articles)


def _pairs_across(
    rows: np.ndarray, group: np.ndarray, new_article: np.ndarray, max_articles: int, band: int = REPEAT_BAND
) -> tuple[np.ndarray, np.ndarray]:
    """(a, b): the rows of each hash group paired across its articles (rows sorted by group, then
    article in reading order, then position; new_article marks where an article's rows begin). The k-th copy of a
    window in one article pairs with copies k - band + 1 .. k + band - 1 in another, not with
    all of them: a sentence repeated all through two feeds gives a few pairs per window, not the
    square of its copies, and still one run along the whole text."""
    blocks = np.flatnonzero(new_article)
    sizes = np.diff(np.append(blocks, len(rows)))
    block = np.repeat(np.arange(len(blocks)), sizes)
    copy = np.arange(len(rows)) - blocks[block]  # k: the copy's number in its article
    block_group = group[blocks]
    xs, ys = [], []
    for later in range(1, max_articles):  # the group's next article, the one after...
        target = block + later
        ok = target < len(blocks)
        ok[ok] = block_group[target[ok]] == group[ok]
        if not ok.any():
            break
        x, target = np.flatnonzero(ok), target[ok]
        low = blocks[target] + np.maximum(copy[x] - band + 1, 0)
        high = blocks[target] + np.minimum(sizes[target], copy[x] + band)
        count = np.maximum(high - low, 0)
        xs.append(np.repeat(x, count))
        ys.append(np.repeat(low, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
    a, b = (np.concatenate(v) if v else np.zeros(0, np.intp) for v in (xs, ys))
    return rows[a], rows[b]


RUN_COLUMNS = ["rank_a", "rank_b", "i", "j", "n", "start_a", "end_a", "start_b", "end_b"]


def _runs(a: np.ndarray, b: np.ndarray, ranks: np.ndarray, windows: pd.DataFrame, min_words: int) -> np.ndarray:
    """Pairs of windows chained into runs of consecutive windows on one diagonal of two articles:
    one row (RUN_COLUMNS) each, in order of rank_a, rank_b, diagonal, i."""
    pos = windows["pos"].to_numpy(np.int64)
    n_ranks, n_pos = int(ranks.max()) + 1, int(pos.max()) + 1
    rank_a, rank_b, diagonal, pos_a = ranks[a], ranks[b], pos[b] - pos[a], pos[a]
    if n_ranks * n_ranks * 2 * n_pos * n_pos < 2**63:
        # one key (an argsort is faster than a lexsort), read back by division (faster than gathers)
        key = ((rank_a * n_ranks + rank_b) * 2 * n_pos + diagonal + n_pos) * n_pos + pos_a
        order = np.argsort(key)
        key, pos_a = np.divmod(key[order], n_pos)
        key, diagonal = np.divmod(key, 2 * n_pos)  # + n_pos: only compared below
        rank_a, rank_b = np.divmod(key, n_ranks)
    else:
        order = np.lexsort((pos_a, diagonal, rank_b, rank_a))
        rank_a, rank_b, diagonal, pos_a = rank_a[order], rank_b[order], diagonal[order], pos_a[order]
    first = np.flatnonzero(
        np.concatenate(
            (
                [True],
                (rank_a[1:] != rank_a[:-1])
                | (rank_b[1:] != rank_b[:-1])
                | (diagonal[1:] != diagonal[:-1])
                | (pos_a[1:] != pos_a[:-1] + 1),
            )
        )
    )
    last = np.append(first[1:], len(a)) - 1
    start, end = windows["start"].to_numpy(np.int64), windows["end"].to_numpy(np.int64)
    a_first, a_last, b_first, b_last = a[order[first]], a[order[last]], b[order[first]], b[order[last]]
    return np.stack(
        [
            rank_a[first],
            rank_b[first],
            pos_a[first],
            pos[b_first],
            pos_a[last] - pos_a[first] + min_words,
            start[a_first],
            end[a_last],
            start[b_first],
            end[b_last],
        ],
        axis=1,
    )


def _overlapping_in_a(pair: np.ndarray, i: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows (x, y) of runs of one pair of articles whose words in the first article overlap,
    i[x] <= i[y] < i[x] + n[x]: a sweep over the runs sorted by (pair, i), so only runs that do
    overlap are paired (a run meets a bounded number of others: each window is in few pairs)."""
    order = np.lexsort((i, pair))
    key = pair[order].astype(np.int64) * (int((i + n).max()) + 1)
    starts = key + i[order]
    after = np.searchsorted(starts, key + i[order] + n[order], "left") - np.arange(len(order)) - 1
    x = np.repeat(np.arange(len(order)), after)
    y = np.arange(len(x)) - np.repeat(np.cumsum(after) - after, after) + x + 1
    return order[x], order[y]


def _longest_runs(runs: np.ndarray) -> np.ndarray:
    """_keep_longest for each pair of articles (runs sorted by rank_a, rank_b), then all in
    (rank_a, rank_b, i, j, n) order. A pair whose runs do not overlap keeps them all."""
    pair = np.cumsum(np.concatenate(([True], (runs[1:, :2] != runs[:-1, :2]).any(axis=1))))
    x, y = _overlapping_in_a(pair, runs[:, 2], runs[:, 4])
    j, n = runs[:, 3], runs[:, 4]
    overlap = (j[x] < j[y] + n[y]) & (j[y] < j[x] + n[x])
    tangled = np.isin(pair, pair[x[overlap]])
    kept = [runs[~tangled]]
    for rows in np.split(runs[tangled], np.flatnonzero((np.diff(pair[tangled]) != 0)) + 1) if tangled.any() else []:
        found = _keep_longest([tuple(r) for r in rows[:, 2:].tolist()])
        kept.append(np.column_stack([np.repeat(rows[:1, :2], len(found), axis=0), np.array(found, dtype=np.int64)]))
    runs = np.concatenate(kept)
    return runs[np.lexsort((runs[:, 4], runs[:, 3], runs[:, 2], runs[:, 1], runs[:, 0]))]


def shared_from_windows(
    windows: pd.DataFrame,
    articles: pd.DataFrame,
    texts: dict[str, str],
    min_words: int = MIN_SHARED_WORDS,
    max_articles: int = MAX_SHARING_ARTICLES,
) -> pd.DataFrame:
    """Passages two articles share, from their windows (article_windows): equal hashes are
    joined, chained along each diagonal into maximal runs. Linear in the windows, plus the
    pairs of windows that really are shared; a window in more than `max_articles` articles
    is a site's boilerplate and is left out."""
    if windows.empty:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    ordered = reading_order(articles)
    rank = {a: i for i, a in enumerate(ordered)}
    ids = pd.Categorical(windows["article"])
    # -1: an id of the categories no row has (read from a cache, a batch's other articles)
    ranks = np.array([rank.get(c, -1) for c in ids.categories], dtype=np.int64)[ids.codes]
    a, b = _pairs_of_windows(windows["hash"].to_numpy(np.int64), ranks, max_articles)
    if not len(a):
        return pd.DataFrame(columns=SHARED_COLUMNS)
    runs = _longest_runs(_runs(a, b, ranks, windows, min_words))
    meta = articles.drop_duplicates("article", keep="last").set_index("article").reindex(ordered)
    # string columns gathered and built in Arrow, as pandas keeps them (a third of the time of lists)
    article_ids, outlet = (
        pa.array(column, pa.large_string(), from_pandas=True) for column in (ordered, meta["outlet"].to_numpy(object))
    )
    ordered, published = np.array(ordered, dtype=object), meta["published"].to_numpy()

    def side(rank: np.ndarray, start: np.ndarray, end: np.ndarray) -> dict:
        ids, rows = ordered[rank].tolist(), pa.array(rank)
        text = pa.array([texts[i][s:e] for i, s, e in zip(ids, start.tolist(), end.tolist())], pa.large_string())
        return {
            "article": article_ids.take(rows).to_pandas(),
            "outlet": outlet.take(rows).to_pandas(),
            "published": published[rank],
            "start": start,
            "end": end,
            "text": text.to_pandas(),
        }

    later, earlier = side(*runs[:, [1, 7, 8]].T), side(*runs[:, [0, 5, 6]].T)
    return pd.DataFrame(
        {**later, **{f"other_{k}": v for k, v in earlier.items()}, "words": runs[:, 4]}, columns=SHARED_COLUMNS
    )


def shared_passages(
    articles: list[Article], min_words: int = MIN_SHARED_WORDS, max_articles: int = MAX_SHARING_ARTICLES
) -> pd.DataFrame:
    """Passages of at least `min_words` normalised words that two articles share, page chrome
    left out. The row belongs to the later article (reading order); other_* is the earlier."""
    frame = pd.DataFrame(
        {
            "article": [a.id for a in articles],
            "outlet": [a.outlet for a in articles],
            "published": [_timestamp(a) for a in articles],
        }
    )
    windows = windows_frame([a.id for a in articles], [normalize_with_offsets(a.body) for a in articles], min_words)
    return shared_from_windows(windows, frame, {a.id: a.text for a in articles}, min_words, max_articles)
