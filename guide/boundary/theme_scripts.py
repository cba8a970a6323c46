"""The inline scripts the build may ship, read from the templates.

The Content Security Policy (csp.py) and the verification pass
(built_site.py) allow an inline script only when it is one the theme's or
the guide's own templates write: never because it is in the page. Each
<script> of a template becomes a pattern. Its fixed text must match
exactly; where the template prints a value ({{ base_url }} in Material,
{url} in the redirect pages), only an address can stand there: letters,
digits and / . # % ~ : _ - (no quote, no bracket, no backslash), so the
value cannot end the string and add code of its own.

A template script with Jinja control flow ({% if %}) inside it is left off
the list: a page using it fails the verification pass, and the template
must be simplified or the script moved to a file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Types a browser runs as a script; others (JSON, JSON-LD) are only data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
FORMAT_VALUE = re.compile(r"\{[a-z_]+\}")
ADDRESS = r"[A-Za-z0-9/.#%~:_-]*"


def runs(attrs: str) -> bool:
    """True for an inline <script> a browser would run (not src=, not data)."""
    if SRC.search(attrs):
        return False
    kind = TYPE.search(attrs)
    return (kind.group(1).lower() if kind else "") in SCRIPT_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in html that a browser would run."""
    return [body for attrs, body in SCRIPT.findall(html) if runs(attrs)]


def _pattern(body: str, value: re.Pattern) -> re.Pattern | None:
    if "{%" in body or "{#" in body:
        return None
    parts = value.split(body)
    return re.compile(ADDRESS.join(re.escape(part) for part in parts) + r"\Z", re.S)


@functools.lru_cache(maxsize=8)
def patterns(template_dirs: tuple[str, ...], extra_templates: tuple[str, ...] = ()) -> tuple[re.Pattern, ...]:
    """A pattern for each inline script in the templates of template_dirs
    (Jinja) and in extra_templates (Python format strings, like the redirect
    plugin's page)."""
    found: dict[str, re.Pattern] = {}
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            for attrs, body in SCRIPT.findall(path.read_text(encoding="utf-8", errors="replace")):
                if runs(attrs) and (pattern := _pattern(body, JINJA_VALUE)):
                    found.setdefault(pattern.pattern, pattern)
    for text in extra_templates:
        for attrs, body in SCRIPT.findall(text):
            if runs(attrs) and (pattern := _pattern(body, FORMAT_VALUE)):
                found.setdefault(pattern.pattern, pattern)
    return tuple(found.values())


def redirect_templates() -> tuple[str, ...]:
    """The redirect plugin's page, when it is installed (its template is a
    Python string, not a file)."""
    try:
        from mkdocs_redirects.plugin import HTML_TEMPLATE
    except ImportError:
        return ()
    return (HTML_TEMPLATE,)


def known(body: str, allowed: tuple[re.Pattern, ...]) -> bool:
    return any(p.match(body) for p in allowed)
