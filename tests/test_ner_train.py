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
    stack, first_stage = card.split("The first stage alone:")
    tagger, _ = load_recognizer()
    parts = splits(DATA)
    for text, model in ((stack, tagger), (first_stage, tagger.first)):
        printed = {
            name: float(f1)
            for name, f1 in re.findall(
                r"^\| (NewsFANE, last 20%|Wojood test.txt) \| all \| [\d.]+ \| [\d.]+ \| ([\d.]+) \|", text, re.M
            )
        }
        scored = {
            "NewsFANE, last 20%": evaluate(model, parts["newsfane"])["all"][2],
            "Wojood test.txt": evaluate(model, parts["wojood"])["all"][2],
        }
        assert set(printed) == set(scored)
        for name, f1 in scored.items():
            assert round(f1, 3) == printed[name], name


@needs_gold
def test_cross_validation_scores_each_name_of_the_training_part_once_per_method(tmp_path):
    from analysis.ner_train import cross_validate, gold_spans, read_newsfane, read_wojood

    # a slice of the real gold, laid out as ../shared/data is, without Wojood's test.txt
    (tmp_path / "newsfane-gold").mkdir()
    (tmp_path / "wojood-sample").mkdir()
    newsfane = (DATA / NEWSFANE).read_bytes().split(b"\r\n")[:6000]
    (tmp_path / NEWSFANE).write_bytes(b"\r\n".join(newsfane))
    for name in ("train.txt", "val.txt"):
        lines = (DATA / "wojood-sample" / name).read_text(encoding="utf-8").splitlines()[:800]
        (tmp_path / "wojood-sample" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = cross_validate(tmp_path, folds=2, params={"max_iterations": 20}, stacks=[(2, {}), (8, {"c2": 0.3})])
    assert list(results) == ["first stage", "stack, window 2, c1 0.05, c2 0.1", "stack, window 8, c1 0.05, c2 0.3"]
    training = read_newsfane(tmp_path / NEWSFANE)
    training = training[: int(len(training) * 0.8)]
    wojood = read_wojood(tmp_path / "wojood-sample" / "train.txt") + read_wojood(tmp_path / "wojood-sample" / "val.txt")
    for figures in results.values():
        assert figures["newsfane"]["all"][3] == len(gold_spans(training)) > 100
        assert figures["wojood"]["all"][3] == len(gold_spans(wojood)) > 10
        assert 0.2 < figures["newsfane"]["all"][2] < 1 and 0.2 < figures["wojood"]["all"][2] < 1


@needs_gold
def test_the_stack_trains_from_gold_alone_and_tags_text_it_never_saw(tmp_path):
    from analysis.ner import context_model_path
    from analysis.ner_train import fit_stacked, read_newsfane, read_wojood

    newsfane = read_newsfane(DATA / NEWSFANE)[:1500]
    wojood = read_wojood(DATA / "wojood-sample" / "train.txt")[:150]
    model = tmp_path / "m.crfsuite"
    stacked, seconds = fit_stacked(newsfane[:1200], wojood, model, {"max_iterations": 20}, folds=2)
    assert context_model_path(model).is_file() and seconds > 0
    assert {"s1:B-PER", "s1-:BOS", "d:PER", "d:none", "dm:LOC"} <= set(stacked.second.context_index)
    for tagger in (stacked, stacked.first):
        assert 0.2 < evaluate(tagger, newsfane[1200:])["all"][2] < 1
