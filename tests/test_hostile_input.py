"""Hostile and careless input to the loader: each bad file is named, the others still load,
nothing is inflated or read without a limit, and what was changed or left out is said."""

import io
import json
import zipfile

import pytest

from analysis import corpus
from analysis.corpus import load_files, load_paths
from analysis.pipeline import analyze

TEXT = "قالت وزارة الخارجية الروسية إن موسكو ستواصل تطوير العلاقات مع كوريا الشمالية الثلاثاء الماضي."
GOOD = ("good.txt", TEXT.encode())


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def messages(loaded) -> str:
    return " | ".join(p.message for p in loaded.issues)


def test_a_zip_whose_header_understates_a_member_is_not_inflated_past_the_cap(monkeypatch):
    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 2**20)
    data = bytearray(zipped({"big.txt": b" " * (8 * 2**20), "small.txt": TEXT.encode()}))
    # the local and central headers of big.txt say it holds 100 bytes
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    loaded = load_files([("lie.zip", bytes(data)), GOOD])
    assert [a.id for a in loaded.articles] == ["small", "good"]
    assert "lie.zip/big.txt" in messages(loaded)


def test_the_whole_archive_is_capped_not_only_each_member(monkeypatch):
    monkeypatch.setattr(corpus, "MAX_ARCHIVE_BYTES", 3 * 2**20)
    members = {f"zeros{i}.txt": TEXT.encode() + b" " * 2**20 for i in range(6)}
    loaded = load_files([("bomb.zip", zipped(members))])
    assert len(loaded.articles) == 2
    assert "more than" in messages(loaded) and "bomb.zip/zeros3.txt" in messages(loaded)


def test_a_member_compressed_with_bzip2_is_named_not_inflated():
    loaded = load_files([("b.zip", zipped({"a.txt": TEXT.encode()}, zipfile.ZIP_BZIP2)), GOOD])
    assert [a.id for a in loaded.articles] == ["good"]
    assert "b.zip/a.txt is compressed with a method" in messages(loaded)


def test_nested_zips_are_read_and_a_zips_metadata_applies_to_its_articles():
    metadata = b"file,outlet,published\ninner.txt,RT Arabic,2024-06-11\nouter.txt,Sputnik,2024-06-12\n"
    inner = zipped({"inner.txt": TEXT.encode()})
    loaded = load_files(
        [("upload.zip", zipped({"metadata.csv": metadata, "outer.txt": TEXT.encode(), "nested.zip": inner}))]
    )
    found = {a.id: (a.outlet, str(a.published)) for a in loaded.articles}
    assert found == {"outer": ("Sputnik", "2024-06-12"), "inner": ("RT Arabic", "2024-06-11")}
    assert not loaded.problems


def test_json_nested_100000_deep_and_a_5000_digit_id_are_named_and_the_rest_loads():
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    long_id = ('[{"id": ' + "9" * 5000 + ', "text": "' + TEXT + '"}]').encode()
    loaded = load_files([("deep.json", deep), ("long.json", long_id), GOOD])
    assert [a.id for a in loaded.articles] == ["good"]
    assert "deep.json: nested too deeply" in messages(loaded) and "long.json: holds a value" in messages(loaded)


def test_a_metadata_date_of_year_one_is_not_used_and_the_weekday_does_not_overflow(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,0001-01-01\n", encoding="utf-8")
    loaded = load_paths([tmp_path])
    assert loaded.articles[0].published is None
    assert "0001-01-01 is out of range" in messages(loaded)
    analyze(loaded.articles)  # OverflowError before


@pytest.mark.parametrize(
    "written, read, said",
    [
        ("1445-03-12", "2023-09-27", "read as a Hijri date"),
        ("9999-12-31", "None", "out of range"),
        ("2023-02-30", "None", "is not a date"),
    ],
)
def test_metadata_dates_that_cannot_be_used_as_written_say_so(written, read, said):
    rows = [{"text": TEXT, "date": written}]
    loaded = load_files([("rows.json", json.dumps(rows, ensure_ascii=False).encode())])
    assert str(loaded.articles[0].published) == read
    assert said in messages(loaded)


def test_a_file_listed_twice_in_metadata_says_which_row_is_used(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,First\na.txt,Second\n", encoding="utf-8")
    loaded = load_paths([tmp_path])
    assert loaded.articles[0].outlet == "Second"
    assert "lists 1 files twice: a.txt (lines 2 and 3); the last row is used" in messages(loaded)


def test_json_rows_with_null_or_object_text_are_left_out_with_a_note():
    rows = [{"text": TEXT}, {"text": None}, {"text": {"ar": TEXT}}]
    loaded = load_files([("rows.json", json.dumps(rows, ensure_ascii=False).encode())])
    assert [a.text for a in loaded.articles] == [TEXT]
    assert "1 objects with no text (empty or null) left out: object 2" in messages(loaded)
    assert "1 objects with a text that is not a string (an object or a list) left out: object 3" in messages(loaded)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode()[:-1] + "ب".encode()[:1], "utf-8, 1 characters replaced"),  # a cut last character
        (TEXT.encode()[:11] + b"\xff" + TEXT.encode()[11:], "utf-8, 1 characters replaced"),  # a stray byte
        (TEXT.encode("mac_arabic"), "mac_arabic"),
        (TEXT.encode("cp1256"), "cp1256"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["cut last character", "stray byte", "Mac Arabic", "Windows-1256", "UTF-32", "UTF-32 without BOM"],
)
def test_text_in_any_encoding_or_slightly_broken_is_read(data, encoding):
    loaded = load_files([("a.txt", data)])
    [article] = loaded.articles
    assert article.encoding == encoding
    assert article.text.replace("\ufffd", "").startswith(TEXT[:40])
    assert ("replaced by �" in messages(loaded)) == ("replaced" in encoding)


def test_html_reads_with_what_requirements_pin_and_ci_installs_nothing_else():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pins = (root / "requirements.txt").read_text(encoding="utf-8")
    assert "lxml_html_clean==" in pins  # jusText's lxml[html_clean] extra, which pip 23.2 does not install
    assert "--upgrade pip" not in (root / ".ci" / "run").read_text(encoding="utf-8")  # CI ran a newer pip than README
    page = f"<html><head><title>خبر</title></head><body><article><p>{TEXT}</p></article></body></html>"
    loaded = load_files([("page.html", page.encode()), GOOD])
    assert [a.id for a in loaded.articles] == ["page", "good"] and TEXT[:30] in loaded.articles[0].text
