"""The real site against plain Material on the same pages, in one run.

Both copies hold the real docs/; the plain one has this project's Markdown
extensions and nav but no macros, hooks, overrides or extra CSS and
JavaScript (projects.plain_material_config), so its pages show the macro
calls as text. Its study pages, which the real site makes in a hook, are
staged into its docs/ (projects.stage_study_pages), so both build the same
pages. That ratio is the goal (issue 15). A third copy is plain
Material on the pages as the macros fill them in (reference lists, callouts,
figures: about five times the HTML), to tell what the content costs from
what the project's own code costs. Builds alternate, so a busy spell on the
machine slows all of them.
"""

from __future__ import annotations

from pathlib import Path

from . import projects
from .measure import median, timed_build

GOAL_RATIO = 1.5
# The verification pass (guide/boundary/built_site.py) reads the whole built
# site after every build: at most this share of the build (issue 30).
VERIFY_GOAL = 0.10


def time_verification(project: Path, site: Path) -> float:
    """Seconds the verification pass takes on a built site, as the build's
    hook runs it (the site has already been built, so every cache is warm
    as it is inside the build)."""
    import time

    import material

    from ...boundary import built_site
    from ... import content

    checked = built_site.project_for(project, (project / "overrides", Path(material.__file__).parent / "templates"),
                                     expected=content.expected_output(project))
    start = time.perf_counter()
    built_site.verify(site, checked)
    return time.perf_counter() - start


def measure(work: Path, runs: int) -> dict:
    real = projects.copy_project(work / "speed-real")
    plain = projects.copy_project(work / "speed-plain")
    projects.rewrite_config(plain, projects.plain_material_config)
    projects.stage_study_pages(plain)  # the same pages: plain Material runs no hooks
    rendered = projects.rendered_pages_project(work, timed_build)
    builds: dict[str, list] = {"real": [], "plain": [], "rendered": []}
    verify_seconds = []
    for _ in range(runs):
        builds["real"].append(timed_build(real, work / "speed-real-site"))
        verify_seconds.append(time_verification(real, work / "speed-real-site"))
        # Not strict: the macro calls, shown as text, leave links unresolved.
        builds["plain"].append(timed_build(plain, work / "speed-plain-site", strict=False))
        builds["rendered"].append(timed_build(rendered, work / "speed-rendered-site", strict=False))
    out = {name: {"median_seconds": round(median([b.seconds for b in runs_]), 3),
                  "median_cpu_seconds": round(median([b.cpu_seconds for b in runs_]), 3),
                  "runs_seconds": [round(b.seconds, 3) for b in runs_]}
           for name, runs_ in builds.items()}
    out["ratio"] = round(out["real"]["median_seconds"] / out["plain"]["median_seconds"], 2)
    out["cpu_ratio"] = round(out["real"]["median_cpu_seconds"] / out["plain"]["median_cpu_seconds"], 2)
    out["rendered_ratio"] = round(out["rendered"]["median_seconds"] / out["plain"]["median_seconds"], 2)
    out["real_over_rendered"] = round(out["real"]["median_seconds"] / out["rendered"]["median_seconds"], 2)
    out["goal_ratio"] = GOAL_RATIO
    out["meets_goal"] = out["ratio"] <= GOAL_RATIO
    out["verify_median_seconds"] = round(median(verify_seconds), 3)
    out["verify_share"] = round(out["verify_median_seconds"] / out["real"]["median_seconds"], 3)
    out["verify_goal"] = VERIFY_GOAL
    out["verify_meets_goal"] = out["verify_share"] <= VERIFY_GOAL
    print(f"  real site {out['real']['median_seconds']:.2f} s, plain Material "
          f"{out['plain']['median_seconds']:.2f} s: {out['ratio']:.2f}x (CPU {out['cpu_ratio']:.2f}x); "
          f"plain Material on the filled-in pages {out['rendered']['median_seconds']:.2f} s; "
          f"the verification pass {out['verify_median_seconds']:.2f} s ({out['verify_share']:.0%} of the build)",
          flush=True)
    return out


def summary(result: dict) -> str:
    from .report import table, verdict
    rows = [[label, f"{result[k]['median_seconds']:.2f} s", f"{result[k]['median_cpu_seconds']:.2f} s"]
            for k, label in (("real", "this site"), ("plain", "plain Material, same pages"),
                             ("rendered", "plain Material, same pages filled in by the macros"))]
    return (table(["Real site, side by side", "Median", "Median CPU"], rows)
            + f"\n\nThis site / plain Material: {result['ratio']:.2f}x wall, {result['cpu_ratio']:.2f}x CPU "
            f"(goal <= {result['goal_ratio']:g}x: {verdict(result['meets_goal'])}).\n"
            f"Plain Material on the filled-in pages takes {result['rendered_ratio']:.2f}x the pages as written: "
            f"that much is the content. This site takes {result['real_over_rendered']:.2f}x the filled-in pages: "
            "that much is the project's own code (macros, checks, hooks, templates).\n"
            f"The verification pass over the built site: {result['verify_median_seconds']:.2f} s, "
            f"{result['verify_share']:.0%} of the build (goal <= {result['verify_goal']:.0%}: "
            f"{verdict(result['verify_meets_goal'])}); the build's time above includes it.")
