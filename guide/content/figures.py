"""Diagrams drawn as inline SVG from data, with figure("name").

Inline SVG, not <img>, so the drawing takes the page's own text colour
(currentColor) and follows light mode, dark mode and print by itself. Each
figure is a <figure> with a caption, a role="img" SVG named by its <title>
and <desc>, and the same facts in words in a collapsed box after it, for
readers who cannot see the drawing.

The numbers come from data/figures.yml, except the evidence overview,
which counts the benefit pages' grades at build time so it cannot go stale.
"""

from __future__ import annotations

import html
import textwrap

from ..errors import ContentError, did_you_mean, unknown
from ..records.store import Records
from . import listings
from .plain_text import text as plain
from .page_call import PageCall, indent

# A 400-unit-wide drawing shown at most 440 px wide. In a 320 px column (a
# small phone), 15 units is still 12 px: no figure text goes below that.
WIDTH = 400
MAX_PX = 440
FONT = 15
LINE = 20           # baseline-to-baseline distance for wrapped text
CHARS = 48          # characters per wrapped line at FONT on WIDTH (about 8 units each)

# Backward bars use the link colour, which meets contrast in both schemes;
# forward bars are outlines, so the two differ by shape, not colour alone.
BACKWARD = 'class="guide-figure__backward"'
FORWARD = 'class="guide-figure__forward" fill="none" stroke="currentColor" stroke-width="2"'

# Colours and sizes come from classes in extra.css, not style attributes:
# each style value a page may hold costs every page a hash in its security
# policy (guide/boundary/csp.py), about 55 bytes that do not compress.
# Paper is black on white: print.css turns the bars black.

def esc(text) -> str:
    return html.escape(str(text), quote=True)


def fmt(number: float) -> str:
    """4.5 -> '4.5', 3.0 -> '3.0' (one decimal, as the studies give them)."""
    return f"{number:.1f}"


def span(low: float, high: float, unit: str = "") -> str:
    return f"{low:g}{unit}" if low == high else f"{low:g}–{high:g}{unit}"


def text(x: float, y: float, words: str, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}"{weight}>{esc(words)}</text>'


def wrapped(x: float, y: float, words: str, *, bold: bool = False, chars: int = CHARS) -> tuple[str, float]:
    """Lines of text from y down; returns the SVG and the y after the last line."""
    out = []
    for line in textwrap.wrap(words, chars):
        out.append(text(x, y, line, bold=bold))
        y += LINE
    return "".join(out), y


def source_names(known: dict[str, dict], ids: list[str]) -> str:
    """'Wright 2001; Rasica 2020' from bibliography ids."""
    names = []
    for ref_id in ids:
        entry = known[ref_id]
        who = (entry.get("authors") or entry["title"]).split(",")[0].split(" ")[0]
        names.append(f"{who} {entry['year']}" if entry.get("year") else who)
    return "; ".join(names)


def svg(fid: str, title: str, desc: str, height: float, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{fid}-title {fid}-desc" '
            f'viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" height="{height:g}" '
            f'class="guide-figure__drawing" '
            f'fill="currentColor" font-size="{FONT}">'
            f'<title id="{fid}-title">{esc(title)}</title><desc id="{fid}-desc">{esc(desc)}</desc>'
            f"{body}</svg>")


def figure_html(fid: str, name: str, caption: str, drawing: str) -> str:
    # One line: a blank line inside would end Markdown's raw HTML block.
    return (f'<figure class="guide-figure" id="{fid}" data-figure="{name}">'
            f"{drawing}<figcaption>{esc(caption)}</figcaption></figure>")


def in_words(summary: str, lines: list[str]) -> str:
    """A collapsed box with the figure's facts as Markdown."""
    body = "\n".join(f"    {line}" if line else "" for line in lines)
    return f'??? info "{summary}"\n\n{body}\n'


# --- a. Forward and backward compared ---------------------------------------

def forward_backward(fid: str, known: dict[str, dict], spec: dict) -> tuple[str, list[str]]:
    bar_x, bar_max = 84, 220  # room to the right for a label like "+30–35 %"
    y, out = 18, []

    energy = spec["energy"]
    low, high = energy["extra_percent"]
    part, y = wrapped(0, y, energy["label"], bold=True)
    out.append(part)
    scale = bar_max / (100 + high)
    rows = [("Forward", 100, None, "usual"), ("Backward", 100 + low, 100 + high, f"+{span(low, high, ' %')}")]
    for label, value, upper, value_text in rows:
        out.append(text(0, y + 10, label))
        width = value * scale
        if label == "Forward":
            out.append(f'<rect x="{bar_x}" y="{y - 4:g}" width="{width:.1f}" height="18" rx="2" {FORWARD}/>')
        else:
            out.append(f'<rect x="{bar_x}" y="{y - 4:g}" width="{width:.1f}" height="18" rx="2" {BACKWARD}/>')
            extra = (upper - value) * scale
            # The paler end shows the range: about 30 % to about 35 % more.
            out.append(f'<rect x="{bar_x + width:.1f}" y="{y - 4:g}" width="{extra:.1f}" height="18" '
                       'class="guide-figure__backward guide-figure__range"/>')
            width += extra
        out.append(text(bar_x + width + 6, y + 10, value_text))
        y += 26
    y += 16

    knee = spec["knee_load"]
    part, y = wrapped(0, y, knee["label"], bold=True)
    out.append(part)
    top = max(max(s["forward"], s["backward"]) for s in knee["studies"])
    scale = bar_max / top
    for study in knee["studies"]:
        part, y = wrapped(0, y, f"{study['name']}: {study['detail']}")
        out.append(part)
        for label, key, style in (("Forward", "forward", FORWARD), ("Backward", "backward", BACKWARD)):
            width = study[key] * scale
            out.append(text(0, y + 10, label))
            out.append(f'<rect x="{bar_x}" y="{y - 4:g}" width="{width:.1f}" height="18" rx="2" {style} '
                       f'data-value="{study[key]}"/>')
            out.append(text(bar_x + width + 6, y + 10, f"{fmt(study[key])} ×"))
            y += 26
        y += 10
    y += 6

    for key in ("steps", "landing"):
        item = spec[key]
        part, y = wrapped(0, y, item["label"], bold=True)
        out.append(part)
        # A small upward triangle marks "more" for steps; a dot for landing.
        mark = (f'<path d="M2 {y + 8:g} l8 -14 l8 14 z" {BACKWARD}/>' if key == "steps"
                else f'<circle cx="10" cy="{y + 1:g}" r="6" {BACKWARD}/>')
        out.append(mark)
        part, y = wrapped(26, y + 6, f"Backward: {item['backward']}.", chars=CHARS - 4)
        out.append(part)
        y += 12
    height = y - 8

    desc = (f"Backward running uses about {span(low, high)} % more energy per minute at the same speed. "
            + " ".join(f"{s['name']} ({s['detail']}): kneecap force {fmt(s['forward'])} times body weight "
                       f"forward, {fmt(s['backward'])} backward." for s in knee["studies"])
            + f" Backward: {spec['steps']['backward'].lower()}. Backward: {spec['landing']['backward'].lower()}.")
    drawing = svg(fid, spec["title"], desc, height, "".join(out))

    words = ["| What | Forward | Backward | Source |", "| --- | --- | --- | --- |",
             f"| {plain(energy['label'])} | Usual | About {span(low, high)} % more "
             f"| {plain(source_names(known, energy['sources']))} |"]
    for s in knee["studies"]:
        words.append(f"| Peak kneecap force ({plain(s['detail'])}) | {fmt(s['forward'])} × body weight "
                     f"| {fmt(s['backward'])} × body weight | {plain(source_names(known, [s['source']]))} |")
    words.append(f"| {plain(spec['steps']['label'])} | Fewer | {plain(spec['steps']['backward'])} "
                 f"| {plain(source_names(known, spec['steps']['sources']))} |")
    words.append(f"| {plain(spec['landing']['label'])} | Not shown | {plain(spec['landing']['backward'])} "
                 f"| {plain(source_names(known, spec['landing']['sources']))} |")
    words += ["", "Backward running is slower than forward running. So a backward session does "
                  "not always use more energy in total than a forward one."]
    return drawing, words


# --- b. The evidence overview ------------------------------------------------

def grade_counts(call: PageCall) -> list[tuple[dict, int]]:
    pages = listings.benefit_pages(call)
    return [(g, sum(1 for p in pages if p.get("evidence") == g["id"])) for g in call.records.grades().values()]


def evidence_overview(fid: str, call: PageCall, spec: dict) -> tuple[str, list[str]]:
    counts = grade_counts(call)
    total = sum(n for _, n in counts)
    top = max([n for _, n in counts] + [1])
    bar_max, y, out = 330, 18, []
    for grade, count in counts:
        out.append(f'<g class="guide-grade--{esc(grade["id"])}" data-grade="{esc(grade["id"])}" data-count="{count}">')
        out.append(text(0, y, grade["label"], bold=True))
        width = bar_max * count / top
        if count:
            out.append(f'<rect x="0" y="{y + 8:g}" width="{width:.1f}" height="22" rx="2" '
                       'class="guide-figure__grade"/>')
        out.append(text(width + 8, y + 25, f"{count} {'page' if count == 1 else 'pages'}"))
        out.append("</g>")
        y += 58
    height = y - 18
    desc = f"{total} benefit pages by grade: " + "; ".join(f"{g['label']}: {n}" for g, n in counts) + "."
    title = spec.get("title", "How many benefit pages have each grade")
    drawing = svg(fid, title, desc, height, "".join(out))
    words = ["| Grade | Benefit pages |", "| --- | --- |"]
    words += [f"| {plain(g['label'])} | {n} |" for g, n in counts]
    words.append(f"| **All** | **{total}** |")
    return drawing, words


# --- c. The beginner plan ------------------------------------------------------

def beginner_plan(fid: str, spec: dict) -> tuple[str, list[str]]:
    weeks = spec["weeks"]
    top = max([w["minutes"][1] for w in weeks if "minutes" in w] + [1])
    top += top % 2  # even, so the 2-minute grid lines end at the top
    left, right, plot_top, plot_h = 44, WIDTH - 4, 44, 180
    base = plot_top + plot_h
    slot = (right - left) / len(weeks)
    scale = plot_h / top
    out = [text(0, 16, "Minutes of backward running per session", bold=True)]
    for minute in range(0, int(top) + 1, 2):
        y = base - minute * scale
        out.append(f'<line x1="{left}" y1="{y:g}" x2="{right}" y2="{y:g}" stroke="currentColor" '
                   f'stroke-opacity="{0.9 if minute == 0 else 0.35}" stroke-width="1"/>')
        out.append(text(left - 8, y + 5, str(minute), anchor="end"))
    walk = [i for i, w in enumerate(weeks) if w.get("walk_only")]
    if walk:
        x0, x1 = left + walk[0] * slot + 4, left + (walk[-1] + 1) * slot - 4
        out.append(f'<rect x="{x0:g}" y="{base - 44:g}" width="{x1 - x0:g}" height="40" rx="4" fill="none" '
                   f'stroke="currentColor" stroke-width="2" stroke-dasharray="5 4"/>')
        out.append(text((x0 + x1) / 2, base - 19, "Walk only", anchor="middle"))
    for i, week in enumerate(weeks):
        centre = left + (i + 0.5) * slot
        out.append(text(centre, base + 22, str(week["week"]), anchor="middle"))
        if "minutes" not in week:
            continue
        low, high = week["minutes"]
        x = centre - 16
        out.append(f'<rect x="{x:g}" y="{base - low * scale:g}" width="32" height="{low * scale:g}" '
                   f'{BACKWARD} data-minutes="{low:g}"/>')
        if high > low:
            out.append(f'<rect x="{x + 1:g}" y="{base - high * scale + 1:g}" width="30" '
                       f'height="{(high - low) * scale - 1:g}" fill="none" stroke="currentColor" '
                       f'stroke-width="2" stroke-dasharray="4 3" data-minutes="{high:g}"/>')
        out.append(text(centre, base - high * scale - 8, span(low, high), anchor="middle"))
    out.append(text((left + right) / 2, base + 44, "Week", anchor="middle"))
    height = base + 52
    desc = " ".join(f"Week {w['week']}: " + ("walking backward only." if w.get("walk_only")
                    else f"{span(*w['minutes'])} minutes of backward running.") for w in weeks)
    drawing = svg(fid, spec["title"], desc, height, "".join(out))
    words = ["| Week | Backward running | What to do |", "| --- | --- | --- |"]
    for w in weeks:
        amount = "None: walk only" if w.get("walk_only") else f"{span(*w['minutes'])} minutes"
        words.append(f"| {w['week']} | {amount} | {plain(w['note'])} |")
    return drawing, words


# --- The macro ------------------------------------------------------------------

# name -> (what the collapsed box is called, drawing function)
DRAWINGS = {
    "forward-backward": ("The figure in words",
                         lambda fid, call, spec: forward_backward(fid, call.records.bibliography(), spec)),
    "evidence-overview": ("The chart in numbers", evidence_overview),
    "beginner-plan": ("The plan in words", lambda fid, call, spec: beginner_plan(fid, spec)),
}
DEFAULT_CAPTIONS = {
    "evidence-overview": "How many benefit pages in this guide have each evidence grade. "
                         "The chart counts the pages' own grades each time the site is built.",
}


def check(records: Records) -> None:
    """data/figures.yml, checked (records.figure_specs), and a drawing for every entry."""
    specs, lines = records.figure_specs(), records.figure_lines()
    problems = [f"data/figures.yml:{lines[fid]}: entry '{fid}': guide/content/figures.py has no drawing for this id "
                f"(it draws: {', '.join(DRAWINGS)}){did_you_mean(fid, DRAWINGS)}"
                for fid in specs if fid not in DRAWINGS]
    if problems:
        raise ContentError("\n".join(problems))


def figure(call: PageCall, name: str) -> str:
    specs = call.records.figure_specs()
    if name not in DRAWINGS:
        call.report(name, unknown("figure", name, DRAWINGS)
                    + ' (fix the name in figure(), like figure("beginner-plan"))')
        return ""
    if name != "evidence-overview" and name not in specs:
        call.report(name, f"figure '{name}' has no entry in data/figures.yml (add one with id: {name})")
        return ""
    # How often this figure has been drawn on the page, for unique ids.
    call.drawn[name] = call.drawn.get(name, 0) + 1
    fid = f"figure-{name}" + (f"-{call.drawn[name]}" if call.drawn[name] > 1 else "")
    spec = specs.get(name, {})
    summary, draw = DRAWINGS[name]
    drawing, words = draw(fid, call, spec)
    caption = spec.get("caption") or DEFAULT_CAPTIONS[name]
    block = figure_html(fid, name, caption, drawing) + "\n\n" + in_words(summary, words)
    return indent(block, call.indent_of_call("figure", name))


# The macros pages call: name -> function(call, *arguments).
MACROS = {"figure": figure}
