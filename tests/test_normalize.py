"""normalize() is one str.translate; it must stay exactly camel-tools' normalisers in a row."""

import json
import re
import zipfile
from pathlib import Path

import pytest
from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

from analysis.corpus import load_bundled
from analysis.text import ARABIC_DIACRITICS, INVISIBLE, TATWEEL, dediacritize, normalize, normalize_with_offsets

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"
DROPPED = re.compile("[" + re.escape("".join(AR_DIAC_CHARSET) + TATWEEL + INVISIBLE) + "]")


def camel_normalize(text: str) -> str:
    """The normalisation as it was written before: camel-tools' functions one after the other."""
    text = DROPPED.sub("", dediac_ar(text))
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,."))


def real_texts() -> list[str]:
    texts = [a.text for a in load_bundled().articles]
    archives = sorted(SAUDINEWSNET.glob("*.zip"))[:1]
    for path in archives:
        with zipfile.ZipFile(path) as archive:
            texts += [r["content"] for name in archive.namelist() for r in json.loads(archive.read(name))][:300]
    return texts


def test_the_diacritics_dropped_are_camel_tools_own():
    assert sorted(ARABIC_DIACRITICS) == sorted(AR_DIAC_CHARSET)
    for text in real_texts()[:100] + ["أُوكْرانيـا"]:
        assert dediacritize(text) == dediac_ar(text)


@pytest.mark.parametrize("text", ["أُوكْرانيـا", "إلى مستشفى", "٥ ملايين قذيفة", "آلاف\u200fالصواريخ", "ٱلقرآن"])
def test_normalize_is_camel_tools(text):
    assert normalize(text) == camel_normalize(text)


def test_normalize_and_offsets_on_real_articles():
    for text in real_texts():
        nt = normalize_with_offsets(text)
        assert nt.normalized == camel_normalize(text)
        kept = [i for i, c in enumerate(text) if not DROPPED.match(c)] + [len(text)]
        assert list(nt.offsets) == kept
