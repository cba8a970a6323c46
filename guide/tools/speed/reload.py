"""Save-to-browser time of `make serve`: from saving a file to the open page
in Chromium showing the new text, for a page, a data file and a macro.

It runs `make serve` on a copy of the project (guide/tools/serve_process.py),
opens the page that shows the edit in Chromium, saves one small edit and
waits, without touching the tab, until the page has reloaded by itself and
its text holds the new words. That is what a contributor waits for: the
file watcher, the rebuild, the live-reload poll and the page load.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ..chromium import LAUNCH_ARGS, find_chromium, missing_browser_message
from ..serve_process import LiveServer, wait_for_reload
from .projects import copy_project

TIMEOUT = 60.0
GOAL_SECONDS = 3.0  # on a 2-core machine (issue 27)
PAUSE = 1.0  # seconds between saves (each save's build has ended when its page shows)


class ReloadFailed(Exception):
    pass


# What is edited (file, text, the text with {marker} in its place) and the
# page that shows it. Each edit must build without problems (measure()
# checks): a build the verification pass stops is not what a save costs.
EDITS = {
    "page (docs/faq.md)": ("docs/faq.md", "\n## ", "\n{marker}\n\n## ", "faq/"),
    "data file (data/safety.yml)": ("data/safety.yml", "title: Ask a professional first",
                                    "title: Ask {marker}", "precautions/"),
    # A macro whose output is put in after Markdown (held_html.py): the
    # pages' Markdown is unchanged, so no page is converted again.
    "macro, reference lists (guide/content/citations.py)": (
        "guide/content/citations.py", "{html.escape(study.design_line(entry[\"study\"]))}.</span>')",
        "{html.escape(study.design_line(entry[\"study\"]))}. {marker}</span>')", "getting-started/"),
    # A macro whose output is in the Markdown of every page that cites a
    # source: those pages are converted again. The marker goes into the
    # link's tooltip (title): as words after a citation it would change
    # the safety text on the precautions page, which the pass refuses.
    "macro, every citation (guide/content/citations.py)": (
        "guide/content/citations.py", '<a href="#ref-{ref_id}"{anchor} title="',
        '<a href="#ref-{ref_id}"{anchor} title="{marker} ', "getting-started/"),
}


def _save(path: Path, original: str, old: str, new: str) -> None:
    """Write the file's original text with old replaced by new (so each run
    starts from the same file, and a data file stays valid)."""
    if old not in original:
        raise ReloadFailed(f"{path.name} no longer contains {old!r}; update guide/tools/speed/reload.py")
    path.write_text(original.replace(old, new, 1), encoding="utf-8")


def measure(runs: int = 3) -> dict:
    """Median seconds from save to the new text in the browser, per kind of edit."""
    executable = find_chromium()
    if executable is None:
        raise ReloadFailed(missing_browser_message())
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp, sync_playwright() as p:
        project = copy_project(Path(tmp) / "project")
        browser = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            with LiveServer(project, Path(tmp) / "serve.log", wait=TIMEOUT) as server:
                server.wait_until("", "</html>")
                tab = browser.new_page()
                results = {}
                for n, (label, (name, old, new, page)) in enumerate(EDITS.items()):
                    path = project / name
                    original = path.read_text(encoding="utf-8")
                    tab.goto(server.url + page)
                    seconds = []
                    try:
                        for run in range(runs):
                            time.sleep(PAUSE)
                            marker = f"Reloadprobe{n}x{run}"
                            after = len(server.output())
                            started = time.perf_counter()
                            _save(path, original, old, new.replace("{marker}", marker))
                            # In the page as the browser now holds it: its text, or a tooltip.
                            # (A locator call gives up after its timeout; page.content()
                            # once waited for ever on a page that was reloading.)
                            if not wait_for_reload(tab, lambda t: marker in t.locator("body").inner_html(),
                                                   TIMEOUT):
                                raise ReloadFailed(f"{label}: the open page never showed {marker!r} within "
                                                   f"{TIMEOUT:.0f} s:\n{server.output()[-2000:]}")
                            seconds.append(time.perf_counter() - started)
                            built = server.wait_for_output("Built ", after)
                            if "no problems" not in built:
                                raise ReloadFailed(f"{label}: the edit made a build with problems, so this "
                                                   f"does not time a good save; change it:\n{built[-2000:]}")
                    finally:
                        restored = len(server.output())
                        path.write_text(original, encoding="utf-8")
                    if seconds:
                        # A save while that build runs would be timed from the middle of
                        # it; and the tab reloads when it ends. Sending the tab on while
                        # it reloads once hung Playwright (goto, close), so both are awaited.
                        server.wait_for_output("Built ", restored)
                        wait_for_reload(tab, lambda t: True, 10.0)
                    results[label] = {"runs_seconds": [round(s, 2) for s in seconds],
                                      "median_seconds": round(sorted(seconds)[len(seconds) // 2], 2)}
                    print(f"  save to browser, {label}: {results[label]['median_seconds']:.2f} s", flush=True)
                return results
        finally:
            browser.close()


def summary(result: dict) -> str:
    from .report import table, verdict
    rows = [[label, f"{r['median_seconds']:.2f} s", ", ".join(f"{s:.2f}" for s in r["runs_seconds"]),
             f"<= {GOAL_SECONDS:g} s: {verdict(r['median_seconds'] <= GOAL_SECONDS)}"]
            for label, r in result.items()]
    return table(["make serve: save to the new text in the browser", "Median", "Runs", "Goal"], rows)


def main() -> int:
    """Only this measure, without the rest of make bench: python -m guide.tools.speed.reload"""
    try:
        result = measure()
    except ReloadFailed as err:
        print(f"reload.py: {err}")
        return 1
    print(summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
