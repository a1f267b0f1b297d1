"""The running app for benchmarks and tests: `streamlit run app.py` on a free loopback port,
and a browser-less client that drives sessions through its websocket (/_stcore/stream) the
way a browser tab does, one page run at a time; CHROMIUM_ARGS for those that open the app in
headless chromium. Used by tests/test_load.py, tests/test_browser.py, bench/bench_app.py and
bench/bench_scale.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [  # what Debian's chromium needs here, headless (../shared/DESIGN.md)
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RERUN = 2  # ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN: another run of the same page follows


@dataclass
class PageRun:
    """What one page run sent to the browser."""

    headings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    traces: list[str] = field(default_factory=list)  # the exceptions' traceback lines, as sent
    elements: dict[str, int] = field(default_factory=dict)  # element type -> how many
    widgets: dict[str, str] = field(default_factory=dict)  # widget label -> its id, to set its value
    seconds: float = 0.0
    session_id: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(
    *options: str,
    timeout: float = 120,
    script: str = "app.py",
    env: dict[str, str] | None = None,
    log: Path | None = None,
):
    """`streamlit run app.py` (or `script`) from the repository on a free loopback port, so its
    .streamlit/config.toml applies; `env` adds variables (MARSAD_STORE), `log` keeps the
    server's output (else it is dropped). Yields (port, process, seconds until healthy)."""
    port = free_port()
    started = time.perf_counter()
    with open(log or os.devnull, "wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                *options,
            ],
            cwd=ROOT,
            env={**os.environ, **env} if env else None,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            while True:
                try:
                    if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.perf_counter() - started > timeout:
                    raise RuntimeError(
                        f"the Streamlit server did not start (exit code {process.poll()})"
                        + (f"; see {log}" if log else "")
                    )
                time.sleep(0.2)
            yield port, process, time.perf_counter() - started
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def session(port: int):
    """One browser tab's websocket."""
    with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=60,
        ping_timeout=None,
    ) as ws:  # a busy server answers pings late
        yield ws


def run_page(ws, page: str = "", query: str = "", timeout: float = 120, widget_states=()) -> PageRun:
    """Ask for a page ("" is the default page, else its url path: "story") and read what the
    server sends until the run finishes. `widget_states`: WidgetState messages (a choice, an upload)."""
    started = time.perf_counter()
    request = BackMsg()
    request.rerun_script.query_string = query
    request.rerun_script.page_name = page
    request.rerun_script.widget_states.widgets.extend(widget_states)
    ws.send(request.SerializeToString())
    run = PageRun()
    while True:
        message = ForwardMsg()
        message.ParseFromString(ws.recv(timeout=timeout))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            run.session_id = message.new_session.initialize.session_id
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            name = element.WhichOneof("type")
            run.elements[name] = run.elements.get(name, 0) + 1
            if name == "exception":
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
                run.traces += list(element.exception.stack_trace)
            elif name == "heading":
                run.headings.append(element.heading.body)
            widget = getattr(element, name, None)
            if getattr(widget, "label", None) and getattr(widget, "id", None):
                run.widgets[widget.label] = widget.id
        elif kind == "script_finished" and message.script_finished != RERUN:
            run.seconds = time.perf_counter() - started
            return run


def upload_urls(ws, session_id: str, names: list[str]) -> list:
    """Ask the server where to PUT each file, as the browser does before an upload."""
    ask = BackMsg()
    ask.file_urls_request.request_id = "bench"
    ask.file_urls_request.session_id = session_id
    ask.file_urls_request.file_names.extend(names)
    ws.send(ask.SerializeToString())
    while True:
        message = ForwardMsg()
        message.ParseFromString(ws.recv(timeout=60))
        if message.WhichOneof("type") == "file_urls_response":
            return list(message.file_urls_response.file_urls)


def upload(ws, port: int, session_id: str, widget_id: str, files: list[tuple[str, bytes]]):
    """Upload files as the browser does (ask for URLs, PUT each file) and return the
    uploader's WidgetState to send with the next run. Needs XSRF protection off."""
    import requests

    state = WidgetState(id=widget_id)
    for (name, data), urls in zip(files, upload_urls(ws, session_id, [name for name, _ in files])):
        url = urls.upload_url if urls.upload_url.startswith("http") else f"http://127.0.0.1:{port}{urls.upload_url}"
        requests.put(url, files={"file": (name, data)}, timeout=600).raise_for_status()
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(file_id=urls.file_id, name=name, size=len(data), file_urls=urls)
        )
    return state


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc (Linux)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024
