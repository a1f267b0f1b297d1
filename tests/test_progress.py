"""Long work shows progress: uploads analysed on all cores, the build on the terminal."""

from analysis.cli import main
from analysis.corpus import BUNDLED_CORPUS
from analysis.engines import Progress, analyse_parallel
from analysis.pipeline import analyze
from conftest import assert_same_tables


def test_analyse_parallel_gives_the_tables_of_analyze_and_reports_each_batch(seeds):
    articles = list(seeds.values())
    calls = []
    tables = analyse_parallel(
        articles, on_progress=lambda done, total: calls.append((done, total)), workers=2, batch_size=2
    )
    assert_same_tables(tables, analyze(articles))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5) and len(calls) == 4  # batches of 2, 2 and 1
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_progress_line_says_articles_done_and_time_left():
    line = Progress()
    assert line(0, 1200) == "0 of 1,200 articles analysed, starting"
    assert line(300, 1200).startswith("300 of 1,200 articles analysed, about ")
    assert line(300, 1200).endswith(" left")


def test_the_build_prints_its_progress_on_stderr(tmp_path, capsys):
    assert (
        main(["build", str(BUNDLED_CORPUS), "--out", str(tmp_path / "store"), "--cache", str(tmp_path / "cache")]) == 0
    )
    err = capsys.readouterr().err
    assert "0 of 5 articles analysed, starting" in err and "5 of 5 articles analysed, done in" in err
