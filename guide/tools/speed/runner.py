"""Measure the site: page quality and weight (Lighthouse) and build cost.

    python scripts/bench.py            # everything (make bench), about two hours on two cores
    python scripts/bench.py --pages index,faq --lighthouse-runs 1 --sizes 100 --runs 1   # a quick look

Not a test: it prints Markdown tables and writes bench-report.json, and it
exits 0 whether or not the goals are met (a busy machine makes slow numbers).

1. Build time: the median of cold builds of the real site; the real site
   against plain Material on the same pages, alternating (build_speed.py);
   synthetic sites
   (100 and 1,000 extra benefit-like pages with callouts and citations)
   built by this project and by plain Material (no macros, hooks or
   overrides), interleaved in the same run.
2. Lighthouse 12.2.3, mobile, on every page, 5 runs each, side by side in
   the same run: this site, the same Markdown as plain Material with system
   fonts (the baseline the goals compare with), and with Material's default
   theme settings (web fonts: offline their requests fail, so its weight
   lacks them). See guide/tools/speed/lighthouse.py.
3. The main thread of the same pages and variants, from a Chromium trace
   with the CPU slowed down (main_thread.py): what the blocking time is
   made of, parsing, style, layout or script.
4. scripts/bench_check.py (the content checker's benchmark), if present.
5. `make serve`: seconds from saving a page, a data file or a macro to the
   open page in Chromium showing the new text (reload.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from ..chromium import LAUNCH_ARGS, find_chromium, missing_browser_message
from . import build_speed, lighthouse, main_thread, page_weight, projects, reload
from .measure import BuildFailed, median, timed_build
from .report import kb, table, verdict

ROOT = projects.ROOT
# Lighthouse's goals are relative to plain Material: lighthouse.py.
GOALS = {"real_site_seconds": 5.0, "ratio_to_plain": 1.15, "growth_exponent": 1.1}


def pages_in(site: Path) -> list[str]:
    """Page addresses in a built site, relative to its root (no 404 page)."""
    found = []
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix()
        found.append("" if rel == "." else rel + "/")
    return sorted(found)


def sub_path(project: Path) -> str:
    # The build's canonical links carry site_url; serve under the same path.
    from mkdocs.utils import yaml_load
    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        return urlsplit(yaml_load(f)["site_url"]).path


# --- 1. builds ---------------------------------------------------------------

def bench_real_site(work: Path, runs: int) -> tuple[dict, Path, Path]:
    project = projects.copy_project(work / "real")
    site = work / "real-site"
    results = [timed_build(project, site) for _ in range(runs)]
    pages = len(pages_in(site))
    secs = median([r.seconds for r in results])
    out = {"pages": pages, "runs_seconds": [round(r.seconds, 3) for r in results],
           "median_seconds": round(secs, 3), "median_cpu_seconds": round(median([r.cpu_seconds for r in results]), 3),
           "peak_mb": round(max(r.peak_mb for r in results), 1),
           "ms_per_page": round(1000 * secs / pages, 1),
           "goal_seconds": GOALS["real_site_seconds"], "meets_goal": secs <= GOALS["real_site_seconds"],
           "weight": page_weight.weigh(site, page_weight.benefit_addresses(project / "docs"))}
    return out, project, site


def bench_synthetic(work: Path, sizes: list[int], runs: int) -> dict:
    rows = {}
    for size in sizes:
        variants = {}
        for name, edits in (("project", [projects.off_nav_pages_allowed]),
                            ("plain", [projects.off_nav_pages_allowed, projects.plain_material_config])):
            project = projects.copy_project(work / f"synthetic-{size}-{name}")
            projects.add_synthetic_pages(project, size)
            projects.rewrite_config(project, *edits)
            if name == "plain":
                projects.stage_study_pages(project)
            variants[name] = project
        measured = {"project": [], "plain": []}
        for _ in range(runs):  # interleaved, so a busy spell hits both alike
            for name, project in variants.items():
                measured[name].append(timed_build(project, work / f"synthetic-{size}-{name}-site",
                                                  strict=(name == "project")))
        pages = sum(1 for _ in (variants["project"] / "docs").rglob("*.md"))
        row = {"synthetic_pages": size, "total_pages": pages}
        for name, results in measured.items():
            secs = median([r.seconds for r in results])
            row[name] = {"median_seconds": round(secs, 3),
                         "median_cpu_seconds": round(median([r.cpu_seconds for r in results]), 3),
                         "peak_mb": round(max(r.peak_mb for r in results), 1),
                         "ms_per_page": round(1000 * secs / pages, 2),
                         "runs_seconds": [round(r.seconds, 3) for r in results]}
        row["ratio_to_plain"] = round(row["project"]["median_seconds"] / row["plain"]["median_seconds"], 3)
        row["cpu_ratio_to_plain"] = round(row["project"]["median_cpu_seconds"]
                                          / row["plain"]["median_cpu_seconds"], 3)
        rows[str(size)] = row
        print(f"  synthetic {size}: project {row['project']['median_seconds']:.1f} s, "
              f"plain {row['plain']['median_seconds']:.1f} s", flush=True)
    out = {"sizes": rows}
    if len(sizes) >= 2:
        small, big = rows[str(min(sizes))], rows[str(max(sizes))]
        for name in ("project", "plain"):
            # Time ~ pages^k: k = 1 is linear, below 1 means a fixed start-up cost.
            k = math.log(big[name]["median_seconds"] / small[name]["median_seconds"]) / \
                math.log(big["total_pages"] / small["total_pages"])
            marginal = 1000 * (big[name]["median_seconds"] - small[name]["median_seconds"]) / \
                (big["total_pages"] - small["total_pages"])
            out[f"{name}_growth_exponent"] = round(k, 3)
            out[f"{name}_marginal_ms_per_page"] = round(marginal, 2)
        out["linear"] = out["project_growth_exponent"] <= GOALS["growth_exponent"]
        out["ratio_goal"] = GOALS["ratio_to_plain"]
        out["meets_ratio_goal"] = big["ratio_to_plain"] <= GOALS["ratio_to_plain"]
    return out


# --- 2. Lighthouse -----------------------------------------------------------

class UnknownPage(Exception):
    pass


def is_redirect(site: Path, path: str) -> bool:
    """A page of mkdocs-redirects: it only sends the browser on to another."""
    return 'http-equiv="refresh"' in (site / path / "index.html").read_text(encoding="utf-8")


STUDY_PAGES_MEASURED = 3


def select_pages(site: Path, wanted: str | None, limit: int | None) -> list[str]:
    """Page addresses to measure: --pages index,faq,benefits/physical/knee-load
    ("index" is the home page), or the first --lighthouse-pages N, or all.
    The redirect pages of merged addresses are left out: each would measure
    the page it sends the browser to a second time. Of the study pages, all
    made from one template, the three largest stand for the rest by
    default (--pages may name any): 67 more would outweigh the rest of the
    site in the medians and take hours."""
    every = [path for path in pages_in(site) if not is_redirect(site, path)]
    studies = sorted((p for p in every if p.startswith("studies/")),
                     key=lambda p: -(site / p / "index.html").stat().st_size)
    paths = [p for p in every if not p.startswith("studies/")] + sorted(studies[:STUDY_PAGES_MEASURED])
    if wanted:
        chosen = []
        for name in wanted.split(","):
            name = name.strip().strip("/")
            path = "" if name in ("", "index", "home") else name + "/"
            if path not in every:
                raise UnknownPage(f"--pages: no page {name!r} in the build; pages are: index, "
                                 + ", ".join(p.rstrip("/") for p in every if p))
            chosen.append(path)
        paths = chosen
    return paths[:limit] if limit else paths


def bench_lighthouse(variants: list, project: Path, paths: list[str], runs: int) -> dict:
    chrome = find_chromium()
    if not chrome:
        raise lighthouse.LighthouseMissing(missing_browser_message())
    lighthouse.check_installed()
    return lighthouse.bench(variants, paths, sub_path(project), runs, chrome, LAUNCH_ARGS)


def bench_main_thread(variants: list, project: Path, paths: list[str], runs: int) -> dict:
    """main_thread.profile() on each variant, served as the site is."""
    from ..subpath_server import SiteServer

    chrome = find_chromium()
    if not chrome:
        return {"skipped": missing_browser_message()}
    servers = [SiteServer(v.site, sub_path(project)) for v in variants]
    for server in servers:
        server.__enter__()
    try:
        return main_thread.profile({v.name: s.base_url for v, s in zip(variants, servers)}, paths, runs,
                                   chrome, LAUNCH_ARGS)
    finally:
        for server in servers:
            server.__exit__(None, None, None)


# --- 3. the checker's own benchmark -------------------------------------------

def bench_checker(work: Path) -> dict:
    script = ROOT / "scripts/bench_check.py"
    if not script.is_file():
        return {"skipped": "scripts/bench_check.py is not there yet"}
    out = work / "bench-check.json"
    proc = subprocess.run([sys.executable, str(script), "--json", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode or not out.is_file():
        return {"failed": (proc.stdout + proc.stderr)[-2000:]}
    return {"summary": proc.stdout.strip(), **json.loads(out.read_text(encoding="utf-8"))}


# --- report --------------------------------------------------------------------

def print_report(report: dict) -> None:
    print(f"\n## Benchmark ({report['date']}, {report['cpus']} CPUs, load {report['load_average']:.1f})\n")
    real = report.get("real_site")
    if real:
        print(table(["Build", "Pages", "Median", "Peak memory", "Per page", "Goal"], [[
            f"real site, {len(real['runs_seconds'])} cold builds", real["pages"], f"{real['median_seconds']:.2f} s",
            f"{real['peak_mb']:.0f} MB", f"{real['ms_per_page']:.0f} ms",
            f"<= {real['goal_seconds']:g} s: {verdict(real['meets_goal'])}"]]))
        print("\n" + page_weight.summary(real["weight"]))
        print()
    if report.get("build_speed"):
        print(build_speed.summary(report["build_speed"]) + "\n")
    syn = report.get("synthetic")
    if syn:
        rows = []
        for row in syn["sizes"].values():
            for name, label in (("project", "this site"), ("plain", "plain Material")):
                r = row[name]
                rows.append([f"{row['synthetic_pages']} + real pages", row["total_pages"], label,
                             f"{r['median_seconds']:.2f} s", f"{r['peak_mb']:.0f} MB", f"{r['ms_per_page']:.1f} ms",
                             f"{row['ratio_to_plain']:.2f}x (CPU {row['cpu_ratio_to_plain']:.2f}x)"
                             if name == "project" else ""])
        print(table(["Synthetic site", "Pages", "Built by", "Median", "Peak memory", "Per page",
                     "vs plain"], rows))
        if "project_growth_exponent" in syn:
            print(f"\nGrowth: time ~ pages^{syn['project_growth_exponent']} (plain Material "
                  f"^{syn['plain_growth_exponent']}); extra cost per added page "
                  f"{syn['project_marginal_ms_per_page']} ms (plain {syn['plain_marginal_ms_per_page']} ms). "
                  f"Linear: {verdict(syn['linear'])}. Largest site within {syn['ratio_goal']}x of plain: "
                  f"{verdict(syn['meets_ratio_goal'])} (wall time; CPU time in brackets).")
        print()
    lh = report.get("lighthouse")
    if lh and "pages" in lh:
        print(lighthouse.report(lh))
        print()
    elif lh:
        print(f"Lighthouse: {lh}\n")
    mt = report.get("main_thread")
    if mt and "skipped" not in mt:
        print(main_thread.summary(mt) + "\n")
    if report.get("reload"):
        print(reload.summary(report["reload"]) + "\n")
    check = report.get("checker")
    if check:
        print("Checker benchmark: " + (check.get("summary") or check.get("skipped") or "failed:\n" + check["failed"]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold builds of the real site (default 5)")
    parser.add_argument("--sizes", default="100,1000", help="synthetic page counts (default 100,1000)")
    parser.add_argument("--synthetic-runs", type=int, default=3, help="builds per synthetic variant (default 3)")
    parser.add_argument("--lighthouse-pages", type=int, metavar="N", help="only the first N pages (default all)")
    parser.add_argument("--pages", metavar="LIST",
                        help="only these pages, by address: index,faq,benefits/physical/knee-load (default all)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, metavar="N",
                        help="Lighthouse runs per page and variant; each metric's median counts (default 5)")
    parser.add_argument("--before", type=Path, metavar="DIR",
                        help="also measure the site built from DIR, another checkout (say, of main), "
                             "in the same Lighthouse run")
    parser.add_argument("--skip", action="append", default=[], choices=["build-speed", "synthetic", "lighthouse", "main-thread", "checker", "reload"],
                        help="leave out a part (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-report.json", help="JSON report path")
    args = parser.parse_args(argv)
    try:
        sizes = sorted(int(s) for s in args.sizes.split(","))
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, like 100,1000 (got {args.sizes!r})")

    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(),
              "goals": GOALS}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            work = Path(tmp)
            print(f"Building the real site {args.runs} times...", flush=True)
            report["real_site"], project, site = bench_real_site(work, args.runs)
            if "build-speed" not in args.skip:
                print(f"Building the real site and plain Material on the same pages, {args.runs} times each...",
                      flush=True)
                report["build_speed"] = build_speed.measure(work, args.runs)
            if "reload" not in args.skip:
                print("Timing make serve from a save to the new text in Chromium...", flush=True)
                report["reload"] = reload.measure()
            if "synthetic" not in args.skip:
                print(f"Building synthetic sites of {args.sizes} pages, {args.synthetic_runs} runs each...",
                      flush=True)
                report["synthetic"] = bench_synthetic(work, sizes, args.synthetic_runs)
            if "lighthouse" not in args.skip or "main-thread" not in args.skip:
                paths = select_pages(site, args.pages, args.lighthouse_pages)
                variants = lighthouse.build_variants(work, site, args.before)
            if "lighthouse" not in args.skip:
                print(f"Running Lighthouse on {len(paths)} pages, {args.lighthouse_runs} runs each, side by "
                      "side with plain Material and the default theme...", flush=True)
                try:
                    report["lighthouse"] = bench_lighthouse(variants, project, paths, args.lighthouse_runs)
                except lighthouse.LighthouseMissing as err:
                    report["lighthouse"] = {"skipped": str(err)}
            if "main-thread" not in args.skip:
                print(f"Tracing the main thread on {len(paths)} pages, {args.lighthouse_runs} loads each, CPU "
                      f"slowed {main_thread.SLOWDOWN}x...", flush=True)
                report["main_thread"] = bench_main_thread(variants, project, paths, args.lighthouse_runs)
            if "checker" not in args.skip:
                print("Running scripts/bench_check.py...", flush=True)
                report["checker"] = bench_checker(work)
    except (BuildFailed, projects.ConfigShapeError, reload.ReloadFailed, FileNotFoundError, UnknownPage) as err:
        print(f"bench.py: {err}", file=sys.stderr)
        return 1
    report["load_average"] = os.getloadavg()[0]
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_report(report)
    print(f"\nFull results: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
