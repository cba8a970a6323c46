"""Edit-to-reload time of `make serve`: from saving a file to the new page
being served, for a page, a data file and a macro.

It runs guide/tools/live_server.py (what `make serve` runs) on a copy of the project,
makes one small edit whose effect shows on a known page, and polls that
page until the new text is in it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .projects import ROOT, copy_project

# From the copy's own folder, so the copy's guide package (the one edited) is served;
# `make serve` runs the same main() through scripts/serve.py.
SERVE = ["-m", "guide.tools.live_server"]
TIMEOUT = 60.0
GOAL_SECONDS = 3.0  # for a page edit, on a 2-core machine


class ReloadFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, marker: str, started: float) -> float:
    while time.perf_counter() - started < TIMEOUT:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise ReloadFailed(f"{url} never showed {marker!r} within {TIMEOUT:.0f} s")


_originals: dict[Path, str] = {}


def _edit(path: Path, old: str, new: str) -> None:
    """Write the file's original text with old replaced by new (so each run
    starts from the same file, and a data file stays valid)."""
    text = _originals.setdefault(path, path.read_text(encoding="utf-8"))
    if old not in text:
        raise ReloadFailed(f"{path.name} no longer contains {old!r}; update guide/tools/speed/reload.py")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# What is edited, how, and which page shows it. Each edit adds `marker`.
def edit_page(project: Path, marker: str) -> str:
    _edit(project / "docs" / "faq.md", "\n## ", f"\n{marker}\n\n## ")
    return "faq/"


def edit_data(project: Path, marker: str) -> str:
    _edit(project / "data" / "safety.yml", "title: Ask a professional first", f"title: Ask {marker}")
    return "precautions/"


def edit_macro(project: Path, marker: str) -> str:
    # Wraps the callout renderer, so every safety() box shows the marker.
    _edit(project / "guide" / "content" / "safety.py", "\ndef safety_list(",
          "\n_unprobed = render_callout\n\n\n"
          "def render_callout(call, entry):\n"
          f"    return _unprobed(call, {{**entry, 'title': entry['title'] + ' {marker}'}})\n\n\n"
          "def safety_list(")
    return "getting-started/"


EDITS = {"page (docs/faq.md)": edit_page, "data file (data/safety.yml)": edit_data,
         "macro (guide/content/safety.py)": edit_macro}


def measure(runs: int = 3) -> dict:
    """Median seconds from save to served page, per kind of edit."""
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        project = copy_project(Path(tmp) / "project")
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, *SERVE, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/backward-running-guide/"
            wait_for(base, "</html>", time.perf_counter())
            results = {}
            for n, (label, edit) in enumerate(EDITS.items()):
                seconds = []
                for run in range(runs):
                    time.sleep(1.0)  # let the last rebuild settle
                    marker = f"Reloadprobe{n}x{run}"
                    started = time.perf_counter()
                    page = edit(project, marker)
                    seconds.append(wait_for(base + page, marker, started))
                results[label] = {"runs_seconds": [round(s, 2) for s in seconds],
                                  "median_seconds": round(sorted(seconds)[len(seconds) // 2], 2)}
                print(f"  reload after editing a {label}: {results[label]['median_seconds']:.2f} s", flush=True)
            return results
        finally:
            server.terminate()
            server.wait(timeout=30)


def summary(result: dict) -> str:
    from .report import table, verdict
    rows = [[label, f"{r['median_seconds']:.2f} s", ", ".join(f"{s:.2f}" for s in r["runs_seconds"]),
             f"<= {GOAL_SECONDS:g} s: {verdict(r['median_seconds'] <= GOAL_SECONDS)}"]
            for label, r in result.items()]
    return table(["make serve: save to served page", "Median", "Runs", "Goal"], rows)
