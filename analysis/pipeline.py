"""From articles to the tidy tables every page reads.

Each extractor is a pure `Article -> list[Span]`; `analyze` gathers the spans into a few
DataFrames, one row per span with its article, outlet, date and sentence, so every count
on screen can be traced back to the sentence it came from.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, fields

import pandas as pd

from .corpus import Article
from .dates import extract_dates
from .entities import entity_matcher, extract_entities
from .quantities import extract_quantities
from .spans import Span
from .text import sentence_bounds, words
from .weapons import extract_weapons, weapon_matcher

ARTICLE_COLUMNS = ["article", "title", "outlet", "outlet_en", "published", "date_basis",
                   "author", "wire", "url", "words", "source_file", "encoding", "chrome_lines"]
SPAN_COLUMNS = ["article", "outlet", "published", "start", "end", "text", "sentence"]


@dataclass
class Tables:
    articles: pd.DataFrame  # one row per article
    mentions: pd.DataFrame  # entity mentions: + entity, name_ar, name_en, type, wikidata, short_form
    weapons: pd.DataFrame  # weapon mentions: + weapon, weapon_en, weapon_ar
    quantities: pd.DataFrame  # + value, noun, category, qualifier, number_text
    dates: pd.DataFrame  # dates in the text: + date, year, month, day, day_end, year_inferred

    def for_outlets(self, outlets: list[str] | None) -> "Tables":
        """The same tables restricted to some outlets (None or empty: all of them)."""
        if not outlets:
            return self
        return Tables(**{f.name: _keep(getattr(self, f.name), outlets) for f in fields(self)})


def _keep(frame: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
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
    entry = entity_matcher().entries[span.label]
    return {"entity": span.label, "name_ar": entry.fields["name_ar"], "name_en": entry.fields["name_en"],
            "type": entry.fields["type"], "wikidata": entry.fields.get("wikidata") or "",
            "short_form": span.data["short_form"]}


def _weapon_payload(span: Span) -> dict:
    entry = weapon_matcher().entries[span.label]
    return {"weapon": span.label, "weapon_en": entry.fields["name_en"], "weapon_ar": entry.fields["name_ar"]}


def _quantity_payload(span: Span) -> dict:
    d = span.data
    return {"value": float(d["value"]), "noun": d["noun"], "category": d["category"],
            "qualifier": d["qualifier"], "number_text": d.get("number_text", "")}


def _date_payload(span: Span) -> dict:
    d = span.data
    return {"date": span.label, "year": d["year"], "month": d["month"], "day": d["day"],
            "day_end": d["day_end"], "year_inferred": d["year_inferred"]}


EXTRACTORS = {
    "mentions": (extract_entities, _entity_payload, ["entity", "name_ar", "name_en", "type", "wikidata", "short_form"]),
    "weapons": (extract_weapons, _weapon_payload, ["weapon", "weapon_en", "weapon_ar"]),
    "quantities": (extract_quantities, _quantity_payload, ["value", "noun", "category", "qualifier", "number_text"]),
    "dates": (extract_dates, _date_payload, ["date", "year", "month", "day", "day_end", "year_inferred"]),
}


def analyze(articles: list[Article]) -> Tables:
    """Run every extractor on every article and gather the spans into tables."""
    rows: dict[str, list[dict]] = {name: [] for name in EXTRACTORS}
    for article in articles:
        for name, (extract, payload, _) in EXTRACTORS.items():
            rows[name].extend(span_rows(article, extract(article), payload))
    tables = {name: pd.DataFrame(rows[name], columns=SPAN_COLUMNS + columns)
              for name, (_, _, columns) in EXTRACTORS.items()}
    articles_frame = pd.DataFrame([article_row(a) for a in articles], columns=ARTICLE_COLUMNS)
    return Tables(articles=articles_frame, **tables)
