"""Where a page's main thread spends its time, from a Chromium trace with
the CPU slowed down as on a mid-range phone.

Lighthouse says how long the main thread was blocked; this says by what:
parsing the HTML, working out styles and layout, running scripts,
painting. Each page of each variant loads in a fresh tab with the CPU
slowed four times (Lighthouse's mobile setting), and the trace's
top-level tasks on the page's main thread are summed by kind; the median
of the runs stands for the page.
"""

from __future__ import annotations

from collections import Counter

from .measure import median

SLOWDOWN = 4
# Trace event names, by the kind of work they are.
KINDS = {
    "ParseHTML": "parse HTML",
    "UpdateLayoutTree": "style", "RecalculateStyles": "style", "ParseAuthorStyleSheet": "style",
    "Layout": "layout", "UpdateLayerTree": "layout",
    "EvaluateScript": "script", "v8.compile": "script", "FunctionCall": "script", "TimerFire": "script",
    "EventDispatch": "script", "v8.evaluateModule": "script", "FireAnimationFrame": "script",
    "Paint": "paint", "PrePaint": "paint", "Layerize": "paint", "CompositeLayers": "paint",
}
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,v8"


def _main_thread(events: list[dict]) -> tuple[int, int] | None:
    """(pid, tid) of the renderer's main thread that loaded the page."""
    names = {(e["pid"], e["tid"]) for e in events
             if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    busiest = Counter((e["pid"], e["tid"]) for e in events if (e["pid"], e["tid"]) in names
                      and e.get("name") == "ParseHTML")
    return busiest.most_common(1)[0][0] if busiest else None


def summarise(events: list[dict]) -> dict[str, float]:
    """Milliseconds of main-thread work by kind (outermost events only, so
    a script inside a task is not counted twice), and the DOM's size."""
    thread = _main_thread(events)
    out: Counter = Counter()
    if thread is None:
        return {}
    spans = sorted((e["ts"], e["ts"] + e.get("dur", 0), KINDS[e["name"]]) for e in events
                   if (e["pid"], e["tid"]) == thread and e.get("ph") == "X" and e.get("name") in KINDS)
    end_of_last = -1
    for start, end, kind in spans:
        if start >= end_of_last:  # not inside the last counted event
            out[kind] += (end - start) / 1000
            end_of_last = end
    out["total"] = sum(v for k, v in out.items())
    return {k: round(v, 1) for k, v in out.items()}


def trace_page(browser, url: str) -> dict[str, float]:
    """One load of url in a fresh context, traced with the CPU slowed down."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True,
                                  device_scale_factor=1.75)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        events: list[dict] = []
        cdp.on("Tracing.dataCollected", lambda data: events.extend(data["value"]))
        done = []
        cdp.on("Tracing.tracingComplete", lambda _: done.append(True))
        cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1000)  # the deferred scripts' work after load
        elements = page.evaluate("() => document.getElementsByTagName('*').length")
        cdp.send("Tracing.end")
        while not done:
            page.wait_for_timeout(50)
        result = summarise(events)
        result["dom_elements"] = elements
        return result
    finally:
        context.close()


def profile(servers: dict[str, str], paths: list[str], runs: int, chrome: str, launch_args: list[str]) -> dict:
    """{path: {variant: median ms by kind}} for each variant's base URL in servers."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome, args=launch_args)
        try:
            for path in paths:
                row = {}
                for name, base in servers.items():
                    traces = [trace_page(browser, base + path) for _ in range(runs)]
                    kinds = sorted({k for t in traces for k in t})
                    row[name] = {k: median([t.get(k, 0) for t in traces]) for k in kinds}
                out[path] = row
                print(f"  /{path}: " + "; ".join(f"{n} {r.get('total', 0):.0f} ms (style {r.get('style', 0):.0f}, "
                                                 f"layout {r.get('layout', 0):.0f}, script {r.get('script', 0):.0f}, "
                                                 f"{r.get('dom_elements', 0):.0f} elements)"
                                                 for n, r in row.items()), flush=True)
        finally:
            browser.close()
    return out


def summary(result: dict) -> str:
    from .report import table
    names = list(next(iter(result.values()))) if result else []
    rows = []
    for path, row in result.items():
        for name in names:
            r = row[name]
            rows.append([f"/{path}", name, f"{r.get('total', 0):.0f}", f"{r.get('parse HTML', 0):.0f}",
                         f"{r.get('style', 0):.0f}", f"{r.get('layout', 0):.0f}", f"{r.get('script', 0):.0f}",
                         f"{r.get('paint', 0):.0f}", f"{r.get('dom_elements', 0):.0f}"])
    return (f"Main thread, Chromium trace with the CPU slowed {SLOWDOWN}x (median of runs, ms):\n\n"
            + table(["Page", "Variant", "Total", "Parse HTML", "Style", "Layout", "Script", "Paint",
                     "DOM elements"], rows))
