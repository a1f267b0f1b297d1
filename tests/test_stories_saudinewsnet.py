"""Two stories Marsad was never tuned to (SaudiNewsNet, July 2015), their main actors read by hand
(tests/data/saudinewsnet_actors.json): how many are found, and merged into one entity each.
bench/bench_stories.py prints the same with the NER model on."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_stories import SAUDINEWSNET, read_gold, report, score, story_articles  # noqa: E402

from analysis.entities import extract_entities  # noqa: E402

pytestmark = pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="needs ../shared/data/saudinewsnet")
STORIES = {s["id"]: s for s in read_gold()["stories"]}


@pytest.fixture(scope="module")
def scores():
    return {key: score(story, story_articles(story), extract_entities) for key, story in STORIES.items()}


def test_the_gold_names_real_articles_from_several_outlets():
    for story in STORIES.values():
        articles = story_articles(story)
        assert 10 <= len(articles) <= 20 and len({a.outlet for a in articles}) >= 8
        assert all(a.published and "2015-07-21" <= str(a.published)[:10] <= "2015-07-27" for a in articles)


def test_the_lexicon_finds_half_the_main_actors_and_merges_every_one(scores):
    for result in scores.values():
        print(report(result))
        assert result["found"] >= 15 and result["found"] / result["actors"] >= 0.5
        assert result["merged"] == result["found"] and result["conflated"] == 0


def test_each_actors_spellings_are_one_entity(scores):
    rows = {(key, r["actor"]): r for key, result in scores.items() for r in result["rows"]}
    erdogan = rows["suruc_bombing", "Recep Tayyip Erdoğan"]  # إردوغان، أردوغان، اردوغان
    assert erdogan["entity"] == "recep_tayyip_erdogan" and erdogan["merged"] and erdogan["covered"] >= 15
    isis = rows["suruc_bombing", "Islamic State"]  # داعش، تنظيم الدولة، الدولة الإسلامية
    assert isis["entity"] == "isis" and isis["merged"] and isis["covered"] == isis["mentions"]
    houthis = rows["aden_liberation", "Houthis"]  # الحوثيين، ميليشيات الحوثي، الميليشيات الحوثية...
    assert houthis["entity"] == "houthis" and houthis["merged"]
    # the president and the WFP director Muhannad Hadi are not one person
    assert rows["aden_liberation", "Abdrabbuh Mansur Hadi"]["entity"] == "abdrabbuh_mansur_hadi"
    assert not rows["aden_liberation", "Muhannad Hadi"]["conflated"]


def test_a_model_found_entity_has_one_type_the_one_it_is_given_most():
    from analysis.pipeline import analyze

    mentions = analyze(story_articles(STORIES["aden_liberation"])).mentions
    model = mentions[mentions["source"] == "model"]
    assert model.groupby("entity")["type"].nunique().max() == 1
    # Crater, Aden's old town: the model calls it a place five times and a person once
    crater = model[model["name_ar"] == "كريتر"]
    assert len(crater) >= 5 and set(crater["type"]) == {"place"}
