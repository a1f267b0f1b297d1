"""From articles to the tidy tables every page reads.

Each extractor is a pure `Article -> list[Span]`; `analyze` gathers the spans into a few
DataFrames, one row per span with its article, outlet, date and sentence, so every count
on screen can be traced back to the sentence it came from.
"""
from __future__ import annotations

from bisect import bisect_right
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
from .story import (EVENT_COLUMNS, FIRST_COLUMNS, SHARED_COLUMNS, dated_sentences, first_mentions,
                    group_events, shared_passages)
from .text import sentence_bounds, words
from .weapons import extract_weapons, weapon_matcher

ARTICLE_COLUMNS = ["article", "title", "outlet", "outlet_en", "published", "date_basis",
                   "author", "wire", "url", "words", "source_file", "encoding", "chrome_lines"]
SPAN_COLUMNS = ["article", "outlet", "published", "start", "end", "text", "sentence"]


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
    # words of each article's body (Arabic, stopwords left out) by stem: article, outlet, stem, word,
    # count (compare.term_counts), for the outlets' distinctive vocabulary
    terms: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TERM_COLUMNS))

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
        "url": article.url, "words": len(words(article.body)), "source_file": article.source_file,
        "encoding": article.encoding, "chrome_lines": len(article.chrome),
    }


def span_rows(article: Article, spans: list[Span], payload) -> list[dict]:
    """One row per span, with the sentence around it (from the original text)."""
    bounds = sentence_bounds(article.text)
    starts = [s for s, _ in bounds]
    rows = []
    for span in spans:
        i = max(bisect_right(starts, span.start) - 1, 0)
        s, e = bounds[i] if bounds else (0, len(article.text))
        rows.append({
            "article": article.id, "outlet": article.outlet,
            "published": pd.Timestamp(article.published) if article.published else pd.NaT,
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


def analyze(articles: list[Article]) -> Tables:
    """Run every extractor on every article and gather the spans into tables.

    An article without a publication date gets one inferred from its text (date_basis says
    so), so that "الثلاثاء" and "الشهر الماضي" can be placed."""
    articles = [with_publication_date(a) for a in articles]
    extract_mentions, _ = entity_extractor(nisba=True)  # lexicon, plus CAMeLBERT NER when installed
    extractors = {"mentions": (extract_mentions, _entity_payload, MENTION_COLUMNS), **EXTRACTORS}
    readers = {**extractors, **ENTITY_READERS}
    rows: dict[str, list[dict]] = {name: [] for name in readers}
    dated: list[dict] = []
    for article in articles:
        spans = {name: extract(article) for name, (extract, _, _) in extractors.items()}
        names = [s for s in spans["mentions"] if not s.data.get("nisba")]  # speakers, sources: names only
        for name, (extract, _, _) in ENTITY_READERS.items():
            spans[name] = extract(article, names)
        for name, (_, payload, _) in readers.items():
            rows[name].extend(span_rows(article, spans[name], payload))
        dated.extend(dated_sentences(article, spans["dates"], names))
    tables = {name: pd.DataFrame(rows[name], columns=SPAN_COLUMNS + columns)
              for name, (_, _, columns) in readers.items()}
    articles_frame = pd.DataFrame([article_row(a) for a in articles], columns=ARTICLE_COLUMNS)
    events = group_events(pd.DataFrame(dated, columns=EVENT_COLUMNS[:-1]))[EVENT_COLUMNS]
    named = Tables(articles_frame, **tables).names_only().mentions
    firsts = first_mentions(articles_frame, named, tables["quantities"], events)
    return Tables(articles=articles_frame, **tables, events=events, firsts=firsts[FIRST_COLUMNS],
                  shared=shared_passages(articles)[SHARED_COLUMNS], terms=term_counts(articles))
