"""What an event is about, in a few words: its actors (the entities its sentences name, the
rarest first) and the key words of its dated sentence (words rare across the dated sentences,
stopwords, names and date words left out), so a timeline reads "بوتين، كيم — زيارة صفقة أسلحة"
instead of a row named by outlets."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

import pandas as pd

from .compare import arabic_stopwords
from .dates import MONTH_OF, WEEKDAYS
from .quotes import BACK_REFERENCES, load_speech_verbs
from .text import normalize

_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3][\u0621-\u065f\u0670-\u06d3\u0640]*")
_DATE_WORDS = (
    {w for name in MONTH_OF for w in name.split()}
    | set(WEEKDAYS)
    | {
        "يوم",
        "اليوم",
        "امس",
        "الماضي",
        "المقبل",
        "الجاري",
        "القادم",
        "الشهر",
        "العام",
        "الاسبوع",
        "عام",
        "شهر",
        "عاما",
        "اعوام",
        "سنوات",
        "سنه",
        "ايام",
        "اسابيع",
        "اشهر",
        "اواخر",
        "اوائل",
        "منتصف",
        "مطلع",
        "بدايه",
        "نهايه",
        "وقت",
        "سابق",
        "لاحق",
        "الايام",
        "المقبله",
        "الاخيره",
        "الاولى",
        "مره",
    }
)
# words of reporting, not of what happened: "قالت صحيفة ... نقلا عن مصادر"
_REPORTING = BACK_REFERENCES | {
    "صحيفه",
    "مصادر",
    "مسؤول",
    "مسؤولين",
    "مسؤولون",
    "نقلا",
    "وفقا",
    "بحسب",
    "تقرير",
    "اميركيه",
    "امريكيه",
    "اميركي",
    "امريكي",
    "امريكيين",
    "اميركيين",
    "غربيه",
    "الصحيفه",
    "الوكاله",
    "بيان",
    "الرئيس",
    "الزعيم",
    "وزير",
    "تصريحات",
}


def _bare(word: str) -> str:
    """A normalised word without the conjunction و or ف before it: "والثلاثاء" -> "الثلاثاء"."""
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word


def key_words(sentences: pd.Series, names: Mapping[str, str], top: int = 3) -> list[tuple[str, ...]]:
    """For each sentence, its `top` most telling words as written, in sentence order: the words
    whose normalised form is rarest across `sentences` (idf), not a stopword, a date word, a
    word of an entity name in `names` (values: names as written), nor shorter than 3 letters."""
    names_words = {w for n in names.values() for w in normalize(str(n)).split()}
    stop = arabic_stopwords() | _DATE_WORDS | _REPORTING | set(load_speech_verbs().gloss) | names_words
    stop |= {"ال" + w for w in stop}

    def telling(word: str) -> bool:
        bare = _bare(word)
        return (
            len(bare) >= 3
            and not bare.isdigit()
            and word not in stop
            and bare not in stop
            and not any(bare.startswith(c) and bare[len(c) :] in names_words for c in ("ب", "ل", "لل", "بال", "ال"))
        )

    read: dict[str, tuple[str, bool]] = {}  # a word as written -> (bare normalised form, telling)

    def word(written: str) -> tuple[str, bool]:
        if written not in read:
            normal = normalize(written)
            read[written] = (_bare(normal), telling(normal))
        return read[written]

    tokens = [
        [(bare, w) for w in _WORD.findall(s) for bare, told in (word(w),) if told]
        for s in (sentences.tolist() if isinstance(sentences, pd.Series) else sentences)
    ]
    seen = Counter(n for words in tokens for n in {n for n, _ in words})
    total = max(len(tokens), 1)
    chosen = []
    for words in tokens:
        unique = list(dict.fromkeys(words))
        scored = sorted(range(len(unique)), key=lambda i: (-math.log(total / seen[unique[i][0]]), i))[:top]
        chosen.append(tuple(unique[i][1] for i in sorted(scored)))
    return chosen


def event_labels(
    points: pd.DataFrame,
    names: Mapping[str, str],
    counts: Mapping[str, int] | None = None,
    actors: int = 2,
    top: int = 3,
) -> pd.DataFrame:
    """Per event (event_points rows): `actors` (up to `actors` entity names, those named in
    fewer dated sentences first: the specific before the ever-present), `words` (key_words of
    its first sentence) and `label`, both joined: "فلاديمير بوتين، كيم جونغ أون — زيارة فلاديفوستوك".
    `names` maps entity ids to the names to show; `counts` (entity -> dated sentences naming it)
    defaults to the events' own."""
    if counts is None:
        counts = Counter(e for ents in points["entities"] for e in ents)
    chosen_actors = [
        tuple(names.get(e, e) for e in sorted(ents, key=lambda e: (counts.get(e, 0), e))[:actors])
        for ents in points["entities"]
    ]
    words = key_words(points["sentence"], names, top)
    labels = [" — ".join(p for p in ("، ".join(a), " ".join(w)) if p) for a, w in zip(chosen_actors, words)]
    return pd.DataFrame({"event": points["event"].to_numpy(), "actors": chosen_actors, "words": words, "label": labels})
