"""Twenty readers at once: the real Streamlit server over loopback, twenty browser-less
sessions (websockets, one thread each) going through the main pages together, each with its
own outlet filter or language; every page run must finish without an exception, with its
title and its charts. Bounded: the whole run must finish within LIMIT_S."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.app_client import run_page, server, session

SESSIONS = 20
PAGES = {  # url path -> the title the page shows, and whether it draws a chart
    "": ("مرصد · Overview", False), "entities": ("Entities · الكيانات", True),
    "outlets": ("Outlets · المنافذ", True), "quantities": ("Weapons & quantities · الأسلحة والكميات", True),
    "story": ("Story · القصة", True),
}
QUERIES = ["", "outlet=%D8%B1%D8%A7%D9%8A%D8%AA+%D8%B1%D8%A7%D9%8A%D8%AA%D8%B3", "lang=ar"]  # رايت رايتس
LIMIT_S = 180  # about 65 s on two shared cores


@pytest.fixture(scope="module")
def port():
    with server() as (port, _, _):
        with session(port) as ws:  # warm the shared cache, as a server that has run a while has
            run_page(ws)
        yield port


def reader(port: int, n: int) -> list[str]:
    """One tab: every main page, in an order of its own, with its own link; what went wrong."""
    paths = list(PAGES)
    order = paths[n % len(paths):] + paths[:n % len(paths)]
    query = QUERIES[n % len(QUERIES)]
    problems = []
    with session(port) as ws:
        for path in order:
            run = run_page(ws, path, query)
            title, charts = PAGES[path]
            where = f"session {n} /{path}?{query}"
            problems += [f"{where}: {e}" for e in run.exceptions]
            if not any(part in h for part in title.split(" · ") for h in run.headings):  # either language
                problems.append(f"{where}: title {title!r} not among {run.headings}")
            if charts and not run.elements.get("plotly_chart"):
                problems.append(f"{where}: no chart")
    return problems


def test_twenty_concurrent_sessions_render_every_main_page(port):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        problems = [p for found in pool.map(lambda n: reader(port, n), range(SESSIONS)) for p in found]
    elapsed = time.perf_counter() - started
    print(f"{SESSIONS} sessions x {len(PAGES)} pages: {elapsed:.1f} s")
    assert problems == []
    assert elapsed < LIMIT_S, f"{SESSIONS} sessions took {elapsed:.0f} s"
