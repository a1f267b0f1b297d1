"""The Entities page: where each entity comes from, its spellings, and a reader's merges and
splits (this session only), downloadable as lexicon rows; and the empty page's message."""

import json

from test_app import open_app, table


def counts(at):
    frame = table(at, "name_ar", "mentions", "source")
    return dict(zip(frame["name_ar"], frame["mentions"]))


def test_every_entity_says_where_it_comes_from_and_how_it_is_written():
    at = open_app("views/entities.py")
    frame = table(at, "name_ar", "mentions", "source")
    assert set(frame["source"]) == {"lexicon"}  # no NER model in this test: the lexicons alone
    at.selectbox(key="explain_entity").set_value("kim_jong_un").run()
    spellings = table(at, "variant", "count")
    assert dict(zip(spellings["variant"], spellings["count"])) == {
        "كيم": 21,
        "كيم جونغ أون": 5,
        "كيم جونج أون": 4,
        "كيم يونج أون": 3,
    }


def test_merge_then_split_then_undo():
    at = open_app("views/entities.py")
    before = counts(at)
    at.selectbox(key="explain_entity").set_value("pyongyang").run()
    at.multiselect(key="merge_entities").set_value(["moscow"]).run()
    at.button(key="merge_button").click().run()
    after = counts(at)
    assert after["بيونغ يانغ"] == before["بيونغ يانغ"] + before["موسكو"] and "موسكو" not in after
    spellings = table(at, "variant", "count")
    assert "موسكو" in set(spellings["variant"])  # Moscow's mentions are now spellings of the merged one
    at.selectbox(key="split_variant").set_value("موسكو").run()
    at.button(key="split_button").click().run()
    assert counts(at)["موسكو"] == before["موسكو"]
    at.button(key="undo_edits").click().run()
    assert counts(at) == before
    assert not at.exception


def test_the_empty_message_names_the_outlet_filter_only_when_one_is_set():
    rows = [
        {
            "text": "الطقس اليوم حار جدا في الصيف، وقال مسؤول إن الحرارة سترتفع.",
            "outlet": "Test Daily",
            "date": "2015-07-21",
        }
    ]
    at = open_app()
    at.radio(key="corpus").set_value("My files").run()
    at.file_uploader(key="uploads").set_value(
        [
            ("weather.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode(), "application/json"),
        ]
    ).run()
    at.switch_page("views/entities.py").run()
    notes = [i.value for i in at.info]
    assert notes and not any("outlets" in n for n in notes), notes
    at.multiselect(key="outlets").set_value(["Test Daily"]).run()
    assert any("Try other outlets" in i.value for i in at.info)
