"""Per-article results kept as Parquet, keyed by content, so a corpus is analysed once.

The cache folder holds, per fingerprint of the analysis (the code in analysis/ and the
lexicons in data/), one Parquet file per batch and table, each row tagged with its article's
key (a hash of the article's text and metadata). Loading a corpus re-analyses only the
articles whose key is missing; the cross-article tables (events, firsts, shared passages)
are recomputed from the stored results, which is cheap. A built store (`python -m analysis
build`) is the final tables as one Parquet file each, which the dashboard opens directly.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import astuple, fields
from hashlib import blake2b
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .corpus import BUNDLED_CORPUS, DATA_DIR, Article, finish, load_chrome_rules
from .pipeline import PART_COLUMNS, Tables, analyze_batch, combine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / ".marsad-cache"  # gitignored; MARSAD_CACHE points elsewhere
KEY = "_key"
BATCH_SIZE = 200  # articles per task: big enough to amortise a process hop, small enough to spread
TABLES = [f.name for f in fields(Tables)]
TUPLE_COLUMNS = {"entities", "later_articles"}  # Parquet gives them back as arrays
# Modules that do not change what an article's analysis gives (left out of the fingerprint)
NOT_ANALYSIS = {"store.py", "engines.py", "query.py", "cli.py", "__main__.py"}

Batches = Callable[[Callable, list[list[Article]]], Iterable[dict[str, pd.DataFrame]]]


class StoreError(Exception):
    """A store or cache folder that cannot be read or written; the message says what to do."""


def cache_folder() -> Path:
    """Where per-article results are kept: $MARSAD_CACHE, else .marsad-cache in the repo."""
    return Path(os.environ.get("MARSAD_CACHE") or DEFAULT_CACHE)


def fingerprint() -> str:
    """A hash of what the analysis does: its code and its lexicons (not the articles), and
    whether the NER model is installed. Editing a lexicon row changes it."""
    from .ner import find_model
    digest = blake2b(digest_size=12)
    sources = sorted(p for p in Path(__file__).parent.glob("*.py") if p.name not in NOT_ANALYSIS)
    lexicons = sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and BUNDLED_CORPUS not in p.parents)
    for name, path in [(p.name, p) for p in sources] + [(str(p.relative_to(DATA_DIR)), p) for p in lexicons]:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(find_model().message.encode())
    return digest.hexdigest()


def article_key(article: Article) -> str:
    """A hash of one article's text and every metadata field: any edit makes a new key."""
    return blake2b(repr(astuple(article)).encode("utf-8"), digest_size=16).hexdigest()


def restore(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo what a Parquet round trip changes: dates back to seconds, arrays back to tuples."""
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].astype("datetime64[s]")
        elif column in TUPLE_COLUMNS:
            frame[column] = frame[column].map(tuple)
    return frame


def _write(frame: pd.DataFrame, path: Path) -> None:
    """Write, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    frame.to_parquet(partial, index=False)
    partial.replace(path)


def serial(task: Callable, batches: list[list[Article]]) -> Iterable[dict[str, pd.DataFrame]]:
    """Run the batches one after the other in this process."""
    return (task(batch) for batch in batches)


class Cache:
    """Per-article results of one analysis fingerprint: folder/<fingerprint>/<table>/<batch>.parquet."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder else cache_folder()
        self.path = self.folder / fingerprint()

    def keys(self) -> set[str]:
        """Keys of the articles already analysed."""
        files = sorted((self.path / "articles").glob("*.parquet"))
        if not files:
            return set()
        return set(pd.concat([pd.read_parquet(f, columns=[KEY]) for f in files])[KEY])

    def add(self, parts: dict[str, pd.DataFrame], keys: dict[str, str]) -> None:
        """Store one analysed batch; `keys` maps its article ids to their keys."""
        name = blake2b("".join(sorted(keys.values())).encode(), digest_size=12).hexdigest() + ".parquet"
        for table, frame in parts.items():
            # categorical: a key repeats on every row of its article (hundreds of windows)
            _write(frame.assign(**{KEY: pd.Categorical(frame["article"].map(keys))}), self.path / table / name)

    def read(self, keys: list[str]) -> dict[str, pd.DataFrame]:
        """Every table of the given articles, in their order (rows of one article as analysed)."""
        wanted = pa.array(list(dict.fromkeys(keys)), type=pa.string())
        parts = {}
        for table in PART_COLUMNS:
            files = sorted((self.path / table).glob("*.parquet"))
            # a column that is all None in one batch is typed null there: "permissive" unifies it
            found = pa.concat_tables([_wide_codes(pq.read_table(f)) for f in files], promote_options="permissive") \
                if files else None
            if found is None or not found.num_rows:
                parts[table] = pd.DataFrame(columns=PART_COLUMNS[table])
                continue
            rank = pc.index_in(found[KEY], value_set=wanted)
            found = found.filter(pc.is_valid(rank))
            if table in ("articles", "texts"):  # one row per article, even if cached twice
                found = found.take(_first_of_each(found[KEY]))
            found = found.take(pc.sort_indices(pc.index_in(found[KEY], value_set=wanted)))  # stable
            frame = found.drop_columns([KEY]).to_pandas()
            parts[table] = restore(frame) if len(frame) else pd.DataFrame(columns=PART_COLUMNS[table])
        return parts


def _wide_codes(table: pa.Table) -> pa.Table:
    """Categorical columns with 32-bit codes, so batches' dictionaries can be combined."""
    schema = pa.schema([f.with_type(pa.dictionary(pa.int32(), f.type.value_type))
                        if pa.types.is_dictionary(f.type) else f for f in table.schema])
    return table.cast(schema)


def _first_of_each(keys: pa.ChunkedArray) -> pa.Array:
    """Positions of the first row of each key."""
    seen = pd.Series(keys.to_numpy(zero_copy_only=False)).duplicated()
    return pa.array(seen.index[~seen.to_numpy()].to_numpy())


def batches_of(articles: list[Article], size: int = BATCH_SIZE) -> list[list[Article]]:
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def analyze_cached(articles: list[Article], cache: Cache | None = None, run: Batches = serial,
                   batch_size: int = BATCH_SIZE) -> Tables:
    """The tables of `articles`, analysing only those the cache does not hold yet (with `run`,
    serial here, a process pool or Dask in engines.py) and storing them for next time."""
    cache = cache or Cache()
    keys = {a.id: article_key(a) for a in articles}
    known = cache.keys()
    missing = list({keys[a.id]: a for a in articles if keys[a.id] not in known}.values())
    try:
        for parts in run(analyze_batch, batches_of(missing, batch_size)):
            cache.add(parts, {i: keys[i] for i in parts["articles"]["article"]})
    except OSError as error:
        raise StoreError(f"Could not write the analysis cache in {cache.folder}: {error}. "
                         "Set MARSAD_CACHE to a folder you can write to.") from error
    return combine([cache.read([keys[a.id] for a in articles])])


# ---------------------------------------------------------------- built stores

TEXTS = "texts.parquet"  # a built store's article texts: article, text (for the reader)


def write_tables(tables: Tables, folder: Path | str, articles: Iterable[Article] = ()) -> Path:
    """Every table as folder/<table>.parquet (what `python -m analysis build` writes), and the
    texts of `articles` as texts.parquet, so the dashboard can show them."""
    folder = Path(folder)
    try:
        for name in TABLES:
            _write(getattr(tables, name), folder / f"{name}.parquet")
        texts = pd.DataFrame([(a.id, a.text) for a in articles], columns=["article", "text"])
        if len(texts):
            _write(texts, folder / TEXTS)
    except OSError as error:
        raise StoreError(f"Could not write the tables to {folder}: {error}") from error
    return folder


def read_tables(folder: Path | str) -> Tables:
    """The tables of a built store folder (write_tables), as analyze() gives them."""
    folder = Path(folder)
    missing = [n for n in TABLES if not (folder / f"{n}.parquet").is_file()]
    if missing:
        raise StoreError(f"{folder} is not a Marsad store: {', '.join(n + '.parquet' for n in missing)} "
                         "missing. Build one with `python -m analysis build CORPUS --out DIR`.")
    return Tables(**{n: restore(pd.read_parquet(folder / f"{n}.parquet")) for n in TABLES})


def read_articles(folder: Path | str, ids: Iterable[str] | None = None) -> list[Article]:
    """Some articles of a built store (None: all), in the store's order, as the loader gave
    them (text, metadata, chrome marked again by the same rules); [] when the store keeps no
    texts. Read from Parquet on each call, so a dashboard does not hold 20,000 texts in memory."""
    import duckdb
    folder = Path(folder)
    if not (folder / TEXTS).is_file():
        return []
    texts_file, articles_file = (str(folder / n).replace("'", "''") for n in (TEXTS, "articles.parquet"))
    wanted = None if ids is None else list(ids)
    with duckdb.connect() as con:
        frame = con.execute(f"""
            SELECT t.article, t.text, a.title, a.outlet, a.outlet_en, a.url, a.published, a.date_basis,
                   a.author, a.wire, a.source_file, a.encoding
            FROM read_parquet('{texts_file}') t JOIN read_parquet('{articles_file}') a USING (article)
            WHERE $all OR list_contains($ids, t.article)""", {"all": wanted is None, "ids": wanted or []}).df()
    order = {a: i for i, a in enumerate(wanted)} if wanted is not None else None
    rules = load_chrome_rules()
    articles = []
    for row in frame.itertuples(index=False):
        published = row.published
        articles.append(finish(Article(
            id=row.article, text=row.text, outlet=row.outlet, outlet_en=row.outlet_en, url=row.url or "",
            published=None if pd.isna(published) else pd.Timestamp(published).date(),
            date_basis=row.date_basis or "", author=row.author or "", wire=row.wire or "", title=row.title or "",
            source_file=row.source_file or "", encoding=row.encoding or "utf-8"), rules))
    if order is not None:
        articles.sort(key=lambda a: order[a.id])
    return articles
