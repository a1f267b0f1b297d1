"""Queries the dashboard runs on the tables, in DuckDB (embedded, in this process).

A connection sees every table of a built store (Parquet files, read where they lie) or of
in-memory Tables under the same names (articles, mentions, quantities...), so pages can
filter by outlet over millions of mention rows without copying them into pandas first.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from .store import TUPLE_COLUMNS, check_store, damaged
from .tables import Tables

TABLES = [f.name for f in fields(Tables)]


# The tables the queries below read, and the columns they read of them: loaded into memory, a big
# store's mention sentences (most of its size) stay on disk.
QUERIED = {
    "articles": "*",
    "mentions": "article, outlet, published, entity, name_ar, name_en, type, source, nisba",
}


def connect(source: Tables | Path | str, in_memory: bool | Collection[str] = True) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with one view per table: over a built store folder (its Parquet
    files; `in_memory` loads them, or the tables it names, into DuckDB once, faster to query)
    or over Tables in memory (only the tables `in_memory` names, if it names some). A store
    folder is checked first: a StoreError names a missing or damaged file."""
    if not isinstance(source, Tables):
        check_store(source)
    con = duckdb.connect()
    for name in TABLES:
        if isinstance(source, Tables):  # copied in: a registered frame is invisible to cursors
            if not isinstance(in_memory, bool) and name not in in_memory:
                continue
            frame = getattr(source, name)
            frame = frame.assign(**{c: frame[c].map(list) for c in TUPLE_COLUMNS if c in frame.columns})
            con.register("_frame", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT {_columns(name, in_memory)} FROM _frame")
            con.unregister("_frame")
        else:
            path = str(Path(source) / f"{name}.parquet").replace("'", "''")
            loaded = in_memory if isinstance(in_memory, bool) else name in in_memory
            kind, columns = ("TABLE", _columns(name, in_memory)) if loaded else ("VIEW", "*")
            try:
                con.execute(f"CREATE {kind} {name} AS SELECT {columns} FROM read_parquet('{path}')")
            except duckdb.Error as error:  # a page inside is damaged (the footer was read)
                con.close()
                raise damaged(Path(source) / f"{name}.parquet", error) from error
    # names and type of each entity, once: the frequency query then counts ids alone
    con.execute("""CREATE TABLE entity_names AS SELECT entity, any_value(name_ar) AS name_ar,
                   any_value(name_en) AS name_en, any_value(type) AS type, any_value(source) AS source
                   FROM mentions GROUP BY entity""")
    # mentions counted per entity, outlet, adjective or not and day, once: the frequency query
    # sums these (a big store's 36,000 entities over millions of rows, grouped on every click)
    con.execute("""CREATE TABLE mention_counts AS SELECT entity, outlet, nisba, CAST(published AS DATE) AS day,
                   count(*) AS n FROM mentions GROUP BY ALL""")
    return con


def _columns(name: str, in_memory: bool | Collection[str]) -> str:
    """What a table loaded into DuckDB keeps: all its columns, or those QUERIED names when
    `in_memory` is QUERIED (the dashboard's connection)."""
    return in_memory.get(name, "*") if isinstance(in_memory, dict) else "*"


def outlets(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every outlet of the corpus, sorted: the choices of the sidebar's outlet filter."""
    rows = con.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet").fetchall()
    return [r[0] for r in rows]


def entity_frequency(
    con: duckdb.DuckDBPyConnection,
    outlets: list[str] | None = None,
    nisba: bool = False,
    limit: int | None = None,
    types: list[str] | None = None,
    dates: tuple[date | None, date | None] | None = None,
) -> pd.DataFrame:
    """How often each entity is mentioned in some outlets (None or []: all of them), most
    mentioned first (ties by English name): entity, name_ar, name_en, type, mentions, source
    (lexicon, or model for a name only the NER model found). Adjectives
    (الروسي for Russia) count only with `nisba`, as the sidebar's "Count adjectives as mentions"
    toggle does; `types` keeps some entity types (None: all); `dates` (first day, last day; None
    on a side: open) keeps the articles published in that range, as Tables.for_dates does.
    entity_frequency(con, ["رايت رايتس"]) -> russia "روسيا" 13, kim_jong_un "كيم جونغ أون" 7..."""
    sql = """
        WITH counts AS (
            SELECT entity, sum(n)::BIGINT AS mentions FROM mention_counts
            WHERE (len($outlets) = 0 OR list_contains($outlets, outlet)) AND ($nisba OR NOT nisba)
              AND ($all_dates OR (day IS NOT NULL
                   AND ($start IS NULL OR day >= $start)
                   AND ($end IS NULL OR day <= $end)))
            GROUP BY entity)
        SELECT entity, name_ar, name_en, type, mentions, source FROM counts JOIN entity_names USING (entity)
        WHERE $all_types OR list_contains($types, type)
        ORDER BY mentions DESC, name_en, entity"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return (
        con.cursor()
        .execute(
            sql,
            {
                "outlets": list(outlets or []),
                "nisba": bool(nisba),
                "all_types": types is None,
                "types": list(types or []),
                "all_dates": not dates or dates == (None, None),
                "start": (dates or (None, None))[0],
                "end": (dates or (None, None))[1],
            },
        )
        .df()
    )
