"""Zip archives are read member by member, as if the files lay in the folder."""

import json
import zipfile

import pytest

from analysis.cli import main
from analysis.corpus import BUNDLED_CORPUS, CorpusError, load_files, load_paths
from analysis.store import read_articles, read_tables

SEEDS = sorted(BUNDLED_CORPUS.glob("*.txt"))


def zipped(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_each_member_of_a_zip_is_an_article_as_on_disk(tmp_path):
    archive = zipped(
        tmp_path / "seeds.zip",
        {f"in/{p.name}": p.read_bytes() for p in SEEDS[:2]} | {"notes.pdf": b"%PDF-1.4", "in/": b""},
    )
    loaded = load_paths([archive])
    on_disk = load_paths(SEEDS[:2])
    assert [a.text for a in loaded.articles] == [a.text for a in on_disk.articles]
    assert [a.id for a in loaded.articles] == ["000_4bf72e302dea960b", "001_14f3083f4d14cd84"]
    assert loaded.articles[0].source_file == "seeds.zip/in/000_4bf72e302dea960b.txt"
    assert [a.chrome for a in loaded.articles] == [a.chrome for a in on_disk.articles]
    assert not loaded.issues


def test_a_json_array_in_a_zip_as_saudinewsnet_ships_it(tmp_path):
    rows = [
        {
            "source": "okaz",
            "url": "http://okaz.example/1",
            "date_extracted": "2015-07-21 02:51:32",
            "title": "عنوان",
            "author": "",
            "content": "قالت وزارة الخارجية الروسية إن موسكو ستواصل.",
        },
        {
            "source": "alyaum",
            "url": "http://alyaum.example/2",
            "date_extracted": "2015-07-22 10:00:00",
            "title": "خبر",
            "author": "",
            "content": "أعلنت كوريا الشمالية تجربة صاروخ جديد.",
        },
    ]
    folder = tmp_path / "corpus"
    folder.mkdir()
    zipped(folder / "2015-07-21.zip", {"2015-07-21.json": json.dumps(rows, ensure_ascii=False).encode()})
    loaded = load_paths([folder])  # a folder of zips, as ../shared/data/saudinewsnet
    assert [(a.outlet, a.published.isoformat(), a.text) for a in loaded.articles] == [
        ("okaz", "2015-07-21", rows[0]["content"]),
        ("alyaum", "2015-07-22", rows[1]["content"]),
    ]


def test_a_bad_zip_is_reported_and_the_other_files_still_load():
    seed = SEEDS[0]
    loaded = load_files(
        [("broken.zip", b"PK\x03\x04 not really a zip"), ("empty.zip", _empty_zip()), (seed.name, seed.read_bytes())]
    )
    assert [a.id for a in loaded.articles] == [seed.stem]
    messages = loaded.problems
    assert messages[0].startswith("broken.zip is not a zip archive that can be read")
    assert "zip the files again" in messages[0]
    assert messages[1] == "empty.zip holds no .txt, .csv, .jsonl, .json, .html, .htm file."


def _empty_zip() -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.md", "nothing to read")
    return out.getvalue()


def test_a_folder_of_nothing_but_a_bad_zip_says_so(tmp_path):
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    loaded = load_paths([tmp_path])
    assert loaded.articles == [] and loaded.problems[0].startswith("x.zip is not a zip archive")
    (tmp_path / "x.zip").unlink()
    with pytest.raises(CorpusError, match=r"No \.txt, .*, \.zip files in"):
        load_paths([tmp_path])


def test_build_reads_a_zip_and_keeps_the_texts(tmp_path, capsys):
    archive = zipped(tmp_path / "seeds.zip", {p.name: p.read_bytes() for p in SEEDS})
    out = tmp_path / "store"
    assert main(["build", str(archive), "--out", str(out), "--cache", str(tmp_path / "cache")]) == 0
    assert "5 articles" in capsys.readouterr().err
    stored = read_articles(out)
    assert [a.text for a in stored] == [a.text for a in load_paths([BUNDLED_CORPUS]).articles]
    assert len(read_tables(out).articles) == 5
