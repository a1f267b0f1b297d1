"""compare._tokens finds the words term_counts counts in Arrow instead of with
_ARABIC_WORD.findall and pd.factorize (kept here as the reference): the same tokens, numbers
and texts on real articles and on random text with diacritics, tatweel and other scripts."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.compare import _ARABIC_WORD, _tokens
from test_normalize import real_texts


def tokens_by_findall(texts: list[str]):
    """What term_counts did before: findall per text, then factorize of all the tokens."""
    per_text = [_ARABIC_WORD.findall(t) for t in texts]
    codes, tokens = pd.factorize(np.array([t for ts in per_text for t in ts], dtype=object))
    return codes, list(tokens), np.repeat(np.arange(len(texts)), [len(ts) for ts in per_text])


def assert_same(texts: list[str]):
    codes, tokens, text_of = _tokens(texts)
    expected_codes, expected_tokens, expected_text_of = tokens_by_findall(texts)
    assert tokens == expected_tokens
    np.testing.assert_array_equal(codes, expected_codes)
    np.testing.assert_array_equal(text_of, expected_text_of)
    return tokens


def test_real_articles_give_the_tokens_of_findall():
    texts = real_texts()
    texts[5] = "\ud800" + texts[5]  # a lone surrogate, as a JSON file can hold
    tokens = assert_same(texts)
    assert len(tokens) > 10_000 and "روسيا" in tokens
    assert assert_same(["في موسكو،\u064eوَموسكو", "ـموسكو 2022 Moscow"]) == ["في", "موسكو", "وَموسكو", "ـموسكو"]


CHARS = (
    "فيموسكوروسيا"
    + "\u064b\u064e\u0650\u0651\u0652\u0670\u0640\u0671\u06c1\u06d3\u06d4\u0660\u0661"
    + " \n،.-_x1é😀\u200f\u00a0"
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=CHARS, max_size=40), max_size=6))
def test_random_text_gives_the_tokens_of_findall(texts):
    assert_same(texts)
