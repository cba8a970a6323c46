"""Run `make serve` on a copy of the project, for the tests and `make bench`.

The server runs as `python -m guide.tools.live_server` from the copy's own
folder, so the copy's guide package is the one served, and the one its
edits must reach; `make serve` runs the same main() through scripts/serve.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

SERVE = [sys.executable, "-m", "guide.tools.live_server"]
PATH = "/backward-running-guide/"  # the sub-path of site_url, as on GitHub Pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`make serve` on the project at project, its output in log."""

    def __init__(self, project: Path, log: Path, env: dict | None = None, wait: float = 45.0):
        self.project, self.log, self.wait = Path(project), Path(log), wait
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{PATH}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        with self.log.open("w") as out:
            self.proc = subprocess.Popen([*SERVE, "--dev-addr", f"127.0.0.1:{self.port}"], cwd=self.project,
                                         env=env, stdout=out, stderr=subprocess.STDOUT)

    def get(self, page: str = "", timeout: float = 10.0) -> str:
        """The page's HTML (a 404 page's too); fails if the server does not answer in time."""
        try:
            with urllib.request.urlopen(self.url + page, timeout=timeout) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.read().decode("utf-8", "replace")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> None:
        assert self.proc.poll() is None, f"the server ended (exit {self.proc.returncode}):\n{self.output()}"

    def wait_until(self, page: str, present: str, absent: str | None = None) -> str:
        """The page's HTML once it holds present (and not absent)."""
        end = time.monotonic() + self.wait
        html = ""
        while time.monotonic() < end:
            self.alive()
            try:
                html = self.get(page)
            except OSError:
                html = ""
            if present in html and (absent is None or absent not in html):
                return html
            time.sleep(0.2)
        raise AssertionError(f"{page or 'home page'} never showed {present!r} in {self.wait:.0f} s; "
                             f"server output:\n{self.output()[-3000:]}")

    def wait_for_output(self, text: str, after: int = 0) -> str:
        """The output from offset after on, once it holds text."""
        end = time.monotonic() + self.wait
        while time.monotonic() < end:
            out = self.output()[after:]
            if text in out:
                return out
            time.sleep(0.2)
        raise AssertionError(f"the server never printed {text!r}:\n{self.output()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def wait_for_reload(page, shows, timeout: float) -> bool:
    """Wait, without touching the browser tab page (Playwright), until it has
    reloaded by itself and shows(page) is true; False if it did not in
    timeout seconds. Live reload is a navigation: each check waits for
    the next "load" event, then asks."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            page.wait_for_event("load", timeout=remaining * 1000)
            page.locator("body").wait_for(timeout=5000)
            if shows(page):
                return True
        except PlaywrightError:
            continue  # a timeout, or it is reloading again: the loop decides
    return False
