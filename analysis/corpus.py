"""Reading articles and their metadata: folders of .txt, CSV, JSONL or JSON, and uploads.

The original text is kept byte-for-byte as decoded; page chrome (share buttons, ads,
"4 دقيقة قراءة", repeated photo captions) is only *marked*, so extractors skip it while
every offset still points into the text the user supplied.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

import charset_normalizer

from .text import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BUNDLED_CORPUS = DATA_DIR / "articles"
BOILERPLATE_FILE = DATA_DIR / "boilerplate.csv"
METADATA_NAME = "metadata.csv"
UNKNOWN = "unknown"

# Column names accepted for each field, first match wins (SaudiNewsNet says "content", "source").
TEXT_COLUMNS = ("text", "content", "body", "article", "النص")
FIELD_COLUMNS = {
    "id": ("id", "article_id"),
    "title": ("title", "headline", "العنوان"),
    "outlet": ("outlet", "source", "site", "المصدر"),
    "outlet_en": ("outlet_en",),
    "url": ("url", "link"),
    "published": ("published", "date", "date_published", "date_extracted", "التاريخ"),
    "date_basis": ("date_basis",),
    "author": ("author", "byline", "الكاتب"),
    "wire": ("wire", "wire_source", "agency"),
    "evidence": ("evidence",),
}


class CorpusError(ValueError):
    """A file or folder that cannot be read as articles; the message says what to do."""


@dataclass(frozen=True)
class Article:
    id: str
    text: str  # the original text, unchanged
    outlet: str = UNKNOWN
    outlet_en: str = UNKNOWN
    url: str = ""
    published: date | None = None
    date_basis: str = ""  # where the date comes from: "metadata", "inferred ...", ""
    author: str = ""
    wire: str = ""
    evidence: str = ""
    title: str = ""
    source_file: str = ""
    encoding: str = "utf-8"
    chrome: tuple[tuple[int, int, str], ...] = ()  # [start, end) and why it is chrome

    @cached_property  # every extractor reads it; build it once per article
    def body(self) -> str:
        """The text with chrome blanked out by spaces: same length, same offsets."""
        chars = list(self.text)
        for start, end, _ in self.chrome:
            for i in range(start, end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per file that was skipped


# ---------------------------------------------------------------- decoding

def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Bytes to text and the encoding used: UTF-8 (with or without BOM), UTF-16, cp1256..."""
    if not data.strip():
        raise CorpusError(f"{name} is empty.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise CorpusError(f"{name} does not look like text (binary data?); save it as UTF-8 text.")
    text = str(best)
    if "\x00" in text:
        raise CorpusError(f"{name} does not look like text (binary data?); save it as UTF-8 text.")
    return text, best.encoding


# ---------------------------------------------------------------- page chrome

@dataclass(frozen=True)
class ChromeRule:
    pattern: re.Pattern
    reason: str


def load_chrome_rules(path: Path = BOILERPLATE_FILE) -> list[ChromeRule]:
    """Whole-line patterns (regular expressions, matched on normalised lines) with a reason."""
    rules = []
    with path.open(encoding="utf-8") as f:
        for number, row in enumerate(csv.DictReader(f), start=2):
            try:
                rules.append(ChromeRule(re.compile(normalize(row["pattern"])), row["reason"]))
            except (re.error, KeyError, TypeError) as error:
                raise CorpusError(f"{path.name} line {number}: bad pattern ({error}).") from error
    return rules


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def mark_chrome(text: str, rules: list[ChromeRule], names: tuple[str, ...] = ()) -> tuple[tuple[int, int, str], ...]:
    """Lines that are page furniture, not reporting: "شارك هذه المقالة", "A A", a caption
    printed twice, a masthead or byline line made only of the outlet's or author's name."""
    lines = [(s, e, line.strip(), normalize(line).strip()) for s, e, line in _lines(text)]
    seen: dict[str, int] = {}
    for _, _, _, norm in lines:
        if norm:
            seen[norm] = seen.get(norm, 0) + 1
    own_names = {normalize(n).strip() for n in names if n and n != UNKNOWN}
    chrome = []
    for start, end, raw, norm in lines:
        if not norm:
            continue
        reason = next((r.reason for r in rules if r.pattern.fullmatch(norm)), "")
        if not reason and seen[norm] > 1 and len(norm.split()) <= 12:
            reason = "repeated line (photo caption)"
        if not reason and _only_names(norm, own_names):
            reason = "masthead or byline"
        if reason:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            chrome.append((start + lead, start + lead + len(raw), reason))
    return tuple(chrome)


def _only_names(line: str, names: set[str]) -> bool:
    """True for "القاهره الاخباريه - احمد انور": nothing but known names and separators."""
    if not names:
        return False
    rest = line
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, " ")
    return rest != line and not re.sub(r"[\s\-|–—:،,]+", "", rest)


def first_line(text: str, chrome: tuple[tuple[int, int, str], ...]) -> str:
    """The first line that is not chrome: the headline of a pasted page."""
    starts = {s for s, _, _ in chrome}
    for start, _, line in _lines(text):
        stripped = line.strip()
        if stripped and start + len(line) - len(line.lstrip()) not in starts:
            return stripped
    return ""


def finish(article: Article, rules: list[ChromeRule]) -> Article:
    """Mark chrome and fill the title from the text when the metadata has none."""
    chrome = mark_chrome(article.text, rules, (article.outlet, article.author))
    title = article.title or first_line(article.text, chrome)
    return replace(article, chrome=chrome, title=title)


# ---------------------------------------------------------------- metadata

def parse_date(value: str) -> date | None:
    """ISO dates ("2023-09-05", "2015-07-21 10:20:00"); anything else is no date."""
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value or "")
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _pick(row: dict, names: tuple[str, ...]) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in names:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def article_from_record(row: dict, default_id: str, source_file: str, encoding: str) -> Article:
    """A CSV row or JSON object with a text column and optional metadata columns."""
    text = _pick(row, TEXT_COLUMNS)
    fields = {key: _pick(row, names) for key, names in FIELD_COLUMNS.items()}
    published = parse_date(fields["published"])
    return Article(
        id=fields["id"] or default_id,
        text=text,
        outlet=fields["outlet"] or UNKNOWN,
        outlet_en=fields["outlet_en"] or fields["outlet"] or UNKNOWN,
        url=fields["url"],
        published=published,
        date_basis=fields["date_basis"] or ("metadata" if published else ""),
        author=fields["author"],
        wire=fields["wire"],
        evidence=fields["evidence"],
        title=fields["title"],
        source_file=source_file,
        encoding=encoding,
    )


def read_metadata(path: Path) -> dict[str, dict]:
    """The sidecar metadata.csv of a folder: one row per file, keyed by file name and stem."""
    return read_metadata_bytes(path.read_bytes(), path.name)


def read_metadata_bytes(data: bytes, name: str = METADATA_NAME) -> dict[str, dict]:
    """A metadata.csv's bytes (from disk or an upload), keyed by file name and stem."""
    text, _ = decode(data, name)
    rows = {}
    for row in csv.DictReader(io.StringIO(text)):
        name = (row.get("file") or "").strip()
        if name:
            rows[name] = row
            rows[Path(name).stem] = row
    return rows


# ---------------------------------------------------------------- readers

def read_table(data: bytes, name: str) -> list[Article]:
    """Articles from a CSV, JSONL or JSON file's bytes; each row needs a text column."""
    text, encoding = decode(data, name)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if suffix == ".csv":
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            records = list(reader)
        except csv.Error as error:
            raise CorpusError(f"{name}: broken CSV ({error}); check its quoting.") from error
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        if not any(c in columns for c in TEXT_COLUMNS):
            raise CorpusError(
                f"{name} has no text column; name one of its columns "
                f"{', '.join(TEXT_COLUMNS[:3])} (found: {', '.join(columns) or 'none'})."
            )
    elif suffix == ".jsonl":
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise CorpusError(f"{name} line {number} is not JSON ({error.msg}).") from error
    else:  # .json: an array of objects, as SaudiNewsNet ships
        try:
            records = json.loads(text)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{name} is not JSON ({error.msg} at line {error.lineno}).") from error
        if isinstance(records, dict):
            records = [records]
    if not all(isinstance(r, dict) for r in records):
        raise CorpusError(f"{name}: expected one object per article.")
    articles = [article_from_record(r, f"{stem}-{i + 1}", name, encoding) for i, r in enumerate(records)]
    return [a for a in articles if a.text.strip()]


def read_file(data: bytes, name: str, metadata: dict | None = None) -> list[Article]:
    """One file's bytes as articles: a .txt is one article, a table file many."""
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".jsonl", ".json"):
        return read_table(data, name)
    if suffix != ".txt":
        raise CorpusError(f"{name}: unsupported file type; use .txt, .csv, .jsonl or .json.")
    text, encoding = decode(data, name)
    row = dict(metadata or {})
    row["text"] = text
    return [article_from_record(row, Path(name).stem, name, encoding)]


def _unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    result = []
    for article in articles:
        n = seen.get(article.id, 0)
        seen[article.id] = n + 1
        result.append(article if n == 0 else replace(article, id=f"{article.id}~{n + 1}"))
    return result


SUPPORTED = (".txt", ".csv", ".jsonl", ".json")


def load_files(files: list[tuple[str, bytes]], metadata: dict[str, dict] | None = None) -> LoadResult:
    """Named byte strings (uploads, or files read from disk) into articles.

    A file that cannot be read is reported in `problems` and the rest still load.
    """
    rules = load_chrome_rules()
    result = LoadResult()
    for name, data in files:
        meta = (metadata or {}).get(name) or (metadata or {}).get(Path(name).stem)
        try:
            result.articles.extend(read_file(data, name, meta))
        except CorpusError as error:
            result.problems.append(str(error))
    result.articles = [finish(a, rules) for a in _unique_ids(result.articles)]
    return result


def load_paths(paths: list[str | Path]) -> LoadResult:
    """Folders and files into articles; a folder's metadata.csv fills in outlet, date, url..."""
    files: list[tuple[str, bytes]] = []
    metadata: dict[str, dict] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if (path / METADATA_NAME).is_file():
                metadata.update(read_metadata(path / METADATA_NAME))
            members = sorted(p for p in path.iterdir()
                             if p.suffix.lower() in SUPPORTED and p.name != METADATA_NAME)
            files.extend((p.name, p.read_bytes()) for p in members)
        elif path.is_file():
            files.append((path.name, path.read_bytes()))
        else:
            raise CorpusError(f"{path} does not exist.")
    if not files:
        raise CorpusError(f"No .txt, .csv, .jsonl or .json files in {', '.join(map(str, paths))}.")
    return load_files(files, metadata)


def load_bundled() -> LoadResult:
    """The five seed articles that ship with Marsad."""
    return load_paths([BUNDLED_CORPUS])
