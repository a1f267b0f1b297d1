"""Bad input as a user brings it, through the sidebar upload (AppTest), the command line and
the lexicons: every file gets a clear message, and the good files still load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.entities import entity_matcher
from analysis.lexicon import LexiconError, read_lexicon
from conftest import uploaded_app
from dashboard.escape import LEFT_TO_RIGHT, escape_markdown
from tests.test_corpus import ENGLISH, SENTENCE, png_bytes, web_page, zip_bytes

ROOT = Path(__file__).resolve().parent.parent
NOTE_EN = "english.txt: loaded, but it has no Arabic letters; Marsad finds names and numbers in Arabic text only."
QUOTING = (
    'put every text that holds a comma, a quote or a line break in "double quotes" and write a quote inside it as "".'
)


def bad_files() -> list[tuple[str, bytes]]:
    """One of each: the files a newsroom folder really holds, good and bad."""
    return [
        ("empty.txt", b""),
        ("photo.txt", png_bytes()),
        ("archive.txt", zip_bytes()),
        ("english.txt", ENGLISH.encode()),
        ("page.html", web_page(SENTENCE + "\n" + SENTENCE.replace("روسيا", "موسكو")).encode()),
        ("windows.txt", SENTENCE.encode("cp1256")),
        ("utf16be.txt", SENTENCE.encode("utf-16-be")),
        ("no_text.csv", "title,outlet\nعنوان,الجزيرة\n".encode()),
        ("broken.csv", f'id,text\n1,"{SENTENCE}\n'.encode()),
        ("good.txt", SENTENCE.encode()),
    ]


EXPECTED = [
    "empty.txt is empty.",
    "photo.txt is a PNG image, not text; save the article as UTF-8 text.",
    "archive.txt is a ZIP archive (or .docx/.xlsx), not text; save the article as UTF-8 text.",
    "no_text.csv has no text column; name one of its columns text, content, body (found: title, outlet).",
    "broken.csv line 2: broken CSV (unexpected end of data); " + QUOTING,
]


def upload(files: list[tuple[str, bytes]]) -> AppTest:
    at = uploaded_app(files)
    assert not at.exception, [e.value for e in at.exception]
    return at


def articles_metric(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Articles")


def test_sidebar_names_every_bad_upload_and_loads_the_rest():
    at = upload(bad_files())
    shown = [w.value for w in at.sidebar.warning]
    assert shown == [LEFT_TO_RIGHT.format(escape_markdown(m)) for m in EXPECTED[:3] + [NOTE_EN] + EXPECTED[3:]]
    assert articles_metric(at) == "5"  # english, page.html, windows, utf16be, good
    assert "200 MB" in at.file_uploader(key="uploads").help


def test_ten_thousand_tiny_uploads_give_two_grouped_warnings_not_ten_thousand():
    files = [
        (f"{i:05d}.txt", b"" if i % 50 == 0 else png_bytes() if i % 50 == 1 else SENTENCE.encode())
        for i in range(10_000)
    ]
    at = upload(files)
    assert [w.value for w in at.sidebar.warning] == [
        LEFT_TO_RIGHT.format(escape_markdown(line))
        for line in (
            "00000.txt is empty. And 199 more files like it: 00050.txt, 00100.txt, 00150.txt, …",
            "00001.txt is a PNG image, not text; save the article as UTF-8 text. And 199 more files like it: "
            "00051.txt, 00101.txt, 00151.txt, …",
        )
    ]
    assert articles_metric(at) == "9,600"


def test_upload_limit_is_the_same_in_the_config_and_the_loader():
    import tomllib
    from analysis.corpus import MAX_FILE_MB

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_FILE_MB == 200


def test_cli_names_every_bad_file_and_reads_the_rest(tmp_path):
    for name, data in bad_files():
        (tmp_path / name).write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "articles", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert sorted(line for line in lines if line.startswith("skipped: ")) == sorted(f"skipped: {m}" for m in EXPECTED)
    assert f"note: {NOTE_EN}" in lines
    ids = sorted(row["article"] for row in json.loads(result.stdout))
    assert ids == ["english", "good", "page", "utf16be", "windows"]


def test_cli_refuses_a_folder_of_only_bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(png_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "entities", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "error: No article could be read."


# ---------------------------------------------------------------- a lexicon with a typo


def lexicon(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entities.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "id,type,name_ar,name_en,aliases\n"


@pytest.mark.parametrize(
    "rows,message",
    [
        (
            "id,type,name_ar,name_en,alias\nputin,person,بوتين,Putin,بوتين\n",
            "entities.csv: missing column(s) aliases in its first line (found: id, type, name_ar, name_en, alias) "
            "(did you mean 'alias'?).",
        ),
        (
            HEADER + "putin,person,بوتين,Putin,بوتين\nkim,person,كيم,Kim,كيم,جونغ\n",
            "entities.csv line 3: more cells than columns (a stray comma?); put a value holding a comma in "
            '"double quotes".',
        ),
        (
            HEADER + "putin,person,بوتين,Putin,\n",
            "entities.csv line 2: putin has no aliases; write its spellings in the aliases column, separated by |.",
        ),
        (
            HEADER + "putin,person,بوتين,Putin,بوتين\nkim,persn,كيم,Kim,كيم جونغ أون\n",
            "entities.csv line 3: unknown type 'persn' of kim; use one of person, place, organisation, media, "
            "event (did you mean 'person'?).",
        ),
        (
            HEADER + 'putin,person,بوتين,Putin,"بوتين|بوتن\nkim,person,كيم,Kim,كيم جونغ أون\n',
            'entities.csv line 2: unexpected end of data; close every opened " and write a quote inside a value as "".',
        ),
    ],
)
def test_a_lexicon_typo_names_the_file_line_and_fix(tmp_path, rows, message):
    with pytest.raises(LexiconError) as error:
        entity_matcher(lexicon(tmp_path, rows))
    assert str(error.value) == message


def test_a_lexicon_saved_in_cp1256_says_to_save_it_as_utf8(tmp_path):
    path = tmp_path / "weapons.csv"
    path.write_bytes("id,name_en,name_ar,aliases\nshells,Shells,قذائف,قذائف\n".encode("cp1256"))
    with pytest.raises(LexiconError, match=r"weapons.csv: not UTF-8 text; save it as UTF-8"):
        read_lexicon(path)


def test_an_impossible_date_in_an_article_does_not_break_the_story_page():
    # "31 فبراير" is in real news (SaudiNewsNet); the timeline places it on 28 February
    text = "وقعت روسيا وكوريا الشمالية الاتفاق في 31 فبراير 2015 في موسكو."
    at = upload([("typo.txt", text.encode())])
    at.switch_page("views/story.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart")


def test_the_server_refuses_an_upload_past_the_limit_before_reading_it():
    """The browser's uploader states the limit; the server enforces config.toml's maxUploadSize."""
    import http.client

    from analysis.corpus import MAX_FILE_MB
    from bench.app_client import run_page, server, session, upload_urls

    with server("--server.enableXsrfProtection", "false") as (port, _, _):
        with session(port) as ws:
            first = run_page(ws)
            url = upload_urls(ws, first.session_id, ["huge.csv"])[0].upload_url
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.putrequest("PUT", url[url.index("/_stcore") :])
            connection.putheader("Content-Type", "multipart/form-data; boundary=x")
            connection.putheader("Content-Length", str((MAX_FILE_MB + 1) * 2**20))
            connection.endheaders()  # and no body: the size alone is refused
            assert connection.getresponse().status == 413


def test_a_zip_of_articles_uploads_like_its_files():
    """The sidebar takes a .zip: each article inside is read as if uploaded on its own."""
    import io
    import zipfile

    seeds = sorted((ROOT / "data" / "articles").glob("*.txt"))[:2]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for path in seeds:
            archive.writestr(path.name, path.read_bytes())
    at = upload([("two-seeds.zip", packed.getvalue())])
    assert articles_metric(at) == "2"
    assert not at.sidebar.warning
