import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_entities_json_has_one_row_per_article_and_entity():
    result = run("entities", "data/articles", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    kim_003 = [r for r in rows if r["article"] == "003_062528742e08afef" and r["entity"] == "kim_jong_un"]
    assert kim_003 == [
        {
            "article": "003_062528742e08afef",
            "entity": "kim_jong_un",
            "name_en": "Kim Jong Un",
            "name_ar": "كيم جونغ أون",
            "type": "person",
            "count": 14,
            "source": "lexicon",
        }
    ]
    assert len({(r["article"], r["entity"]) for r in rows}) == len(rows)


def test_quantities_json_for_one_file():
    result = run("quantities", "data/articles/004_c951edba429ed671.txt", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    containers = [r for r in rows if r["category"] == "container"]
    assert [(r["value"], r["qualifier"], r["text"]) for r in containers] == [
        (10000, "at_least", "ما لا يقل عن 10 آلاف حاوية شحن")
    ]
    text = (ROOT / "data/articles/004_c951edba429ed671.txt").read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert sum(r["value"] == 5_000_000 and r["category"] == "munition" for r in rows) == 3
    # the counted weapon class and the low end of a range come out too
    shells = [(r["value"], r["value_low"], r["weapon"]) for r in rows if "قذيفة" in r["text"]]
    assert shells == [(5e6, 5e6, "artillery_shells")] * 3 + [(1e6, 1e6, "artillery_shells")]


def test_errors_go_to_stderr_with_a_non_zero_exit(tmp_path):
    result = run("entities", str(tmp_path / "missing"))
    assert result.returncode == 1 and result.stdout == ""
    assert "does not exist" in result.stderr
    (tmp_path / "blank.txt").write_text("")
    result = run("entities", str(tmp_path))
    assert result.returncode == 1
    assert "skipped: blank.txt is empty." in result.stderr
