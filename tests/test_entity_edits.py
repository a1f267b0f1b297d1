"""A reader's corrections: merge, split, and the result as lexicon rows, on mentions from real
text (the seed articles, and a sentence with names only a model finds)."""

import pandas as pd
import pytest

from analysis.corpus import Article
from analysis.entities import read_entities
from analysis.entity_edits import apply_edits, lexicon_rows, variant_counts
from analysis.entity_linking import link_entities
from analysis.entities import MentionRow
from analysis.pipeline import analyze, span_rows
from analysis.tables import SPAN_COLUMNS


@pytest.fixture(scope="module")
def seed_mentions(seeds):
    return analyze(list(seeds.values())).names_only().mentions


def model_mentions(text, names):
    found, at = [], 0
    for surface, kind in names:
        start = text.index(surface, at)
        found.append((start, start + len(surface), kind))
        at = start + 1
    article = Article("t", text)
    rows = span_rows(article, link_entities(article, found), MentionRow)
    return pd.DataFrame(rows, columns=SPAN_COLUMNS + list(MentionRow._fields))


def test_every_entity_shows_its_spellings_and_counts(seed_mentions):
    counts = variant_counts(seed_mentions)
    kim = dict(zip(*counts[counts["entity"] == "kim_jong_un"][["variant", "count"]].T.values))
    assert kim == {"كيم": 21, "كيم جونغ أون": 5, "كيم جونج أون": 4, "كيم يونج أون": 3}  # short form too
    pyongyang = set(counts.loc[counts["entity"] == "pyongyang", "variant"])
    assert pyongyang == {"بيونغ يانغ", "بيونج يانج", "بيونج يونج"}  # "وبيونج يانج" is بيونج يانج
    assert set(MentionRow._fields) <= set(seed_mentions.columns)


def test_merge_and_split():
    m = model_mentions(
        "قال الرئيس بشار حافظ الأسد ثم قال السيد بشار الاسد",
        [("الرئيس بشار حافظ الأسد", "person"), ("السيد بشار الاسد", "person")],
    )
    assert m["entity"].tolist() == ["bashar_al_assad", "bashar_al_assad"]  # the lexicon's, by alias
    m = model_mentions(
        "وصل ميخائيل ميشوستين ثم ميخائيل ميشوستن وميدفيديف",
        [("ميخائيل ميشوستين", "person"), ("ميخائيل ميشوستن", "person"), ("وميدفيديف", "person")],
    )
    first, _, medvedev = m["entity"]
    assert m["entity"].nunique() == 2 and m["source"].tolist() == ["model"] * 3
    merged = apply_edits(m, [("merge", [medvedev], first)])
    assert merged["entity"].nunique() == 1
    # "وميدفيديف" keeps its و: the article never writes ميدفيديف without it (واشنطن's و is no proclitic)
    split = apply_edits(merged, [("split", first, "وميدفيديف")])
    assert split["entity"].nunique() == 2 and split.loc[2, "name_ar"] == "وميدفيديف"
    assert apply_edits(m, [("merge", ["gone"], "also_gone"), ("split", "gone", "x")]).equals(m)


def test_download_as_lexicon_rows_that_load_again(tmp_path, seed_mentions):
    m = model_mentions(
        "ووقعت شركة روساتوم الروسية عقدا مع وروساتوم في موسكو",
        [("شركة روساتوم الروسية", "organisation"), ("وروساتوم", "organisation")],
    )
    rows = lexicon_rows(pd.concat([seed_mentions, m], ignore_index=True), ["moscow", m["entity"][0]])
    assert rows.to_dict("records")[1] == {
        "id": "روساتوم",
        "type": "organisation",
        "name_ar": "روساتوم",
        "name_en": "",
        "wikidata": "",
        "aliases": "روساتوم",
        "short_forms": "",
        "nisba": "",
    }
    assert rows.loc[0, "id"] == "moscow" and rows.loc[0, "aliases"] == "موسكو"
    path = tmp_path / "entities.csv"
    rows.to_csv(path, index=False)
    assert [e.id for e in read_entities(path)] == ["moscow", "روساتوم"]  # a valid lexicon file
