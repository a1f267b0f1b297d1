"""ruff, as configured in pyproject.toml, over the whole repository: the lint rules pass and the
code is formatted (run `ruff check --fix .` and `ruff format .` to fix what these report)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_check_passes():
    result = ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_every_file_as_it_is():
    result = ruff("format", "--check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr
