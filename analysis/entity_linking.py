"""Names a NER model finds, linked to entities: the lexicon's id where the lexicon knows the
name, otherwise one entity per name whatever its spelling.

Transliterated names are written many ways: كيم جونغ أون، كيم جونج أون، كيم يونج أون;
بيونغ يانغ، بيونغيانغ; فلاديمير بوتين، بوتن. `merge_key` folds what the spellings vary
(ج/غ/ق for g, the long-vowel letters و/ي/ا, hamza seats, ة/ه, ى/ي, spaces and hyphens inside a
name), so all of them get one id ("ner:" + key). Arabic given names (data/arabic_given_names.csv)
keep their letters: محمد is not محمود, سعد not سعيد. Titles (data/titles.csv: الرئيس، اللواء،
شركة...) are not part of a name, and a first name or surname alone ("بوتين", "وكيم") is the full
name the same article gives.
"""

from __future__ import annotations


import csv
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .corpus import DATA_DIR, Article
from .entities import entity_matcher, extract_entities
from .lexicon import Entry, Matcher, is_word_char, nisba_forms, normalized_key
from .spans import ByStart, Span
from .text import normalize_with_offsets, without_marks

TITLES_FILE = DATA_DIR / "titles.csv"
GIVEN_NAMES_FILE = DATA_DIR / "arabic_given_names.csv"
NER_PREFIX = "ner:"
_PROCLITIC = re.compile(r"^(?:[وف]?[بل]|[وف])(?=\w{3})")
_WORD = re.compile(r"[^\s\-–]+")
_G = str.maketrans({"غ": "ج", "ق": "ج", "ؤ": "و", "ئ": "ي", "ء": None})
_VOWELS = re.compile("[اوي]")
_BARE_WORD = re.compile(r"\w+")
# Words that join a name's parts and never stand for the person alone.
_MINISTER = {"وزير", "وزيره", "الوزير", "وزيرا"}
_JOINERS = {"بن", "بنت", "ابن", "ابو", "ام", "عبد", "ال", "الدين", "اول", "الثاني", "الثالث"}


@lru_cache(maxsize=4)
def read_titles(path: Path = TITLES_FILE) -> dict[str, tuple[tuple[str, ...], ...]]:
    """type -> titles as word tuples (normalised), longest first: {"person": (("ولي", "العهد"), ...)}."""
    titles: dict[str, list] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            words = tuple(normalized_key(row["title"]).split())
            if words:
                titles.setdefault(row["applies_to"].strip(), []).append(words)
    return {kind: tuple(sorted(set(ws), key=len, reverse=True)) for kind, ws in titles.items()}


@lru_cache(maxsize=4)
def read_given_names(path: Path = GIVEN_NAMES_FILE) -> frozenset[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return frozenset(normalized_key(row["name"]) for row in csv.DictReader(f) if row["name"].strip())


def _word_key(word: str, given: frozenset[str], first: bool) -> str:
    """One word's part of the merge key: "بوتين" and "بوتن" -> "بتن"; "يونج" -> "جنج" (a
    word-initial y before و is the j of Korean names: كيم يونج أون = كيم جونج أون); a vowel
    letter starting a later word is dropped too ("يانج" -> "نج", so بيونج يانج = بيونجيانج).
    Arabic given names keep their letters."""
    if word in given or (word.startswith("ال") and word[2:] in given):
        return word
    word = word.translate(_G)
    if word.startswith("يو"):
        word = "ج" + word[1:]
    if word.endswith("ه") and len(word) > 3:
        word = word[:-1]  # أندريه / أندري
    if first and word[:1] in "اوي":
        return word[0] + _VOWELS.sub("", word[1:])
    return _VOWELS.sub("", word)


@lru_cache(maxsize=1 << 16)  # pure: the same names come back in every article
def merge_key(name: str) -> str:
    """The key every spelling of one name shares: "كيم جونغ أون", "كيم جونج أون" and
    "كيم يونج أون" -> "كمجنجن"; "بيونغ يانغ" = "بيونج يانج" = "بيونغيانغ" -> "بنجنج";
    "فلاديمير بوتين" = "فلاديمير بوتن". Spaces and hyphens do not count, nor an article in
    front ("الحوثي" = "حوثي")."""
    given = read_given_names()
    words = _WORD.findall(normalized_key(name))
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return "".join(_word_key(w, given, i == 0) for i, w in enumerate(words))


def core_of(text: str, start: int, end: int, kind: str, matcher: Matcher) -> tuple[int, int]:
    """[start, end) of the name itself inside a model span: a proclitic, titles and the
    adjectives after them (الرئيس الروسي), and a nisba at the end after a stripped title
    (شركة روساتوم الروسية) or after a one-word name (روساتوم الروسية) left out. "الرئيس الروسي فلاديمير بوتين" -> "فلاديمير بوتين".
    A person's description before "يدعى" and a title or preposition after the name go too
    ("شاهد عيان يدعى أحمد اكاي" -> "أحمد اكاي", "علي أبو ساق شيخ" -> "علي أبو ساق"); a news
    agency is its name ("وكالة دوجان للأنباء", "الأناضول الحكومية التركية")."""
    rank = kind == "person" and _after_rank(text, start)  # "اللواء [البحري عواد ...]"
    c0, c1 = _core_in(text[start:end], kind, rank, matcher)
    return start + c0, start + c1


@lru_cache(maxsize=1 << 16)  # the same names come back in every article: worked out once each
def _core_in(text: str, kind: str, rank: bool, matcher: Matcher) -> tuple[int, int]:
    """core_of within one model span's own text (`rank`: a military rank comes before it)."""
    start, end = 0, len(text)
    by_first = _titles_by_first_word()
    words = [(m.start(), m.end(), normalized_key(m.group())) for m in _WORD.finditer(text)]
    nisbas = _nisba_words(matcher)
    words = _person_words(text, words) if kind == "person" else _agency_words(words, nisbas)
    if not words:
        return start, end
    i, stripped, last_title = 0, False, ()
    while i < len(words):
        forms = [w for _, _, w in words[i:]]
        bare = _PROCLITIC.sub("", forms[0]) if forms else ""
        candidates = sorted(
            by_first.get(bare, []) + (by_first.get(forms[0], []) if forms and forms[0] != bare else []),
            key=len,
            reverse=True,
        )
        title = next(
            (t for t in candidates if tuple([bare] + forms[1 : len(t)]) == t or tuple(forms[: len(t)]) == t), None
        )
        if title and len(words) - i > len(title):
            i += len(title)
            stripped, last_title = True, title
            rank = len(title) == 1 and title[0] in _RANKS
            continue
        if stripped and forms[0] in nisbas and len(words) - i > 1:
            i += 1  # الرئيس الروسي ...
            continue
        if rank and (_nisba_shaped(forms[0]) or forms[0] == "الركن") and len(words) - i > 2:
            i += 1  # اللواء البحري عواد بن عيد البلوي: the rank's qualifier
            rank = False
            continue
        if last_title and last_title[-1] in _MINISTER and forms[0].startswith("ال") and len(words) - i > 2:
            i += 1  # وزير النقل (اليمني) بدر باسلمة: the portfolio
            last_title = ()
            continue
        break
    j = len(words)
    while j - i > 1 and words[j - 1][2] in nisbas and (stripped or j - i == 2):
        j -= 1  # "روساتوم الروسية" -> روساتوم, but "الخطوط الجوية السعودية" stays whole
    k = j
    while k - i > 1 and (words[k - 1][2] in nisbas or words[k - 1][2] in _STATE_ADJECTIVES):
        k -= 1
    if k - i == 1 and any(w in _STATE_ADJECTIVES for _, _, w in words[k:j]):
        if merge_key(_unquoted(words[i][2])) in _lexicon_keys(matcher):
            j = k  # "الأناضول الحكومية التركية" is anadolu; "القوات الحكومية العراقية" stays whole
    if i >= j:
        return start, end
    c0, c1 = words[i][0], words[j - 1][1]
    opening = _OPENING_QUOTE.match(text, c0, c1)
    told = None if opening else _TOLD_QUOTE.search(text, c0 + 1, c1)
    if told and told.end() < c1:  # "مصادر كردية سورية لـ«الشرق الأوسط": the name after "told" (لـ)
        c0 = told.start()
        opening = _OPENING_QUOTE.match(text, c0, c1)
    if opening and opening.end() < c1:
        c0 = opening.end()  # 'وكالة أنباء «الأناضول' -> الأناضول, 'لـ«الشرق الأوسط' -> الشرق الأوسط
        close = next((k for k in range(c0, c1) if text[k] in _QUOTE_MARKS), c1)
        c1 = close if close > c0 else c1  # '«ائتلاف عدن للإغاثة» لـ«الشرق' -> ائتلاف عدن للإغاثة
    while c1 > c0 + 1 and text[c1 - 1] in _QUOTE_MARKS:
        c1 -= 1
    return c0, c1


# Words that end a person's description and introduce the name: "شاهد عيان يدعى أحمد اكاي".
_NAMING_WORDS = {"يدعي", "تدعي", "ويدعي", "وتدعي", "المدعو", "المدعوه", "اسمه", "اسمها"}
# Prepositions and adverbs a model span may run into after a name: "هاشمي أمام (السجن)".
_AFTER_NAME = {
    "امام",
    "خلال",
    "عند",
    "لدي",
    "بعد",
    "قبل",
    "حول",
    "ضد",
    "داخل",
    "خارج",
    "امس",
    "اليوم",
    "في",
    "من",
    "الي",
    "عن",
    "مع",
}  # not علي (a name)
# What a state agency is, after its name: "الأناضول الحكومية التركية".
_STATE_ADJECTIVES = {"الحكوميه", "الحكومي", "الرسميه", "الرسمي", "شبه"}
_AGENCY, _NEWS, _OF_NEWS = "وكاله", {"انباء", "الانباء"}, "للانباء"


def _person_words(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person span's words without the description before a naming word ("شاهد عيان يدعى")
    and without what follows the name: a title or role ("علي أبو ساق شيخ (شمل)") or a
    preposition ("هاشمي أمام"). A role after the name is indefinite ("شيخ", "مدير"): "السيد"
    introduces a name, and "آل الشيخ" is a surname."""
    named = [k for k, (_, _, w) in enumerate(words[:-1]) if w in _NAMING_WORDS]
    if named:
        words = words[named[-1] + 1 :]
    for k in range(1, len(words)):
        s, e, w = words[k]
        if w in _AFTER_NAME and (w != "امام" or text[s:e] == "أمام"):  # not the surname إمام (حازم إمام)
            return words[:k]
        if k >= 2 and w in _ROLES_AFTER_NAME and words[k - 1][2] not in _JOINERS:  # "شيخ شمل"
            return words[:k]
    return words


@lru_cache(maxsize=1 << 16)
def _person_surface(span_text: str) -> str:
    """A model span as written, less what follows the name ("برودكين" of "برودكين أمام"): the
    words a one-word name is looked up by among the article's longer names."""
    words = [(m.start(), m.end(), normalized_key(m.group())) for m in _WORD.finditer(span_text)]
    words = _person_words(span_text, words)
    return span_text[words[0][0] : words[-1][1]] if words else span_text


def _agency_words(words: list[tuple[int, int, str]], nisbas: frozenset[str]) -> list[tuple[int, int, str]]:
    """A news agency's name alone: "وكالة دوجان للأنباء", "وكالة الأنباء دوغان" -> دوجان، دوغان;
    "وكالة الأنباء الكويتية" stays whole (a nisba alone is no name)."""
    if len(words) < 3 or _AGENCY not in (words[0][2], _PROCLITIC.sub("", words[0][2])):
        return words
    if words[1][2] in _NEWS:
        rest = words[2:]
    elif words[-1][2] == _OF_NEWS:
        rest = words[1:-1]
    else:
        return words
    return words if all(w in nisbas or w in _STATE_ADJECTIVES for _, _, w in rest) else rest


# Offices written after a name, indefinite ("علي أبو ساق شيخ شمل قبائل"، "مدير عام"، "عضو مجلس").
# Not every title: many are surnames too (إمام، سلطان، رائد، المفتي، جندي، مهندس).
_ROLES_AFTER_NAME = {"شيخ", "مدير", "رئيس", "رئيسه", "وزير", "وزيره", "محافظ", "مستشار", "متحدث", "ناطق", "عضو", "نائب"}


@lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    """One-word person titles (data/titles.csv): "الدكتور", "اللواء", "السيد"."""
    return frozenset(t[0] for t in read_titles().get("person", ()) if len(t) == 1)


_SON_OF = {"بن", "بنت"}  # not ابن: "ابن خلدون" is a whole name
# A word set off before a name: "، ملهم بن محمد هندي", "الدكتور ملهم بن ...", or a line's start.
_NAME_BEFORE = re.compile(r"(?:^|[،,:؛(\n]|(?<!\w)(?P<title>\w+))[ \t]*(?P<word>[^\W\d]{2,})[ \t]+$")


def _given_name_before(text: str, start: int, end: int) -> int:
    """Where a person's name starts when the model left out the given name before "بن":
    "، ملهم [بن محمد هندي]" -> "ملهم بن محمد هندي" (a full name of three words does not open
    with بن). The word must be a given name the data lists or stand after a comma or a title,
    so that a verb ("أعلن بن ...") is not taken in."""
    words = normalized_key(text[start:end]).split()
    if len(words) < 3 or words[0] not in _SON_OF:
        return start  # "بن سلمان" alone may be how the article names him
    before = _NAME_BEFORE.search(text, max(0, start - 60), start)
    if not before:
        return start
    word = normalized_key(before.group("word"))
    titles = _one_word_titles()
    if word in titles or word in _AFTER_NAME:
        return start
    title = normalized_key(before.group("title") or "")
    if before.group("title") is not None and title not in titles and word not in read_given_names():
        return start
    return before.start("word")


# Military ranks: a qualifier may follow them ("اللواء البحري", "العميد الركن", "الفريق الجوي").
_RANKS = {"اللواء", "العميد", "العقيد", "المقدم", "الرائد", "النقيب", "الملازم", "الفريق", "المشير"}
_QUOTE_MARKS = "\"“”«»'"
_TOLD_QUOTE = re.compile(f"(?<=\\s)[لو]ـ?[{_QUOTE_MARKS}]")  # inside a name: "لـ«" opens another
_OPENING_QUOTE = re.compile(f"(?:[وفبلك]ـ?)?[{_QUOTE_MARKS}]+")  # with a proclitic written onto it: لـ«


def _unquoted(word: str) -> str:
    return word.strip(_QUOTE_MARKS)


def _after_rank(text: str, start: int) -> bool:
    """Does a military rank come right before `start` ("اللواء" before a span "البحري عواد ...")?"""
    before = text[max(0, start - 30) : start]
    # its last word if a space follows: what (\S+)\s+$ finds, without a search from every position
    words = before.split() if before[-1:].isspace() else ()
    word = normalized_key(words[-1]) if words else ""
    return word in _RANKS or _PROCLITIC.sub("", word) in _RANKS


def _agency_name(alias: str, nisbas: frozenset[str]) -> str:
    """An agency's own name in a lexicon alias: "وكالة الأناضول" -> "الأناضول" (the model finds
    "الأناضول الحكومية التركية"); "" when none ("وكالة الأنباء الفرنسية": a nisba alone)."""
    words = normalized_key(alias).split()
    if len(words) < 2 or words[0] != _AGENCY:
        return ""
    rest = [w for w in words[1:] if w not in _NEWS and w != _OF_NEWS]
    if not rest or all(w in nisbas or _nisba_shaped(w) for w in rest):
        return ""
    return " ".join(rest)


def _nisba_shaped(word: str) -> bool:
    """A definite adjective of relation: "البحري", "الجوية" (a name word rarely looks so)."""
    return word.startswith("ال") and len(word) > 5 and word.endswith(("ي", "يه"))


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    """Every title whatever the model's type ("مدينة كوباني" is a place if the model says
    organisation), by its first word, the longest first: a word is tried against its own few."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in sorted({t for ts in read_titles().values() for t in ts}, key=len, reverse=True):
        by_first.setdefault(title[0], []).append(title)
    return by_first


@lru_cache(maxsize=8)
def _nisba_words(matcher: Matcher) -> frozenset[str]:
    """Every inflected one-word nisba form the lexicon knows: الروسي، الروسية، روسيون..."""
    return frozenset(
        form for e in matcher.entries.values() for stem in e.nisbas for form in nisba_forms(stem) if " " not in form
    )


def _short_word(word: str) -> str:
    """A name word without its proclitic: "وكيم" -> "كيم"."""
    return _PROCLITIC.sub("", normalized_key(word))


# An institution named after a person ("جامعة الملك عبدالعزيز", "مستشفى الأمير سلطان"): the model
# may end the organisation at the title and take the name after it for a person.
_NAMED_AFTER = re.compile(r"(?:^|\s)(?:ال|بال|وال|لل)?(?:ملك|امير|شيخ|سلطان|امام)$")


def _named_after_people(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's names with an organisation that ends in a title and the person named right
    after it joined into one organisation."""
    out: list[tuple[int, int, str]] = []
    for s, e, kind in sorted(found):
        if (
            kind == "person"
            and out
            and out[-1][2] == "organisation"
            and not text[out[-1][1] : s].strip()
            and _NAMED_AFTER.search(normalized_key(text[out[-1][0] : out[-1][1]]))
        ):
            out[-1] = (out[-1][0], e, "organisation")
            continue
        out.append((s, e, kind))
    return out


def link_entities(
    article: Article, found: list[tuple[int, int, str]], matcher: Matcher | None = None, nisba: bool = False
) -> list[Span]:
    """Lexicon spans plus the model's names the lexicon does not cover, in text order, each
    with data["source"] "lexicon" or "model". A model name is the lexicon's entity when a
    lexicon name covers it ("وبيونغ يانغ" -> pyongyang), when its merge key is a lexicon
    alias's ("كيم جونج أون"), or when it is one word of a lexicon or model name the article
    gives in full ("وكيم" -> kim_jong_un). A model name that holds a lexicon place among
    other words is a name of its own too ("جامعة موسكو": the university and Moscow); a nisba
    inside it never hides it ("شركة روساتوم الروسية" -> روساتوم)."""
    matcher = matcher or entity_matcher()
    lexicon = extract_entities(article, matcher, nisba=True)
    names = [s for s in lexicon if not s.data["nisba"]]
    text = article.text
    by_key = _lexicon_keys(matcher)
    hit, new = set(), []  # lexicon spans the model found too; (start, end, kind, core) of new names
    names = ByStart(names)  # overlaps found by bisection: linear in a long article
    for s, e, kind in _named_after_people(text, found):
        if kind == "person":
            s = _given_name_before(text, s, e)
        covering = names.overlapping(s, e)
        core = core_of(text, s, e, kind, matcher)
        hit.update(id(l) for l in covering)
        places_inside = (
            covering
            and kind == "organisation"
            and all(
                matcher.entries[l.label].fields.get("type") == "place" and l.start >= s and l.end <= e for l in covering
            )
        )
        if covering and not (places_inside and _outside(text, core, covering)):
            continue  # the lexicon has it
        if _not_a_name(text[core[0] : core[1]], kind, matcher):
            continue  # "الرئيس" or "الروسي" alone
        new.append((s, e, kind, core))
    spans = [
        Span(l.article, l.start, l.end, l.text, l.kind, l.label, {**l.data, "source": "lexicon", "ner": id(l) in hit})
        for l in lexicon
        if nisba or not l.data["nisba"]
    ]  # not dataclasses.replace: it reads the fields anew for each of the lexicon's many spans
    model = _new_entities(article, new, names, matcher, by_key)
    spans += model + _repeated(article, model, spans + model)
    return sorted(spans, key=lambda span: (span.start, span.end))


def _repeated(article: Article, model: list[Span], taken: list[Span]) -> list[Span]:
    """The model's names again where the article repeats them and the model missed them: the
    same name ("روساتوم" once tagged, once not) and a person's surname alone ("وقال الأحمدي"
    after "علي الأحمدي"). Given names, titles and short words are not looked for alone."""
    given = read_given_names()
    phrases: dict[str, Span] = {}
    for span in model:
        name = span.data["name"]
        if len(name) >= 4:
            phrases.setdefault(name, span)
        words = name.split()
        if span.data["type"] == "person" and len(words) > 1:
            last = words[-1]
            if (
                len(last) >= 4
                and last not in given
                and last[2:] not in given
                and last not in _JOINERS
                and (last,) not in _title_set("person")  # "أحمد لطفي السيد", then "السيد" is "Mr."
            ):
                phrases.setdefault(last, span)
    if not phrases:
        return []
    entries = [
        Entry(str(i), {"type": span.data["type"]}, (phrase,)) for i, (phrase, span) in enumerate(phrases.items())
    ]
    owners = list(phrases.values())
    taken = ByStart(taken)  # overlaps by bisection: linear in a long article
    found = []
    for hit in Matcher(entries).find(article.id, article.body, "entity"):
        if taken.overlapping(hit.start, hit.end):
            continue
        span = owners[int(hit.label)]
        found.append(
            replace(
                span,
                start=hit.start,
                end=hit.end,
                text=hit.text,
                data={
                    **span.data,
                    "ner": False,
                    "short_form": hit.data["alias"] != normalized_key(span.data["name"]),
                    "variant": hit.data["variant"],
                },
            )
        )
    return found


@lru_cache(maxsize=1 << 16)
def _not_a_name(core: str, kind: str, matcher: Matcher) -> bool:
    """A title or a nisba alone, an initial, or no letters: what a model sometimes tags as a
    name. A title with the article is the one the text has just named ("المدينة", "الشركة": the
    city, the company)."""
    key = _PROCLITIC.sub("", normalized_key(core))
    words = tuple(key.split())
    titles = _title_set(kind)
    return (
        len(key) < 2
        or not any(c.isalpha() for c in key)
        or (len(key) <= 3 and key.endswith("."))  # an initial: "سي." of "سي. إن. إن."
        or key in _nisba_words(matcher)
        or words in titles
        or (len(words) == 1 and any(_is_title_alone(form, titles) for form in _without_proclitics(key)))
    )


def _is_title_alone(word: str, titles: frozenset[tuple[str, ...]]) -> bool:
    """ "حي", "المدينة": a one-word title, or one with the article (the thing just named)."""
    return (word,) in titles or (word.startswith("ال") and (word[2:],) in titles)


@lru_cache(maxsize=8)
def _title_set(kind: str) -> frozenset[tuple[str, ...]]:
    """The titles of a type and those of any type, as a set of word tuples."""
    titles = read_titles()
    return frozenset(titles.get(kind, ()) + titles.get("any", ()))


def _outside(text: str, core: tuple[int, int], covering: list[Span]) -> list[str]:
    """The words of a model name that no lexicon span covers ("جامعة" in "جامعة موسكو")."""
    words = []
    for m in _WORD.finditer(text[core[0] : core[1]]):
        at = core[0] + m.start()
        if not any(l.start <= at < l.end for l in covering):
            words.append(m.group())
    return words


@lru_cache(maxsize=8)
def _lexicon_keys(matcher: Matcher) -> dict[str, str]:
    """merge key -> entity id of every person, place and organisation alias with one owner, and
    of a news agency's own name ("الأناضول" of وكالة الأناضول)."""
    owners: dict[str, set] = {}
    nisbas = _nisba_words(matcher)
    for entry in matcher.entries.values():
        if entry.fields.get("type") not in ("person", "place", "organisation", "media"):
            continue
        media = entry.fields.get("type") == "media"  # an outlet by its agency name only: "الأناضول"
        for alias in entry.aliases:
            for name in (_agency_name(alias, nisbas),) if media else (alias,):
                key = merge_key(name) if name else ""
                if len(key) >= 4:  # short keys fold too much ("عمر" and "عامر")
                    owners.setdefault(key, set()).add(entry.id)
    return {key: ids.pop() for key, ids in owners.items() if len(ids) == 1}


def _new_entities(
    article: Article,
    new: list[tuple[int, int, str, tuple[int, int]]],
    names: list[Span],
    matcher: Matcher,
    by_key: dict[str, str],
) -> list[Span]:
    """Spans for the model's names: a lexicon id by merge key, or the one longer person name
    of this article whose words hold this name's words in order ("بوتين", "داود أوغلو",
    "علي صالح" of علي عبدالله صالح), or the one name of this article that is this name and a
    nisba ("مجلس الشيوخ" of مجلس الشيوخ الأميركي), else "ner:" + merge key."""
    text = article.text
    body = None  # the normalised body, read only if a name may start with a proclitic
    cores = []
    for s, e, kind, (c0, c1) in new:
        words = _name_words(normalized_key(text[c0:c1]))
        forms = _without_proclitics(words[0])[1:] if words else ()
        if forms:  # a proclitic comes off where the article also writes the name without it
            body = body or normalize_with_offsets(article.body).normalized
            written = (w for w in forms if len(w) > 2 and _is_a_word_of(w, body))  # "بان" is not "ان" (أن)
            words[0] = next(written, None) or _listed_without_proclitic(words[0], forms)
        bare = " ".join(words) if words else text[c0:c1]
        cores.append((s, e, kind, bare, merge_key(bare), _person_surface(text[s:e]), _as_written(text[c0:c1], words)))
    people = [
        (_word_keys(normalized_key(l.data.get("alias", l.text))), l.label)
        for l in names
        if matcher.entries[l.label].fields.get("type") == "person"
    ]
    people += [
        (_word_keys(bare), by_key.get(key) or NER_PREFIX + key)
        for _, _, kind, bare, key, _, _ in cores
        if kind == "person" and len(bare.split()) > 1
    ]
    nisbas = _nisba_words(matcher)
    with_nisba: dict[tuple[str, str], set[str]] = {}  # (kind, key without the nisba) -> labels
    for _, _, kind, bare, key, _, _ in cores:
        if kind == "person":
            continue
        words = bare.split()
        size = len(words)
        while len(words) > 2 and words[-1] in nisbas:
            words.pop()  # of two words or more: "الحكومة" alone may be any of the article's
        if len(words) < size:
            with_nisba.setdefault((kind, merge_key(" ".join(words))), set()).add(by_key.get(key) or NER_PREFIX + key)
    spans = []
    for s, e, kind, bare, key, surface, written in cores:
        label, short = by_key.get(key), False
        if label is None and kind == "person":
            label = _longer_name(bare, people, surface)
            short = label is not None
        elif label is None and len(with_nisba.get((kind, key), ())) == 1:
            (label,), short = with_nisba[(kind, key)], True  # "مجلس الشيوخ" after "مجلس الشيوخ الأميركي"
        if label is None:
            label = NER_PREFIX + key
        spans.append(
            Span(
                article.id,
                s,
                e,
                text[s:e],
                "entity",
                label,
                {
                    "alias": normalized_key(bare),
                    "short_form": short,
                    "nisba": False,
                    "source": "lexicon" if label in matcher.entries else "model",  # where the entity is from
                    "ner": True,
                    "type": kind,
                    "name": bare,
                    "written": written,
                    "variant": bare,
                    "key": key,
                },
            )
        )
    return spans


def _name_words(name: str) -> list[str]:
    """The words of a name without the quote marks on them: "قاعده «العند»" -> [قاعده, العند]."""
    return [w for w in (w.strip(_QUOTE_MARKS) for w in name.split()) if w]


def _as_written(core: str, words: list[str]) -> str:
    """The name's words as the article spells them (ة, أ, ى kept; vowel marks and tatweel off),
    with the proclitic off where `words` dropped it: what a reader expects to see, where
    `words` are the normalised forms matched on ("هيئة الطاقة الذرية", not "هيئه الطاقه الذريه").
    The normalised words when the two do not line up."""
    plain = _name_words(without_marks(core))
    if len(plain) != len(words):
        return " ".join(words)
    out = []
    for word, key in zip(plain, words):  # normalize keeps every letter it does not drop
        folded = normalized_key(word)
        if folded.endswith(key):  # as written, or with its proclitic: "بمجلس" -> "مجلس"
            out.append(word[len(word) - len(key) :])
        elif key.startswith("ال") and folded.endswith(key[1:]):  # "للاتحاد" -> "الاتحاد"
            out.append("ا" + word[len(word) - len(key) + 1 :])
        else:
            return " ".join(words)
    return " ".join(out)


def _is_a_word_of(word: str, text: str) -> bool:
    """Is `word` one of the words of `text` (re's \\w+ runs)? Its occurrences are looked at, not
    every word of the text listed: a few names an article, each found in a few places."""
    if not _BARE_WORD.fullmatch(word):
        return False
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (not at or not is_word_char(text[at - 1])) and (end == len(text) or not is_word_char(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _longer_name(bare: str, people: list[tuple[tuple[str, ...], str]], surface: str) -> str | None:
    """The label of the one longer person name whose words hold `bare`'s words in order; a
    one-word name may also lose a proclitic the article does not write bare ("وشي")."""
    tries = [bare] if len(bare.split()) > 1 else _without_proclitics(normalized_key(surface))
    for name in tries:
        words = _word_keys(name)
        if not words:
            continue
        first, size = words[0], len(words)
        holders = {
            label for longer, label in people if len(longer) > size and first in longer and _in_order(words, longer)
        }
        if len(holders) == 1:
            return holders.pop()
    return None


@lru_cache(maxsize=1 << 16)  # the same names in every article
def _word_keys(name: str) -> tuple[str, ...]:
    """The merge keys of a name's words, joiners (بن، عبد، ال...) left out."""
    return tuple(merge_key(w) for w in name.split() if w not in _JOINERS)


def _in_order(words: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    rest = iter(longer)
    return all(any(w == x for x in rest) for w in words)


def _listed_without_proclitic(word: str, forms: tuple[str, ...]) -> str:
    """The word without its proclitic where Marsad's lexicons list only that bare form (a given
    name, a name's word, a title: "وصالح" -> صالح, "لحلف" -> حلف); else the word as written
    (وليد and فيصل are names themselves)."""
    from .crf_tagger import gazetteer  # the lexicons' words, read once by the tagger already

    listed = gazetteer()
    if word in listed:
        return word
    return next((form for form in forms if form in listed), word)


def _without_proclitics(word: str) -> list[str]:
    """The word, then the word without one, then two proclitic letters: "وبشي" -> وبشي، بشي، شي."""
    forms = [word]
    for _ in range(2):
        if len(forms[-1]) > 2 and forms[-1][0] in "وفبل":
            forms.append(forms[-1][1:])
    return forms


def _new_entity_keys(surfaces: list[str]) -> dict[str, str]:
    """Merge keys of model names, a proclitic dropped: "وروساتوم" and "روساتوم" -> one key."""
    return {s: merge_key(" ".join([_short_word(s.split()[0])] + s.split()[1:]) if s.split() else s) for s in surfaces}


def canonical_names(mentions) -> "object":
    """The mentions table with one name_ar and one type per model-found entity: the variant
    written most often across the corpus, in the spelling its mentions use most (each article's
    span carries its own: "هيئة", as written, where the variant matched on is "هيئه"), and the
    type the model gave it most often."""
    if mentions.empty or "source" not in mentions.columns:
        return mentions
    model = mentions["source"] == "model"
    if not model.any():
        return mentions
    entities, variants, spellings, types = (
        mentions.loc[model, c].tolist() for c in ("entity", "variant", "name_ar", "type")
    )
    best: dict[str, tuple[int, str]] = {}
    for (entity, variant), n in Counter(zip(entities, variants)).items():
        if entity not in best or (n, len(variant)) > (best[entity][0], len(best[entity][1])):
            best[entity] = (n, variant)
    # the best variant's spelling written most often (ة or ه...), and one type: the model may
    # call a name a person in one sentence and a place in the next ("كريتر" 5 times a place, once
    # a person); each entity is drawn once, under one type
    shown = _commonest((e, w) for e, v, w in zip(entities, variants, spellings) if v == best[e][1])
    kind = _commonest(zip(entities, types))
    mentions = mentions.copy()
    mentions.loc[model, "name_ar"] = mentions.loc[model, "entity"].map(shown)
    mentions.loc[model, "type"] = mentions.loc[model, "entity"].map(kind)
    return mentions


def _commonest(pairs) -> dict:
    """key -> the value met with it most often in (key, value) pairs; ties: the value met first."""
    best: dict = {}
    for (key, value), n in Counter(pairs).items():
        if n > best.get(key, (0,))[0]:
            best[key] = (n, value)
    return {key: value for key, (_, value) in best.items()}
