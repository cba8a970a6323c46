"""Run the pinned Lighthouse (node_modules, from package-lock.json) on pages
served from 127.0.0.1, with Lighthouse's default mobile settings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADLESS = "--headless=new"
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


class LighthouseMissing(Exception):
    pass


@dataclass
class PageScore:
    path: str
    scores: dict  # category -> 0..100
    bytes: int
    # Audits that cost points outside performance, so they can be fixed.
    failing: list = field(default_factory=list)
    # The biggest downloads (address path, bytes), to see where weight goes.
    resources: list = field(default_factory=list)
    # Performance metrics in ms (CLS unitless), to see why a score dropped.
    metrics: dict = field(default_factory=dict)
    # Every run's performance score, when the page was measured more than once.
    performance_runs: list = field(default_factory=list)


def check_installed() -> None:
    if shutil.which("npx") is None:
        raise LighthouseMissing("npx not found: install Node.js 18 or newer (Lighthouse 12.2.3 runs on Node 18-22).")
    if not (ROOT / "node_modules/.bin/lighthouse").exists():
        raise LighthouseMissing("Lighthouse is not installed: run `npm ci` in the project folder "
                                "(make bench does this).")


def run(url: str, path: str, chrome: str, chrome_flags: list[str], timeout: int = 240) -> PageScore:
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = ["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json",
               f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join([*chrome_flags, HEADLESS])}"]
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "CHROME_PATH": chrome},
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode or not out.is_file():
            raise RuntimeError(f"Lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError'].get('message')}")
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = []
    for c in CATEGORIES[1:]:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{c}:{ref['id']}")
    weight = report["audits"]["total-byte-weight"]
    resources = [(urlsplit(item["url"]).path, int(item["totalBytes"]))
                 for item in weight.get("details", {}).get("items", [])]
    metrics = {m: round(report["audits"][m]["numericValue"], 3 if m == "cumulative-layout-shift" else 0)
               for m in METRICS}
    return PageScore(path, scores, int(weight["numericValue"]), failing, resources, metrics)


def median_of(runs: list[PageScore]) -> PageScore:
    """Lighthouse varies from run to run; its authors advise the median run.
    The run with the median performance score stands for the page."""
    ordered = sorted(runs, key=lambda r: r.scores["performance"])
    median = ordered[len(ordered) // 2]
    median.performance_runs = [r.scores["performance"] for r in runs]
    return median
