"""Marsad at corpus scale, on SaudiNewsNet (31,030 articles, 14 outlets; read in place from
../shared/data, never copied): analysis throughput on all cores, the Parquet cache, the
built store the dashboard opens, a DuckDB query on 5 million mention rows, and the memory
of a dashboard serving the 20,000-article store.

    python bench/bench_scale.py [--articles 31030] [--slice 20000] [--out /tmp/marsad-snn] [--workers N]
                                [--skip-dashboard]

Step 1 analyses every article into an empty cache (--articles, all by default); the
20,000-article store is then built from that cache, as a rebuild after new articles would be.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from analysis import engines  # noqa: E402
from analysis.corpus import load_files  # noqa: E402
from analysis.query import connect, entity_frequency, outlets  # noqa: E402
from analysis.store import Cache, analyze_cached, read_articles, read_tables, write_tables  # noqa: E402
from bench_analysis import SAUDINEWSNET, json_files  # noqa: E402

from bench.app_client import CHROMIUM_ARGS, server  # noqa: E402

QUERY_ROWS = 5_000_000


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def line(label: str, value: str) -> None:
    print(f"{label:<44}{value}", flush=True)


def with_marks(run):
    """The engine, noting (time.perf_counter) when the map starts and when its last batch is in."""
    marks: dict[str, float] = {}

    def marked(task, batches):
        marks["map"] = time.perf_counter()
        yield from run(task, batches)
        marks["mapped"] = time.perf_counter()

    marked.shares_disk = getattr(run, "shares_disk", False)
    return marked, marks


def read_corpus(limit: int):
    files = json_files(limit)
    raw, raw_seconds = timed(lambda: [json.loads(data) for _, data in files])
    loaded, load_seconds = timed(load_files, files)
    return loaded.articles[:limit], raw_seconds, load_seconds


def cold_load_seconds(store: Path) -> float:
    """read_tables in a fresh Python process (imports excluded), as a dashboard starting up."""
    code = (
        "import sys, time; sys.path.insert(0, %r); from analysis.store import read_tables; "
        "t = time.perf_counter(); read_tables(%r); print(time.perf_counter() - t)"
    ) % (str(ROOT), str(store))
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def query_figures(mentions: pd.DataFrame, store: Path, folder: Path) -> None:
    """A copy of the store whose mentions are the real mention rows repeated to 5 million;
    time the filtered entity-frequency query on it."""
    for path in store.glob("*.parquet"):
        shutil.copy(path, folder / path.name)
    table = pa.Table.from_pandas(mentions, preserve_index=False)
    repeats = -(-QUERY_ROWS // len(mentions))
    pq.write_table(pa.concat_tables([table] * repeats).slice(0, QUERY_ROWS), folder / "mentions.parquet")
    con, seconds = timed(connect, folder, in_memory=True)
    line("  load into DuckDB", f"{seconds:8.2f} s")
    names = outlets(con)
    chosen = names[:3]
    for label, wanted, nisba in [
        (f"3 outlets ({', '.join(chosen)})", chosen, False),
        ("all outlets, with adjectives", None, True),
    ]:
        entity_frequency(con, wanted, nisba)  # first run
        runs = [timed(entity_frequency, con, wanted, nisba)[1] for _ in range(5)]
        line(f"  entity frequency, {label}"[:44], f"{median(runs) * 1000:8.0f} ms (median of 5)")
    count = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    line("  mention rows queried", f"{count:,}")


def dashboard_figures(store: Path, screenshot: Path) -> None:
    """Start streamlit on the store, open the entities page in chromium, read the server's RSS."""
    import psutil
    from playwright.sync_api import sync_playwright

    with server(env={"MARSAD_STORE": str(store)}, timeout=300) as (port, process, _):
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/entities", timeout=60_000)
            started = time.perf_counter()
            page.wait_for_selector(".js-plotly-plot", timeout=300_000)
            first_chart = time.perf_counter() - started
            page.wait_for_timeout(2000)
            page.screenshot(path=str(screenshot), full_page=False)
            rss = psutil.Process(process.pid).memory_info().rss
            line("dashboard: first chart on /entities", f"{first_chart:8.1f} s after the page opened")
            line("dashboard: server resident memory", f"{rss / 1e6:8.0f} MB (streamlit process)")
            # the outlet filter offers every outlet of the store
            page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first.click()
            page.wait_for_selector('[role="option"]', timeout=30_000)  # the list shows the first few
            shown = [o for o in page.locator('[role="option"]').all_inner_texts() if o != "Select all"]
            line("dashboard: outlet filter opens with", ", ".join(shown) + ", …")
            page.screenshot(path=str(screenshot.with_name("dashboard-outlets.png")))
            page.keyboard.press("Escape")
            for path, selector in [
                ("outlets", ".js-plotly-plot"),
                ("quantities", ".js-plotly-plot"),
                ("story", ".js-plotly-plot"),
                ("contexts?q=صواريخ", "table.kwic"),
                ("reader", ".marsad-rtl"),
            ]:
                started = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/{path}", timeout=60_000)
                page.wait_for_selector(selector, timeout=300_000)
                page.wait_for_function(  # and the script run has finished
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000
                )
                line(f"dashboard: /{path} done", f"{time.perf_counter() - started:8.1f} s after the page opened")
            page.wait_for_timeout(2000)
            page.screenshot(path=str(screenshot.with_name("dashboard-reader.png")))
            rss = psutil.Process(process.pid).memory_info().rss
            line("dashboard: RSS after every page", f"{rss / 1e6:8.0f} MB (streamlit process)")
            browser.close()
    line("  screenshot", str(screenshot))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=31_030)
    parser.add_argument("--slice", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "marsad-snn")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--skip-dashboard", action="store_true")
    args = parser.parse_args()
    if not SAUDINEWSNET.is_dir():
        sys.exit(f"{SAUDINEWSNET} not found: this benchmark reads the shared SaudiNewsNet copy.")
    cache = Cache(args.out / "cache")
    shutil.rmtree(cache.folder, ignore_errors=True)
    load = os.getloadavg()
    line("machine", f"{os.cpu_count()} cores, {args.workers} workers, load average {load[0]:.1f} at start")

    articles, raw_seconds, load_seconds = read_corpus(args.articles)
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    line("corpus", f"{len(articles):,} articles, {megabytes:.1f} MB of text")
    line("read the files (json.loads)", f"{raw_seconds:8.2f} s  {megabytes / raw_seconds:8.1f} MB/s")
    line("load (+chrome, metadata)", f"{load_seconds:8.2f} s")

    run, marks = with_marks(engines.local(args.workers))
    cpu_before, started = os.times(), time.perf_counter()
    tables, seconds = timed(analyze_cached, articles, cache, run)
    cpu = os.times()
    workers_cpu = sum(getattr(cpu, f) - getattr(cpu_before, f) for f in ("children_user", "children_system"))
    main_cpu = sum(getattr(cpu, f) - getattr(cpu_before, f) for f in ("user", "system"))
    cpu_seconds = workers_cpu + main_cpu
    line(
        "analysis, empty cache (map + cross-article)",
        f"{seconds:8.1f} s  {megabytes / seconds:8.2f} MB/s  (load average {os.getloadavg()[0]:.1f} at the end)",
    )
    line("  keys, what the cache holds (main process)", f"{marks['map'] - started:8.1f} s")
    line(
        f"  map: {args.workers} workers analyse, write the cache",
        f"{marks['mapped'] - marks['map']:8.1f} s  (the main process reads each batch as it comes)",
    )
    line("  read the cache, cross-article steps (main)", f"{started + seconds - marks['mapped']:8.1f} s")
    per_core = megabytes / (seconds * args.workers)
    line(
        "  per core (wall time x workers)",
        f"{per_core:8.2f} MB/s  {len(articles) / (seconds * args.workers):8.0f} articles/s",
    )
    line(
        "  per core (CPU seconds, workers + main)",
        f"{megabytes / cpu_seconds:8.2f} MB/s  "
        f"{len(articles) / cpu_seconds:8.0f} articles/s  ({workers_cpu:.0f} + {main_cpu:.0f} = {cpu_seconds:.0f} CPU s)",
    )
    line(
        "  analysis / reading the files",
        f"{seconds / raw_seconds:8.0f} x wall, {seconds * args.workers / raw_seconds:.0f} x core-seconds",
    )
    line("  outlets", f"{tables.articles['outlet'].nunique():8d}")

    # every (n/slice)-th article: the slice spans all days, so all outlets
    subset = [articles[i * len(articles) // args.slice] for i in range(min(args.slice, len(articles)))]
    small, seconds = timed(analyze_cached, subset, cache, run)
    line(f"{len(subset):,} articles from the cache (no analysis)", f"{seconds:8.1f} s")
    store = write_tables(small, args.out / f"store-{len(subset)}", subset)
    line("  store", f"{store} ({sum(p.stat().st_size for p in store.glob('*.parquet')) / 1e6:.0f} MB)")
    line("  cold table load (fresh process)", f"{cold_load_seconds(store):8.2f} s")
    read_tables(store)
    line("  warm table load", f"{timed(read_tables, store)[1]:8.2f} s")
    line("  texts of the store (read_articles, chrome)", f"{timed(read_articles, store)[1]:8.2f} s")
    line("  mentions in the store", f"{len(small.mentions):,}")
    line(
        "  terms in the store (outlet x stem x word)",
        f"{len(small.terms):,} rows, {(store / 'terms.parquet').stat().st_size / 1e6:.0f} MB",
    )
    line("  outlets in the store (the dashboard's filter)", f"{len(outlets(connect(small))):8d}")

    print("query on 5 million mention rows (DuckDB, in process)")
    with tempfile.TemporaryDirectory() as folder:
        query_figures(tables.mentions, store, Path(folder))

    if not args.skip_dashboard:
        dashboard_figures(store, args.out / "dashboard.png")


if __name__ == "__main__":
    main()
