"""Training the bundled NER (analysis/ner_train.py): the model card's held-out figures must be
what the committed model scores."""

import re

import pytest

from analysis.ner import MODEL_DIR, load_recognizer
from analysis.ner_train import DATA, NEWSFANE, evaluate, splits

needs_gold = pytest.mark.skipif(not (DATA / NEWSFANE).is_file(), reason="needs the shared NewsFANE Gold copy")


@needs_gold
def test_the_model_cards_held_out_figures_are_the_committed_models():
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    printed = {
        name: float(f1)
        for name, f1 in re.findall(
            r"^\| (NewsFANE, last 20%|Wojood test.txt) \| all \| [\d.]+ \| [\d.]+ \| ([\d.]+) \|", card, re.M
        )
    }
    tagger, _ = load_recognizer()
    parts = splits(DATA)
    scored = {
        "NewsFANE, last 20%": evaluate(tagger, parts["newsfane"])["all"][2],
        "Wojood test.txt": evaluate(tagger, parts["wojood"])["all"][2],
    }
    assert set(printed) == set(scored)
    for name, f1 in scored.items():
        assert round(f1, 3) == printed[name], name
