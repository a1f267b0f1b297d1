"""A reader of a hosted app never sees the server's paths: an uncaught exception shows its
type and Streamlit's generic note, while the message and traceback go to the server's log
(.streamlit/config.toml: client.showErrorDetails = "type")."""

from __future__ import annotations

from bench.app_client import ROOT, run_page, server, session

FAILING_PAGE = """
from pathlib import Path
Path(__file__).with_name("secret-settings.toml").read_text()  # missing: FileNotFoundError names the path
"""


def test_an_exception_reaches_the_browser_without_its_message_or_traceback(tmp_path):
    script = tmp_path / "failing.py"
    script.write_text(FAILING_PAGE)
    with server(script=str(script)) as (port, _, _), session(port) as ws:  # run from the repository, as app.py is
        run = run_page(ws)
    assert [e.split(":")[0] for e in run.exceptions] == ["FileNotFoundError"]
    sent = " ".join(run.exceptions + run.traces)
    assert run.traces == [] and "redacted" in sent
    for path in (str(tmp_path), str(ROOT), "secret-settings", "/"):
        assert path not in sent
