"""Where a macro is called from: the page, its source line, its indentation."""

from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import get_plugin_logger

from .errors import line_of

log = get_plugin_logger("site_macros")


def src(env) -> str:
    return env.page.file.src_uri


def source(env) -> str:
    return env.page.file.content_string


def report(env, needle: str, message: str, line: int | None = None) -> None:
    """Log an error at the line of the page where needle first appears,
    preferring it quoted, as a macro argument is (so 'x' is not found
    inside an earlier 'x2'), unless the caller knows the line."""
    if line is None:
        text = source(env)
        for form in (f'"{needle}"', f"'{needle}'", needle):
            if form in text:
                break
        line = line_of(text, form)
    log.error(f"docs/{src(env)}:{line}: {message}")


def link_to(env, target: str) -> str:
    """A Markdown link target for a docs/ file, relative to the current page."""
    here = posixpath.dirname(src(env))
    return posixpath.relpath(target, here or ".")


def indent_of_call(env, name: str, first_arg: str) -> str:
    """The leading whitespace of the source line that calls name(first_arg).

    A macro's multi-line output must keep the indentation of the list item
    or admonition it sits in; the call's own line tells us what that is.
    """
    pattern = re.compile(rf"^([ \t]*).*\b{re.escape(name)}\(\s*['\"]{re.escape(first_arg)}['\"]", re.M)
    match = pattern.search(source(env))
    return match.group(1) if match else ""


def indent(text: str, prefix: str) -> str:
    """Indent every line but the first (the call already sits at prefix)."""
    if not prefix:
        return text
    lines = text.split("\n")
    return "\n".join([lines[0]] + [prefix + line if line else line for line in lines[1:]])
