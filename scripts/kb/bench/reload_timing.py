"""Edit to reload under ``make serve``: how long after a case file is saved
the reader's open page shows the change.

Starts ``python -m kb serve`` on a copy of the benchmark library, opens one
case page in headless Chromium (MkDocs' live-reload script keeps it
connected), appends a marker to that case's summary, and times until the
marker is on the page. The median of several edits is reported; the server
and the browser run on this machine only (127.0.0.1).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from kb.paths import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} 在 {seconds:.0f} 秒内没有响应")


@contextlib.contextmanager
def preview_server(cases_dir: Path, docs_dir: Path) -> Iterator[str]:
    """``python -m kb serve`` on ``cases_dir`` at a free port of 127.0.0.1; yields its address."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "kb", "serve", "--cases", str(cases_dir), "--addr", f"127.0.0.1:{port}",
               "--docs", str(docs_dir)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        # SIGTERM, which `kb serve` handles as Ctrl-C: a process started in the background
        # (`pytest … &`) inherits SIGINT ignored, and would only stop at the SIGKILL 20 s later
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def edit_to_reload(browser, cases_dir: Path, case_id: str, edits: int = 3) -> tuple[float, float]:
    """``(median seconds from save to the change on screen, seconds until the preview first answered)``."""
    start = time.monotonic()
    with preview_server(cases_dir, cases_dir.parent / "serve-docs") as address:
        url = f"{address}/cases/{case_id}/"
        wait_for(url, 600)
        ready = time.monotonic() - start
        page = browser.new_page()
        page.goto(url)
        path = cases_dir / f"{case_id}.md"
        original = path.read_text(encoding="utf-8")
        timings = []
        try:
            for number in range(edits):
                marker = f"改动标记{number}号"
                edited = re.sub(r"^(summary: .*?)$", lambda m: m.group(1) + marker, original, count=1,
                                flags=re.MULTILINE)
                time.sleep(1.5)  # let the watcher settle after the previous rebuild
                saved = time.monotonic()
                path.write_text(edited, encoding="utf-8")
                page.wait_for_function("marker => document.body && document.body.innerText.includes(marker)",
                                       arg=marker, timeout=120_000, polling=50)
                timings.append(time.monotonic() - saved)
        finally:
            path.write_text(original, encoding="utf-8")  # the library as it was, even after a failure
        page.close()
        return statistics.median(timings), ready
