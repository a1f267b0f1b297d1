import io
import json
import zipfile

import pytest

from analysis.corpus import CorpusError, decode, load_files, load_paths

SENTENCE = "اكتشفت سيئول ما لا يقل عن 10 آلاف حاوية شحن مرسلة من كوريا الشمالية إلى روسيا."


def test_bundled_corpus_has_five_articles_with_their_metadata(seeds):
    assert len(seeds) == 5
    outlets = {key[:3]: a.outlet for key, a in seeds.items()}
    assert outlets == {
        "000": "القاهرة الإخبارية",
        "001": "unknown",
        "002": "رايت رايتس",
        "003": "unknown",
        "004": "Egypt Telegraph",
    }
    reuters = seeds["002_7b63db9cdc682f58"]
    assert reuters.wire == "رويترز" and str(reuters.published) == "2023-09-05"
    telegraph = seeds["004_c951edba429ed671"]
    assert str(telegraph.published) == "2024-06-14" and "22 نوفمبر 2024" in telegraph.date_basis


def test_original_text_is_kept_unchanged(seeds):
    from analysis.corpus import BUNDLED_CORPUS

    for key, article in seeds.items():
        assert article.text == (BUNDLED_CORPUS / f"{key}.txt").read_text(encoding="utf-8")


def test_page_chrome_is_marked_not_removed(seeds):
    article = seeds["002_7b63db9cdc682f58"]
    chrome = {article.text[s:e]: why for s, e, why in article.chrome}
    assert chrome["4 دقيقة قراءة"] == "reading time"
    assert chrome["- مساحة اعلانية-"] == "advertisement slot"
    assert chrome["شارك هذه المقالة"] == "share button"
    assert "4 دقيقة قراءة" in article.text and "4 دقيقة قراءة" not in article.body
    assert len(article.body) == len(article.text)
    assert "المصدر: رويترز" in article.body  # the wire credit is content, not chrome


def test_repeated_captions_date_line_and_font_buttons_are_chrome(seeds):
    article = seeds["004_c951edba429ed671"]
    reasons = [(article.text[s:e], why) for s, e, why in article.chrome]
    assert reasons.count(("زعيما روسيا وكوريا الشمالية، أرشيفية", "photo caption")) == 2
    assert ("الجمعة، 22 نوفمبر 2024", "date line of the page") in reasons
    assert ("A A", "font size buttons") in reasons
    assert article.title == "5 ملايين قذيفة مدفعية من كوريا الشمالية لروسيا قبل زيارة بوتين"


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("cp1256", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_encodings_are_detected(encoding, prefix):
    text, _ = decode(prefix + SENTENCE.encode(encoding))
    assert text == SENTENCE


def test_encoded_files_load_as_the_same_article(tmp_path):
    for encoding in ("cp1256", "utf-16", "utf-8-sig"):
        (tmp_path / f"a_{encoding}.txt").write_bytes(SENTENCE.encode(encoding))
    loaded = load_paths([tmp_path])
    assert [a.text for a in loaded.articles] == [SENTENCE] * 3
    assert loaded.problems == []


def test_bad_files_are_reported_and_the_rest_still_load():
    loaded = load_files(
        [
            ("empty.txt", b""),
            ("image.txt", bytes(range(256)) * 4),
            ("notes.pdf", b"%PDF-1.4"),
            ("good.txt", SENTENCE.encode()),
        ]
    )
    assert [a.id for a in loaded.articles] == ["good"]
    assert loaded.problems == [
        "empty.txt is empty.",
        "image.txt does not look like text (binary data?); save it as UTF-8 text.",
        "notes.pdf: unsupported file type; use .txt, .csv, .jsonl, .json, .html, .htm.",
    ]


def test_csv_and_jsonl_carry_metadata():
    csv_bytes = ('id,outlet,date,text\nx1,الجزيرة,2023-09-05,"' + SENTENCE + '"\n').encode()
    jsonl = json.dumps(
        {"content": SENTENCE, "source": "okaz", "date_extracted": "2015-07-21 10:00:00"}, ensure_ascii=False
    ).encode()
    loaded = load_files([("a.csv", csv_bytes), ("b.jsonl", jsonl)])
    first, second = loaded.articles
    assert (first.id, first.outlet, str(first.published)) == ("x1", "الجزيرة", "2023-09-05")
    assert (second.id, second.outlet, str(second.published)) == ("b-1", "okaz", "2015-07-21")


def test_csv_without_a_text_column_says_which_columns_it_found():
    loaded = load_files([("a.csv", "title,outlet\nx,y\n".encode())])
    assert loaded.articles == []
    assert loaded.problems == [
        "a.csv has no text column; name one of its columns text, content, body (found: title, outlet)."
    ]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_paths([tmp_path / "nope"])


# ---------------------------------------------------------------- bad input, each built for real

ENGLISH = "Seoul found at least 10,000 shipping containers sent from North Korea to Russia."


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("article.txt", SENTENCE)
    return out.getvalue()


def web_page(body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n") if line.strip())
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        "<title>كوريا الشمالية ترسل حاويات إلى روسيا</title>"
        '<script>var ad = "<p>إعلان لا يقرأ</p>";</script><style>p { color: red }</style></head>'
        '<body><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav>'
        f"<article><h1>كوريا الشمالية ترسل حاويات إلى روسيا</h1>{paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("cp1256", b"")],
)
def test_utf16_with_or_without_bom_and_cp1256_load(encoding, bom):
    loaded = load_files([("a.txt", bom + SENTENCE.encode(encoding))])
    assert [a.text for a in loaded.articles] == [SENTENCE] and loaded.issues == []


def test_whitespace_only_is_empty_and_a_png_or_zip_renamed_txt_is_named():
    loaded = load_files(
        [
            ("blank.txt", b" \n\t\r\n"),
            ("photo.txt", png_bytes()),
            ("story.txt", zip_bytes()),
            ("good.txt", SENTENCE.encode("utf-8")),
        ]
    )
    assert [a.id for a in loaded.articles] == ["good"]
    assert loaded.problems == [
        "blank.txt is empty.",
        "photo.txt is a PNG image, not text; save the article as UTF-8 text.",
        "story.txt is a ZIP archive (or .docx/.xlsx), not text; save the article as UTF-8 text.",
    ]


def test_text_without_arabic_loads_with_a_note():
    loaded = load_files([("english.txt", ENGLISH.encode()), ("arabic.txt", SENTENCE.encode())])
    assert [a.text for a in loaded.articles] == [ENGLISH, SENTENCE]
    assert loaded.problems == []
    assert loaded.notes == [
        "english.txt: loaded, but it has no Arabic letters; Marsad finds names and numbers in Arabic text only."
    ]


def test_html_page_gives_its_article_text_title_and_no_menus_scripts_or_footer(seeds):
    body = seeds["002_7b63db9cdc682f58"].text
    page = web_page(body)
    for name in ("page.html", "page.htm", "pasted.txt"):
        [article] = load_files([(name, page.encode("utf-8"))]).articles
        assert article.title == "كوريا الشمالية ترسل حاويات إلى روسيا"
        assert "وقال مستشار الأمن القومي الأمريكي جيك سوليفان للصحفيين في البيت الأبيض" in article.text
        for chrome in ("الرئيسية", "رياضة", "جميع الحقوق محفوظة", "إعلان لا يقرأ", "<p>", "color: red"):
            assert chrome not in article.text
    blank = load_files([("blank.html", b"<html><body><nav></nav></body></html>")])
    assert blank.articles == [] and blank.problems == ["blank.html is a web page with no article text in it."]


def test_csv_with_broken_quoting_says_where_and_how_to_fix():
    unclosed = f'id,text\n1,"{SENTENCE}\n2,{SENTENCE}\n'.encode()
    extra = f"id,text\n1,{SENTENCE}\n2,نص فيه، فاصلة, وفاصلة أخرى\n".encode()
    loaded = load_files([("unclosed.csv", unclosed), ("extra.csv", extra), ("ok.txt", SENTENCE.encode())])
    assert [a.id for a in loaded.articles] == ["ok"]
    assert loaded.problems == [
        "unclosed.csv line 2: broken CSV (unexpected end of data); put every text that holds a comma, "
        'a quote or a line break in "double quotes" and write a quote inside it as "".',
        'extra.csv row 3 has more cells than the header has columns; put a text holding commas in "double quotes".',
    ]


def test_a_long_article_in_a_csv_cell_loads():
    long_text = (SENTENCE + "\n") * 3000  # 250 KB, past the csv module's default field limit
    [article] = load_files([("long.csv", ('text\n"' + long_text + '"\n').encode())]).articles
    assert article.text == long_text.strip()


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path):
    from analysis.corpus import MAX_FILE_MB

    big = tmp_path / "huge.csv"
    with big.open("wb") as f:  # sparse: 201 MB on paper, nothing written
        f.truncate((MAX_FILE_MB + 1) * 2**20)
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    loaded = load_paths([tmp_path])
    assert [a.id for a in loaded.articles] == ["ok"]
    assert loaded.problems == ["huge.csv is 201 MB; the limit is 200 MB per file: split it into smaller files."]
    in_memory = load_files([("huge.txt", b"x" * (MAX_FILE_MB * 2**20 + 1))])
    assert in_memory.problems == ["huge.txt is 200 MB; the limit is 200 MB per file: split it into smaller files."]


def test_ten_thousand_tiny_files_load_and_their_problems_come_grouped(tmp_path):
    for i in range(10_000):
        data = b"" if i % 100 == 0 else png_bytes() if i % 100 == 1 else SENTENCE.encode()
        (tmp_path / f"{i:05d}.txt").write_bytes(data)
    loaded = load_paths([tmp_path])
    assert len(loaded.articles) == 9_800 and len(loaded.problems) == 200
    assert loaded.summary() == [
        "00000.txt is empty. And 99 more files like it: 00100.txt, 00200.txt, 00300.txt, …",
        "00001.txt is a PNG image, not text; save the article as UTF-8 text. And 99 more files like it: "
        "00101.txt, 00201.txt, 00301.txt, …",
    ]


def test_a_few_problems_are_listed_one_by_one():
    loaded = load_files([("a.txt", b""), ("b.txt", b"")])
    assert loaded.summary() == ["a.txt is empty.", "b.txt is empty."]


def test_json_that_is_not_objects_says_what_is_expected():
    # found by tests/test_properties.py: a .json holding a bare number
    loaded = load_files(
        [("n.json", b"5"), ("s.jsonl", b'"text"\n'), ("ok.json", json.dumps({"text": SENTENCE}).encode())]
    )
    assert [a.text for a in loaded.articles] == [SENTENCE]
    assert loaded.problems == [
        'n.json: expected one object per article, such as {"text": "..."}.',
        's.jsonl: expected one object per article, such as {"text": "..."}.',
    ]
