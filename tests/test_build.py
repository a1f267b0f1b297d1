"""`python -m analysis build`: the local and the Dask engine write the same tables."""

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from analysis import engines
from analysis.corpus import load_bundled
from analysis.pipeline import Tables, analyze
from analysis.store import Cache, analyze_cached, read_tables, write_tables
from conftest import assert_same_tables

ROOT = Path(__file__).resolve().parent.parent


def test_dask_and_local_engines_give_identical_tables(tmp_path):
    articles = load_bundled().articles
    batches = {
        "local": engines.local(workers=2),
        "dask": engines.dask(n_workers=1, threads_per_worker=2, processes=False),
    }
    built = {}
    for name, run in batches.items():
        # batches of two articles, so the map really runs as several tasks
        tables = analyze_cached(articles, Cache(tmp_path / f"cache-{name}"), run, batch_size=2)
        built[name] = read_tables(write_tables(tables, tmp_path / name))
    assert_same_tables(built["local"], built["dask"])
    assert_same_tables(built["local"], analyze(articles))
    kim = built["dask"].mentions.query("entity == 'kim_jong_un' and article == '003_062528742e08afef'")
    assert len(kim[~kim["nisba"]]) == 14


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


def test_build_writes_one_parquet_file_per_table(tmp_path):
    result = run_cli("build", "data/articles", "--out", str(tmp_path / "store"), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.stem for p in (tmp_path / "store").glob("*.parquet"))
    assert written == sorted([f.name for f in fields(Tables)] + ["texts"])  # the texts, for the reader
    tables = read_tables(tmp_path / "store")
    assert len(tables.articles) == 5 and "5 articles" in result.stderr


def test_build_errors_say_what_to_fix(tmp_path):
    missing = run_cli("build", str(tmp_path / "missing"), "--out", str(tmp_path / "store"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    no_out = run_cli("build", "data/articles")
    assert no_out.returncode == 2 and "--out" in no_out.stderr
    unreachable = run_cli(
        "build",
        "data/articles",
        "--out",
        str(tmp_path / "s"),
        "--cache",
        str(tmp_path / "c"),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert (
        unreachable.returncode == 1 and "Could not reach the Dask scheduler at tcp://127.0.0.1:9" in unreachable.stderr
    )
    assert "Traceback" not in unreachable.stderr
