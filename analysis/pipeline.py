"""From articles to the tidy tables every page reads.

Each extractor is a pure `Article -> list[Span]`; `analyze` gathers the spans into a few
DataFrames, one row per span with its article, outlet, date and sentence, so every count
on screen can be traced back to the sentence it came from.
"""
from __future__ import annotations

import gc
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from .compare import TERM_COLUMNS, term_counts
from .corpus import Article
from .dates import extract_dates, with_publication_date
from .entities import entity_matcher
from .ner import entity_extractor
from .quantities import extract_quantities
from .quotes import extract_quotes
from .sources import extract_cited_sources
from .spans import Span
from .story import (EVENT_COLUMNS, FIRST_COLUMNS, SHARED_COLUMNS, WINDOW_COLUMNS, dated_sentences,
                    first_mentions, group_events, shared_from_windows, windows_frame)
from .text import count_words, normalize_with_offsets, sentence_bounds
from .weapons import extract_weapons, weapon_matcher

ARTICLE_COLUMNS = ["article", "title", "outlet", "outlet_en", "published", "date_basis",
                   "author", "wire", "url", "words", "source_file", "encoding", "chrome_lines"]
SPAN_COLUMNS = ["article", "outlet", "published", "start", "end", "text", "sentence"]
OUTLET_TERM_COLUMNS = ["outlet", "stem", "word", "count", "articles"]


@dataclass
class Tables:
    articles: pd.DataFrame  # one row per article
    # entity mentions: + entity, name_ar, name_en, type, wikidata, short_form, nisba (an adjective
    # such as الروسي, counted apart from the name; pages include it only when the user asks)
    mentions: pd.DataFrame
    weapons: pd.DataFrame  # weapon mentions: + weapon, weapon_en, weapon_ar
    quantities: pd.DataFrame  # + value, noun, category, qualifier, number_text, value_low, weapon
    dates: pd.DataFrame  # dates in the text: + date, year, month, day, day_end, year_inferred,
    #                      relative, weekday, resolved_from, date_from, date_to
    # who said what: + speaker, speaker_entity, speaker_name_en, speaker_type, speaker_basis,
    # affiliation, verb, verb_en, quote, quote_start, quote_end, direct, via, addressee
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    # outlets an article cites: + source, source_ar, source_en, cue, cue_kind, resolved_by
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    # dated sentences, one row per date span, grouped into events (see story.event_points)
    events: pd.DataFrame = field(default_factory=pd.DataFrame)
    # the article that first mentions each entity, quantity claim and event (story.first_mentions)
    firsts: pd.DataFrame = field(default_factory=pd.DataFrame)
    # passages two articles share: the later article's offsets, other_* the earlier's
    shared: pd.DataFrame = field(default_factory=pd.DataFrame)
    # words of the articles' bodies (Arabic, stopwords left out) per outlet: outlet, stem, word,
    # count, articles (how many used it), for the outlets' distinctive vocabulary; summed from
    # compare.term_counts' per-article rows (millions for 20,000 articles, a fifth of that per outlet)
    terms: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OUTLET_TERM_COLUMNS))

    def for_outlets(self, outlets: list[str] | None) -> "Tables":
        """The same tables restricted to some outlets (None or empty: all of them)."""
        if not outlets:
            return self
        return Tables(**{f.name: _keep(getattr(self, f.name), outlets) for f in fields(self)})


    def names_only(self) -> "Tables":
        """The same tables without the adjectival mentions (الروسي counted as Russia)."""
        named = self.mentions[~self.mentions["nisba"].astype(bool)].reset_index(drop=True)
        return replace(self, mentions=named)


def _keep(frame: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    if "outlet" not in frame.columns:
        return frame
    return frame[frame["outlet"].isin(outlets)].reset_index(drop=True)


def article_row(article: Article) -> dict:
    return {
        "article": article.id, "title": article.title, "outlet": article.outlet,
        "outlet_en": article.outlet_en,
        "published": pd.Timestamp(article.published) if article.published else pd.NaT,
        "date_basis": article.date_basis, "author": article.author, "wire": article.wire,
        "url": article.url, "words": count_words(article.body), "source_file": article.source_file,
        "encoding": article.encoding, "chrome_lines": len(article.chrome),
    }


def span_rows(article: Article, spans: list[Span], payload) -> list[dict]:
    """One row per span, with the sentence around it (from the original text)."""
    if not spans:
        return []
    bounds = sentence_bounds(article.text)
    starts = [s for s, _ in bounds]
    published = pd.Timestamp(article.published) if article.published else pd.NaT  # once per article
    rows = []
    for span in spans:
        i = max(bisect_right(starts, span.start) - 1, 0)
        s, e = bounds[i] if bounds else (0, len(article.text))
        rows.append({
            "article": article.id, "outlet": article.outlet, "published": published,
            "start": span.start, "end": span.end, "text": span.text,
            "sentence": article.text[s:max(e, span.end)],
            **payload(span),
        })
    return rows


def _entity_payload(span: Span) -> dict:
    entry = entity_matcher().entries.get(span.label)
    if entry is None:  # a name the NER backend found that the lexicon does not list ("ner:...")
        return {"entity": span.label, "name_ar": span.data.get("name", span.text), "name_en": "",
                "type": span.data.get("type", ""), "wikidata": "", "short_form": False, "nisba": False}
    return {"entity": span.label, "name_ar": entry.fields["name_ar"], "name_en": entry.fields["name_en"],
            "type": entry.fields["type"], "wikidata": entry.fields.get("wikidata") or "",
            "short_form": span.data["short_form"], "nisba": span.data.get("nisba", False)}


def _weapon_payload(span: Span) -> dict:
    entry = weapon_matcher().entries[span.label]
    return {"weapon": span.label, "weapon_en": entry.fields["name_en"], "weapon_ar": entry.fields["name_ar"]}


def _quantity_payload(span: Span) -> dict:
    d = span.data
    return {"value": float(d["value"]), "noun": d["noun"], "category": d["category"],
            "qualifier": d["qualifier"], "number_text": d.get("number_text", ""),
            "value_low": float(d.get("value_low", d["value"])), "weapon": d.get("weapon", "")}


def _date_payload(span: Span) -> dict:
    d = span.data
    return {"date": span.label, "year": d["year"], "month": d["month"], "day": d["day"],
            "day_end": d["day_end"], "year_inferred": d["year_inferred"], "relative": d.get("relative", ""),
            "weekday": d.get("weekday"), "resolved_from": d.get("resolved_from", ""),
            "date_from": d.get("date_from", ""), "date_to": d.get("date_to", "")}


def _entity_field(entity_id: str, name: str) -> str:
    entry = entity_matcher().entries.get(entity_id)
    return entry.fields.get(name, "") if entry else ""


def _quote_payload(span: Span) -> dict:
    d = span.data
    return {"speaker": d["speaker"], "speaker_entity": d["speaker_entity"],
            "speaker_name_en": _entity_field(d["speaker_entity"], "name_en"),
            "speaker_type": _entity_field(d["speaker_entity"], "type"), "speaker_basis": d["speaker_basis"],
            "affiliation": d["affiliation"], "verb": d["verb"], "verb_en": d["verb_en"], "quote": d["quote"],
            "quote_start": d["quote_start"], "quote_end": d["quote_end"], "direct": d["direct"],
            "via": d["via"], "addressee": d["addressee"]}


def _source_payload(span: Span) -> dict:
    d = span.data
    return {"source": span.label, "source_ar": _entity_field(span.label, "name_ar"),
            "source_en": _entity_field(span.label, "name_en"), "cue": d["cue"], "cue_kind": d["cue_kind"],
            "resolved_by": d["resolved_by"]}


MENTION_COLUMNS = ["entity", "name_ar", "name_en", "type", "wikidata", "short_form", "nisba"]
# Extractors that read the article alone (entity mentions join them in analyze(): which
# entity extractor runs depends on whether the NER data is installed).
EXTRACTORS = {
    "weapons": (extract_weapons, _weapon_payload, ["weapon", "weapon_en", "weapon_ar"]),
    "quantities": (extract_quantities, _quantity_payload, ["value", "noun", "category", "qualifier", "number_text",
                                                              "value_low", "weapon"]),
    "dates": (extract_dates, _date_payload, ["date", "year", "month", "day", "day_end", "year_inferred",
                                             "relative", "weekday", "resolved_from", "date_from", "date_to"]),
}
# Extractors that read the entity spans found above (speakers, cited outlets).
ENTITY_READERS = {
    "quotes": (extract_quotes, _quote_payload,
               ["speaker", "speaker_entity", "speaker_name_en", "speaker_type", "speaker_basis", "affiliation",
                "verb", "verb_en", "quote", "quote_start", "quote_end", "direct", "via", "addressee"]),
    "sources": (extract_cited_sources, _source_payload,
                ["source", "source_ar", "source_en", "cue", "cue_kind", "resolved_by"]),
}


# The per-article results the cross-article steps start from: the span tables, the articles,
# each article's dated sentences (events), its text and its word windows (shared passages).
PART_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": SPAN_COLUMNS + MENTION_COLUMNS,
    **{name: SPAN_COLUMNS + columns for name, (_, _, columns) in {**EXTRACTORS, **ENTITY_READERS}.items()},
    "dated": EVENT_COLUMNS[:-1],
    "texts": ["article", "text"],
    "windows": WINDOW_COLUMNS,
    "terms": TERM_COLUMNS,
}


def analyze_article(article: Article, extract_mentions=None) -> dict[str, list]:
    """Every per-article result of one article: rows for each span table (PART_COLUMNS) but the
    word windows (analyze_batch hashes a whole batch's at once). Pure: the same article always
    gives the same rows, whatever else is in the corpus. An article without a publication date
    gets one inferred from its text (date_basis says so), so that "الثلاثاء" and "الشهر الماضي"
    can be placed."""
    article = with_publication_date(article)
    if extract_mentions is None:
        extract_mentions, _ = entity_extractor(nisba=True)  # lexicon, plus the bundled NER model
    extractors = {"mentions": (extract_mentions, _entity_payload, MENTION_COLUMNS), **EXTRACTORS}
    spans = {name: extract(article) for name, (extract, _, _) in extractors.items()}
    names = [s for s in spans["mentions"] if not s.data.get("nisba")]  # speakers, sources: names only
    for name, (extract, _, _) in ENTITY_READERS.items():
        spans[name] = extract(article, names)
    rows: dict[str, list] = {name: span_rows(article, spans[name], payload)
                             for name, (_, payload, _) in {**extractors, **ENTITY_READERS}.items()}
    rows["articles"] = [article_row(article)]
    rows["dated"] = dated_sentences(article, spans["dates"], names)
    rows["texts"] = [{"article": article.id, "text": article.text}]
    return rows


@contextmanager
def _collector_paused():
    """No cyclic garbage collection inside: the map makes millions of small objects and no
    cycles, and each collection walks every object alive (a tenth of the time otherwise)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyze_batch(articles: list[Article]) -> dict[str, pd.DataFrame]:
    """The per-article map over a batch of articles: one frame per PART_COLUMNS table, the
    articles' rows one after the other. Batches can run anywhere (a process, a Dask worker)."""
    with _collector_paused():
        return _analyze_batch(articles)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """pd.DataFrame(rows, columns=columns), built column by column (a third faster than from
    dicts); no rows gives the same empty frame of object columns."""
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame({c: [row[c] for row in rows] for c in columns}, columns=columns)


def _analyze_batch(articles: list[Article]) -> dict[str, pd.DataFrame]:
    extract_mentions, _ = entity_extractor(nisba=True)
    results, bodies = [], []
    for article in articles:
        results.append(analyze_article(article, extract_mentions))
        bodies.append(normalize_with_offsets(article.body))  # cached: the extractors normalised it
    frames = {name: _frame([row for r in results for row in r[name]], columns)
              for name, columns in PART_COLUMNS.items() if name not in ("windows", "terms", "texts")}
    # plain str objects: combine only looks texts up by id (no copy of every text into Arrow)
    frames["texts"] = pd.DataFrame([row for r in results for row in r["texts"]], columns=PART_COLUMNS["texts"],
                                   dtype=object)
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
    return (terms.groupby(["outlet", "stem", "word"], sort=False, observed=True)
            .agg(count=("count", "sum"), articles=articles).reset_index()[OUTLET_TERM_COLUMNS])


def combine(parts: list[dict[str, pd.DataFrame]], texts: dict[str, str] | None = None) -> Tables:
    """The cross-article steps over per-article results (analyze_batch): events grouped across
    articles, what each article mentions first, and the passages articles share. `texts`
    (article id -> text) when the caller holds the articles: the parts need no texts then."""
    tables = {name: stack(parts, name) for name in PART_COLUMNS if name != "texts"}
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
    return Tables(articles=articles, **tables, events=events, firsts=firsts[FIRST_COLUMNS],
                  shared=shared[SHARED_COLUMNS])


def analyze(articles: list[Article]) -> Tables:
    """Run every extractor on every article and gather the spans into tables: the per-article
    map (analyze_batch) and the cross-article steps (combine)."""
    return combine([analyze_batch(articles)])
