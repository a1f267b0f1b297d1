"""The README's commands are the ones CI and a new user run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_opens_with_the_start_and_test_commands():
    start, test = readme_commands()[:2]
    assert start == "pip install -r requirements.txt && streamlit run app.py"
    assert "pip install -r requirements-dev.txt" in test and test.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_torch_is_pinned_before_camel_tools():
    lines = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert lines[0] == "torch==2.13.0"
    assert all("==" in line for line in lines)
