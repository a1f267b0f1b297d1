"""lexicon.aliases_in (Aho-Corasick) must give exactly what the alias regex gave before it:
the regex is kept here as the reference, and both run on real articles and random text."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.entities import entity_matcher
from analysis.lexicon import _SEPARATORS, Entry, Matcher, aliases_in, name_key, words_in
from analysis.quotes import load_speech_verbs
from analysis.text import normalize, normalize_with_offsets
from analysis.weapons import weapon_matcher
from test_normalize import real_texts

NAME_LETTERS = {"ج": "[جغ]", "غ": "[جغ]"}


def _atoms(key: str) -> list[str]:
    """A normalised alias as regex pieces: one per letter (ج/غ either way), one per word gap."""
    atoms = []
    for i, word in enumerate(_SEPARATORS.split(key.strip())):
        if i:
            atoms.append(r"[\s\-]+")  # spaces or a hyphen between the words of a name
        atoms.extend(NAME_LETTERS.get(c) or re.escape(c) for c in word)
    return atoms


def _trie_pattern(keys) -> str:
    """One regex for many aliases, shared prefixes merged ("روسي|روسيا" -> "روسي(?:ا)?"); the
    optional tails are greedy, so the longest alias that ends at a word boundary wins."""
    trie: dict = {}
    for key in keys:
        node = trie
        for atom in _atoms(key):
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [atom + render(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return render(trie)


def reference(matcher: Matcher):
    """The regex the matcher ran before: proclitics, then the longest alias that ends a word."""
    regex = re.compile(rf"(?<!\w)(?:[وف]?[بكل]?)(?P<term>{_trie_pattern(matcher.variant_of)})(?!\w)")
    return lambda text: [(m.start(), m.end(), name_key(m.group("term"))) for m in regex.finditer(text)]


MATCHERS = [entity_matcher(), weapon_matcher()]
REFERENCES = [reference(m) for m in MATCHERS]


def test_the_seed_articles_and_300_saudinewsnet_articles_match_as_with_the_regex():
    texts = [normalize_with_offsets(t).normalized for t in real_texts()]
    assert len(texts) > 300
    for matcher, regex in zip(MATCHERS, REFERENCES):
        found = [aliases_in(matcher.automaton, t) for t in texts]
        assert found == [regex(t) for t in texts]
        assert sum(map(len, found)) > 300  # real names were found, not two empty lists


def test_proclitics_gaps_and_g_letters():
    m = Matcher(
        [
            Entry("pyongyang", {}, ("بيونغ يانغ",)),
            Entry("kim", {}, ("كيم جونغ أون",)),
            Entry("usa", {}, ("الولايات المتحدة",)),
            Entry("bahrain", {}, ("البحرين",)),
        ]
    )
    text = normalize("وبيونج  يانج، كيم جونغ-\nاون وللولايات المتحدة ولبحرين والبحرينية فالبحرين")
    assert [(text[s:e], key) for s, e, key in aliases_in(m.automaton, text)] == [
        ("وبيونج  يانج", "بيونج يانج"),
        ("كيم جونغ-\nاون", "كيم جونج اون"),
        ("وللولايات المتحده", "للولايات المتحده"),
        ("فالبحرين", "البحرين"),
    ]  # not لبحرين, البحرينيه
    assert aliases_in(m.automaton, text) == reference(m)(text)


ALIASES = [
    "بيونغ يانغ",
    "كيم جونغ أون",
    "كيم",
    "روسيا",
    "روسيا اليوم",
    "الولايات المتحدة",
    "وارسو",
    "بوتين",
    "لافروف",
    "كوريا",
    "كوريا الشمالية",
    "فاغنر",
    "بريطانيا",
    "ريطانيا",
]
SMALL = Matcher([Entry(f"e{i}", {}, (alias,)) for i, alias in enumerate(ALIASES)])
PIECES = st.one_of(
    st.sampled_from([name_key(a) for a in ALIASES] + [a.replace("ج", "غ") for a in ALIASES]),
    st.sampled_from(["و", "ف", "ب", "ك", "ل", "وب", "فل", "ال", "ية", "ين", "_", "1"]),
    st.sampled_from([" ", "  ", "\n", "\n\n", "-", " - ", "\u00a0", "\t", "،", ".", "x", "😀"]),
    st.text(alphabet="وفبكلاجغيرسنمتكوشه \n-", max_size=4),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=25).map("".join))
def test_random_text_matches_as_with_the_regex(text):
    assert aliases_in(SMALL.automaton, text) == reference(SMALL)(text)
    for matcher, regex in zip(MATCHERS, REFERENCES):
        assert aliases_in(matcher.automaton, text) == regex(text)


VERBS = load_speech_verbs()
VERB_REGEX = re.compile(rf"(?<!\w)[وف]?(?P<verb>{'|'.join(sorted(VERBS.gloss, key=len, reverse=True))})(?!\w)")


def verbs_by_regex(text):
    """The speech-verb regex quotes.py ran before: و/ف, then the longest verb form that is a word."""
    return [(m.start(), m.end(), m.group("verb")) for m in VERB_REGEX.finditer(text)]


def test_speech_verbs_in_real_articles_are_found_as_with_the_regex():
    texts = [normalize_with_offsets(t).normalized for t in real_texts()]
    found = [words_in(VERBS.automaton, t) for t in texts]
    assert found == [verbs_by_regex(t) for t in texts]
    assert sum(map(len, found)) > 300
    text = normalize("وقال، فأكد وقالت وأضافوا")
    assert [(text[s:e], verb) for s, e, verb in words_in(VERBS.automaton, text)] == [
        ("وقال", "قال"),
        ("فاكد", "اكد"),
        ("وقالت", "قالت"),
    ]  # اضافوا is not in the list


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(sorted(VERBS.gloss)), PIECES), max_size=20).map("".join))
def test_speech_verbs_in_random_text_are_found_as_with_the_regex(text):
    assert words_in(VERBS.automaton, text) == verbs_by_regex(text)
