"""Marsad's bundled Arabic NER: the CRF's features and a fast exact tagger for it.

The model (data/ner/, trained by `python -m analysis.ner_train`) is a linear-chain CRF
(python-crfsuite) over the words of text.tokenize. Every state feature depends on one word at
a fixed offset (-2..+2) or on a pair of neighbouring words, so a token's label scores are a sum
of per-word tables, built once per distinct word and cached (numpy), plus a look-up of known
word pairs; Viterbi steps through all sentences of a batch at once (numpy). The labels are
exactly crfsuite's own (tests/test_crf_tagger.py checks it on real articles), many times
faster than its Python tagger.

The model has two stages (StackedTagger): a second CRF with the same features and, per token,
the first stage's labels of the token, of its neighbours and of the same word's core elsewhere in
the article (context_attributes); their weights are summed per token in numpy too.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from .corpus import DATA_DIR
from .text import normalize_with_offsets, sentence_bounds

TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
# Tokens of quotation marks alone ("«", "»", '"'...): the tagger's spans never start or end with one.
QUOTE_TOKENS = frozenset("\"“”«»„‹›'")
OFFSETS = (-2, -1, 0, 1, 2)
BOS, EOS = "<s>", "</s>"  # the words before and after a sentence


# The words of text.tokenize: camel-tools' simple_word_tokenize over the normalised text cuts at
# spaces and splits off each punctuation mark or symbol (Unicode categories P* and S*, its
# UNICODE_PUNCT_SYMBOL_CHARSET); one regex does the same (the test checks the two agree on real
# articles). Classified here, not imported: camel-tools' charsets classify every code point, a
# third of a second; text_tokens needs the 65,536 of the BMP, the regex the rest only for text
# beyond it (emoji).
def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _ranges(chars: str) -> str:
    """A regex class body of ranges ("!-/:-@"): thousands of single characters make re slow."""
    codes, out, i = sorted(map(ord, chars)), [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("-" + re.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=1)
def word_re() -> re.Pattern:
    """The regex of text.tokenize's words: a run of anything but spaces and marks, or one mark."""
    marks = _ranges("".join(filter(_is_mark, map(chr, range(0x110000)))))
    return re.compile(f"[^\\s{marks}]+|[{marks}]")


# Proclitics as raw news writes them: conjunction و/ف, preposition ب/ل/ك, article ال, لل (ل + ال).
PROCLITIC = re.compile(r"^(?:[وف]?[بك]?ال|[وف]?لل|[وف]?[بلك]|[وف])(?=\w\w)")
ENCLITIC = re.compile(r"(?:هما|كما|ها|هم|هن|كم|كن|نا)$")


_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


def shape(word: str) -> str:
    """Letter classes with runs folded: "بوتين" -> "a", "2015" -> "d", "F-16" -> "L-d"."""
    if _ARABIC_WORD.fullmatch(word):  # most words: no loop over the letters
        return "a"
    out = []
    for char in word:
        kind = "d" if char.isdigit() else "a" if "\u0600" <= char <= "\u06ff" else "L" if char.isalpha() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def split_clitics(word: str) -> tuple[str, str, str]:
    """(proclitic, stem, enclitic): "وبموسكو" -> ("وب", "موسكو", ""), "حكومتها" -> ("", "حكومت", "ها")."""
    match = PROCLITIC.match(word)
    pro = match.group() if match else ""
    stem = word[len(pro) :]
    if pro.endswith("لل"):  # للاتحاد = ل + الاتحاد: the stem keeps its article
        stem = "ال" + stem
    enc = ENCLITIC.search(stem)
    if enc and len(stem) - len(enc.group()) >= 3:
        return pro, stem[: enc.start()], enc.group()
    return pro, stem, ""


# Names Marsad's lexicons already hold, as word features: the CRF learns how far to trust them
# (a country alone, the first or last word of a longer name, a given name, a title before it).
GAZETTEER_FILES = {
    "base_entities.csv": None,  # countries and territories (CLDR), by their type column
    "world_entities.csv": None,
    "entities.csv": None,
}
GAZETTEER_TYPES = {"person": "PER", "place": "LOC", "organisation": "ORG", "media": "ORG"}
_ONE_PROCLITIC = re.compile(r"^(?:[وف][بلك]|[وفبلك])(?=\w\w\w)")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, ...]]:
    """Normalised word (with and without its article) -> its gazetteer features ("gz1=LOC":
    a one-word place name, "gzb=ORG"/"gze=ORG": the first/last word of an organisation's name,
    "gn": a given name, "ti": a word of a title, "nis": a nisba, سعودي)."""
    import csv

    from .text import normalize

    found: dict[str, set[str]] = {}

    def add(word: str, feature: str) -> None:
        bare = without_article(word)
        for form in {word, bare if bare != word else "ال" + word}:
            found.setdefault(form, set()).add(feature)

    for name in GAZETTEER_FILES:
        path = DATA_DIR / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                kind = GAZETTEER_TYPES.get(row.get("type", ""))
                if not kind:
                    continue
                for alias in {row["name_ar"], *filter(None, (row.get("aliases") or "").split("|"))}:
                    words = normalize(alias).split()
                    if len(words) == 1:
                        add(words[0], "gz1=" + kind)
                    elif words:
                        add(words[0], "gzb=" + kind)
                        add(words[-1], "gze=" + kind)
                for nisba in filter(None, normalize(row.get("nisba") or "").split("|")):
                    for form in (nisba, nisba + "ه", nisba + "ين", nisba + "ون"):  # سعودي، سعودية، سعوديين
                        add(form, "nis")
    for name, column, feature in (("arabic_given_names.csv", "name", "gn"), ("titles.csv", "title", "ti")):
        path = DATA_DIR / name
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    for word in normalize(row[column]).split()[:1]:
                        add(word, feature)
    return {word: tuple(sorted(features)) for word, features in found.items()}


def gazetteer_key(word: str) -> tuple[str, ...]:
    """The gazetteer features of a word as written, or of it without one proclitic (وروسيا،
    لروسيا، وبموسكو; للاتحاد = ل + الاتحاد)."""
    names = gazetteer()
    hit = names.get(word)
    if hit is None:
        match = _ONE_PROCLITIC.match(word)
        if match:
            rest = word[match.end() :]
            hit = names.get("ال" + rest[1:] if match.group().endswith("ل") and rest.startswith("ل") else rest)
    return hit or ()


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, float]:
    """Normalised word -> its Zipf frequency (log10 per billion words) in general Arabic:
    wordfreq's large list (Wikipedia, subtitles, news, web text; CC BY-SA 4.0). Spellings that
    normalise alike keep the highest."""
    from .text import normalize

    zipf: dict[str, float] = {}
    buckets = arabic_frequency_buckets()  # bucket i: -i centibels
    for i in range(len(buckets) - 1, -1, -1):  # rarest first: commoner spellings overwrite
        if buckets[i]:
            zipf.update(zip(normalize("\n".join(buckets[i])).split("\n"), repeat(9 - i / 100)))
    return zipf


def arabic_frequency_buckets() -> list[list[str]]:
    """wordfreq's large Arabic list, wordfreq.get_frequency_list("ar", wordlist="large"): the
    words of each frequency, bucket i at -i centibels. Read from wordfreq's data file in its
    documented format (read_cBpack: gzipped msgpack, a header, then the buckets) without
    importing wordfreq, whose language tables take half a second to import; the test checks the
    two agree."""
    import gzip
    import importlib.util

    import msgpack

    spec = importlib.util.find_spec("wordfreq")  # finds the package without running it
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_ar.msgpack.gz" if spec else None
    if path is None or not path.is_file():
        import wordfreq

        return wordfreq.get_frequency_list("ar", wordlist="large")
    with gzip.open(path, "rb") as packed:
        header, *buckets = msgpack.load(packed, raw=False)
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq list ({header!r})")
    return buckets


def _bucket(value: float) -> str:
    return str(max(-4, min(3, round(value))))


@lru_cache(maxsize=None)
def frequency_key(core: str) -> tuple[str, ...]:
    """What general Arabic says of a word's core (stem without article): how common it is, and
    how often it takes the article or a pronoun suffix. Names rarely do ("بوتين" never as
    "البوتين"), common nouns often: the nearest thing Arabic has to a capital letter."""
    zipf = word_frequencies()
    alone = zipf.get(core, 0.0)
    with_article = zipf.get("ال" + core, 0.0)
    if not alone and not with_article:
        return ("zc=0",)
    base = core[:-1] + "ت" if core.endswith("ه") else core
    with_suffix = max(zipf.get(base + "ه", 0.0), zipf.get(base + "ها", 0.0), zipf.get(base + "هم", 0.0))
    return _frequency_features(int(alone), round(with_article - alone), round(with_suffix - alone))


@lru_cache(maxsize=None)  # a few hundred combinations: each word's key is one of them
def _frequency_features(zipf: int, article: int, suffix: int) -> tuple[str, str, str]:
    return ("zc=" + str(zipf), "za=" + _bucket(article), "zh=" + _bucket(suffix))


def without_article(stem: str) -> str:
    """A stem without its article ("الحكومه" -> "حكومه"); short words keep it (ال is 2 of 5+)."""
    return stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem


CLUSTERS_PATH = DATA_DIR / "ner" / "word_clusters.tsv"  # built by analysis/word_clusters.py


def read_clusters(path: Path = CLUSTERS_PATH) -> dict[str, tuple[str, ...]]:
    """Word -> its cluster features ("k0=17", "k1=201", "k2=933": coarse to fine); empty when
    the table is missing (the tagger then scores as if no word had a cluster)."""
    if not path.is_file():
        return {}
    clusters, features = {}, {}  # the ids as written -> their features: made once per fine cluster
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, tab, ids = line.rstrip("\n").partition("\t")
            ids = tab + ids  # "\t17\t201\t933"; "" when the word has none
            if ids not in features:
                features[ids] = tuple(f"k{level}={cluster}" for level, cluster in enumerate(ids.split("\t")[1:]))
            clusters[word] = features[ids]
    return clusters


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Word -> its cluster features, from the bundled table (read_clusters)."""
    return read_clusters()


def cluster_key(word: str, core: str) -> tuple[str, ...]:
    """The clusters of a word as written, else of its core (with or without the article), else
    "k=none": a word too rare in the news to have one, as new names often are."""
    clusters = word_clusters()
    return clusters.get(word) or clusters.get(core) or clusters.get("ال" + core) or ("k=none",)


def lexical_key(word: str, core: str) -> tuple[str, ...]:
    """The gazetteer's, general Arabic's and the news clusters' features of a word
    (gazetteer_key, frequency_key of its core, its stem without_article, and cluster_key)."""
    return gazetteer_key(word) + frequency_key(core) + cluster_key(word, core)


def word_attributes(word: str) -> list[str]:
    """The CRF features of one word as the token labelled; the first eight and the gazetteer's
    are also its features as a neighbour at -1 and +1, the first and the fourth at -2 and +2."""
    if word in (BOS, EOS):
        return ["w=" + word]
    pro, stem, enc = split_clitics(word)
    core = without_article(stem)
    padded = "<" + core + ">"
    return [
        "w=" + word,
        "sh=" + shape(word),
        "st=" + stem,
        "c=" + core,
        "pro=" + pro,
        "ss2=" + stem[-2:],
        "ss3=" + stem[-3:],
        "sp2=" + core[:2],
        "len=" + str(min(len(word), 12)),
        "enc=" + enc,
        "p1=" + word[:1],
        "p2=" + word[:2],
        "p3=" + word[:3],
        "s1=" + word[-1:],
        "s2=" + word[-2:],
        "s3=" + word[-3:],
        "sp3=" + core[:3],
        *dict.fromkeys(["g=" + padded[i : i + 3] for i in range(len(padded) - 2)]),
        *lexical_key(word, core),
    ]


def word_features(word: str) -> dict[int, list[str]]:
    """The features of one word at each offset from the token labelled (without the "offset:"
    prefix the sequence adds): all of them at 0, fewer for the neighbours."""
    own = word_attributes(word)
    if len(own) == 1:
        return {o: own for o in OFFSETS}
    near, far = own[:8] + list(lexical_key(word, own[3].removeprefix("c="))), [own[0], own[3]]
    return {0: own, -1: near, 1: near, -2: far, 2: far}


def word_parts(word: str) -> tuple[str, str, str, str, str, str, tuple, tuple]:
    """(proclitic, stem, enclitic, core, first three letters, last three letters, form,
    gazetteer features): what word_attributes reads of a word; its features are "w=" word,
    "st=" stem and those of PART_FEATURES on the last five (tests/test_crf_tagger.py checks
    they are the same)."""
    pro, stem, enc = split_clitics(word)
    core = without_article(stem)
    form = (shape(word), min(len(word), 12), pro, enc)
    return pro, stem, enc, core, word[:3], word[-3:], form, lexical_key(word, core)


def _gram_slices(size: int) -> list[slice]:
    return [slice(i, i + 3) for i in range(size - 2)]


_GRAM_SLICES = [_gram_slices(size) for size in range(64)]  # the 3-grams of a padded core, by its length


def _core_features(core: str) -> list[str]:
    padded = "<" + core + ">"  # the stem's last letters are the core's (an article is 2 of 5+)
    slices = _GRAM_SLICES[len(padded)] if len(padded) < len(_GRAM_SLICES) else _gram_slices(len(padded))
    return [
        "c=" + core,
        "ss2=" + core[-2:],
        "ss3=" + core[-3:],
        "sp2=" + core[:2],
        "sp3=" + core[:3],
        *map("g=".__add__, dict.fromkeys(map(padded.__getitem__, slices))),
    ]  # C loops: many new cores


def _head_features(head: str) -> list[str]:
    return ["p1=" + head[:1], "p2=" + head[:2], "p3=" + head]


def _tail_features(tail: str) -> list[str]:
    return ["s1=" + tail[-1:], "s2=" + tail[-2:], "s3=" + tail]


def _form_features(form: tuple) -> list[str]:
    kind, length, pro, enc = form
    return ["sh=" + kind, "len=" + str(length), "pro=" + pro, "enc=" + enc]


# The features of the parts word_parts gives of a word: core, head, tail, form, gazetteer.
PART_FEATURES = (_core_features, _head_features, _tail_features, _form_features, list)
PART_KINDS = ("core", "head", "tail", "form", "gazetteer")


def sequence_features(words: list[str]) -> list[list[str]]:
    """crfsuite attributes of each token of one sentence: its word's and its neighbours' features
    under their offset, and the word pairs around it."""
    padded = [BOS, BOS, *words, EOS, EOS]
    tables = {w: word_features(w) for w in set(padded)}
    out = []
    for i in range(2, len(padded) - 2):
        attributes = [f"{o}:{f}" for o in OFFSETS for f in tables[padded[i + o]][o]]
        attributes.append(f"b-:{padded[i - 1]}|{padded[i]}")
        attributes.append(f"b+:{padded[i]}|{padded[i + 1]}")
        out.append(attributes)
    return out


CONTEXT_WINDOW = 8  # sentences on either side whose first-stage labels the second stage reads


def label_kind(label: str) -> str:
    """ "PER" of "B-PER" and "I-PER"; "O" of "O"."""
    return label[2:] or "O"


def context_core(word: str) -> str:
    """The core (word_parts) under which a word's first-stage labels are counted across
    sentences; "" for words without letters or with a core of one letter."""
    core = word_parts(word)[3]
    return core if has_context_core(word, core) else ""


def has_context_core(word: str, core: str) -> bool:
    return len(core) >= 2 and any(c.isalpha() for c in word)


def context_attributes(sentences: list[list[str]], labels: list[list[str]], window: int = CONTEXT_WINDOW) -> list:
    """The second stage's own attributes of each token of a document's sentences (in order),
    from the first stage's labels: the token's label and its neighbours' ("s1:", "s1-:",
    "s1+:"), and each kind the first stage gave the same core in other places within `window`
    sentences ("d:PER", "d:O"...; "d:none" if the core is nowhere else) and the commonest of
    them ("dm:"): a name tagged once in an article helps tag it where its context is weaker."""
    cores = [[context_core(w) for w in words] for words in sentences]
    kinds_in = []  # per sentence: core -> Counter of its tokens' kinds
    for sentence_cores, sentence_labels in zip(cores, labels):
        counts: dict[str, Counter] = {}
        for core, label in zip(sentence_cores, sentence_labels):
            if core:
                counts.setdefault(core, Counter())[label_kind(label)] += 1
        kinds_in.append(counts)
    out = []
    for n, (sentence_cores, sentence_labels) in enumerate(zip(cores, labels)):
        near = kinds_in[max(0, n - window) : n + window + 1]
        padded = ["BOS", *sentence_labels, "EOS"]
        rows = []
        for i, core in enumerate(sentence_cores):
            row = [f"s1:{padded[i + 1]}", f"s1-:{padded[i]}", f"s1+:{padded[i + 2]}"]
            if core:
                elsewhere = Counter()
                for counts in near:
                    elsewhere.update(counts.get(core, {}))
                elsewhere[label_kind(padded[i + 1])] -= 1
                kinds = sorted(k for k, v in elsewhere.items() if v > 0)
                row += [f"d:{k}" for k in kinds] or ["d:none"]
                if kinds:
                    row.append("dm:" + max(kinds, key=lambda k: (elsewhere[k], k)))
            rows.append(row)
        out.append(rows)
    return out


def stacked_features(sentences: list[list[str]], labels: list[list[str]], window: int = CONTEXT_WINDOW) -> list:
    """The second stage's attributes of each token: sequence_features and context_attributes."""
    return [
        [own + context for own, context in zip(sequence_features(words), extra)]
        for words, extra in zip(sentences, context_attributes(sentences, labels, window))
    ]


@dataclass(frozen=True)
class Tokens:
    """The tokens of a text laid end to end: normalised words, [start, end) in the original
    text, and where each sentence's first token is."""

    words: list[str]
    starts: np.ndarray
    ends: np.ndarray
    first: np.ndarray


_BMP = [chr(c) for c in range(0x10000)]
_IS_SPACE = np.array([c.isspace() for c in _BMP], dtype=bool)
_IS_MARK = np.array(list(map(_is_mark, _BMP)), dtype=bool)


def text_tokens(text: str) -> Tokens:
    """The tokens text.tokenize gives for each of text.sentence_bounds, found at once over the
    whole normalised text (one regex for the words, numpy for where they are)."""
    nt = normalize_with_offsets(text)
    normalized = nt.normalized
    codes = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32)
    if codes.size and codes.max() >= 0x10000:  # characters beyond the BMP: let re place them
        spans = np.array([m.span() for m in word_re().finditer(normalized)], dtype=np.int64).reshape(-1, 2)
        at, stop = spans[:, 0], spans[:, 1]
    else:
        other = _IS_MARK[codes]
        word = ~other & ~_IS_SPACE[codes]
        before = np.concatenate([[False], word[:-1]])
        after = np.concatenate([word[1:], [False]])
        at = np.flatnonzero((word & ~before) | other)
        stop = np.flatnonzero((word & ~after) | other) + 1
    words = [normalized[a:b] for a, b in zip(at.tolist(), stop.tolist())]
    offsets = np.frombuffer(nt.offsets, dtype=np.int32)
    starts = offsets[at].astype(np.int64)
    ends = offsets[stop - 1].astype(np.int64) + 1
    sentence_starts = np.array([s for s, _ in sentence_bounds(text)], dtype=np.int64)
    sentence = np.searchsorted(sentence_starts, starts, side="right") - 1
    first = np.flatnonzero(np.diff(sentence, prepend=-1) != 0)
    return Tokens(words, starts, ends, first)


def sentence_tokens(text: str) -> list[list[tuple[str, int, int]]]:
    """(normalised word, start, end) of each token of each sentence (text_tokens, as lists)."""
    tokens = text_tokens(text)
    bounds = [*tokens.first.tolist(), len(tokens.words)]
    flat = list(zip(tokens.words, tokens.starts.tolist(), tokens.ends.tolist()))
    return [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def bio_spans(labels, starts, ends) -> list[tuple[int, int, str]]:
    """[start, end) and type of each name in B-/I- labels ("B-PER", "I-PER", "O"); an I- after
    another type or an O starts a name, as crfsuite's users read it."""
    found, current = [], None
    for label, start, end in zip(labels, starts, ends):
        prefix, _, kind = label.partition("-")
        if prefix == "I" and current and current[2] == kind:
            current[1] = end
            continue
        if current:
            found.append(tuple(current))
        current = [start, end, kind] if prefix in ("B", "I") else None
    if current:
        found.append(tuple(current))
    return [(s, e, TYPES[k]) for s, e, k in found if k in TYPES]


# A crfsuite model file (CRF1d, "lCRF"/"FOMC"; chokkan/crfsuite lib/crf/src/crf1d_model.c): a
# header of offsets, the features as (type, source, destination, weight) records, and the label
# and attribute strings in two CQDB tables. Read with numpy, the weights are the file's doubles
# (crfsuite's text dump rounds them to six decimals) and nothing runs pycrfsuite's dump, which
# closes its file twice (in a threaded server, a file another thread has just opened).
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])


@dataclass(frozen=True)
class ModelFile:
    """What a crfsuite model file holds: its labels and attributes (by number) and its features:
    type 0 a state feature (attribute, label), type 1 a transition (label, next label)."""

    labels: list[str]
    attributes: list[str]
    features: np.ndarray  # records of _FEATURE

    def state_features(self) -> dict[tuple[str, str], float]:
        """(attribute, label) -> weight, as pycrfsuite's Tagger.info().state_features."""
        state = self.features[self.features["type"] == 0]
        return {
            (self.attributes[a], self.labels[b]): w
            for a, b, w in zip(state["source"].tolist(), state["target"].tolist(), state["weight"].tolist())
        }

    def transitions(self) -> np.ndarray:
        """(labels, labels): the score of label i followed by label j."""
        moves = self.features[self.features["type"] == 1]
        out = np.zeros((len(self.labels), len(self.labels)))
        out[moves["source"], moves["target"]] = moves["weight"]
        return out


def _cqdb_strings(data: bytes, at: int) -> list[str]:
    """The strings of the CQDB table at `at`, by number (its backward array: number -> record)."""
    chunk, _, _, _, count, backward = struct.unpack_from("<4s5I", data, at)
    if chunk != b"CQDB":
        raise ValueError("no string table where its header says")
    strings = []
    for record in np.frombuffer(data, dtype="<u4", count=count, offset=at + backward).tolist():
        size = struct.unpack_from("<I", data, at + record + 4)[0]  # the record: number, size, bytes, NUL
        strings.append(data[at + record + 8 : at + record + 7 + size].decode("utf-8"))
    return strings


def read_model(path: str | Path) -> ModelFile:
    """The labels, attributes and features of a crfsuite model file (ValueError if it is none,
    or is cut short)."""
    data = Path(path).read_bytes()
    if len(data) < 48 or data[:4] != b"lCRF" or data[8:12] != b"FOMC":
        raise ValueError("not a crfsuite model file")
    try:
        *_, features_at, labels_at, attributes_at, _, _ = struct.unpack_from("<4sI4s9I", data, 0)
        chunk, _, count = struct.unpack_from("<4s2I", data, features_at)
        if chunk != b"FEAT":
            raise ValueError("no features where its header says")
        features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=features_at + 12)
        return ModelFile(_cqdb_strings(data, labels_at), _cqdb_strings(data, attributes_at), features)
    except (struct.error, ValueError) as error:  # an offset beyond its end, a table not there
        raise ValueError(f"not a whole crfsuite model file ({error})") from error


class _Decoder:
    """tag, spans and spans_of for a tagger with `labels` and `best` (label numbers of tokens)."""

    labels: list[str]

    def best(self, words: list[str], first: np.ndarray, documents: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """crfsuite's labels for each sentence (lists of normalised words), the sentences read as
        one document in order."""
        sentences = [s for s in sentences if s]
        if not sentences:
            return []
        first = np.cumsum([0] + [len(s) for s in sentences[:-1]])
        best = self.best([w for s in sentences for w in s], first, np.zeros(len(sentences), dtype=np.int64))
        names = [self.labels[i] for i in best.tolist()]
        bounds = [*first.tolist(), len(names)]
        return [names[a:b] for a, b in zip(bounds[:-1], bounds[1:])]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """[start, end) in `text` and type (person/place/organisation) of every name tagged."""
        return self.spans_of([text])[0]

    def spans_of(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """The spans of each text, all tagged at once: a call has a cost of its own (numpy's steps
        over the sentences), a batch of articles pays it once."""
        tokens = [text_tokens(text) for text in texts]
        counts = [len(t.words) for t in tokens]
        offsets = np.cumsum([0, *counts])
        if not offsets[-1]:
            return [[] for _ in texts]
        words = list(chain.from_iterable(t.words for t in tokens))
        first = np.concatenate([t.first + at for t, at in zip(tokens, offsets[:-1].tolist())]).astype(np.int64)
        documents = np.repeat(np.arange(len(texts)), [len(t.first) for t in tokens])
        best = self.best(words, first, documents)
        named = np.flatnonzero(best != self.labels.index("O"))
        found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        if not named.size:
            return found
        starts = np.concatenate([t.starts for t in tokens])[named].tolist()
        ends = np.concatenate([t.ends for t in tokens])[named].tolist()
        indices = named.tolist()  # the named tokens' numbers, as Python ints for the loop below
        quote = [words[i] in QUOTE_TOKENS for i in indices]
        opens = np.zeros(len(best), dtype=bool)
        opens[first] = True  # a name never runs across a sentence end (nor across texts)
        owner = np.searchsorted(offsets, named, side="right") - 1  # the text of each named token
        current = None  # [its first and last named token (positions in `named`), kind, text]

        def close(a: int, b: int, kind: str, text: int) -> None:
            while a <= b and quote[a]:
                a += 1  # quotation marks are round a name, not in it: «الشرق الأوسط» -> الشرق الأوسط
            while b >= a and quote[b]:
                b -= 1
            if a <= b and kind in TYPES:
                found[text].append((starts[a], ends[b], TYPES[kind]))

        for n, (i, label, new_sentence, text) in enumerate(
            zip(indices, best[named].tolist(), opens[named].tolist(), owner.tolist())
        ):
            prefix, _, kind = self.labels[label].partition("-")
            if prefix == "I" and current and current[2] == kind and indices[current[1]] == i - 1 and not new_sentence:
                current[1] = n
                continue
            if current:
                close(*current)
            current = [n, n, kind, text]
        close(*current)
        return found


@dataclass
class FastTagger(_Decoder):
    """crfsuite's Viterbi labels from per-word score tables (see the module docstring)."""

    labels: list[str]
    feature_index: dict[str, int]  # a word feature ("st=موسكو") -> its row in `weights`
    weights: np.ndarray  # (features + 1, offsets, labels); the last row is zeros
    transitions: np.ndarray  # (labels, labels): score of label i followed by label j
    pair_keys: np.ndarray  # sorted int64 keys of the word pairs the model weighs (see _pair_key)
    pair_weights: np.ndarray  # (pairs, 2, labels): their weights as (-1, 0) and as (0, +1)
    pair_words: dict[str, int]  # words that occur in a weighed pair -> their number
    context_index: dict[str, int] = field(default_factory=dict)  # a second stage's "s1:B-PER"... -> row
    context_weights: np.ndarray = None  # (context features + 1, labels); the last row is zeros
    _rows: dict[str, int] = field(default_factory=dict)  # word -> its row in the caches below
    _tables: np.ndarray = None  # (words, offsets, labels) scores, grown as new words come
    _pair_id: np.ndarray = None  # (words,) number in pair_words, or -1
    _core_id: np.ndarray = None  # (words,) a number of the word's context_core, or -1 if it has none
    _parts: dict = None  # part kind -> part (word_parts) -> its row in _part_tables
    _part_tables: np.ndarray = None  # (parts, offsets, labels): the sums of their features' weights
    _part_count: int = 0  # rows of _part_tables in use
    _numbered: dict = None  # feature_index + 1 (0 is false: filter drops features the model lacks)

    @classmethod
    def from_file(cls, path: str | Path) -> "FastTagger":
        """The tagger of a crfsuite model file (read_model): its attributes sorted once into word
        features at an offset ("-1:st=موسكو"), word pairs ("b-:قال|بوتين") and a second stage's
        context_attributes, then their weights laid into arrays."""
        model = read_model(path)
        labels = model.labels
        offset_index = {str(o): i for i, o in enumerate(OFFSETS)}
        feature_index: dict[str, int] = {}
        pair_words: dict[str, int] = {}
        pairs: dict[int, int] = {}
        context_index: dict[str, int] = {}
        state = model.features[model.features["type"] == 0]
        used = np.unique(state["source"]).tolist()
        kind = np.zeros(len(model.attributes), dtype=np.int8)  # 0 word feature, 1 word pair, 2 context
        row = np.zeros(len(model.attributes), dtype=np.int64)  # its row in that kind's array
        column = np.zeros(len(model.attributes), dtype=np.int64)  # the word's offset, or the pair's side
        for number in used:
            attribute = model.attributes[number]
            where, _, feature = attribute.partition(":")
            if where in offset_index:
                row[number], column[number] = feature_index.setdefault(feature, len(feature_index)), offset_index[where]
            elif where not in ("b-", "b+"):  # a second stage's context_attributes
                kind[number], row[number] = 2, context_index.setdefault(attribute, len(context_index))
            else:  # a word pair
                left, _, right = feature.partition("|")
                key = _pair_key(
                    pair_words.setdefault(left, len(pair_words)), pair_words.setdefault(right, len(pair_words))
                )
                kind[number], row[number], column[number] = 1, pairs.setdefault(key, len(pairs)), where == "b+"
        weights = np.zeros((len(feature_index) + 1, len(OFFSETS), len(labels)))
        pair_weights = np.zeros((len(pairs), 2, len(labels)))
        context_weights = np.zeros((len(context_index) + 1, len(labels)))
        source, target, weight = state["source"], state["target"], state["weight"]
        for k, array in enumerate((weights, pair_weights)):
            mine = kind[source] == k
            array[row[source[mine]], column[source[mine]], target[mine]] = weight[mine]
        mine = kind[source] == 2
        context_weights[row[source[mine]], target[mine]] = weight[mine]
        keys = np.fromiter(pairs, dtype=np.int64, count=len(pairs))
        order = np.argsort(keys)
        return cls(
            labels,
            feature_index,
            weights,
            model.transitions(),
            keys[order],
            pair_weights[order],
            pair_words,
            context_index,
            context_weights,
        )

    @classmethod
    def side_by_side(cls, first: "FastTagger", second: "FastTagger") -> "FastTagger":
        """One tagger whose scores are `first`'s label columns, then `second`'s: both stages'
        tables of a new word are summed in one pass (a feature one stage lacks weighs 0 in its
        columns, and adding 0 changes no sum). Its own transitions are not for decoding."""
        k = len(first.labels)
        feature_index = dict(first.feature_index)
        for feature in second.feature_index:
            feature_index.setdefault(feature, len(feature_index))
        weights = np.zeros((len(feature_index) + 1, len(OFFSETS), k + len(second.labels)))
        pair_words = dict(first.pair_words)
        for word in second.pair_words:
            pair_words.setdefault(word, len(pair_words))
        keyed = []  # per stage: its pair keys renumbered in pair_words
        for stage, columns in ((first, slice(0, k)), (second, slice(k, None))):
            own = np.fromiter(stage.feature_index.values(), dtype=np.int64, count=len(stage.feature_index))
            rows = np.fromiter(map(feature_index.__getitem__, stage.feature_index), dtype=np.int64, count=own.size)
            weights[rows, :, columns] = stage.weights[own]
            number = np.zeros(max(stage.pair_words.values(), default=-1) + 1, dtype=np.int64)
            number[list(stage.pair_words.values())] = list(map(pair_words.__getitem__, stage.pair_words))
            keyed.append(_pair_key(number[stage.pair_keys >> 32], number[stage.pair_keys & 0xFFFFFFFF]))
        pair_keys = np.unique(np.concatenate(keyed))
        pair_weights = np.zeros((pair_keys.size, 2, weights.shape[2]))
        for stage, keys, columns in ((first, keyed[0], slice(0, k)), (second, keyed[1], slice(k, None))):
            pair_weights[np.searchsorted(pair_keys, keys), :, columns] = stage.pair_weights
        return cls(
            first.labels + second.labels, feature_index, weights, first.transitions, pair_keys, pair_weights, pair_words
        )

    def __post_init__(self) -> None:
        self._parts = {kind: {} for kind in PART_KINDS}
        self._part_tables, self._part_count = np.zeros((1024, len(OFFSETS), len(self.labels))), 0
        self._tables = np.zeros((1024, len(OFFSETS), len(self.labels)))
        self._pair_id = np.zeros(1024, dtype=np.int64)
        self._core_id = np.full(1024, -1, dtype=np.int64)
        self._numbered = {feature: row + 1 for feature, row in self.feature_index.items()}
        none = len(self.weights) - 1
        for word in (BOS, EOS):  # their one feature, "w=<s>", at every offset
            self._tables[len(self._rows)] = self.weights[self.feature_index.get("w=" + word, none)]
            self._pair_id[len(self._rows)] = self.pair_words.get(word, -1)
            self._rows[word] = len(self._rows)

    def _learn(self, words: list[str]) -> None:
        """Add the score tables of words not seen yet: per offset, the sum of the weights of the
        word's features there (a feature the model never saw at an offset weighs 0 there).
        A word's features (word_attributes) are its own ("w=", "st=") and four parts that many
        words share, each summed once and cached: its core's (word_parts), its first three and
        last three letters', its form's (shape, length, clitics) and its gazetteer features."""
        index, none = self.feature_index, len(self.weights) - 1
        numbered = self._numbered  # feature -> its row + 1: the model's features are all true
        _, stems, _, *shared_keys = zip(*map(word_parts, words))
        own = [
            np.fromiter(map(index.get, [kind + key for key in keys], repeat(none)), dtype=np.int64, count=len(words))
            for kind, keys in (("w=", words), ("st=", stems))
        ]  # rows in weights
        shared = []  # rows in _part_tables
        for kind, keys, features in zip(PART_KINDS, shared_keys, PART_FEATURES):
            cache = self._parts[kind]
            new = list(set(keys).difference(cache))
            if new:  # sum only the features the model weighs: adding 0 changes nothing
                listed = [features(key) for key in new]
                rows = np.fromiter(map(numbered.get, chain.from_iterable(listed), repeat(0)), dtype=np.int64)
                weighed = rows > 0
                owner = np.repeat(np.arange(len(new)), np.fromiter(map(len, listed), dtype=np.int64, count=len(new)))
                known = self._part_count
                self._part_count = end = known + len(new)
                self._part_tables = _grown(self._part_tables, end)
                counts = np.bincount(owner[weighed], minlength=len(new))
                _add_rows(self._part_tables, known, self.weights, rows[weighed] - 1, counts)
                cache.update(zip(new, range(known, end)))
            shared.append(np.fromiter(map(cache.__getitem__, keys), dtype=np.int64, count=len(words)))
        part = self._part_tables
        tables = self.weights[own[0]] + self.weights[own[1]]
        for rows in shared:
            tables += part[rows]
        at, end = len(self._rows), len(self._rows) + len(words)
        self._tables, self._pair_id = _grown(self._tables, end), _grown(self._pair_id, end)
        self._tables[at:end] = tables
        self._pair_id[at:end] = np.fromiter(
            map(self.pair_words.get, words, repeat(-1)), dtype=np.int64, count=len(words)
        )
        self._core_id = _grown(self._core_id, end, -1)
        has_core = list(map(has_context_core, words, shared_keys[0]))
        self._core_id[at:end] = np.where(has_core, shared[0], -1)  # its row in _part_tables: one per core
        self._rows.update(zip(words, range(at, end)))

    def ids(self, words: list[str]) -> np.ndarray:
        """Each word's row in the score tables (new words get theirs)."""
        rows = self._rows
        ids = np.fromiter(map(rows.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        missing = np.flatnonzero(ids < 0)
        if missing.size:
            new = sorted({words[i] for i in missing.tolist()})
            self._learn(new)
            ids[missing] = [rows[words[i]] for i in missing.tolist()]
        return ids

    def scores(self, words: list[str], first: np.ndarray, ids: np.ndarray | None = None) -> np.ndarray:
        """(tokens, labels) state scores of sentences laid end to end (`first`: where each starts):
        each token's five word tables summed (each sentence between two <s> and two </s>, as the
        model was trained), then the weights of its known word pairs (-1, 0), (0, +1). Summed in
        that order, token by token, as crfsuite's labels were checked with."""
        ids = self.ids(words) if ids is None else ids
        n = len(ids)
        bounds = np.append(first, n).astype(np.int64)
        lengths = np.diff(bounds)
        sentence_start, sentence_end = np.repeat(bounds[:-1], lengths), np.repeat(bounds[1:], lengths)
        at = np.arange(n)
        emit = np.zeros((n, len(self.labels)))
        by_offset = self._tables.reshape(-1, len(self.labels))  # row * offsets + offset: take's fast path
        around = []  # each token's neighbour at each offset: its row in the tables
        for o, offset in enumerate(OFFSETS):
            near = at + offset
            rows = np.where(
                near < sentence_start,
                self._rows[BOS],
                np.where(near >= sentence_end, self._rows[EOS], ids[np.clip(near, 0, max(n - 1, 0))]),
            )
            emit += by_offset.take(rows * len(OFFSETS) + o, axis=0)
            around.append(rows)
        middle = len(OFFSETS) // 2
        for side in range(2):
            left, right = self._pair_id[around[middle - 1 + side]], self._pair_id[around[middle + side]]
            both = np.flatnonzero((left >= 0) & (right >= 0))
            if not both.size or not self.pair_keys.size:
                continue
            keys = _pair_key(left[both], right[both])
            found = np.minimum(np.searchsorted(self.pair_keys, keys), self.pair_keys.size - 1)
            known = self.pair_keys[found] == keys
            emit[both[known]] += self.pair_weights[found[known], side]
        return emit

    def best(self, words: list[str], first: np.ndarray, documents: np.ndarray | None = None) -> np.ndarray:
        """The label number of each token of sentences laid end to end (`first`: where each starts)."""
        return viterbi(self.scores(words, first), self.transitions, first)


@dataclass
class StackedTagger(_Decoder):
    """Two CRFs, the second reading the first's labels (context_attributes): the first stage's
    labels of each token and its neighbours, and the kinds it gave the same core elsewhere in
    the document within `window` sentences. Each stage decodes as FastTagger does; the
    second's context scores are summed from its `context_weights` per token, vectorised."""

    first: FastTagger
    second: FastTagger
    window: int = CONTEXT_WINDOW
    _both: FastTagger = None  # both stages' word scores side by side: each word learned once

    def __post_init__(self) -> None:
        self._both = FastTagger.side_by_side(self.first, self.second)

    @property
    def labels(self) -> list[str]:
        return self.second.labels

    def best(self, words: list[str], first: np.ndarray, documents: np.ndarray) -> np.ndarray:
        """The second stage's label numbers; `documents`: the document of each sentence."""
        ids = self._both.ids(words)
        emit = self._both.scores(words, first, ids)
        k = len(self.first.labels)
        labels = viterbi(np.ascontiguousarray(emit[:, :k]), self.first.transitions, first)
        emit = np.ascontiguousarray(emit[:, k:])
        self._add_context(emit, ids, labels, first, documents)
        return viterbi(emit, self.second.transitions, first)

    def _add_context(self, emit, ids, labels, first, documents) -> None:
        """Add each token's context_attributes' weights to `emit`, in the order they are listed."""
        index, weights, none = (
            self.second.context_index,
            self.second.context_weights,
            len(self.second.context_weights) - 1,
        )
        names = self.first.labels

        def rows(features: list[str]) -> np.ndarray:
            return np.fromiter((index.get(f, none) for f in features), dtype=np.int64, count=len(features))

        n = len(ids)
        starts = np.zeros(n, dtype=bool)
        starts[first] = True
        ends = np.roll(starts, -1)
        ends[-1] = True
        before = np.where(starts, len(names), np.roll(labels, 1))  # len(names): "BOS"
        after = np.where(ends, len(names), np.roll(labels, -1))  # len(names): "EOS"
        emit += weights[rows([f"s1:{x}" for x in names])[labels]]
        emit += weights[rows([f"s1-:{x}" for x in [*names, "BOS"]])[before]]
        emit += weights[rows([f"s1+:{x}" for x in [*names, "EOS"]])[after]]
        # The kinds of the same core elsewhere within the window: its tokens sorted by (document
        # and core, sentence), the kinds counted between two searchsorted bounds.
        cores = self._both._core_id[ids]
        tokens = np.flatnonzero(cores >= 0)
        if not tokens.size:
            return
        sentence = np.cumsum(starts)[tokens] - 1
        _, group = np.unique(documents[sentence] * (1 << 32) + cores[tokens], return_inverse=True)
        span = len(first) + self.window + 1  # a group's keys never reach into the next one's
        key = group.astype(np.int64) * span + sentence
        order = np.argsort(key, kind="stable")
        low = np.searchsorted(key[order], key - self.window, side="left")
        high = np.searchsorted(key[order], key + self.window, side="right")
        kinds = sorted({label_kind(x) for x in names})
        kind = np.array([kinds.index(label_kind(x)) for x in names])[labels[tokens]]
        counts = np.empty((len(tokens), len(kinds)), dtype=np.int64)
        for k in range(len(kinds)):
            seen = np.concatenate([[0], np.cumsum(kind[order] == k)])
            counts[:, k] = seen[high] - seen[low] - (kind == k)
        present = counts > 0
        for k, row in enumerate(rows([f"d:{x}" for x in kinds])):
            emit[tokens[present[:, k]]] += weights[row]
        somewhere = present.any(axis=1)
        emit[tokens[~somewhere]] += weights[rows(["d:none"])[0]]
        commonest = len(kinds) - 1 - counts[:, ::-1].argmax(axis=1)  # ties to the later kind, as max()
        emit[tokens[somewhere]] += weights[rows([f"dm:{x}" for x in kinds])[commonest[somewhere]]]


def _add_rows(out: np.ndarray, at: int, weights: np.ndarray, rows: np.ndarray, counts: np.ndarray) -> None:
    """out[at + i] = the sum of the next counts[i] of `rows` of `weights`, added one after the
    other (vectorised over i: the j-th rows of all sums at once)."""
    out[at : at + len(counts)] = 0.0
    firsts = np.cumsum(counts) - counts
    for j in range(int(counts.max(initial=0))):
        longer = np.flatnonzero(counts > j)
        out[at + longer] += weights[rows[firsts[longer] + j]]


def _grown(array: np.ndarray, size: int, fill=0) -> np.ndarray:
    """`array`, or a copy with room for `size` rows (doubling: appending stays linear)."""
    if size <= len(array):
        return array
    grown = np.full((max(size, 2 * len(array)), *array.shape[1:]), fill, dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def _pair_key(a, b):
    return a * (1 << 32) + b


def viterbi(emit: np.ndarray, transitions: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The best label of each token of several sentences laid end to end (`first`: where each
    starts), as crfsuite's first-order Viterbi finds them (ties to the lower label, as there).
    One numpy step per position for all sentences at once: the tokens are laid out position by
    position, the longest sentence first, so that the sentences still going at a position are
    the first ones and their tokens there a slice."""
    n, k = emit.shape
    if not n:
        return np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.append(first, n))
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    layout = np.lexsort((np.repeat(rank, sizes), np.arange(n) - np.repeat(first, sizes)))  # by position, then rank
    lengths = sizes[order]
    going = np.searchsorted(-lengths, -np.arange(lengths[0] + 1), side="left").tolist()  # sentences longer than t
    at = np.cumsum([0, *going[:-1]]).tolist()  # where position t's tokens begin in the layout
    emit = emit[layout]
    back = np.zeros((n, k), dtype=np.int8)  # the best previous label of each token's labels
    last = np.zeros(len(lengths), dtype=np.int64)  # each sentence's best last label
    score, into = emit[: going[0]], np.ascontiguousarray(transitions.T)
    cells = np.arange(going[0] * k)
    for t in range(1, len(going)):
        alive = going[t]
        if alive < going[t - 1]:  # the sentences of length t end
            last[alive : going[t - 1]] = score[alive:].argmax(axis=1)
        if not alive:
            break
        scores = (score[:alive, None, :] + into).reshape(-1, k)  # (sentences and to, from)
        best = scores.argmax(axis=1)
        back[at[t] : at[t] + alive] = best.reshape(alive, k)
        score = scores[cells[: alive * k], best].reshape(alive, k) + emit[at[t] : at[t] + alive]
    labels = np.zeros(n, dtype=np.int64)
    label = last.copy()
    rows = np.arange(len(lengths))
    for t in range(len(going) - 2, -1, -1):
        alive, ending = going[t], going[t + 1]
        label[ending:alive] = last[ending:alive]
        labels[at[t] : at[t] + alive] = label[:alive]
        label[:alive] = back[at[t] : at[t] + alive][rows[:alive], label[:alive]]
    out = np.empty(n, dtype=np.int64)
    out[layout] = labels
    return out
