"""Lighthouse side by side: this site, plain Material and Material's default
theme, built from the same Markdown and measured in the same run.

Lighthouse is the pinned 12.2.3 (node_modules, from package-lock.json), with
its default mobile settings, on pages served from 127.0.0.1. Absolute scores
move with the machine and its load, so only the comparison counts: for each
page, the runs of every variant take turns (a busy spell hits them alike),
and each metric's median over the runs stands for the page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import projects
from .measure import median, timed_build
from .report import kb, table, verdict

from ..project_copy import ROOT
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADLESS = "--headless=new"
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
# The goal (issue 29's decision): judged on the medians across pages,
# against plain Material with system fonts measured in the same run:
# performance no lower, TBT and LCP at most 50 ms more. Every page keeps
# accessibility, best practices and SEO at 100. The weight of a page is
# judged by the first round trip instead (page_weight.py), not here.
GOALS = {"performance_below_plain": 0, "tbt_over_plain_ms": 50, "lcp_over_plain_ms": 50,
         "accessibility": 100, "best-practices": 100, "seo": 100}
BASELINE = "plain"


@dataclass(frozen=True)
class Variant:
    name: str   # short key in the JSON report
    label: str  # what the table calls it
    site: Path


class LighthouseMissing(Exception):
    pass


@dataclass
class Run:
    """One Lighthouse run of one page."""
    scores: dict  # category -> 0..100
    bytes: int
    metrics: dict  # ms (CLS unitless)
    # Audits that cost points outside performance, so they can be fixed.
    failing: list = field(default_factory=list)
    # The biggest downloads (address path, bytes), to see where weight goes.
    resources: list = field(default_factory=list)
    # Lighthouse's own diagnostics: where the main thread's time goes.
    diagnostics: dict = field(default_factory=dict)


def check_installed() -> None:
    if shutil.which("npx") is None:
        raise LighthouseMissing("npx not found: install Node.js 18 or newer (Lighthouse 12.2.3 runs on Node 18-22).")
    if not (ROOT / "node_modules/.bin/lighthouse").exists():
        raise LighthouseMissing("Lighthouse is not installed: run `npm ci` in the project folder "
                                "(make bench does this).")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path if parts.scheme in ("http", "https") else url[:40]


def _items(report: dict, audit: str) -> list:
    return (report["audits"].get(audit) or {}).get("details", {}).get("items", []) or []


def render_blocking(trace: dict) -> list[list[str]]:
    """Requests Chromium marked as blocking the first paint or the parser,
    from the run's performance trace. (Lighthouse 12.2.3's own
    render-blocking and LCP-element audits fail on Chromium 156, whose
    trace format moved on; the trace events below still carry it.)"""
    out = []
    for event in trace.get("traceEvents", []):
        if event.get("name") == "ResourceSendRequest":
            data = event.get("args", {}).get("data", {})
            status = data.get("renderBlocking", "")
            if status in ("blocking", "in_body_parser_blocking"):
                out.append([_path(data.get("url", "")), status])
    return out


def diagnostics(report: dict, trace: dict) -> dict:
    """What Lighthouse names as the page's costs: render-blocking requests,
    long tasks, main-thread work by kind, script boot-up, the LCP element."""
    out = {
        "render_blocking": render_blocking(trace),
        "long_tasks": [[_path(i.get("url", "")), round(i.get("startTime", 0)), round(i.get("duration", 0))]
                       for i in _items(report, "long-tasks")],
        "main_thread": {i["group"]: round(i["duration"]) for i in _items(report, "mainthread-work-breakdown")},
        "main_thread_total": round((report["audits"].get("mainthread-work-breakdown") or {})
                                   .get("numericValue", 0)),
        "script_boot": [[_path(i["url"]), round(i.get("total", 0)), round(i.get("scripting", 0))]
                        for i in _items(report, "bootup-time")],
    }
    # largest-contentful-paint-element: a list of tables; the first names the node.
    for part in _items(report, "largest-contentful-paint-element"):
        for item in part.get("items", []):
            node = item.get("node")
            if node:
                out["lcp_element"] = node.get("selector") or node.get("snippet", "")
                out["lcp_snippet"] = node.get("snippet", "")[:120]
            if "phase" in item:
                out.setdefault("lcp_phases", {})[item["phase"]] = round(item.get("timing", 0))
    return out


def run(url: str, chrome: str, chrome_flags: list[str], timeout: int = 240) -> Run:
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = ["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json",
               f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}", "--save-assets",
               f"--chrome-flags={' '.join([*chrome_flags, HEADLESS])}"]
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "CHROME_PATH": chrome},
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode or not out.is_file():
            raise RuntimeError(f"Lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
        trace_file = out.with_name(out.stem + "-0.trace.json")
        trace = json.loads(trace_file.read_text(encoding="utf-8")) if trace_file.is_file() else {}
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
    resources = [(_path(i["url"]), int(i["totalBytes"])) for i in weight.get("details", {}).get("items", [])]
    metrics = {m: round(report["audits"][m]["numericValue"], 3 if m == "cumulative-layout-shift" else 0)
               for m in METRICS}
    return Run(scores, int(weight["numericValue"]), metrics, failing, resources, diagnostics(report, trace))


def summarise(runs: list[Run]) -> dict:
    """Lighthouse varies from run to run; its authors advise the median.
    Each metric takes its own median; accessibility, best practices and SEO
    take their lowest run (they must hold every time); the diagnostics come
    from the run with the median performance score."""
    by_score = sorted(runs, key=lambda r: r.scores["performance"])
    middle = by_score[len(by_score) // 2]
    out = {"performance": median([r.scores["performance"] for r in runs]),
           "tbt_ms": median([r.metrics["total-blocking-time"] for r in runs]),
           "lcp_ms": median([r.metrics["largest-contentful-paint"] for r in runs]),
           "fcp_ms": median([r.metrics["first-contentful-paint"] for r in runs]),
           "bytes": median([r.bytes for r in runs]),
           "runs": {"performance": [r.scores["performance"] for r in runs],
                    "tbt_ms": [r.metrics["total-blocking-time"] for r in runs],
                    "lcp_ms": [r.metrics["largest-contentful-paint"] for r in runs],
                    "bytes": [r.bytes for r in runs]},
           "failing": sorted({f for r in runs for f in r.failing}),
           "resources": middle.resources, "metrics": middle.metrics, "diagnostics": middle.diagnostics}
    for c in CATEGORIES[1:]:
        out[c] = min(r.scores[c] for r in runs)
    return out


def goal_misses(ours: dict, plain: dict | None = None) -> list[str]:
    """What keeps one page of this site from the goal on every page:
    accessibility, best practices and SEO. (Speed is judged on the medians
    across pages: median_misses().)"""
    return [f"{c} {ours[c]}" for c in CATEGORIES[1:] if ours[c] < GOALS[c]]


def median_misses(site: dict, plain: dict) -> list[str]:
    """What keeps this site's medians across pages from plain Material's:
    site and plain are the summary's medians ("performance", "tbt_ms", "lcp_ms")."""
    misses = []
    if site["performance"] < plain["performance"] - GOALS["performance_below_plain"]:
        misses.append("performance")
    if site["tbt_ms"] > plain["tbt_ms"] + GOALS["tbt_over_plain_ms"]:
        misses.append("TBT")
    if site["lcp_ms"] > plain["lcp_ms"] + GOALS["lcp_over_plain_ms"]:
        misses.append("LCP")
    return misses


# --- the projects to compare ----------------------------------------------------

def build_variants(work: Path, site: Path, before: Path | None = None) -> list[Variant]:
    """This site (already built), the same Markdown as plain Material with
    system fonts and as Material's default theme, and optionally the site
    from another checkout (say, main before a change)."""
    variants = [Variant("site", "this site", site)]
    if before is not None:
        before_site = work / "before-site"
        timed_build(before, before_site)
        variants.append(Variant("before", f"before ({before.name})", before_site))
    for name, label, edit in ((BASELINE, "plain Material, system fonts", projects.plain_system_fonts_config),
                              ("default", "Material default theme", projects.default_theme_config)):
        project = projects.copy_project(work / f"lighthouse-{name}")
        projects.rewrite_config(project, edit)
        built = work / f"lighthouse-{name}-site"
        timed_build(project, built)
        variants.append(Variant(name, label, built))
    return variants


def bench(variants: list[Variant], paths: list[str], path_prefix: str, runs: int,
          chrome: str, chrome_flags: list[str]) -> dict:
    from ..subpath_server import SiteServer

    servers = [SiteServer(v.site, path_prefix) for v in variants]
    for server in servers:
        server.__enter__()
    pages = []
    try:
        for i, path in enumerate(paths, 1):
            measured: dict[str, list[Run]] = {v.name: [] for v in variants}
            for n in range(runs):
                # Take turns, starting with a different variant each round,
                # so no variant always runs just after a cold start.
                order = list(zip(variants, servers))
                order = order[n % len(order):] + order[:n % len(order)]
                for variant, server in order:
                    measured[variant.name].append(_run_once(server.base_url + path, chrome, chrome_flags))
            row = {"path": path, **{name: summarise(rs) for name, rs in measured.items()}}
            row["misses"] = goal_misses(row["site"])
            pages.append(row)
            print(f"  {i}/{len(paths)} /{path}: " + "; ".join(
                f"{v.name} {row[v.name]['performance']:g} TBT {row[v.name]['tbt_ms']:.0f} "
                f"LCP {row[v.name]['lcp_ms']:.0f} {kb(row[v.name]['bytes'])}" for v in variants)
                + f" -> {'meets' if not row['misses'] else 'MISSES ' + ', '.join(row['misses'])}", flush=True)
    finally:
        for server in servers:
            server.__exit__(None, None, None)
    return {"variants": {v.name: v.label for v in variants}, "runs_per_page": runs, "goals": GOALS,
            "pages": pages, "summary": _summary(pages, [v.name for v in variants]),
            "note": "Offline, the default theme's Google Fonts requests fail, so its byte totals "
                    "lack the font files it would download online. Plain Material keeps the site's "
                    "plugins, features and Markdown; it drops the overrides, palette, CSS and JavaScript."}


def _run_once(url: str, chrome: str, chrome_flags: list[str]) -> Run:
    # One retry: on a shared machine Chromium now and then fails to start.
    try:
        return run(url, chrome, chrome_flags)
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        print(f"    retrying {url}: {str(err).splitlines()[0]}", flush=True)
        return run(url, chrome, chrome_flags)


def _summary(pages: list[dict], names: list[str]) -> dict:
    out = {"pages": len(pages), "pages_meeting_goal": sum(1 for p in pages if not p["misses"]),
           "misses": {p["path"]: p["misses"] for p in pages if p["misses"]}}
    for name in names:
        rows = [p[name] for p in pages]
        blocking = Counter(r for row in rows for r, _ in row["diagnostics"]["render_blocking"])
        long_tasks = Counter(_source(url) for row in rows for url, _, _ in row["diagnostics"]["long_tasks"])
        out[name] = {
            "lowest": {c: min(r[c] for r in rows) for c in CATEGORIES},
            "median": {"performance": median([r["performance"] for r in rows]),
                       "tbt_ms": median([r["tbt_ms"] for r in rows]),
                       "lcp_ms": median([r["lcp_ms"] for r in rows])},
            "median_main_thread_ms": median([r["diagnostics"]["main_thread_total"] for r in rows]),
            "median_script_ms": median([r["diagnostics"]["main_thread"].get("scriptEvaluation", 0) for r in rows]),
            "median_style_layout_ms": median([r["diagnostics"]["main_thread"].get("styleLayout", 0) for r in rows]),
            "median_long_tasks": median([len(r["diagnostics"]["long_tasks"]) for r in rows]),
            "render_blocking": sorted(blocking),
            "long_task_sources": long_tasks.most_common(),
        }
    if BASELINE in names:
        out["median_misses"] = median_misses(out["site"]["median"], out[BASELINE]["median"])
    return out


def _source(url: str) -> str:
    """A long task's source in a few words: a file's name, or the page itself."""
    if not url or url == "Unattributable":
        return "unattributed"
    return "page HTML" if url.endswith("/") else Path(url).name


# --- the report -------------------------------------------------------------------

def report(lh: dict) -> str:
    """The side-by-side tables: one row a page, then the diagnostics."""
    names = list(lh["variants"])
    head = " / ".join(names)
    rows = []
    for p in lh["pages"]:
        cell = lambda key, fmt: " / ".join(fmt(p[n][key]) for n in names)  # noqa: E731
        site = p["site"]
        rows.append([f"/{p['path']}", cell("performance", lambda v: f"{v:g}"),
                     cell("tbt_ms", lambda v: f"{v:.0f}"), cell("lcp_ms", lambda v: f"{v / 1000:.2f}"),
                     cell("fcp_ms", lambda v: f"{v / 1000:.2f}"),
                     cell("bytes", lambda v: f"{v / 1024:.0f}"),
                     "/".join(str(site[c]) for c in CATEGORIES[1:]),
                     "meets" if not p["misses"] else "MISSES: " + ", ".join(p["misses"])])
    s = lh["summary"]
    rows.append(["**median**", *(" / ".join(fmt(s[n]["median"][key]) for n in names)
                                 for key, fmt in (("performance", lambda v: f"{v:g}"), ("tbt_ms", lambda v: f"{v:.0f}"),
                                                  ("lcp_ms", lambda v: f"{v / 1000:.2f}"))), "", "", "", ""])
    g = lh["goals"]
    out = [f"Lighthouse 12.2.3, mobile, median of {lh['runs_per_page']} runs a page ({head}: "
           + "; ".join(f"{n} = {label}" for n, label in lh["variants"].items()) + ")\n",
           table(["Page", f"Performance ({head})", "TBT ms", "LCP s", "FCP s", "KB transferred",
                  "A11y/BP/SEO (site)", "A11y/BP/SEO goal"], rows)]
    if "median_misses" in s:
        out.append(f"\nGoal on the medians across pages, against plain Material in the same run: performance "
                   f">= plain - {g['performance_below_plain']}, TBT <= plain + {g['tbt_over_plain_ms']} ms, "
                   f"LCP <= plain + {g['lcp_over_plain_ms']} ms: "
                   + (verdict(True) if not s["median_misses"] else "MISSES " + ", ".join(s["median_misses"])) + ".")
    out.append(f"Goal on every page: accessibility, best practices and SEO 100. "
               f"Pages meeting it: {s['pages_meeting_goal']} of {s['pages']} "
               f"({verdict(s['pages_meeting_goal'] == s['pages'])}).")
    diag = [[lh["variants"][n], f"{s[n]['median_main_thread_ms']:g}", f"{s[n]['median_script_ms']:g}",
             f"{s[n]['median_style_layout_ms']:g}", f"{s[n]['median_long_tasks']:g}",
             ", ".join(f"{src} ({c})" for src, c in s[n]["long_task_sources"]) or "none",
             ", ".join(Path(r).name for r in s[n]["render_blocking"]) or "none"] for n in names]
    out.append("\nDiagnostics, from each page's median run (Lighthouse's simulated mobile CPU; medians over "
               "pages; long tasks counted over all pages; render-blocking as Chromium's trace marks it):\n")
    out.append(table(["Variant", "Main thread ms", "Script eval ms", "Style+layout ms", "Long tasks",
                      "Long tasks from (pages)", "Render-blocking requests"], diag))
    out.append(f"\n{lh['note']}")
    return "\n".join(out)
