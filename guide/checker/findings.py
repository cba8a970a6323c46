"""One finding, and the two ways to print a list of them."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

# "what is wrong (how to fix)": the trailing bracket is the fix. It may
# name a macro with its own brackets: "(fix the id in safety(), or ...)".
_TRAILING_FIX = re.compile(r"^(?P<message>.*\S)\s+\((?P<fix>(?:[^()]|\([^()]*\))*)\)\.?$", re.S)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    fix: str
    severity: str = ERROR

    def text(self) -> str:
        label = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}: {self.rule}: {label}{self.message} ({self.fix})"


def split_fix(message: str, default_fix: str) -> tuple[str, str]:
    """Messages from the guide package end with '(how to fix)'; keep the two apart."""
    match = _TRAILING_FIX.match(message.strip())
    if match:
        return match["message"], match["fix"]
    return message.strip(), default_fix


# One problem of a ContentError: "file:line: what is wrong (how to fix)".
_LOCATED = re.compile(r"^(?P<path>[^:\s]+):(?:(?P<line>\d+):)?\s*(?P<message>.*)$")


def from_content_error(text: str, rule: str, default_path: str, default_fix: str) -> list[Finding]:
    """The findings a broken data file's ContentError lists, one a line, each
    at the file and line it names (default_path, line 1, when it names none)."""
    findings = []
    for line in text.strip().splitlines():
        match = _LOCATED.match(line)
        path, number, what = (match["path"], int(match["line"] or 1), match["message"]) if match \
            else (default_path, 1, line)
        message, fix = split_fix(what, default_fix)
        findings.append(Finding(path, number, rule, message, fix))
    return findings


def as_text(findings: list[Finding], pages: int) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    lines = [f.text() for f in findings]
    lines.append(f"{pages} page{'s' if pages != 1 else ''} checked: "
                 f"{errors} error{'s' if errors != 1 else ''}, "
                 f"{warnings} warning{'s' if warnings != 1 else ''}")
    return "\n".join(lines)


def as_json(findings: list[Finding]) -> str:
    keys = ("path", "line", "rule", "severity", "message", "fix")
    return json.dumps([{k: asdict(f)[k] for k in keys} for f in findings], indent=2)
