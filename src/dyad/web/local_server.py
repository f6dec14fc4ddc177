"""`dyad serve` in a child process on a free loopback port, and Debian's chromium for Playwright:
shared by the browser test, the screenshot script (docs/take_screenshots.py) and the API benchmark
(bench/web_api.py). Playwright's own browser download is not used; its Chromium protocol drives the
system `chromium` package."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: str | Path, start_timeout_s: float = 90.0, extra_args: tuple[str, ...] = ()) -> Iterator[str]:
    """`dyad serve --db DB` on 127.0.0.1 and a free port until the block ends; yields its base URL."""
    port = free_port()
    dyad = Path(sys.executable).parent / "dyad"
    proc = subprocess.Popen([str(dyad), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), *extra_args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"dyad serve exited with {proc.returncode}: {proc.stderr.read()}")
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"dyad serve did not answer on {base} within {start_timeout_s:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch_chromium(playwright):
    """The system chromium under Playwright, headless, with no network services of its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
