"""Macros for the printable safety handout (docs/handout.md).

The handout repeats the safety callouts of data/safety.yml word for word,
so a printed sheet can never drift from the site. Its other words (who it
is for, the five-line beginner plan, the disclaimer) live in
data/handout.yml. scripts/build_pdfs.py prints the page to PDF and fails
if it no longer fits on one sheet.
"""

from __future__ import annotations

import segno
import yaml

from . import data
from .errors import ContentError
from .page import link_to, log, report
from .reviews import long_date
from .safety import GROUPS

HANDOUT = data.DATA / "handout.yml"
TEXT_FIELDS = ("audience", "plan_title", "plan_note", "disclaimer")
PLAN_LINES = 5
# The QR code and the printed address lead here: the full precautions page.
PRECAUTIONS_PATH = "precautions/"


def load() -> dict:
    """data/handout.yml, checked; a problem names the file and line."""
    name = data.rel(HANDOUT)
    try:
        text = HANDOUT.read_text(encoding="utf-8")
        content, node = data.compose_and_load(text)
    except FileNotFoundError:
        raise ContentError(f"{name}: file is missing (restore it from git)") from None
    except yaml.YAMLError as e:
        line, problem = data.yaml_problem(e, "check the indentation and quotes")
        raise ContentError(f"{name}:{line}: invalid YAML: {problem}") from None
    if not isinstance(content, dict):
        raise ContentError(f"{name}:1: expected 'key: value' lines ({', '.join(TEXT_FIELDS)}, plan)")
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    problems = []
    for field in TEXT_FIELDS:
        if not isinstance(content.get(field), str) or not content[field].strip():
            problems.append(f"{name}:{lines.get(field, 1)}: '{field}' is missing or empty; "
                            "write it as one short line of text")
    plan = content.get("plan")
    if (not isinstance(plan, list) or len(plan) != PLAN_LINES
            or not all(isinstance(step, str) and step.strip() for step in plan)):
        count = len(plan) if isinstance(plan, list) else 0
        problems.append(f"{name}:{lines.get('plan', 1)}: 'plan' has {count} lines; the handout "
                        f"summarises the beginner plan in exactly {PLAN_LINES} short lines of text")
    unknown = sorted(set(content) - set(TEXT_FIELDS) - {"plan"})
    for field in unknown:
        problems.append(f"{name}:{lines[field]}: unknown field '{field}' "
                        f"(the handout reads only {', '.join(TEXT_FIELDS)} and plan)")
    if problems:
        raise ContentError("\n".join(problems))
    return content


def site_url(env) -> str:
    url = env.conf.get("site_url") or ""
    if not url:
        log.error("mkdocs.yml: 'site_url' is empty, so the handout cannot print the site's "
                  "address or its QR code; set site_url (or the SITE_URL variable)")
    return url if url.endswith("/") else url + "/"


def readable(url: str) -> str:
    """An address as a person types it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def handout_items(env, when: str) -> str:
    """The callouts of one group as a compact list, in the data file's words."""
    if when not in GROUPS:
        report(env, "handout_items", f"unknown safety group '{when}'; use one of: {', '.join(GROUPS)}")
        return ""
    rows = []
    for entry in data.safety().values():
        if entry["when"] != when:
            continue
        rows.append(f'<div class="guide-handout__item guide-handout__item--{entry["severity"]}">'
                    f'<dt markdown="span">{entry["title"]}</dt>'
                    f'<dd markdown="span">{entry["body"].strip()}</dd></div>')
    if not rows:
        report(env, "handout_items", f"no callout in data/safety.yml has 'when: {when}'; "
                                     "remove this group from the handout or add a callout to it")
        return ""
    return '<dl class="guide-handout__items">\n' + "\n".join(rows) + "\n</dl>\n"


def handout_plan(env, text: dict) -> str:
    steps = "\n".join(f'<li markdown="span">{step.strip()}</li>' for step in text["plan"])
    return f'<ol class="guide-handout__plan">\n{steps}\n</ol>\n'


def qr_code(env) -> str:
    """An inline SVG QR code for the online precautions page, made offline."""
    target = site_url(env) + PRECAUTIONS_PATH
    qr = segno.make(target, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True,
                        svgclass="guide-qr", lineclass=None,
                        title=f"QR code for {readable(target)}")
    # role="img" makes screen readers announce the title, not the drawing.
    return svg.replace("<svg ", '<svg role="img" ', 1)


def handout_reviewed(env) -> str:
    reviewed = (env.page.meta or {}).get("reviewed")
    if not hasattr(reviewed, "strftime"):
        report(env, "handout_reviewed", "the handout shows when its content was reviewed; "
                                        "add 'reviewed: YYYY-MM-DD' to this page's front matter")
        return ""
    return f'<time datetime="{reviewed.isoformat()}">{long_date(reviewed)}</time>'


def site_address(env, page: str = "index.md") -> str:
    """A Markdown link to a docs/ page whose text is its full published address.

    On paper the reader sees where to go; on screen the link stays relative,
    so it works under any address and MkDocs checks that it resolves.
    """
    path = page[: -len(".md")]
    path = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
    return f"[{readable(site_url(env) + path)}]({link_to(env, page)}){{ .guide-address }}"


def handout_text(env, text: dict, field: str) -> str:
    """One line of data/handout.yml, like handout_text("audience")."""
    if field not in TEXT_FIELDS:
        report(env, field, f"unknown handout text '{field}'; use one of: {', '.join(TEXT_FIELDS)}")
        return ""
    return text[field].strip()


def register(env) -> None:
    text = load()
    env.macro(lambda field: handout_text(env, text, field), "handout_text")
    env.macro(lambda when: handout_items(env, when), "handout_items")
    env.macro(lambda: handout_plan(env, text), "handout_plan")
    env.macro(lambda: qr_code(env), "qr_code")
    env.macro(lambda: handout_reviewed(env), "handout_reviewed")
    env.macro(lambda page="index.md": site_address(env, page), "site_address")
