"""From articles to the tidy tables every page reads.

Each extractor is a pure `Article -> list[Span]`; `analyze` gathers the spans into a few
DataFrames, one row per span with its article, outlet, date and sentence, so every count
on screen can be traced back to the sentence it came from.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from contextlib import contextmanager

import pandas as pd

from .compare import TERM_COLUMNS, term_counts
from .corpus import Article
from .dates import DateRow, extract_dates, with_publication_date
from .entities import MentionRow
from .entity_linking import canonical_names
from .ner import batch_entity_extractor, entity_extractor
from .quantities import QuantityRow, extract_quantities
from .quotes import QuoteRow, extract_quotes
from .sources import SourceRow, article_wire, extract_cited_sources
from .spans import Span
from .story import (
    EVENT_COLUMNS,
    FIRST_COLUMNS,
    SHARED_COLUMNS,
    WINDOW_COLUMNS,
    dated_sentences,
    first_mentions,
    group_events,
    shared_from_windows,
    windows_frame,
)
from .tables import ARTICLE_COLUMNS, OUTLET_TERM_COLUMNS, SPAN_COLUMNS, Tables
from .text import count_words, normalize_with_offsets, sentence_bounds
from .weapons import WeaponRow, extract_weapons


def article_row(article: Article, wire: str | None = None, wire_basis: str = "") -> dict:
    """The article's row; `wire` and `wire_basis` when read off its wire lines (sources.article_wire)."""
    return {
        "article": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_en": article.outlet_en,
        "published": pd.Timestamp(article.published) if article.published else pd.NaT,
        "date_basis": article.date_basis,
        "author": article.author,
        "wire": article.wire if wire is None else wire,
        "wire_basis": wire_basis if wire is not None else ("metadata" if article.wire else ""),
        "url": article.url,
        "words": count_words(article.body),
        "source_file": article.source_file,
        "encoding": article.encoding,
        "chrome_lines": len(article.chrome),
    }


def span_rows(article: Article, spans: list[Span], row) -> list[tuple]:
    """One row per span, with the sentence around it (from the original text) and the columns
    of its extractor's `row` type (row.of(span)): tuples in the order of SPAN_COLUMNS and the
    row's fields (a tuple is made many times faster than a dict of the same)."""
    if not spans:
        return []
    text = article.text
    bounds = sentence_bounds(text)
    starts = [s for s, _ in bounds]
    published = pd.Timestamp(article.published) if article.published else pd.NaT  # once per article
    rows = []
    for span in spans:
        i = max(bisect_right(starts, span.start) - 1, 0)
        s, e = bounds[i] if bounds else (0, len(text))
        rows.append(
            (article.id, article.outlet, published, span.start, span.end, span.text, text[s : max(e, span.end)])
            + row.of(span)
        )
    return rows


# Extractors that read the article alone, each with the row type its spans add to SPAN_COLUMNS
# (the row's fields are the table's columns: declared once, used by the rows, frames and store).
# Entity mentions join them in analyze(): which entity extractor runs depends on whether the
# NER data is installed.
EXTRACTORS = {
    "weapons": (extract_weapons, WeaponRow),
    "quantities": (extract_quantities, QuantityRow),
    "dates": (extract_dates, DateRow),
}
# Extractors that read the entity spans found above (speakers, cited outlets).
ENTITY_READERS = {"quotes": (extract_quotes, QuoteRow), "sources": (extract_cited_sources, SourceRow)}
ROWS = {name: row for name, (_, row) in {**EXTRACTORS, **ENTITY_READERS}.items()}


# The per-article results the cross-article steps start from: the span tables, the articles,
# each article's dated sentences (events), its text and its word windows (shared passages).
PART_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": SPAN_COLUMNS + list(MentionRow._fields),
    **{name: SPAN_COLUMNS + list(row._fields) for name, (_, row) in {**EXTRACTORS, **ENTITY_READERS}.items()},
    "dated": EVENT_COLUMNS[:-1],
    "texts": ["article", "text"],
    "windows": WINDOW_COLUMNS,
    "terms": TERM_COLUMNS,
}


def analyze_article(article: Article, mentions: list[Span] | None = None) -> dict[str, list]:
    """Every per-article result of one article: rows for each span table (PART_COLUMNS) but the
    word windows (analyze_batch hashes a whole batch's at once); `mentions`, its entity spans,
    when a batch's were found at once. Pure: the same article always gives the same rows,
    whatever else is in the corpus. An article without a publication date gets one inferred
    from its text (date_basis says so), so that "الثلاثاء" and "الشهر الماضي" can be placed."""
    if mentions is None:
        extract_mentions, _ = entity_extractor(nisba=True)  # lexicon, plus the bundled NER model
        mentions = extract_mentions(article)
    article = with_publication_date(article)
    spans = {"mentions": mentions, **{name: extract(article) for name, (extract, _) in EXTRACTORS.items()}}
    names = [s for s in spans["mentions"] if not s.data.get("nisba")]  # speakers, sources: names only
    for name, (extract, _) in ENTITY_READERS.items():
        spans[name] = extract(article, names)
    rows: dict[str, list] = {
        name: span_rows(article, spans[name], row) for name, row in {"mentions": MentionRow, **ROWS}.items()
    }
    rows["articles"] = _in_order([article_row(article, *article_wire(article, spans["sources"]))], "articles")
    rows["dated"] = _in_order(dated_sentences(article, spans["dates"], names), "dated")
    rows["texts"] = [(article.id, article.text)]
    return rows


@contextmanager
def _collector_paused():
    """No cyclic garbage collection inside: the map makes millions of small objects and no
    cycles, and each collection walks every object alive (a tenth of the time otherwise).
    After, what was made inside goes to the oldest generation unread (freeze, unfreeze; Marsad
    freezes nothing else): else the first young collection walks it all (0.13 s after 2,888
    articles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def analyze_batch(articles: list[Article]) -> dict[str, pd.DataFrame]:
    """The per-article map over a batch of articles: one frame per PART_COLUMNS table, the
    articles' rows one after the other. Batches can run anywhere (a process, a Dask worker)."""
    with _collector_paused():
        return _analyze_batch(articles)


def _in_order(rows: list[dict], table: str) -> list[tuple]:
    """Rows as dicts as tuples of the table's PART_COLUMNS, as span_rows makes them."""
    columns = PART_COLUMNS[table]
    return [tuple(map(row.__getitem__, columns)) for row in rows]


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """pd.DataFrame(rows, columns=columns), built column by column (a third faster than from
    rows); no rows gives the same empty frame of object columns."""
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame(dict(zip(columns, map(list, zip(*rows)))), columns=columns)


# Articles whose entities are found at once (the NER model tags their words in one pass): few
# enough that their normalised bodies are still in normalize_with_offsets' cache when the other
# extractors read them, with the wire lines and names they normalise too (about five an article).
MENTIONS_AT_ONCE = 128


def _analyze_batch(articles: list[Article]) -> dict[str, pd.DataFrame]:
    extract_mentions, _ = batch_entity_extractor(nisba=True)
    results, bodies = [], []
    for at in range(0, len(articles), MENTIONS_AT_ONCE):
        chunk = articles[at : at + MENTIONS_AT_ONCE]
        for article, mentions in zip(chunk, extract_mentions(chunk)):
            results.append(analyze_article(article, mentions))
            bodies.append(normalize_with_offsets(article.body))  # cached: the extractors normalised it
    frames = {
        name: _frame([row for r in results for row in r[name]], columns)
        for name, columns in PART_COLUMNS.items()
        if name not in ("windows", "terms", "texts")
    }
    # plain str objects: combine only looks texts up by id (no copy of every text into Arrow)
    frames["texts"] = pd.DataFrame(
        [row for r in results for row in r["texts"]], columns=PART_COLUMNS["texts"], dtype=object
    )
    frames["terms"] = term_counts(articles)
    frames["windows"] = windows_frame([a.id for a in articles], bodies)
    return frames


def stack(parts: list[dict[str, pd.DataFrame]], name: str) -> pd.DataFrame:
    """One PART_COLUMNS table of several batches, in order, with the dtypes one batch would have
    (a column all None in one batch and numbers in another becomes numbers)."""
    frames = [p[name] for p in parts if not p[name].empty]
    if not frames:
        return pd.DataFrame(columns=PART_COLUMNS[name])
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True).infer_objects()


def outlet_terms(terms: pd.DataFrame) -> pd.DataFrame:
    """Per-article term rows (article, outlet, stem, word, count) summed per outlet, with the
    number of articles behind each: ("unknown", "روسي", "روسيا") -> count 12, articles 2 in the seeds.
    Rows already summed per batch (OUTLET_TERM_COLUMNS, batches in order) are summed again."""
    if terms.empty:
        return pd.DataFrame(columns=OUTLET_TERM_COLUMNS)
    articles = ("articles", "sum") if "articles" in terms.columns else ("article", "size")
    return (
        terms.groupby(["outlet", "stem", "word"], sort=False, observed=True)
        .agg(count=("count", "sum"), articles=articles)
        .reset_index()[OUTLET_TERM_COLUMNS]
    )


def combine(parts: list[dict[str, pd.DataFrame]], texts: dict[str, str] | None = None) -> Tables:
    """The cross-article steps over per-article results (analyze_batch): events grouped across
    articles, what each article mentions first, and the passages articles share. `texts`
    (article id -> text) when the caller holds the articles: the parts need no texts then."""
    with _collector_paused():  # its frames make many objects and no cycles, as the map's do
        return _combine(parts, texts)


def _combine(parts: list[dict[str, pd.DataFrame]], texts: dict[str, str] | None) -> Tables:
    tables = {name: stack(parts, name) for name in PART_COLUMNS if name != "texts"}
    tables["mentions"] = canonical_names(tables["mentions"])  # one name and type per model-found entity
    if texts is None:
        stacked = stack(parts, "texts")
        texts = dict(zip(stacked["article"], stacked["text"]))
    articles = tables.pop("articles")
    dated, windows = tables.pop("dated"), tables.pop("windows")
    events = group_events(dated)[EVENT_COLUMNS]
    named = tables["mentions"][~tables["mentions"]["nisba"].astype(bool)].reset_index(drop=True)
    firsts = first_mentions(articles, named, tables["quantities"], events)
    shared = shared_from_windows(windows, articles, texts)
    tables["terms"] = outlet_terms(tables["terms"])
    return Tables(
        articles=articles, **tables, events=events, firsts=firsts[FIRST_COLUMNS], shared=shared[SHARED_COLUMNS]
    )


def analyze(articles: list[Article]) -> Tables:
    """Run every extractor on every article and gather the spans into tables: the per-article
    map (analyze_batch) and the cross-article steps (combine)."""
    return combine([analyze_batch(articles)])
