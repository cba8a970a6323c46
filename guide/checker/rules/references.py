"""references: every source a page relies on exists, is cited where the
reader sees it, and matches the page's front-matter list."""

from __future__ import annotations

import re
from difflib import get_close_matches

from ...errors import ContentError
from ..findings import WARNING, Finding, from_content_error

RULE = "references"
SUMMARY = ("Every id in a page's front-matter `references` and in cite() calls exists in "
           "data/bibliography.yml. The front-matter list and the ids cited in the text agree: "
           "cite each listed source, list each cited one. Every benefit page cites at least one "
           "source in its text. A bibliography entry no page cites, and no safety callout or "
           "warning-signs box names in its Sources line, is a warning (cite it or remove it).")
CITE_CALL = re.compile(r"\bcite\(([^)]*)\)")
QUOTED = re.compile(r"""["']([^"']*)["']""")


def source_cites(text: str) -> list[tuple[str, int]]:
    """(id, line) of every id passed to cite() in a page's source."""
    found, line, last = [], 1, 0
    for call in CITE_CALL.finditer(text):
        line += text.count("\n", last, call.start())  # count on from the last call, not from the top
        last = call.start()
        found.extend((quoted, line) for quoted in QUOTED.findall(call.group(1)))
    return found


def check(ctx):
    try:
        known = ctx.project.records.bibliography()
    except ContentError as e:
        yield from from_content_error(str(e), RULE, "data/bibliography.yml",
                                      "see schemas/bibliography.schema.json")
        return
    for page in ctx.pages:
        if page.text is None:
            continue
        listed = page.meta.get("references")
        listed = [str(x) for x in listed] if isinstance(listed, list) else []
        calls = source_cites(page.text)
        meant: set[str] = set()  # listed ids a mistyped cite() most likely meant
        yield from _unknown_ids(ctx, page, listed, calls, known, meant)
        scan = ctx.scans.get(page.src)
        # What the reader sees wins; the source is the fallback when unrendered.
        cited = set(scan.cited) if scan is not None else {i for i, _ in calls if i in known}
        ctx.cited |= cited
        if scan is not None:
            ctx.cited |= scan.sourced  # relied on in a "Sources:" line: used, not unlisted
        if "references" in page.meta:
            for ref_id in listed:
                if ref_id in known and ref_id not in cited and ref_id not in meant:
                    yield Finding(page.path, ctx.line_of(page, ref_id), RULE,
                                  f"source '{ref_id}' is in the front-matter references but never cited in the text",
                                  f'cite it with {{{{ cite("{ref_id}") }}}} after the claim it supports, '
                                  "or remove it from references")
            for ref_id in sorted(cited - set(listed)):
                line = next((n for i, n in calls if i == ref_id), 1)
                yield Finding(page.path, line, RULE,
                              f"source '{ref_id}' is cited but missing from the front-matter references",
                              f"add {ref_id} to the references list in the front matter")
        if page.is_benefit and scan is not None and not scan.cited:
            yield Finding(page.path, 1, RULE, "the page cites no source in its text",
                          'add {{ cite("id") }} after each claim, with ids from data/bibliography.yml')


def _unknown_ids(ctx, page, listed: list[str], calls: list[tuple[str, int]], known, meant: set[str]):
    """One finding per unknown id, where it first appears: the front-matter
    line if it is listed there, else its first cite(); other uses are named
    in the message, so one typo never reads as several problems. A cite()
    typo of an id the page lists suggests that id, and adds it to meant:
    its "never cited" finding would be the same typo again."""
    cite_lines: dict[str, list[int]] = {}
    for ref_id, line in calls:
        if ref_id not in known:
            cite_lines.setdefault(ref_id, []).append(line)
    for ref_id in dict.fromkeys(listed):
        if ref_id not in known:
            also = cite_lines.pop(ref_id, [])
            where = f" (also cited on line {', '.join(map(str, also))})" if also else ""
            yield Finding(page.path, ctx.line_of(page, ref_id), RULE,
                          f"unknown source '{ref_id}' in the front-matter references{where}",
                          _add_or_fix(ctx, ref_id, known))
    for ref_id, lines in cite_lines.items():
        where = f" (also on line {', '.join(map(str, lines[1:]))})" if len(lines) > 1 else ""
        uncited_listed = [i for i in listed if i in known and i not in {c for c, _ in calls}]
        close = get_close_matches(ref_id, uncited_listed, n=1, cutoff=0.6)
        if close:
            meant.add(close[0])
            fix = f"did you mean '{close[0]}', which the page lists? fix the id in cite()"
        else:
            fix = _add_or_fix(ctx, ref_id, known)
        yield Finding(page.path, lines[0], RULE, f"unknown source '{ref_id}' in cite(){where}", fix)


def _add_or_fix(ctx, ref_id: str, known) -> str:
    close = get_close_matches(ref_id, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}use an id from data/bibliography.yml, or add the source there"


def unused(project, cited: set[str]) -> list[Finding]:
    """Warnings for bibliography entries that no page cites (whole site only)."""
    try:
        known = project.records.bibliography()
    except ContentError:
        return []  # check() reports the broken file
    path = project.records.data_dir / "bibliography.yml"
    text = path.read_text(encoding="utf-8")
    findings = []
    for ref_id in known:
        if ref_id in cited:
            continue
        match = re.search(rf"^-\s+id:\s*['\"]?{re.escape(ref_id)}['\"]?\s*$", text, re.M)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        findings.append(Finding(project.rel(path), line, RULE, f"source '{ref_id}' is cited by no page",
                                "cite it where the guide relies on it, or remove the entry", WARNING))
    return findings
