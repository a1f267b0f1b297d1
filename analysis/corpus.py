"""Reading articles and their metadata: folders of .txt, CSV, JSONL or JSON, and uploads.

The original text is kept byte-for-byte as decoded; page chrome (share buttons, ads,
"4 دقيقة قراءة", repeated photo captions) is only *marked*, so extractors skip it while
every offset still points into the text the user supplied.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

import charset_normalizer

from .text import normalize

PACKAGE_DIR = Path(__file__).resolve().parent
# A checkout has data/ beside the package; `pip install .` puts it inside (analysis/data).
INSTALLED = (PACKAGE_DIR / "data").is_dir()
DATA_DIR = PACKAGE_DIR / "data" if INSTALLED else PACKAGE_DIR.parent / "data"
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


MAX_FILE_MB = 200  # per file, as .streamlit/config.toml's maxUploadSize; a bigger file must be split
MAX_FILE_BYTES = MAX_FILE_MB * 2**20
SUPPORTED = (".txt", ".csv", ".jsonl", ".json", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
ARCHIVES = (".zip",)  # each member of a supported type is read as its own file
MAX_ARCHIVE_MB = 500  # what one uploaded zip may inflate to in all, nested zips included
MAX_ARCHIVE_BYTES = MAX_ARCHIVE_MB * 2**20
MAX_ZIP_DEPTH = 3  # a zip in a zip in a zip; deeper ones are named, not read
# Methods whose inflation zipfile bounds as it reads; bzip2 and LZMA inflate a whole block at once.
READABLE_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
# Leading bytes of common binary formats, so "photo.txt" that is really a PNG says so.
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}
csv.field_size_limit(MAX_FILE_BYTES)  # the default 128 KB would reject a long article


class CorpusError(ValueError):
    """A file or folder that cannot be read as articles; the message says what to do.

    `kind` ("empty", "binary", "csv"...) groups the same problem across many files."""

    def __init__(self, message: str, kind: str = "unreadable"):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Problem:
    """One file's problem: skipped, or loaded with a caveat (`skipped` False)."""

    file: str
    kind: str
    message: str
    skipped: bool = True


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
        if not self.chrome:  # most articles: no copy to make
            return self.text
        pieces, done = [], 0
        for start, end, _ in sorted(self.chrome):
            start = max(start, done)
            if start < end:
                pieces += [self.text[done:start], re.sub(r"[^\n]", " ", self.text[start:end])]
                done = end
        return "".join(pieces) + self.text[done:]


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    issues: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """One line per file that was skipped."""
        return [p.message for p in self.issues if p.skipped]

    @property
    def notes(self) -> list[str]:
        """One line per file that loaded with a caveat (no Arabic letters)."""
        return [p.message for p in self.issues if not p.skipped]

    def summary(self, shown: int = 3) -> list[str]:
        """The issues for a person to read: one line each, or one line per kind when many
        files share it ("a.txt is empty. And 9,999 more files like it: b.txt, c.txt, d.txt, …")."""
        return [p.message for p in summarize(self.issues, shown)]


def summarize(issues: list[Problem], shown: int = 3) -> list[Problem]:
    """The problems, those of one kind merged into one once there are more than `shown`."""
    groups: dict[tuple[str, bool], list[Problem]] = {}
    for issue in issues:
        groups.setdefault((issue.kind, issue.skipped), []).append(issue)
    merged = []
    for group in groups.values():
        if len(group) <= shown:
            merged.extend(group)
            continue
        first, names = group[0], ", ".join(p.file for p in group[1 : shown + 1])
        merged.append(replace(first, message=f"{first.message} And {len(group) - 1:,} more files like it: {names}, …"))
    return merged


# ---------------------------------------------------------------- decoding


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Bytes to text and the encoding used: UTF-8 (with or without BOM), UTF-16 (LE or BE,
    with or without BOM), cp1256...; binary files (a PNG renamed .txt) are refused by name."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise CorpusError(f"{name} is empty.", "empty")
    not_text = f"{name} does not look like text (binary data?); save it as UTF-8 text."
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise CorpusError(f"{name} is {what}, not text; save the article as UTF-8 text.", "binary")
    if data.startswith(b"\xef\xbb\xbf"):
        return _mostly(data[3:], "utf-8", not_text, "utf-8-sig")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: the same first bytes
        return _mostly(data, "utf-32", not_text)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _mostly(data, "utf-16", not_text)
    if b"\x00" in data:  # UTF-16 or 32 without a BOM (Arabic in UTF-16 is valid UTF-8 bytes!) or binary
        encoding = _utf32_without_bom(data) or _utf16_without_bom(data)
        if encoding is None:
            raise CorpusError(not_text, "binary")
        return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")  # a stray byte or a cut last character
    count, arabic = replaced.count("\ufffd"), _arabic_code_page(data)
    if count <= max(4, len(replaced) // 1000) and (arabic is None or _arabic_share(replaced) >= 0.6):
        return replaced, _replaced_encoding("utf-8", count)
    if arabic:
        return arabic[:2]
    best = charset_normalizer.from_bytes(data).best()
    if best is None or "\x00" in str(best):
        raise CorpusError(not_text, "binary")
    return str(best), best.encoding


REPLACED = "characters replaced"  # in Article.encoding: "utf-8, 1 characters replaced"
ARABIC_CODE_PAGES = ("cp1256", "iso8859_6", "mac_arabic")  # Windows, ISO, Mac: the order breaks ties


def _replaced_encoding(encoding: str, count: int) -> str:
    return f"{encoding}, {count:,} {REPLACED}" if count else encoding


def _mostly(data: bytes, encoding: str, not_text: str, name: str = "") -> tuple[str, str]:
    """`data` in `encoding`, a few undecodable bytes (a cut last character) replaced by U+FFFD
    and counted in the encoding's name; more than a few: not text."""
    text = data.decode(encoding, errors="replace")
    count = text.count("\ufffd")
    if count > max(2, len(text) // 1000):
        raise CorpusError(not_text, "binary")
    return text, _replaced_encoding(name or encoding, count)


def _arabic_share(text: str) -> float:
    """The share of Arabic letters among a text's characters beyond ASCII."""
    beyond = sum(1 for c in text if ord(c) > 127)
    return len(ARABIC_LETTER.findall(text)) / beyond if beyond else 0.0


def _arabic_code_page(data: bytes) -> tuple[str, str, float] | None:
    """Text in an Arabic single-byte code page (Windows-1256, ISO 8859-6, Mac Arabic), the one
    whose reading has the most Arabic letters; None when none reads as Arabic (a general
    detector reads Mac Arabic as Thai)."""
    readings = []
    for rank, encoding in enumerate(ARABIC_CODE_PAGES):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_arabic_share(text), -rank, text, encoding))
    if not readings:
        return None
    share, _, text, encoding = max(readings)
    return (text, encoding, share) if share >= 0.6 else None


def _utf32_without_bom(data: bytes) -> str | None:
    """ "utf-32-le" or "utf-32-be" when every character decodes and none is a NUL."""
    quarter = len(data) // 4
    if len(data) % 4 or max(data[2::4].count(0), data[1::4].count(0)) < 0.9 * quarter:
        return None
    for encoding in ("utf-32-le", "utf-32-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when every other byte is a high byte of ASCII or Arabic
    (0x00 or 0x06) and the whole decodes; None for anything else (binary data)."""
    if len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if high.count(0) + high.count(6) >= 0.9 * len(high):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return encoding
    return None


# ---------------------------------------------------------------- HTML pages

HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s)", re.I)


def looks_like_html(text: str) -> bool:
    """A saved web page pasted into a .txt: "<!DOCTYPE html>..." or many closing tags."""
    head = text[:5000]
    return bool(HTML_START.match(head)) or len(re.findall(r"</(?:p|div|span|a|li|h\d)>", head, re.I)) >= 5


def html_to_record(page: str) -> dict:
    """The article of a web page: its main text (menus, scripts and footers dropped, by
    trafilatura) with the page's title, author and date where it states them."""
    import trafilatura  # imported here: only HTML pages need it

    for logger in ("trafilatura", "htmldate", "courlan"):  # a broken page gets our message, not their log
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(page, favor_recall=True, with_metadata=True, include_comments=False)
    text = (doc.text if doc else "") or trafilatura.html2txt(page) or ""
    record = {"text": text}
    if doc:
        record.update(title=doc.title or "", author=doc.author or "", url=doc.url or "", published=doc.date or "")
        if doc.date:
            record["date_basis"] = "metadata of the web page"
    return record


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
    """The first line that is not chrome."""
    starts = {s for s, _, _ in chrome}
    for start, _, line in _lines(text):
        stripped = line.strip()
        if stripped and start + len(line) - len(line.lstrip()) not in starts:
            return stripped
    return ""


# Lines at the head of a page that are not its headline (matched on normalised text): a view
# counter ("views: 16", "عدد المشاهدات 16"), a byline ("بقلم ..."، "كتب: ..."), a date or time
# stamp, a dateline or wire line ("الرياض - واس"، "(رويترز)"), a breadcrumb, a site name.
_NOT_A_HEADLINE = re.compile(
    r"(?:.*(?:views?|مشاهده|مشاهدات|المشاهدات|قراءات|زيارات|عدد\s+القراء)\s*:?\s*[\d,]+.*"
    r"|[\d,]+\s*(?:views?|مشاهده|مشاهدات|قراءه)"
    r"|(?:بقلم|كتب|كتبت|كتبه|اعداد|تحرير|تقرير|ترجمه|حوار|متابعه|تصوير)\s*[:/]?\s*.{0,40}"
    r"|[\w\s]{1,25}\s*[-–—]\s*(?:[\w\s]{1,20}\s*[-–—]\s*)?(?:خاص|واس|وام|قنا|كونا|بنا|رويترز|ا ف ب|اف ب|الاناضول|د ب ا)\W*"
    r"|\(?(?:واس|وام|قنا|كونا|بنا|رويترز|ا ف ب|د ب ا)\)?"
    r"|(?=(?:\S+\s+){0,4}\S+$)\w+(?:\s\w+){0,2}\s*[-–—]\s*\w+(?:[\s/]\w+){0,3}"  # "عين اليوم – جدة": outlet, city or author
    r"|(?:نشر|نشرت|اخر\s+تحديث|تاريخ\s+النشر|بتاريخ)\b.*"
    r"|(?:الرئيسيه|الصفحه\s+الرئيسيه)\s*[>»/|›].*|.*\s[>»›]\s.*\s[>»›]\s.*"
    r"|[\d\s/:.\-–,،]+(?:ص|م|am|pm|AM|PM)?"
    r"|(?:(?:%s)\s*[،,]?\s*)?\d{1,2}\s*[/\s\-]\s*\S+\s*[/\s\-]\s*\d{4}\s*(?:ه|م)?(?:\s*[-–|،,]\s*.*)?"
    r"|.{0,30}(?:\.com|\.net|\.sa|\.org|نت|الالكترونيه|الاخباريه|بوابه\s+\S+)\s*"
    r"|.*\s\|\s.*)" % "الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت",
    re.IGNORECASE,
)


def headline(text: str, chrome: tuple[tuple[int, int, str], ...], names: tuple[str, ...] = ()) -> str:
    """The article's headline: the first line near the top that is not chrome, a site name, a
    date line, a byline, a wire line or a "views: 16" counter, and reads as a headline (three
    words or more, not a whole paragraph). When the story starts without one, its first sentence
    (shortened); the first line that is not chrome when nothing else is there."""
    starts = {s for s, _, _ in chrome}
    own = {normalize(n).strip() for n in names if n and n != UNKNOWN}
    seen = 0
    for start, _, line in _lines(text):
        stripped = line.strip(" \t\u200e\u200f\u202a\u202b\u202c")
        if not stripped or start + len(line) - len(line.lstrip()) in starts:
            continue
        seen += 1
        if seen > 8:
            break
        norm = " ".join(normalize(stripped).split())
        if norm in own or _NOT_A_HEADLINE.fullmatch(norm) or len(norm.split()) < 3:
            continue
        if len(norm.split()) > 25 or re.search(r"[.!?؟]\s*$", stripped):  # the body already: no headline above
            words = re.split(r"(?<=[.!?؟،])\s", stripped)[0].split()  # its first sentence, shortened
            return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
        return stripped
    return first_line(text, chrome)


def finish(article: Article, rules: list[ChromeRule]) -> Article:
    """Mark chrome and fill the title from the text when the metadata has none."""
    chrome = mark_chrome(article.text, rules, (article.outlet, article.author))
    title = article.title or headline(article.text, chrome, (article.outlet, article.author))
    return replace(article, chrome=chrome, title=title)


# ---------------------------------------------------------------- metadata


def parse_date(value: str) -> date | None:
    """ISO dates ("2023-09-05", "2015-07-21 10:20:00"); anything else is no date."""
    return read_date(value)[0]


EARLIEST_YEAR = 1800  # metadata dates outside EARLIEST_YEAR .. next year are not a news date
HIJRI_YEARS = range(1300, 1501)  # 1445-03-12 is a Hijri date (1300 AH began in 1882)


def read_date(value: str) -> tuple[date | None, str]:
    """A metadata date and, when it cannot be used as written, why: "2023-02-30" is no date,
    "1445-03-12" is Hijri (converted, Umm al-Qura), "9999-12-31" and "0001-01-01" are out of range."""
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value or "")
    if not match:
        return None, (f'"{value.strip()[:40]}" is not a date (write YYYY-MM-DD)' if (value or "").strip() else "")
    year, month, day = (int(g) for g in match.groups())
    if year in HIJRI_YEARS:
        try:
            from hijridate import Hijri  # Umm al-Qura, as Saudi outlets date

            gregorian = Hijri(year, month, day).to_gregorian()
            return date(
                gregorian.year, gregorian.month, gregorian.day
            ), f"{match.group().strip()} read as a Hijri date: {gregorian.isoformat()}"
        except (ImportError, ValueError, OverflowError) as error:
            return None, f"{match.group().strip()} looks like a Hijri date that cannot be converted ({error}); not used"
    try:
        day_read = date(year, month, day)
    except ValueError:
        return None, f"{match.group().strip()} is not a date; not used"
    if not EARLIEST_YEAR <= year <= date.today().year + 1:
        return None, f"{match.group().strip()} is out of range for a news date; not used"
    return day_read, ""


def _pick(row: dict, names: tuple[str, ...]) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in names:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def article_from_record(
    row: dict, default_id: str, source_file: str, encoding: str, notes: list[str] | None = None
) -> Article:
    """A CSV row or JSON object with a text column and optional metadata columns; a date that
    cannot be used as written is said in `notes`."""
    text = _pick(row, TEXT_COLUMNS)
    fields = {key: _pick(row, names) for key, names in FIELD_COLUMNS.items()}
    published, why = read_date(fields["published"])
    if why and notes is not None:
        notes.append(f"{fields['id'] or default_id}: date {why}")
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


def read_metadata_bytes(data: bytes, name: str = METADATA_NAME, issues: list[Problem] | None = None) -> dict[str, dict]:
    """A metadata.csv's bytes (from disk or an upload), keyed by file name and stem; a file
    listed twice is said in `issues` (the last row wins)."""
    text, _ = decode(data, name)
    rows, line_of, twice = {}, {}, []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            file = str(row.get("file") or "").strip()
            if file:
                if file in line_of:
                    twice.append(f"{file} (lines {line_of[file]} and {reader.line_num})")
                line_of[file] = reader.line_num
                rows[file] = row
                rows[Path(file).stem] = row
    except csv.Error as error:
        raise CorpusError(f"{name} line {reader.line_num}: broken CSV ({error}).", "csv") from error
    if twice and issues is not None:
        issues.append(
            Problem(
                name,
                "metadata_twice",
                f"{name} lists {len(twice):,} files twice: "
                f"{', '.join(twice[:3])}{', …' if len(twice) > 3 else ''}; the last row is used.",
                skipped=False,
            )
        )
    return rows


# ---------------------------------------------------------------- readers


def read_table(data: bytes, name: str, notes: list[str] | None = None) -> list[Article]:
    """Articles from a CSV, JSONL or JSON file's bytes; each row needs a text column. Rows
    left out (no text, text that is not a string) and dates not used are said in `notes`."""
    text, encoding = decode(data, name)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        records, done = [], 1  # done: the last line read whole; a broken row starts after it
        try:
            for record in reader:
                records.append(record)
                done = reader.line_num
        except csv.Error as error:
            raise CorpusError(
                f"{name} line {done + 1}: broken CSV ({error}); put every text "
                'that holds a comma, a quote or a line break in "double quotes" and '
                'write a quote inside it as "".',
                "csv",
            ) from error
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        if not any(c in columns for c in TEXT_COLUMNS):
            raise CorpusError(
                f"{name} has no text column; name one of its columns "
                f"{', '.join(TEXT_COLUMNS[:3])} (found: {', '.join(columns) or 'none'}).",
                "no_text_column",
            )
        for number, record in enumerate(records, start=2):
            if None in record:
                raise CorpusError(
                    f"{name} row {number} has more cells than the header has columns; "
                    'put a text holding commas in "double quotes".',
                    "csv",
                )
    elif suffix == ".jsonl":
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(_json(line))
                except json.JSONDecodeError as error:
                    raise CorpusError(f"{name} line {number} is not JSON ({error.msg}).", "json") from error
                except CorpusError as error:
                    raise CorpusError(f"{name} line {number}: {error}", "json") from error
    else:  # .json: an array of objects, as SaudiNewsNet ships
        try:
            records = _json(text)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{name} is not JSON ({error.msg} at line {error.lineno}).", "json") from error
        except CorpusError as error:
            raise CorpusError(f"{name}: {error}", "json") from error
        if isinstance(records, dict):
            records = [records]
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise CorpusError(f'{name}: expected one object per article, such as {{"text": "..."}}.', "json")
    notes = [] if notes is None else notes
    articles, without, not_string = [], [], []
    for i, record in enumerate(records):
        value = next(
            (v for k, v in record.items() if str(k).strip().lower() in TEXT_COLUMNS and v not in (None, "")), None
        )
        if isinstance(value, (dict, list)):  # would be shown as a Python repr
            not_string.append(str(i + 1))
            continue
        article = article_from_record(record, f"{stem}-{i + 1}", name, encoding, notes)
        if article.text.strip():
            articles.append(article)
        else:
            without.append(str(i + 1))
    what = "row" if suffix == ".csv" else "object"
    for rows, why in (
        (without, "no text (empty or null)"),
        (not_string, "a text that is not a string (an object or a list)"),
    ):
        if rows:
            notes.append(
                f"{len(rows):,} {what}s with {why} left out: {what} {', '.join(rows[:5])}"
                f"{', …' if len(rows) > 5 else ''}"
            )
    return articles


def _json(text: str):
    """json.loads with its other errors as a CorpusError: nesting too deep, a number too long."""
    try:
        return json.loads(text)
    except RecursionError as error:
        raise CorpusError(
            "nested too deeply to read (objects or lists within each other thousands of levels deep).", "json"
        ) from error
    except json.JSONDecodeError:
        raise
    except ValueError as error:  # a 5,000-digit number is refused by int()
        raise CorpusError(f"holds a value that cannot be read ({error}).", "json") from error


def too_big(name: str, size: int) -> str:
    return f"{name} is {size / 2**20:,.0f} MB; the limit is {MAX_FILE_MB} MB per file: split it into smaller files."


def read_file(data: bytes, name: str, metadata: dict | None = None, notes: list[str] | None = None) -> list[Article]:
    """One file's bytes as articles: a .txt or web page is one article, a table file many;
    what was left out or not used is said in `notes`."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise CorpusError(f"{name}: unsupported file type; use {', '.join(SUPPORTED)}.", "type")
    if len(data) > MAX_FILE_BYTES:
        raise CorpusError(too_big(name, len(data)), "too_big")
    if suffix in (".csv", ".jsonl", ".json"):
        return read_table(data, name, notes)
    text, encoding = decode(data, name)
    row = dict(metadata or {})
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        page = html_to_record(text)
        if not page["text"].strip():
            raise CorpusError(f"{name} is a web page with no article text in it.", "empty")
        row = {**{k: v for k, v in page.items() if v}, **row}
        text = page["text"]
    row["text"] = text
    return [article_from_record(row, Path(name).stem, name, encoding, notes)]


def _unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    result = []
    for article in articles:
        n = seen.get(article.id, 0)
        seen[article.id] = n + 1
        result.append(article if n == 0 else replace(article, id=f"{article.id}~{n + 1}"))
    return result


def unzipped(files: list[tuple[str, bytes]], issues: list[Problem]) -> list[tuple[str, bytes, dict | None]]:
    """The files with each .zip replaced by its members of a supported type, named
    "2015-07-21.zip/2015-07-21.json", each with the rows of the zip's own metadata.csv (None for
    a file not from a zip); zips within zips are read too. Each member is inflated with a cap,
    whatever its header says, and so is the whole archive; what cannot be read is in `issues`."""
    out: list[tuple[str, bytes, dict | None]] = []
    for name, data in files:
        if Path(name).suffix.lower() in ARCHIVES:
            out += _members(name, data, issues, [MAX_ARCHIVE_BYTES], 1)
        else:
            out.append((name, data, None))
    return out


def _members(name: str, data: bytes, issues: list[Problem], budget: list[int], depth: int) -> list:
    """unzipped() of one archive; budget[0]: the bytes the outermost archive may still inflate."""
    out, metadata = [], {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            wanted = [m for m in members if Path(m.filename).suffix.lower() in SUPPORTED + ARCHIVES]
            if not wanted:
                issues.append(Problem(name, "empty", f"{name} holds no {', '.join(SUPPORTED)} file."))
            for member in wanted:
                label = f"{name}/{member.filename}"
                inflated = _inflate(archive, member, label, issues, budget)
                if inflated is None:
                    continue
                if Path(member.filename).name.lower() == METADATA_NAME:
                    try:
                        metadata.update(read_metadata_bytes(inflated, label, issues))
                    except CorpusError as error:
                        issues.append(Problem(label, error.kind, str(error)))
                elif Path(member.filename).suffix.lower() in ARCHIVES:
                    if depth >= MAX_ZIP_DEPTH:
                        issues.append(
                            Problem(
                                label,
                                "bad_zip",
                                f"{label} is a zip nested {depth + 1} deep; unzip it and add its files.",
                            )
                        )
                    else:
                        out += _members(label, inflated, issues, budget, depth + 1)
                else:
                    out.append((label, inflated, None))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        EOFError,
        OSError,
        ValueError,
    ) as error:
        issues.append(
            Problem(
                name,
                "bad_zip",
                f"{name} is not a zip archive that can be read ({error}); zip the files again or add them one by one.",
            )
        )
        return out
    if metadata:  # the zip's own metadata.csv, for its members (keyed by their names inside it)
        out = [(label, data, inner or metadata) for label, data, inner in out]
    return out


def _inflate(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, label: str, issues: list[Problem], budget: list[int]
) -> bytes | None:
    """A member's bytes, read in chunks and stopped at MAX_FILE_BYTES or the archive's budget
    (the size in the header is not trusted); None, with the reason in `issues`, if it is not read."""
    method = READABLE_ZIP_METHODS.get(member.compress_type)
    if method is None:
        issues.append(
            Problem(
                label,
                "bad_zip",
                f"{label} is compressed with a method Marsad does not inflate "
                f"(number {member.compress_type}); zip it again with the usual (deflate) compression.",
            )
        )
        return None
    limit = min(MAX_FILE_BYTES, budget[0])
    chunks, size = [], 0
    try:
        with archive.open(member) as stream:
            while size <= limit:
                chunk = stream.read(min(2**20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError) as error:
        issues.append(Problem(label, "bad_zip", f"{label} cannot be inflated ({error}); zip it again."))
        return None
    budget[0] -= min(size, limit)
    if size > limit:
        message = (
            too_big(label, max(size, member.file_size))
            if limit == MAX_FILE_BYTES
            else f"{label} was not read: the archive inflates to more than {MAX_ARCHIVE_MB} MB in all; "
            "split it into smaller zips."
        )
        issues.append(Problem(label, "too_big", message))
        return None
    return b"".join(chunks)


def load_files(files: list[tuple[str, bytes]], metadata: dict[str, dict] | None = None) -> LoadResult:
    """Named byte strings (uploads, or files read from disk) into articles.

    A file that cannot be read is reported in `problems` and the rest still load.
    """
    rules = load_chrome_rules()
    result = LoadResult()
    for name, data, inner in unzipped(files, result.issues):
        rows, inside = inner or metadata or {}, name.split(".zip/")[-1]  # a zip's metadata names its members
        meta = rows.get(name) or rows.get(inside) or rows.get(Path(name).stem)
        notes: list[str] = []
        try:
            articles = read_file(data, name, meta, notes)
        except CorpusError as error:
            result.issues.append(Problem(name, error.kind, str(error)))
            continue
        except RecursionError:
            result.issues.append(Problem(name, "unreadable", f"{name} is nested too deeply to be read."))
            continue
        except Exception as error:  # noqa: BLE001 — any other failure loses this file only, by name
            result.issues.append(
                Problem(name, "unreadable", f"{name} could not be read ({type(error).__name__}: {str(error)[:200]}).")
            )
            continue
        result.articles.extend(articles)
        if notes or not articles:
            said = "; ".join(notes[:5]) + (f"; and {len(notes) - 5:,} more" if len(notes) > 5 else "")
            result.issues.append(
                Problem(
                    name,
                    "notes" if articles else "empty",
                    (
                        f"{name}: loaded; {said}."
                        if articles
                        else f"{name} holds no article{'; ' + said if said else ''}."
                    ),
                    skipped=not articles,
                )
            )
        replaced = [a for a in articles if REPLACED in a.encoding]
        if replaced:
            result.issues.append(
                Problem(
                    name,
                    "replaced",
                    f"{name}: loaded, but some bytes are not "
                    f"{replaced[0].encoding.split(',')[0]} and were replaced by � "
                    f"({replaced[0].encoding.split(', ')[1]}).",
                    skipped=False,
                )
            )
        without = sum(not ARABIC_LETTER.search(a.text) for a in articles)
        if without:
            which = "it has" if len(articles) == 1 else f"{without:,} of its {len(articles):,} articles have"
            result.issues.append(
                Problem(
                    name,
                    "no_arabic",
                    f"{name}: loaded, but {which} no Arabic "
                    "letters; Marsad finds names and numbers in Arabic text only.",
                    skipped=False,
                )
            )
    finished = []
    for article in _unique_ids(result.articles):
        try:
            finished.append(finish(article, rules))
        except Exception as error:  # noqa: BLE001 — one article's failure is its own
            result.issues.append(
                Problem(
                    article.source_file,
                    "unreadable",
                    f"{article.source_file}: article {article.id} could not be read ({type(error).__name__}).",
                )
            )
    result.articles = finished
    return result


def load_paths(paths: list[str | Path]) -> LoadResult:
    """Folders and files into articles; a folder's metadata.csv fills in outlet, date, url..."""
    members: list[Path] = []
    metadata: dict[str, dict] = {}
    unread: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if (path / METADATA_NAME).is_file():
                try:
                    metadata.update(read_metadata_bytes((path / METADATA_NAME).read_bytes(), METADATA_NAME, unread))
                except (CorpusError, OSError) as error:
                    unread.append(Problem(METADATA_NAME, "metadata", f"{path / METADATA_NAME} was not used: {error}"))
            members.extend(
                sorted(
                    p for p in path.iterdir() if p.suffix.lower() in SUPPORTED + ARCHIVES and p.name != METADATA_NAME
                )
            )
        elif path.is_file():
            members.append(path)
        else:
            raise CorpusError(f"{path} does not exist.")
    if not members:
        raise CorpusError(f"No {', '.join(SUPPORTED + ARCHIVES)} files in {', '.join(map(str, paths))}.")
    files = []
    for member in members:
        try:
            size = member.stat().st_size
            if size > MAX_FILE_BYTES:  # never read into memory
                unread.append(Problem(member.name, "too_big", too_big(member.name, size)))
            else:
                files.append((member.name, member.read_bytes()))
        except OSError as error:
            unread.append(Problem(member.name, "unreadable", f"{member.name} cannot be read ({error.strerror})."))
    result = load_files(files, metadata)
    result.issues[:0] = unread
    return result


def load_bundled() -> LoadResult:
    """The five seed articles that ship with Marsad."""
    return load_paths([BUNDLED_CORPUS])
