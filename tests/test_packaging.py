"""Marsad as an installed package: `pip install .` gives a `marsad` command that works from any
folder, with its lexicons, seed articles and dashboard inside the package."""

import json
import os
import re
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pinned(lines: list[str]) -> dict[str, str]:
    """{"camel-tools": "==1.6.0", ...} from requirement lines (comments and blanks skipped)."""
    lines = [re.sub(r"(^|\s)#.*", "", line).strip() for line in lines]  # pip's comments, whole-line or after a space
    requirements = [Requirement(line) for line in lines if line]
    return {canonicalize_name(r.name): str(r.specifier) for r in requirements}


def test_pyproject_dependencies_are_requirements_txt():
    """requirements.txt is what Streamlit Community Cloud installs; the package must ask for the same."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    from_txt = pinned((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert pinned(project["dependencies"]) == from_txt
    assert all(spec.startswith("==") for spec in from_txt.values())
    assert project["name"] == "marsad" and project["scripts"] == {"marsad": "analysis.cli:run"}


def test_a_checkout_uses_its_own_data_and_app():
    from analysis import cli, corpus

    assert not corpus.INSTALLED and corpus.DATA_DIR == ROOT / "data" and cli.APP == ROOT / "app.py"


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with Marsad installed by pip from this checkout, offline: the dependencies come
    from the environment running the tests (a .pth file; --system-site-packages would give the base
    interpreter's packages, not this venv's), the package itself is built and installed anew."""
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    parent = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "_test_environment.pth").write_text("\n".join(sorted(parent)) + "\n")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return folder


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without a PYTHONPATH that could bring the checkout's modules back."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, **extra}


def marsad(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [venv / "bin" / "marsad", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=clean_env()
    )


def test_installed_package_reads_its_own_data(venv, tmp_path):
    """Imported from site-packages, not from the checkout: the lexicons and seed articles come with it."""
    where = subprocess.run(
        [
            venv / "bin" / "python",
            "-c",
            "import analysis.corpus as c, analysis.cli as cli; print(c.DATA_DIR); print(cli.APP)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=clean_env(),
    ).stdout.split()
    data, app = map(Path, where)
    assert (
        venv in data.parents and (data / "entities.csv").is_file() and len(list((data / "articles").glob("*.txt"))) == 5
    )
    assert venv in app.parents and app.read_text(encoding="utf-8") == (ROOT / "app.py").read_text(encoding="utf-8")


def test_marsad_entities_gives_what_python_m_analysis_gives(venv):
    installed = marsad(venv, "entities", "data/articles", "--format", "json", cwd=ROOT)
    assert installed.returncode == 0, installed.stderr
    rows = json.loads(installed.stdout)
    assert {
        "article": "003_062528742e08afef",
        "entity": "kim_jong_un",
        "name_en": "Kim Jong Un",
        "name_ar": "كيم جونغ أون",
        "type": "person",
        "count": 14,
        "source": "lexicon",
    } in rows
    checkout = subprocess.run(
        [sys.executable, "-m", "analysis", "entities", "data/articles", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rows == json.loads(checkout.stdout)


def test_marsad_help_names_every_command(venv, tmp_path):
    result = marsad(venv, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: marsad")
    assert "{app,articles,build,dates,entities,quantities,weapons}" in result.stdout
    missing = marsad(venv, "entities", cwd=tmp_path)
    assert missing.returncode == 2 and "entities needs at least one PATH" in missing.stderr


def test_installed_dashboard_renders_the_bundled_corpus(venv, tmp_path):
    """The installed app.py and pages/ run (AppTest in the venv's Python) on the installed data."""
    script = (
        "import json; from streamlit.testing.v1 import AppTest; from analysis.cli import APP; "
        "at = AppTest.from_file(str(APP), default_timeout=240).run(); "
        "assert not at.exception, at.exception; print(json.dumps([m.value for m in at.metric]))"
    )
    result = subprocess.run(
        [venv / "bin" / "python", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(MARSAD_CACHE=str(tmp_path / "cache")),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    articles, outlets = json.loads(result.stdout.splitlines()[-1])[:2]
    assert (articles, outlets) == ("5", "4")  # three named outlets and "unknown"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_marsad_app_starts_the_dashboard_server(venv, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [venv / "bin" / "marsad", "app", "--", "--server.port", str(port), "--server.headless", "true"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=clean_env(),
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    assert answer.read() == b"ok"
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(
                f"no healthy server on port {port}: {server.stdout.read() if server.poll() is not None else ''}"
            )
        assert server.poll() is None  # still serving: it found the installed app.py
    finally:
        server.terminate()
        server.wait(timeout=30)
