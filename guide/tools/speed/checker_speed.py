"""Benchmark the content checker on a synthetic site of 1,000 benefit pages.

Not a test: it prints one line and, with --json, writes the figures. It
copies the project, adds the synthetic pages, builds the site once (not
timed as part of the check), then times `check_content.py --site-dir` on it,
the whole command from start to exit, best of several runs. The goal from
issue #4 is under 2 seconds on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..project_copy import ROOT, copy_project
CATEGORIES = ["physical", "mind", "training"]
GRADES = ["supported", "some", "untested", "contradicted"]
GOAL = 2.0


def vocabulary() -> list[str]:
    """Everyday words, taken from the guide's own pages so the prose is realistic."""
    words = set()
    for page in (ROOT / "docs").rglob("*.md"):
        words.update(re.findall(r"\b[a-z]{2,12}\b", page.read_text(encoding="utf-8")))
    return sorted(words) or ["run", "back", "slow", "step", "walk", "knee", "leg", "heart"]


def ids(path: Path) -> list[str]:
    return re.findall(r"^- id:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)


def sentence(rng: random.Random, words: list[str]) -> str:
    body = " ".join(rng.choice(words) for _ in range(rng.randint(6, 16)))
    return body[0].upper() + body[1:] + "."


def paragraph(rng, words, sentences=4, cite=None) -> str:
    text = " ".join(sentence(rng, words) for _ in range(sentences))
    return text[:-1] + f' {{{{ cite("{cite}") }}}}.' if cite else text


def page(n: int, rng: random.Random, words, sources, callouts) -> tuple[str, str]:
    """One benefit page shaped like the real ones: about 550 words of prose,
    five citations, three callouts, headings, a table, a list, emphasis."""
    category = CATEGORIES[n % 3]
    refs = rng.sample(sources, 4)
    table = "\n".join(f"| {sentence(rng, words)[:30]} | {rng.randint(8, 80)} | {rng.choice(['more', 'less', 'same'])} |"
                      for _ in range(4))
    items = "\n".join(f"- **{rng.choice(words)}**: {sentence(rng, words)}" for _ in range(6))
    studies = "\n\n".join(f"### Study {i}\n\n{paragraph(rng, words, 6, ref)}" for i, ref in enumerate(refs, 1))
    safety = [rng.choice(callouts) for _ in range(3)]
    text = f"""---
title: Synthetic benefit {n}
description: A synthetic benefit page for the checker benchmark, number {n}, with every field a benefit page needs.
type: benefit
category: {category}
evidence: {GRADES[n % 4]}
finding: A synthetic one-line finding for benchmark page {n}.
references: [{", ".join(refs)}]
reviewed: 2026-11-01
---

# Synthetic benefit {n}

{paragraph(rng, words, 4, refs[0])}

{{{{ safety("{safety[0]}") }}}}

## What the studies found

{studies}

| Study | People | Result |
| --- | --- | --- |
{table}

## What it means for you

{items}

{paragraph(rng, words, 6)} *{sentence(rng, words)}*

## Try it safely

{paragraph(rng, words, 5)} Read the [precautions](../../precautions.md#look-behind) and the
[first steps](../../getting-started.md) before you start.

{{{{ safety("{safety[1]}", "{safety[2]}") }}}}

## References

{{{{ reference_list() }}}}
"""
    return f"benefits/{category}/bench-{n:04d}.md", text


def make_project(dest: Path, count: int) -> None:
    copy_project(dest)
    rng = random.Random(4)
    words = vocabulary()
    sources, callouts = ids(dest / "data/bibliography.yml"), ids(dest / "data/safety.yml")
    for n in range(1, count + 1):
        name, text = page(n, rng, words, sources, callouts)
        (dest / "docs" / name).write_text(text, encoding="utf-8")
    # A nav of 1,000 entries would make the build quadratic; the pages stay
    # off the nav, which the synthetic copy allows.
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "omitted_files: warn" not in text:
        sys.exit("bench_check.py: mkdocs.yml no longer says 'omitted_files: warn'; update make_project()")
    config.write_text(text.replace("omitted_files: warn", "omitted_files: info"), encoding="utf-8")


def build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"bench_check.py: the synthetic site did not build:\n{proc.stdout}{proc.stderr}")
    return time.perf_counter() - start


def time_check(project: Path, site: Path, runs: int) -> tuple[list[float], list[float], dict]:
    command = [sys.executable, str(ROOT / "scripts/check_content.py"), "--config", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--format", "json"]
    times, cpu, findings = [], [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time barely moves when other jobs share the machine; wall time does.
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench_check.py: the checker failed:\n{proc.stderr}")
        findings = json.loads(proc.stdout)
    counts = {"errors": sum(f["severity"] == "error" for f in findings),
              "warnings": sum(f["severity"] == "warning" for f in findings)}
    return times, cpu, counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="synthetic benefit pages (default: 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the best counts (default: 5)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to this JSON file")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="keep the synthetic project and site here, and reuse them if already there")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        work = args.workdir or Path(tmp)
        project, site = work / "project", work / "site"
        build_seconds = 0.0
        if not (site / "index.html").is_file():
            if project.exists():
                sys.exit(f"bench_check.py: {project} exists but has no built site; delete {work} and run again")
            project.mkdir(parents=True)
            make_project(project, args.pages)
            build_seconds = build(project, site)
        pages = sum(1 for _ in (project / "docs").rglob("*.md"))
        synthetic = sum(1 for _ in (project / "docs").rglob("bench-*.md"))  # a reused workdir keeps its count
        times, cpu, counts = time_check(project, site, args.runs)
        load = os.getloadavg()[0]
    best = min(times)
    verdict = "meets" if best < GOAL else "misses"
    print(f"check_content.py on a built site of {pages} pages ({synthetic} synthetic benefit pages): "
          f"{best:.2f} s best of {args.runs} (median {sorted(times)[len(times) // 2]:.2f} s, "
          f"CPU {min(cpu):.2f} s, 1-min load average {load:.1f}), "
          f"{verdict} the {GOAL:g} s goal; {counts['errors']} errors, {counts['warnings']} warnings; "
          f"site build {build_seconds:.0f} s (not counted)")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": pages, "synthetic_benefit_pages": synthetic, "runs": times, "best_seconds": best,
            "cpu_seconds": cpu, "goal_seconds": GOAL, "meets_goal": best < GOAL, "build_seconds": build_seconds,
            "cpus": os.cpu_count(), "load_average": load, **counts}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
