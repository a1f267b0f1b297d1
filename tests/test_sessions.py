"""Two readers of one hosted app: what one uploads and changes (corpus, outlet filter,
adjectives toggle, language) never reaches the other's session. Both AppTests run in this
process, so they share Streamlit's caches exactly as two browser tabs on one server do."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PRIVATE_OUTLET = "صحيفة الجلسة الأولى"
PRIVATE_TEXT = "قال فلاديمير بوتين إن روسيا تلقت 7 ملايين قذيفة مدفعية من كوريا الشمالية."
METADATA = f"file,outlet,published\nsecret.txt,{PRIVATE_OUTLET},2024-06-14\n"


def session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def articles(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Articles")


def everything_shown(at: AppTest) -> str:
    """Every text the session's page and sidebar show, and every option it offers."""
    parts = [str(e.value) for kind in ("markdown", "caption", "warning", "info", "metric") for e in at.get(kind)]
    parts += [str(o) for w in at.multiselect for o in w.options]
    parts += [str(frame.value.to_csv()) for frame in at.dataframe]
    return "\n".join(parts)


def test_one_sessions_uploads_and_choices_never_reach_another():
    first, second = session(), session()
    first.radio(key="corpus").set_value("My files")
    first.file_uploader(key="uploads").set_value(
        [
            ("secret.txt", PRIVATE_TEXT.encode(), "text/plain"),
            ("metadata.csv", METADATA.encode(), "text/csv"),
            ("private-broken.csv", b'id,text\n1,"x\n', "text/csv"),
        ]
    ).run()
    first.multiselect(key="outlets").set_value([PRIVATE_OUTLET]).run()
    first.toggle(key="nisba").set_value(True).run()
    assert articles(first) == "1" and PRIVATE_OUTLET in everything_shown(first)
    assert any("private-broken.csv" in w.value for w in first.sidebar.warning)
    first.radio(key="lang").set_value("ar").run()
    assert not first.exception

    for other in (second.run(), session()):  # one opened before the upload, one after
        assert not other.exception
        assert other.radio(key="corpus").value == "Bundled corpus"
        assert other.radio(key="lang").value == "en" and other.toggle(key="nisba").value is False
        assert other.multiselect(key="outlets").value == []
        assert articles(other) == "5"
        shown = everything_shown(other)
        assert PRIVATE_OUTLET not in shown and "private-broken" not in shown and "7,000,000" not in shown
        other.radio(key="corpus").set_value("My files").run()  # its own, empty, upload box
        assert other.file_uploader(key="uploads").value in (None, [])
        assert any("Upload one or more files" in i.value for i in other.sidebar.info)
        assert PRIVATE_OUTLET not in everything_shown(other)

    first.run()  # and the first session still has its own files and choices
    assert [name for name, _ in first.session_state["uploaded_files"]][0] == "secret.txt"
    assert first.multiselect(key="outlets").value == [PRIVATE_OUTLET]
    assert first.radio(key="lang").value == "ar" and len(first.session_state["_tables"].articles) == 1
