"""The tidy tables every page reads (`Tables`), and the columns every span table starts with.

Its own module so that the modules that read tables (compare, query, store, the dashboard)
need not import the pipeline that builds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

import pandas as pd

ARTICLE_COLUMNS = [
    "article",
    "title",
    "outlet",
    "outlet_en",
    "published",
    "date_basis",
    "author",
    "wire",
    "wire_basis",
    "url",
    "words",
    "source_file",
    "encoding",
    "chrome_lines",
]
SPAN_COLUMNS = ["article", "outlet", "published", "start", "end", "text", "sentence"]
OUTLET_TERM_COLUMNS = ["outlet", "stem", "word", "count", "articles"]


@dataclass
class Tables:
    articles: pd.DataFrame  # one row per article (ARTICLE_COLUMNS)
    # Span tables: SPAN_COLUMNS, then the columns of their extractor's row (entities.MentionRow,
    # weapons.WeaponRow, quantities.QuantityRow, dates.DateRow, quotes.QuoteRow, sources.SourceRow).
    # Mentions carry nisba (an adjective such as الروسي, counted apart from the name; pages
    # include it only when the user asks).
    mentions: pd.DataFrame
    weapons: pd.DataFrame
    quantities: pd.DataFrame
    dates: pd.DataFrame
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)  # who said what
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)  # outlets an article cites
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

    def for_dates(self, start: date | None, end: date | None) -> "Tables":
        """The same tables restricted to the articles published from `start` to `end` (days,
        both included; None: open on that side; both None: all articles, undated ones too).
        The outlets' vocabulary (terms, summed per outlet) stays that of the whole corpus."""
        if start is None and end is None:
            return self
        return Tables(**{f.name: _keep_dates(getattr(self, f.name), start, end) for f in fields(self)})

    def names_only(self) -> "Tables":
        """The same tables without the adjectival mentions (الروسي counted as Russia). Made once
        per Tables (tables are not changed once made): every session of a dashboard on a big
        store shares one copy instead of making its own on each rerun."""
        if "_names_only" not in self.__dict__:
            named = self.mentions[~self.mentions["nisba"].astype(bool)].reset_index(drop=True)
            self.__dict__["_names_only"] = replace(self, mentions=named)
        return self.__dict__["_names_only"]


def narrowed(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with each category column (a store's sentences) keeping only the values they
    hold: pandas checks every category anew when it groups by one (a big store's 114,000
    sentences: a second for each grouping of a few rows)."""
    categories = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.assign(**{c: frame[c].cat.remove_unused_categories() for c in categories}) if categories else frame


def _keep_dates(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """Rows whose article was published in the range: every table with articles carries the
    article's publication date, compared as numbers (not a look-up of a million article ids)."""
    if "published" not in frame.columns:
        return frame
    published = frame["published"]
    inside = published.notna()
    if start is not None:
        inside &= published >= pd.Timestamp(start)
    if end is not None:
        inside &= published < pd.Timestamp(end) + pd.Timedelta(days=1)
    return frame[inside].reset_index(drop=True)


def _keep(frame: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    if "outlet" not in frame.columns:
        return frame
    return frame[frame["outlet"].isin(outlets)].reset_index(drop=True)
