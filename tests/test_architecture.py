"""ARCHITECTURE.md stays a true map: it names every module of the code, and every file it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_CODE = {"tests", "bench", "data", ".venv", ".git"}  # tests and benchmarks are described by folder


def named_paths() -> set[str]:
    return set(re.findall(r"`([\w./-]+)`", (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")))


def code_modules() -> list[str]:
    top = [p for p in ROOT.glob("*.py")]
    inner = [
        p
        for folder in ROOT.iterdir()
        if folder.is_dir() and folder.name not in NOT_CODE and not folder.name.startswith(".")
        for p in folder.rglob("*.py")
    ]
    return sorted(str(p.relative_to(ROOT)) for p in top + inner if "__pycache__" not in p.parts)


def test_every_module_has_its_line():
    modules = code_modules()
    assert "analysis/pipeline.py" in modules and "app.py" in modules
    assert [m for m in modules if m not in named_paths()] == []


def test_every_file_it_names_exists():
    files = [p for p in named_paths() if p.endswith((".py", ".csv")) and "/" in p]
    assert "analysis/spans.py" in files
    assert [p for p in files if not (ROOT / p).is_file()] == []
