import json

import pytest

from analysis.corpus import CorpusError, decode, load_files, load_paths

SENTENCE = "اكتشفت سيئول ما لا يقل عن 10 آلاف حاوية شحن مرسلة من كوريا الشمالية إلى روسيا."


def test_bundled_corpus_has_five_articles_with_their_metadata(seeds):
    assert len(seeds) == 5
    outlets = {key[:3]: a.outlet for key, a in seeds.items()}
    assert outlets == {"000": "القاهرة الإخبارية", "001": "unknown", "002": "رايت رايتس",
                       "003": "unknown", "004": "Egypt Telegraph"}
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


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""),
                                             ("cp1256", b""), ("utf-16-le", b"\xff\xfe")])
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
    loaded = load_files([("empty.txt", b""), ("image.txt", bytes(range(256)) * 4),
                         ("notes.pdf", b"%PDF-1.4"), ("good.txt", SENTENCE.encode())])
    assert [a.id for a in loaded.articles] == ["good"]
    assert loaded.problems == [
        "empty.txt is empty.",
        "image.txt does not look like text (binary data?); save it as UTF-8 text.",
        "notes.pdf: unsupported file type; use .txt, .csv, .jsonl or .json.",
    ]


def test_csv_and_jsonl_carry_metadata():
    csv_bytes = ("id,outlet,date,text\nx1,الجزيرة,2023-09-05,\"" + SENTENCE + "\"\n").encode()
    jsonl = json.dumps({"content": SENTENCE, "source": "okaz", "date_extracted": "2015-07-21 10:00:00"},
                       ensure_ascii=False).encode()
    loaded = load_files([("a.csv", csv_bytes), ("b.jsonl", jsonl)])
    first, second = loaded.articles
    assert (first.id, first.outlet, str(first.published)) == ("x1", "الجزيرة", "2023-09-05")
    assert (second.id, second.outlet, str(second.published)) == ("b-1", "okaz", "2015-07-21")


def test_csv_without_a_text_column_says_which_columns_it_found():
    loaded = load_files([("a.csv", "title,outlet\nx,y\n".encode())])
    assert loaded.articles == []
    assert loaded.problems == ["a.csv has no text column; name one of its columns text, content, body "
                               "(found: title, outlet)."]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_paths([tmp_path / "nope"])
