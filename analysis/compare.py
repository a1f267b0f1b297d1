"""Outlets compared the way a media researcher would: shares rather than raw counts,
distinctive vocabulary with a sound statistic, and who covers, claims and quotes what.

Pure functions, tables in and DataFrames out. The vocabulary statistic is the log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), the
one scattertext uses, computed on stems (Snowball's Arabic stemmer) of the article body's
Arabic words, with the stopwords of the arabic-stopwords package left out.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import snowballstemmer
from arabicstopwords.arabicstopwords import stopwords_list

from .corpus import Article
from .tables import Tables
from .text import dediacritize, normalize

TERM_COLUMNS = ["article", "outlet", "stem", "word", "count"]
ENTITY_TYPES = ["person", "place", "organisation", "media", "event"]
# A run of Arabic letters, with the diacritics and tatweel that may sit inside a word.
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3][\u0621-\u065f\u0670-\u06d3]*")
# The same words found by Arrow: runs of the second class, less the marks that cannot start one.
_NOT_IN_WORD = "[^\u0621-\u065f\u0670-\u06d3]+"
_NOT_FIRST = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670"
_TATWEEL = "\u0640"


class CompareError(ValueError):
    """A comparison that cannot be made (an outlet with no words); the message says what to pick."""


# ---------------------------------------------------------------- words, stems, stopwords


@lru_cache(maxsize=1)
def arabic_stopwords() -> frozenset[str]:
    """The arabic-stopwords package's list (13,000 forms with their clitics: "وفي", "بأن"),
    normalised the way the text is: "إلى" -> "الي"."""
    return frozenset(normalize("\n".join(stopwords_list())).split("\n"))


# snowballstemmer runs the compiled Snowball (PyStemmer) when it is installed: the same stems, faster.
_STEMMER = snowballstemmer.stemmer("arabic")


def _unglued(word: str) -> str:
    # Snowball keeps "و" + "ال" together ("والاسلح"): take a leading و or ف before ال off first.
    return word[1:] if len(word) > 5 and word[0] in "وف" and word[1:3] == "ال" else word


def _normalize_all(words: list[str]) -> list[str]:
    """normalize() of many words at once (one call on the joined text is far faster)."""
    return normalize("\n".join(words)).split("\n") if words else []


def stem(word: str) -> str:
    """Snowball's Arabic stem of a word, normalised: "والأسلحة" -> "اسلح", "الصواريخ" -> "صواريخ".

    Snowball reads ة as a suffix, so it gets the word before ة/ه folding."""
    return normalize(_STEMMER.stemWord(_unglued(word)))


def _terms(tokens: list[str]) -> dict[str, tuple[str, str]]:
    """(stem, readable word) of each token as written; stopwords and letters alone left out."""
    readable = dediacritize("\n".join(tokens)).replace(_TATWEEL, "").split("\n") if tokens else []
    stop = arabic_stopwords()
    kept = [(t, w) for t, w, n in zip(tokens, readable, _normalize_all(readable)) if len(w) >= 2 and n not in stop]
    stems = _normalize_all(_STEMMER.stemWords([_unglued(w) for _, w in kept]))
    return {t: (s, w) for (t, w), s in zip(kept, stems) if len(s) >= 2}


# (stem, word) of every token seen in this process, None for a token left out: news repeats
# its words, so each distinct word is stemmed once per process, not once per batch.
_TERM_OF: dict[str, tuple[str, str] | None] = {}
_TERM_CACHE_LIMIT = 400_000  # distinct words; about 100 MB


def _cached_terms(tokens) -> dict[str, tuple[str, str] | None]:
    new = [t for t in tokens if t not in _TERM_OF]
    if len(_TERM_OF) + len(new) > _TERM_CACHE_LIMIT:  # a long-lived worker: start afresh, memory stays bounded
        _TERM_OF.clear()
        new = list(tokens)
    if new:
        found = _terms(new)
        _TERM_OF.update({t: found.get(t) for t in new})
    return _TERM_OF


def _by_term(tokens: Counter, terms: dict[str, tuple[str, str]]) -> Counter:
    counts: Counter = Counter()
    for token, n in tokens.items():
        if token in terms:
            counts[terms[token]] += n
    return counts


def article_terms(text: str) -> Counter:
    """Counts of (stem, word) over the Arabic words of a text, stopwords left out:
    "الصواريخ والصواريخ من" -> {("صواريخ", "الصواريخ"): 1, ("صواريخ", "والصواريخ"): 1}."""
    tokens = Counter(_ARABIC_WORD.findall(text))
    return _by_term(tokens, _terms(list(tokens)))


def term_counts(articles: list[Article]) -> pd.DataFrame:
    """One row per (article, stem, word as written) with its count, from the body (page chrome
    left out): the words each outlet uses, ready for `distinctive_terms`."""
    # Counted with arrays rather than a Counter per article: every token gets the number of its
    # (stem, word), and the (article, term) pairs are counted in order of first appearance.
    codes, tokens, article_of = _tokens([a.body for a in articles])
    known = _cached_terms(tokens)
    term_ids: dict[tuple[str, str], int] = {}
    token_term = np.array(
        [-1 if (term := known[t]) is None else term_ids.setdefault(term, len(term_ids)) for t in tokens], dtype=np.int64
    )
    terms = list(term_ids)
    term_of = token_term[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    kept = term_of >= 0
    pairs, firsts = pd.factorize(article_of[kept] * max(len(terms), 1) + term_of[kept])
    counts = np.bincount(pairs, minlength=len(firsts)).astype(np.int64)
    article, term = np.divmod(firsts.astype(np.int64), max(len(terms), 1))
    return pd.DataFrame(
        {
            "article": _taken([a.id for a in articles], article),
            "outlet": _taken([a.outlet for a in articles], article),
            "stem": _taken([s for s, _ in terms], term),
            "word": _taken([w for _, w in terms], term),
            "count": counts,
        },
        columns=TERM_COLUMNS,
    )


def _tokens(texts: list[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """_ARABIC_WORD.findall of every text, factorised: each token's number (in order of first
    appearance), the distinct tokens, and the text each token is in. Found in Arrow, which makes
    no str object per token: ["في موسكو", "موسكو"] -> [0, 1, 1], ["في", "موسكو"], [0, 0, 1]."""
    try:
        texts = pa.array(texts, type=pa.large_string())
    except UnicodeEncodeError:  # lone surrogates (never in a word): as "?"
        texts = pa.array([t.encode("utf-8", "replace").decode() for t in texts], type=pa.large_string())
    runs = pc.split_pattern_regex(texts, _NOT_IN_WORD)
    words = pc.utf8_ltrim(pc.list_flatten(runs), characters=_NOT_FIRST)
    kept = pc.not_equal(words, "")
    found = words.filter(kept).dictionary_encode()
    text_of = pc.list_parent_indices(runs).filter(kept).to_numpy().astype(np.int64)
    return found.indices.to_numpy().astype(np.int64), found.dictionary.to_pylist(), text_of


_STR = pd.Series(["مرصد"]).dtype  # the dtype pandas gives a column of str


def _taken(values: list[str], index: np.ndarray):
    """pandas' string column of values[index], taken in Arrow (hundreds of thousands of rows:
    several times faster than a list of str objects that pandas then converts)."""
    if not isinstance(_STR, pd.StringDtype):  # a pandas that keeps str as objects
        return [values[i] for i in index]
    return pd.array(pa.array(values, type=pa.large_string()).take(pa.array(index, type=pa.int64())), dtype=_STR)


# ---------------------------------------------------------------- the log-odds ratio


def log_odds(counts_a: pd.Series, counts_b: pd.Series, prior: pd.Series) -> pd.DataFrame:
    """Log-odds ratio of each term in a vs b with an informative Dirichlet prior (Monroe et al.
    2008, eq. 16 and 20): delta, its variance and z = delta / sqrt(variance).

    counts_a, counts_b and prior (pseudo-counts, usually the counts of a larger or the whole
    corpus) are indexed by term; a term missing from a or b counts 0, every term needs a
    positive prior. z > 1.96: a uses the term more than b, beyond what chance in texts this
    long would explain."""
    terms = counts_a.index.union(counts_b.index).union(prior.index)
    a = counts_a.reindex(terms, fill_value=0).astype(float)
    b = counts_b.reindex(terms, fill_value=0).astype(float)
    alpha = prior.reindex(terms, fill_value=0).astype(float)
    if (alpha <= 0).any():
        missing = ", ".join(map(str, alpha[alpha <= 0].index[:5]))
        raise CompareError(f"The prior needs a positive pseudo-count for every term; it has none for {missing}.")
    alpha0, n_a, n_b = alpha.sum(), a.sum(), b.sum()
    delta = np.log((a + alpha) / (n_a + alpha0 - a - alpha)) - np.log((b + alpha) / (n_b + alpha0 - b - alpha))
    variance = 1 / (a + alpha) + 1 / (b + alpha)
    return pd.DataFrame({"delta": delta, "variance": variance, "z": delta / np.sqrt(variance)})


def distinctive_terms(terms: pd.DataFrame, outlet: str, other: str | None = None) -> pd.DataFrame:
    """Stems that `outlet` uses more (z > 0) or less (z < 0) than `other` (None: all the
    other outlets), the prior being the counts of every outlet in `terms`.

    One row per stem: the word it is most often written as, counts and rates per 1,000 words
    on each side, delta and z; sorted by z, most distinctive of `outlet` first."""
    columns = ["stem", "word", "count", "other_count", "per_1000", "other_per_1000", "delta", "z"]
    mine = terms["outlet"] == outlet
    theirs = terms["outlet"] == other if other is not None else ~mine
    for name, rows in ((outlet, mine), (other or "the other outlets", theirs)):
        if not rows.any():
            raise CompareError(f"No Arabic words for {name} in the articles shown: choose another outlet.")
    by_stem = terms.groupby("stem")["count"]
    a = terms[mine].groupby("stem")["count"].sum()
    b = terms[theirs].groupby("stem")["count"].sum()
    scores = log_odds(a, b, by_stem.sum())
    scores = scores.loc[a.index.union(b.index)]  # a look-up: str isin builds a scalar per stem (0.6 s)
    words = terms.groupby(["stem", "word"])["count"].sum().reset_index()
    readable = words.sort_values(["count", "word"], ascending=[False, True]).drop_duplicates("stem")
    out = scores.join(readable.set_index("stem")["word"]).rename_axis("stem").reset_index()
    out["count"] = out["stem"].map(a).fillna(0).astype(int)
    out["other_count"] = out["stem"].map(b).fillna(0).astype(int)
    out["per_1000"] = 1000 * out["count"] / a.sum()
    out["other_per_1000"] = 1000 * out["other_count"] / b.sum()
    return out[columns].sort_values(["z", "stem"], ascending=[False, True]).reset_index(drop=True)


# ---------------------------------------------------------------- per-outlet profile


def _per_outlet(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby("outlet").size() if not frame.empty else pd.Series(dtype=int)


def outlet_profile(tables: Tables) -> pd.DataFrame:
    """One row per outlet: articles, words, entity mentions (all and by type, with each type's
    share of the outlet's mentions), weapon mentions, quantity claims, quotes, speakers and
    cited sources, with rates per 1,000 words so long and short outlets compare fairly."""
    a = tables.articles
    profile = pd.DataFrame({"articles": a.groupby("outlet").size(), "words": a.groupby("outlet")["words"].sum()})
    m = tables.mentions
    profile["mentions"] = _per_outlet(m)
    for kind in ENTITY_TYPES:
        profile[f"{kind} mentions"] = _per_outlet(m[m["type"] == kind]) if not m.empty else 0
    profile["weapon mentions"] = _per_outlet(tables.weapons)
    profile["quantity claims"] = _per_outlet(tables.quantities)
    profile["quotes"] = _per_outlet(tables.quotes)
    q = tables.quotes
    profile["speakers"] = q.assign(who=speaker_labels(q, m)).groupby("outlet")["who"].nunique() if not q.empty else 0
    profile["source citations"] = _per_outlet(tables.sources)
    profile["sources cited"] = tables.sources.groupby("outlet")["source"].nunique() if not tables.sources.empty else 0
    profile = profile.fillna(0).astype(int)
    for kind in ENTITY_TYPES:
        profile[f"{kind} share"] = (
            profile[f"{kind} mentions"] / profile["mentions"].where(profile["mentions"] > 0)
        ).fillna(0)
    words = profile["words"].where(profile["words"] > 0)
    for count in ["mentions", "weapon mentions", "quantity claims", "quotes", "source citations"]:
        profile[f"{count} per 1,000 words"] = (1000 * profile[count] / words).fillna(0)
    return profile.rename_axis("outlet").reset_index()


# ---------------------------------------------------------------- coverage


def speaker_labels(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Who is quoted, readably: the entity's Arabic name from the mentions ("جون كيربي" for
    "كيربي"), else the speaker as written ("مسؤول أمريكي", an official nobody names)."""
    names = mentions.drop_duplicates("entity").set_index("entity")["name_ar"] if not mentions.empty else pd.Series()
    named = quotes["speaker_entity"].map(names).fillna("").astype(str)
    return named.where(named != "", quotes["speaker"].astype(str))


def claim_keys(quantities: pd.DataFrame) -> pd.DataFrame:
    """A key and a label for each quantity claim: the value with the stem of its counted noun,
    so "5 ملايين قذيفة مدفعية" and "ما يقرب من 5 ملايين قذيفة مدفعية" are one claim."""
    first_word = quantities["noun"].astype(str).str.split().str[0].fillna("")
    value = quantities["value"].map(lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")
    keys = value + " " + first_word.map(lambda w: stem(dediacritize(w)) if w else "")
    labels = value + " " + quantities["noun"].astype(str)
    return pd.DataFrame({"item": keys, "label": labels}, index=quantities.index)


def coverage(tables: Tables, kind: str) -> pd.DataFrame:
    """Long table outlet × item for kind "entity", "event", "claim", "speaker" or "source":
    how often each outlet mentions (quotes, cites) it and in how many of its articles."""
    columns = ["outlet", "item", "label", "count", "articles"]
    if kind == "entity":
        frame = tables.mentions.assign(item=lambda f: f["entity"], label=lambda f: f["name_ar"])
    elif kind == "event":
        frame = tables.events.assign(item=lambda f: f["event"], label=lambda f: f["date"] + " · " + f["event"])
    elif kind == "claim":
        frame = tables.quantities.join(claim_keys(tables.quantities)) if not tables.quantities.empty else None
    elif kind == "speaker":
        q = tables.quotes
        who = speaker_labels(q, tables.mentions) if not q.empty else None
        frame = q.assign(item=who, label=who) if not q.empty else None
    elif kind == "source":
        frame = tables.sources.assign(item=lambda f: f["source"], label=lambda f: f["source_ar"])
    else:
        raise CompareError(f"Unknown coverage kind {kind!r}: use entity, event, claim, speaker or source.")
    if frame is None or frame.empty:
        return pd.DataFrame(columns=columns)
    # the label an item is most often written with
    labels = frame.groupby(["item", "label"]).size().rename("n").reset_index()
    labels = labels.sort_values(["n", "label"], ascending=[False, True]).drop_duplicates("item")
    out = frame.groupby(["outlet", "item"]).agg(count=("article", "size"), articles=("article", "nunique"))
    out = out.reset_index().merge(labels[["item", "label"]], on="item")
    return out[columns].sort_values(["item", "outlet"]).reset_index(drop=True)


def coverage_matrix(long: pd.DataFrame, top: int | None = None, share: bool = False) -> pd.DataFrame:
    """The long coverage table as a matrix: one row per item label (those most outlets cover
    first, `top` of them), one column per outlet, counts (0 where an outlet never mentions it)
    or, with share, each count over all of that outlet's (so long and short outlets compare)."""
    if long.empty:
        return pd.DataFrame()
    matrix = long.pivot_table(index="label", columns="outlet", values="count", aggfunc="sum", fill_value=0)
    totals = matrix.sum(axis=0)
    order = matrix.assign(_outlets=(matrix > 0).sum(axis=1), _total=matrix.sum(axis=1))
    order = order.sort_values(["_outlets", "_total"], ascending=False).index
    matrix = matrix.loc[order]
    if share:
        matrix = matrix / totals
    return matrix.head(top) if top else matrix


def biggest_numbers(quantities: pd.DataFrame, top: int = 1) -> pd.DataFrame:
    """The largest claims each outlet reports in each category (munitions, weapons, people...),
    `top` per outlet and category, the biggest first; time spans are left out (550 days is not
    a claim about the war's scale)."""
    columns = ["category", "outlet", "value", "noun", "qualifier", "text", "article", "start", "sentence"]
    q = quantities[quantities["category"] != "time"] if not quantities.empty else quantities
    if q.empty:
        return pd.DataFrame(columns=columns)
    q = q.sort_values(["category", "outlet", "value", "start"], ascending=[True, True, False, True])
    q = q.drop_duplicates(["category", "outlet", "value"]).groupby(["category", "outlet"]).head(top)
    return q.sort_values(["category", "value"], ascending=[True, False])[columns].reset_index(drop=True)
