"""The running app: start time, and resident memory on the bundled corpus and on N real
articles (SaudiNewsNet, read in place from ../shared/data), as a hosted app would see them.

    python bench/bench_app.py [--articles 20000] [--browser]

Starts `streamlit run app.py` on loopback, drives a session over its websocket as a browser
tab does (bench/app_client.py), and reads the server's resident memory (VmRSS, /proc) after
each main page has rendered. The N articles are uploaded as one .jsonl through the sidebar's
"My files" uploader, the way a user would open them. --browser also times headless chromium
from the server's start until the overview's figures are on screen.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_client import CHROMIUM_ARGS, rss_mb, run_page, server, session, upload  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"
PAGES = ["", "entities", "outlets", "quantities", "story"]


def saudinewsnet_jsonl(limit: int) -> bytes:
    """The first `limit` SaudiNewsNet articles as one JSON line each."""
    lines = []
    for path in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name)):
                    lines.append(json.dumps(record, ensure_ascii=False))
                    if len(lines) == limit:
                        return "\n".join(lines).encode()
    return "\n".join(lines).encode()


def browser_seconds(port: int, since: float) -> float:
    """Seconds from `since` until chromium shows the overview's figures."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
        page.wait_for_selector('[data-testid="stMetric"]', timeout=300_000)
        seconds = time.perf_counter() - since
        browser.close()
    return seconds


def pages_with_memory(ws, process, widget_states=(), timeout: float = 1800) -> None:
    for page in PAGES:
        run = run_page(ws, page, timeout=timeout, widget_states=widget_states)
        problems = f"  EXCEPTIONS: {run.exceptions}" if run.exceptions else ""
        print(f"  /{page:<11} rendered in {run.seconds:6.1f} s, server RSS {rss_mb(process.pid):7.0f} MB{problems}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="0: the bundled corpus only")
    parser.add_argument("--browser", action="store_true", help="also time chromium until the first figures show")
    args = parser.parse_args()

    started = time.perf_counter()
    with server() as (port, process, healthy):
        print(f"bundled corpus: server healthy after {healthy:.1f} s, RSS {rss_mb(process.pid):.0f} MB")
        if args.browser:
            print(f"  chromium shows the overview's figures {browser_seconds(port, started):.1f} s after start")
        with session(port) as ws:
            first = run_page(ws)
            print(
                f"  first page served and rendered {time.perf_counter() - started:.1f} s after start"
                f" (websocket session; the run itself {first.seconds:.1f} s)"
            )
            pages_with_memory(ws, process)

    if not args.articles:
        return
    data = saudinewsnet_jsonl(args.articles)
    count = data.count(b"\n") + 1
    print(f"\n{count:,} SaudiNewsNet articles, one .jsonl of {len(data) / 2**20:.0f} MB, uploaded in the sidebar:")
    with server("--server.enableXsrfProtection", "false") as (port, process, healthy):
        with session(port) as ws:
            first = run_page(ws)
            uploader = next(i for label, i in first.widgets.items() if label.startswith("Your articles"))
            corpus = WidgetState(id=first.widgets["Corpus"], string_value="My files")
            print(f"  server RSS before the upload {rss_mb(process.pid):.0f} MB")
            at = time.perf_counter()
            files = upload(ws, port, first.session_id, uploader, [("saudinewsnet.jsonl", data)])
            print(f"  uploaded in {time.perf_counter() - at:.1f} s, RSS {rss_mb(process.pid):.0f} MB")
            pages_with_memory(ws, process, (corpus, files))


if __name__ == "__main__":
    main()
