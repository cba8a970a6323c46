"""The real site against plain Material on the same pages, in one run.

Both copies hold the real docs/; the plain one has this project's Markdown
extensions and nav but no macros, hooks, overrides or extra CSS and
JavaScript (projects.plain_material_config), so its pages show the macro
calls as text. Builds alternate, so a busy spell on the machine slows both.
"""

from __future__ import annotations

from pathlib import Path

from . import projects
from .measure import median, timed_build

GOAL_RATIO = 1.5


def measure(work: Path, runs: int) -> dict:
    real = projects.copy_project(work / "speed-real")
    plain = projects.copy_project(work / "speed-plain")
    projects.rewrite_config(plain, projects.plain_material_config)
    builds: dict[str, list] = {"real": [], "plain": []}
    for _ in range(runs):
        builds["real"].append(timed_build(real, work / "speed-real-site"))
        # Not strict: the macro calls, shown as text, leave links unresolved.
        builds["plain"].append(timed_build(plain, work / "speed-plain-site", strict=False))
    out = {name: {"median_seconds": round(median([b.seconds for b in runs_]), 3),
                  "median_cpu_seconds": round(median([b.cpu_seconds for b in runs_]), 3),
                  "runs_seconds": [round(b.seconds, 3) for b in runs_]}
           for name, runs_ in builds.items()}
    out["ratio"] = round(out["real"]["median_seconds"] / out["plain"]["median_seconds"], 2)
    out["cpu_ratio"] = round(out["real"]["median_cpu_seconds"] / out["plain"]["median_cpu_seconds"], 2)
    out["goal_ratio"] = GOAL_RATIO
    out["meets_goal"] = out["ratio"] <= GOAL_RATIO
    print(f"  real site {out['real']['median_seconds']:.2f} s, plain Material "
          f"{out['plain']['median_seconds']:.2f} s: {out['ratio']:.2f}x (CPU {out['cpu_ratio']:.2f}x)", flush=True)
    return out


def summary(result: dict) -> str:
    from .report import table, verdict
    rows = [[label, f"{result[k]['median_seconds']:.2f} s", f"{result[k]['median_cpu_seconds']:.2f} s"]
            for k, label in (("real", "this site"), ("plain", "plain Material, same pages"))]
    return (table(["Real site, side by side", "Median", "Median CPU"], rows)
            + f"\n\nThis site / plain Material: {result['ratio']:.2f}x wall, {result['cpu_ratio']:.2f}x CPU "
            f"(goal <= {result['goal_ratio']:g}x: {verdict(result['meets_goal'])}).")
