"""Findings as GitHub Actions sees them: one annotation each, on the line it
is about in the pull request's "Files changed" view, and a table of them on
the run's summary page.

Only under GitHub Actions (GITHUB_ACTIONS=true); anywhere else nothing here
prints. The formats are GitHub's workflow commands:
https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

import os
from typing import Iterable, TextIO

from .findings import WARNING, Finding


def on_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    # A message may hold a newline or a percent sign; GitHub reads them escaped.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """`::error file=docs/x.md,line=3,title=todo::message (fix)`."""
    level = "warning" if finding.severity == WARNING else "error"
    props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in
                     (("file", finding.path), ("line", finding.line), ("title", finding.rule)))
    return f"::{level} {props}::{_escape_data(f'{finding.message} ({finding.fix})')}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_table(findings: list[Finding], heading: str) -> str:
    """A Markdown table for the job summary, one row a finding."""
    errors = sum(f.severity != WARNING for f in findings)
    lines = [f"### {heading}", "",
             f"{errors} error{'s' if errors != 1 else ''}, {len(findings) - errors} "
             f"warning{'s' if len(findings) - errors != 1 else ''}.", ""]
    if findings:
        lines += ["| File | Line | Rule | Problem | Fix |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| `{_cell(f.path)}` | {f.line} | {f.rule}{' (warning)' if f.severity == WARNING else ''} "
                  f"| {_cell(f.message)} | {_cell(f.fix)} |" for f in findings]
    return "\n".join(lines) + "\n\n"


def emit(findings: Iterable[Finding], heading: str, out: TextIO) -> None:
    """Under GitHub Actions: print the annotations to out, and add the table
    to the job summary (the file GITHUB_STEP_SUMMARY names, if any)."""
    if not on_github_actions():
        return
    findings = list(findings)
    for finding in findings:
        print(annotation(finding), file=out)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(summary_table(findings, heading))
