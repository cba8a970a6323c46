"""references: every source a page relies on exists, is cited where the
reader sees it, and matches the page's front-matter list."""

from __future__ import annotations

import re

from ..findings import WARNING, Finding, split_fix

RULE = "references"
SUMMARY = ("Every id in a page's front-matter `references` and in cite() calls exists in "
           "data/bibliography.yml. The front-matter list and the ids cited in the text agree: "
           "cite each listed source, list each cited one. Every benefit page cites at least one "
           "source in its text. A bibliography entry no page cites is a warning (cite it or "
           "remove it).")
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
        known = ctx.project.data.bibliography()
    except ctx.project.errors.ContentError as e:
        yield from _broken_data(str(e))
        return
    for page in ctx.pages:
        if page.text is None:
            continue
        listed = page.meta.get("references")
        listed = [str(x) for x in listed] if isinstance(listed, list) else []
        calls = source_cites(page.text)
        for ref_id in listed:
            if ref_id not in known:
                yield Finding(page.path, ctx.line_of(page, ref_id), RULE,
                              f"unknown source '{ref_id}' in the front-matter references",
                              _add_or_fix(ctx, ref_id, known))
        for ref_id, line in calls:
            if ref_id not in known:
                yield Finding(page.path, line, RULE, f"unknown source '{ref_id}' in cite()",
                              _add_or_fix(ctx, ref_id, known))
        scan = ctx.scans.get(page.src)
        # What the reader sees wins; the source is the fallback when unrendered.
        cited = set(scan.cited) if scan is not None else {i for i, _ in calls if i in known}
        ctx.cited |= cited
        if "references" in page.meta:
            for ref_id in listed:
                if ref_id in known and ref_id not in cited:
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


def _broken_data(text: str):
    """data/bibliography.yml itself is broken: report its problems, check nothing else."""
    for line in text.strip().splitlines():
        match = re.match(r"^(?P<path>[^:\s]+):(?:(?P<line>\d+):)?\s*(?P<message>.*)$", line)
        if match:
            message, fix = split_fix(match["message"], "see schemas/bibliography.schema.json")
            yield Finding(match["path"], int(match["line"] or 1), RULE, message, fix)


def _add_or_fix(ctx, ref_id: str, known) -> str:
    from difflib import get_close_matches

    close = get_close_matches(ref_id, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}use an id from data/bibliography.yml, or add the source there"


def unused(project, cited: set[str]) -> list[Finding]:
    """Warnings for bibliography entries that no page cites (whole site only)."""
    try:
        known = project.data.bibliography()
    except project.errors.ContentError:
        return []  # check() reports the broken file
    path = project.data.DATA / "bibliography.yml"
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
