"""Per-article results kept on disk, keyed by content, so a corpus is analysed once.

The cache folder holds, per fingerprint of the analysis (the code in analysis/ and the
lexicons in data/), one folder per analysed batch with one Arrow file per table (fast to
write and read back; the cache is never shared, unlike a built store). A batch's `articles`
file tags each article with its key (a hash of its text and metadata). Loading a corpus
re-analyses only the articles whose key is missing; the cross-article tables (events, firsts,
shared passages) are recomputed from the stored results. A built store (`python -m analysis
build`) is the final tables as one Parquet file each, which the dashboard opens directly.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import fields
from functools import partial
from hashlib import blake2b
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .corpus import BUNDLED_CORPUS, DATA_DIR, INSTALLED, Article, finish, load_chrome_rules
from .pipeline import PART_COLUMNS, analyze_batch, combine, outlet_terms
from .story import EVENT_COLUMNS, FIRST_COLUMNS, SHARED_COLUMNS
from .tables import OUTLET_TERM_COLUMNS, Tables

ROOT = Path(__file__).resolve().parent.parent
# gitignored in a checkout; an installed package keeps it in the user's cache; MARSAD_CACHE points elsewhere
DEFAULT_CACHE = Path.home() / ".cache" / "marsad" if INSTALLED else ROOT / ".marsad-cache"
KEY = "_key"
BATCH_SIZE = 200  # articles per task: big enough to amortise a process hop, small enough to spread
TABLES = [f.name for f in fields(Tables)]
TUPLE_COLUMNS = {"entities", "later_articles"}  # Parquet gives them back as arrays
# Modules that do not change what an article's analysis gives (left out of the fingerprint)
NOT_ANALYSIS = {"store.py", "engines.py", "parallel.py", "query.py", "cli.py", "__main__.py", "ner_train.py"}

# An engine: runs a task on each batch, yields what it returns (frames, or the batch's folder name when it stored them)
Batches = Callable[[Callable, list[list[Article]]], Iterable]


class StoreError(Exception):
    """A store or cache folder that cannot be read or written; the message says what to do."""


class CacheDamaged(StoreError):
    """A cached batch that could not be read back (and was removed)."""


def cache_folder() -> Path:
    """Where per-article results are kept: $MARSAD_CACHE, else .marsad-cache in the repo
    (~/.cache/marsad for an installed package)."""
    return Path(os.environ.get("MARSAD_CACHE") or DEFAULT_CACHE)


def fingerprint() -> str:
    """A hash of what the analysis does: its code, its lexicons and the NER model file under
    data/ (not the articles), and whether the model is in use. Editing a lexicon row or
    training a new model changes it."""
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
    metadata = tuple(getattr(article, f.name) for f in fields(article) if f.name != "text")
    digest = blake2b(repr(metadata).encode("utf-8"), digest_size=16)  # a literal: ends where it ends
    digest.update(article.text.encode("utf-8"))  # not repr(): 100 MB of text are hashed in 0.2 s
    return digest.hexdigest()


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


def _write_arrow(frame: pd.DataFrame, path: Path) -> None:
    """One cached table as an Arrow file, LZ4-compressed (several times faster than Parquet
    both ways, for a third more bytes)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table)


def _read_arrow(path: Path) -> pa.Table:
    """One cached table; a damaged batch (a disk that filled up, a copy cut short) is removed,
    so its articles are analysed again, and named in a StoreError."""
    try:
        with pa.OSFile(str(path)) as source:
            return pa.ipc.open_file(source).read_all()
    except (OSError, ValueError, pa.ArrowException) as error:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise CacheDamaged(
            f"The analysis cache's {path.parent.name}/{path.name} was damaged ({error}); "
            "it is removed and its articles analysed again."
        ) from error


def serial(task: Callable, batches: list[list[Article]]) -> Iterable:
    """Run the batches one after the other in this process."""
    return (task(batch) for batch in batches)


serial.shares_disk = True  # the task may write the cache itself (see analyze_cached)
CACHED = [name for name in PART_COLUMNS if name != "texts"]  # texts: the caller holds the articles
# A batch's terms summed per outlet too: whole batches are read from it, not from the millions of
# per-article term rows (kept for a read of some of a batch's articles)
BATCH_TERMS = "outlet_terms"


class Cache:
    """Per-article results of one analysis fingerprint: folder/<fingerprint>/<batch>/<table>.arrow."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder else cache_folder()
        self.path = self.folder / fingerprint()

    def index(self) -> pd.DataFrame:
        """Every stored article: batch (folder name), row (its place in the batch), article, key."""
        found = {"batch": [], "row": [], "article": [], KEY: []}
        # not the hidden folders of batches being written (or of a run that was stopped)
        batches = sorted(p.parent for p in self.path.glob("*/articles.arrow") if not p.parent.name.startswith("."))
        for batch in batches:
            try:
                table = _read_arrow(batch / "articles.arrow").select(["article", KEY]).to_pydict()
            except CacheDamaged:  # removed: its articles are missing, so analysed again
                continue
            found["batch"] += [batch.name] * len(table[KEY])
            found["row"] += range(len(table[KEY]))
            found["article"] += table["article"]
            found[KEY] += table[KEY]
        return pd.DataFrame(found)

    def keys(self) -> set[str]:
        """Keys of the articles already analysed."""
        return set(self.index()[KEY])

    def add(self, parts: dict[str, pd.DataFrame], keys: dict[str, str]) -> str:
        """Store one analysed batch (all but its texts) and give its folder's name; `keys` maps its
        article ids to their keys. Written in a hidden folder, then renamed: a reader sees whole
        batches or nothing."""
        name = blake2b("".join(sorted(keys.values())).encode(), digest_size=12).hexdigest()
        partial = self.path / f".{name}.{uuid.uuid4().hex}"
        partial.mkdir(parents=True)
        for table in CACHED:
            frame = parts[table]
            if table == "articles":
                frame = frame.assign(**{KEY: frame["article"].map(keys)})
            _write_arrow(frame, partial / f"{table}.arrow")
        _write_arrow(outlet_terms(parts["terms"]), partial / f"{BATCH_TERMS}.arrow")
        try:
            partial.rename(self.path / name)
        except OSError:
            shutil.rmtree(partial)
            if not (self.path / name).is_dir():
                raise
            # else another process stored the same batch meanwhile
        return name

    def load(self, batch: str) -> dict[str, pa.Table]:
        """A stored batch's files as read() reads them when it takes the whole batch (its terms
        summed per outlet), for a caller to read batches as they come (read's `loaded`)."""
        return {
            name: _read_arrow(self.path / batch / f"{name}.arrow")
            for name in [t for t in CACHED if t != "terms"] + [BATCH_TERMS]
        }

    def read(
        self, keys: list[str], index: pd.DataFrame | None = None, loaded: dict[str, dict[str, pa.Table]] | None = None
    ) -> dict[str, pd.DataFrame]:
        """Every cached table of the given articles, in their order (rows of one article as
        analysed; terms already summed per outlet and batch when whole batches are read, which
        pipeline.outlet_terms sums again); `index` is self.index() when the caller has it already,
        `loaded` batches it read already (load())."""
        index = self.index() if index is None else index
        rank = {key: i for i, key in enumerate(dict.fromkeys(keys))}
        found = index.assign(rank=index[KEY].map(rank)).dropna(subset=["rank"]).drop_duplicates(KEY)
        found = found.sort_values("rank", kind="stable")
        batches = list(dict.fromkeys(found["batch"]))  # in the order of their first wanted article
        stored = index[index["batch"].isin(batches)]
        stored = stored.iloc[np.lexsort((stored["row"], stored["batch"].map({b: i for i, b in enumerate(batches)})))]
        # Usually whole batches, each in its stored order: the files one after the other are
        # the tables. Otherwise every row is ranked by its article and the wanted ones taken.
        whole = (
            len(stored) == len(found)
            and (stored["batch"].to_numpy() == found["batch"].to_numpy()).all()
            and (stored["row"].to_numpy() == found["row"].to_numpy()).all()
        )
        ranks = {
            b: (group["article"].tolist(), group["rank"].astype("int64").tolist())
            for b, group in found.groupby("batch", sort=False)
        }
        summed = whole and all((self.path / b / f"{BATCH_TERMS}.arrow").is_file() for b in batches)
        parts = {}
        for table in CACHED:
            name = BATCH_TERMS if table == "terms" and summed else table
            files = [_table(self.path / b, name, (loaded or {}).get(b, {})) for b in batches]
            if not whole:
                files = [_ranked(t, *ranks[b]) for t, b in zip(files, batches)]
            # a column that is all None in one batch is typed null there: "permissive" unifies it
            joined = pa.concat_tables([_wide_codes(t) for t in files], promote_options="permissive") if files else None
            if joined is not None and not whole:
                joined = joined.take(pc.sort_indices(joined["_rank"])).drop_columns(["_rank"])  # stable
            if joined is not None and table == "articles":
                joined = joined.drop_columns([KEY])
            # one dictionary for all batches first: pandas unifies them several times slower
            parts[table] = (
                restore(joined.unify_dictionaries().to_pandas())
                if joined is not None and joined.num_rows
                else pd.DataFrame(columns=OUTLET_TERM_COLUMNS if name == BATCH_TERMS else PART_COLUMNS[table])
            )
        return parts


def _table(batch: Path, name: str, loaded: dict[str, pa.Table]) -> pa.Table:
    """One table of a batch: as loaded already, else from its file."""
    return loaded[name] if name in loaded else _read_arrow(batch / f"{name}.arrow")


def _ranked(table: pa.Table, articles: list[str], ranks: list[int]) -> pa.Table:
    """The rows of `articles`, each with its article's rank (_rank) among those wanted."""
    column = table["article"].combine_chunks()
    if pa.types.is_dictionary(column.type):  # look the few distinct ids up, not every row
        position = pc.take(
            pc.index_in(column.dictionary, value_set=pa.array(articles, column.type.value_type)), column.indices
        )
    elif pa.types.is_null(column.type):  # no rows in this batch
        position = pa.nulls(len(column), pa.int32())
    else:
        position = pc.index_in(column, value_set=pa.array(articles, column.type))
    table = table.append_column("_rank", pc.take(pa.array(ranks, pa.int64()), position))
    return table.filter(pc.is_valid(table["_rank"]))


def _wide_codes(table: pa.Table) -> pa.Table:
    """Categorical columns with 32-bit codes, so batches' dictionaries can be combined."""
    schema = pa.schema(
        [
            f.with_type(pa.dictionary(pa.int32(), f.type.value_type)) if pa.types.is_dictionary(f.type) else f
            for f in table.schema
        ]
    )
    return table.cast(schema)


def batches_of(articles: list[Article], size: int = BATCH_SIZE) -> list[list[Article]]:
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def _analyze_into(cache: Cache, batch: list[Article]) -> str:
    """Analyse a batch and store it, where the batch runs: only its folder's name travels back."""
    return cache.add(analyze_batch(batch), {a.id: article_key(a) for a in batch})


def analyze_cached(
    articles: list[Article],
    cache: Cache | None = None,
    run: Batches = serial,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
) -> Tables:
    """The tables of `articles`, analysing only those the cache does not hold yet (with `run`,
    serial here, a process pool or Dask in engines.py) and storing them for next time. An
    engine whose workers share this disk (`shares_disk`) has them write the cache; from
    others (Dask) the frames come back and are written here: the same files either way.
    A damaged cached batch is removed and its articles analysed again. on_progress(articles
    analysed, articles to analyse) is called as each batch comes in."""
    cache = cache or Cache()
    try:
        return _analyze_cached(articles, cache, run, batch_size, on_progress)
    except CacheDamaged:  # that batch is gone now: its articles are missing, so analysed again
        return _analyze_cached(articles, cache, run, batch_size, on_progress)


def _analyze_cached(
    articles: list[Article], cache: Cache, run: Batches, batch_size: int, on_progress: Callable[[int, int], None] | None
) -> Tables:
    keys = {a.id: article_key(a) for a in articles}
    index = cache.index()
    known = set(index[KEY])
    missing = list({keys[a.id]: a for a in articles if keys[a.id] not in known}.values())
    task = partial(_analyze_into, cache) if getattr(run, "shares_disk", False) else analyze_batch
    loaded = {}  # each batch read as it comes in, while the workers analyse the others
    analysed = 0
    if on_progress and missing:
        on_progress(0, len(missing))
    try:
        for done in run(task, batches_of(missing, batch_size)):
            if isinstance(done, dict):
                done = cache.add(done, {i: keys[i] for i in done["articles"]["article"]})
            loaded[done] = cache.load(done)
            analysed += loaded[done]["articles"].num_rows
            if on_progress:
                on_progress(analysed, len(missing))
    except OSError as error:
        raise StoreError(
            f"Could not write the analysis cache in {cache.folder}: {error}. "
            "Set MARSAD_CACHE to a folder you can write to."
        ) from error
    parts = cache.read([keys[a.id] for a in articles], cache.index() if missing else index, loaded)
    return combine([parts], texts={a.id: a.text for a in articles})


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


# The columns each file of a built store must have (what write_tables writes)
STORE_COLUMNS = {
    **{name: PART_COLUMNS[name] for name in TABLES if name in PART_COLUMNS},
    "events": EVENT_COLUMNS,
    "firsts": FIRST_COLUMNS,
    "shared": SHARED_COLUMNS,
    "terms": OUTLET_TERM_COLUMNS,
    "texts": ["article", "text"],
}
REBUILD = "Build the store again with `python -m analysis build CORPUS --out DIR`."


def damaged(path: Path, why: str | Exception) -> StoreError:
    """ "DIR/mentions.parquet is damaged: ..." and what to do; `why` an error of Arrow or DuckDB
    is cut to its first line, without the path (the message names the file once)."""
    if isinstance(why, Exception):
        text = str(why).strip().splitlines()[0] if str(why).strip() else type(why).__name__
        text = re.sub(r"^Could not open Parquet input source '[^']*': ", "", text)
        text = re.sub(r"^[A-Z][A-Za-z ]* Error: |Failed to read file ['\"]?[^'\"]*['\"]?: ", "", text)  # DuckDB's
        why = text.replace(f"'{path}'", "the file").replace(f'"{path}"', "the file").replace(str(path), "the file")
    return StoreError(f"{path} is damaged: {str(why).rstrip('.')}. {REBUILD}")


OFFSETS = {"start", "end", "quote_start", "quote_end", "sentence_start", "sentence_end", "other_start", "other_end"}
PUBLISHED = {"published", "other_published"}


def _offsets_and_dates(field: pa.Field) -> bool:
    """Offsets are integers and publication dates timestamps (or all null): the reader slices
    texts with them and the timeline sorts by them."""
    if pa.types.is_null(field.type):
        return True
    if field.name in OFFSETS:
        return pa.types.is_integer(field.type)
    if field.name in PUBLISHED:
        return pa.types.is_timestamp(field.type) or pa.types.is_date(field.type)
    return True


def check_store_file(path: Path, table: str) -> pa.Schema:
    """The schema of one file of a built store, checked on open: a StoreError naming the file
    if it is not Parquet (0 bytes, cut short, other bytes) or lacks the columns of `table`."""
    try:
        if path.stat().st_size == 0:
            raise damaged(path, "it is empty (0 bytes)")
        schema = pq.read_schema(path)
    except StoreError:
        raise
    except (OSError, ValueError, pa.ArrowException) as error:
        raise damaged(path, error) from error
    missing = [c for c in STORE_COLUMNS[table] if c not in schema.names]
    if len(missing) == len(STORE_COLUMNS[table]):
        raise damaged(path, f"it is not the {table} table (its columns: {', '.join(schema.names[:8]) or 'none'})")
    if missing:
        raise damaged(path, f"the {table} table has no column {', '.join(missing)}")
    wrong = [f"{f.name} is {f.type}" for f in schema if f.name in STORE_COLUMNS[table] and not _offsets_and_dates(f)]
    if wrong:
        raise damaged(path, f"wrong column types ({', '.join(wrong)})")
    return schema


def check_store(folder: Path | str) -> Path:
    """A built store folder whose every file opens with the columns the dashboard reads, or a
    StoreError that names the folder (not a store) or the file (damaged)."""
    folder = Path(folder)
    missing = [n for n in TABLES if not (folder / f"{n}.parquet").is_file()]
    if missing:
        raise StoreError(
            f"{folder} is not a Marsad store: {', '.join(n + '.parquet' for n in missing)} "
            "missing. Build one with `python -m analysis build CORPUS --out DIR`."
        )
    for name in TABLES:
        check_store_file(folder / f"{name}.parquet", name)
    if (folder / TEXTS).is_file():
        check_store_file(folder / TEXTS, "texts")
    return folder


# Columns that repeat one value over many rows (a sentence for each of its mentions): read as
# categories, one copy a value (a 20,000-article store's mentions: 255 -> 128 MB in pandas).
REPEATED = ("sentence",)


def _read_store_file(path: Path) -> pd.DataFrame:
    try:
        names = pq.read_schema(path).names
        table = pq.read_table(path, read_dictionary=[c for c in REPEATED if c in names])
        repeated = {c: _categories(table.column(c)) for c in REPEATED if c in names}
        frame = table.drop_columns(list(repeated)).to_pandas()
        for column, values in repeated.items():
            frame.insert(names.index(column), column, values)
        return restore(frame)
    except (OSError, ValueError, pa.ArrowException) as error:  # a page inside is damaged
        raise damaged(path, error) from error


def _categories(column: pa.ChunkedArray) -> pd.Categorical:
    """A dictionary-encoded column as a pandas Categorical, its categories the Parquet
    dictionary as it is. pyarrow's own conversion unifies the chunks' dictionaries, copies them
    through Python strings and has pandas hash them to check they are unique: a second for the
    114,000 sentences of a 20,000-article store. A Parquet dictionary is unique already, and
    each chunk of one column chunk holds the same one."""
    first = column.chunks[0].dictionary if column.num_chunks else pa.array([], pa.large_string())
    if not all(chunk.dictionary.equals(first) for chunk in column.chunks[1:]):
        return pd.Categorical(column.to_pandas())
    categories = pd.Index(first.to_pandas())
    try:
        dtype = pd.CategoricalDtype._from_fastpath(categories, False)  # skips the uniqueness hash
    except AttributeError:  # a pandas without the fast path: checked, a little slower
        dtype = pd.CategoricalDtype(categories)
    codes = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in column.chunks] or [[]])
    return pd.Categorical.from_codes(codes.astype(np.int32, copy=False), dtype=dtype, validate=False)


def read_tables(folder: Path | str) -> Tables:
    """The tables of a built store folder (write_tables), as analyze() gives them; a StoreError
    naming the file that is missing or damaged."""
    folder = check_store(folder)
    return Tables(**{n: _read_store_file(folder / f"{n}.parquet") for n in TABLES})


def read_articles(
    folder: Path | str, ids: Iterable[str] | None = None, matching: re.Pattern | None = None
) -> list[Article]:
    """Some articles of a built store (None: all), in the store's order, as the loader gave
    them (text, metadata, chrome marked again by the same rules); [] when the store keeps no
    texts. Read from Parquet on each call, so a dashboard does not hold 20,000 texts in memory.
    `matching` keeps only the texts it finds (DuckDB's RE2 runs it, before any text is read
    into Python: a keyword search reads a few articles of 20,000, not all of them)."""
    import duckdb

    folder = Path(folder)
    if not (folder / TEXTS).is_file():
        return []
    texts_file, articles_file = (str(folder / n).replace("'", "''") for n in (TEXTS, "articles.parquet"))
    wanted = None if ids is None else list(ids)
    check_store_file(folder / TEXTS, "texts")
    check_store_file(folder / "articles.parquet", "articles")
    with duckdb.connect() as con:
        try:
            frame = con.execute(
                f"""
                SELECT t.article, t.text, a.title, a.outlet, a.outlet_en, a.url, a.published, a.date_basis,
                       a.author, a.wire, a.source_file, a.encoding
                FROM read_parquet('{texts_file}') t JOIN read_parquet('{articles_file}') a USING (article)
                WHERE ($all OR t.article IN (SELECT unnest($ids))) AND ($any OR regexp_matches(t.text, $pattern))""",
                {
                    "all": wanted is None,
                    "ids": wanted or [],
                    "any": matching is None,
                    "pattern": matching.pattern if matching is not None else "",
                },
            ).df()
        except duckdb.Error as error:  # a page inside one of the two files is damaged
            path = folder / ("articles.parquet" if "articles.parquet" in str(error) else TEXTS)
            raise damaged(path, error) from error
    order = {a: i for i, a in enumerate(wanted)} if wanted is not None else None
    rules = load_chrome_rules()
    articles = []
    for row in frame.itertuples(index=False):
        published = row.published
        articles.append(
            finish(
                Article(
                    id=row.article,
                    text=row.text,
                    outlet=row.outlet,
                    outlet_en=row.outlet_en,
                    url=row.url or "",
                    published=None if pd.isna(published) else pd.Timestamp(published).date(),
                    date_basis=row.date_basis or "",
                    author=row.author or "",
                    wire=row.wire or "",
                    title=row.title or "",
                    source_file=row.source_file or "",
                    encoding=row.encoding or "utf-8",
                ),
                rules,
            )
        )
    if order is not None:
        articles.sort(key=lambda a: order[a.id])
    return articles
