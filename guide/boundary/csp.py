"""A Content Security Policy on every page, as a <meta> tag.

GitHub Pages sends no headers we control, so the policy travels in each
page's <head>, before its first script. Scripts may come only from the site
itself, plus the inline scripts the theme and overrides/ need, each allowed
by the SHA-256 hash of its exact text. The hashes are computed from the
final HTML of every page at build time, never written by hand: a changed
inline script gets its new hash on the next build, and a script injected
into a page has no hash, so the browser refuses to run it.

Material's instant navigation swaps the content in without reloading, so
the first page's policy stays in force; the inline scripts it may run again
are the same on every page (the browser test navigates that way).

Under `make serve` the live-reload server adds an inline script to every
page it sends, different each time, and after a build with problems an
error panel with its own inline stylesheet; the server adds their own
hashes to the page's policy as it sends it (allow_script and allow_style,
called by guide/tools/live_server.py). Every other rule of the policy holds
there as in a build.

Pages that plugins write after the build (the redirect pages of
mkdocs-redirects, for merged addresses) get the same policy after the
build (hooks/csp_meta.py): every HTML file in the built site carries one.

Styles allow 'unsafe-inline': the figures colour their bars with style
attributes, and our own stylesheets come inline in each page's <head>
(hooks/inline_styles.py). What a page may put there is fixed by the HTML allowlist
(guide/boundary/html_allowlist.py), which admits no <style> element and only
the figures' own style values.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

PLACEHOLDER = "__GUIDE_CSP_SCRIPT_HASHES__"
POLICY = "; ".join([
    "default-src 'none'",
    f"script-src 'self' {PLACEHOLDER}",
    "style-src 'self' 'unsafe-inline'",
    # Material draws its icons as data: SVG images in its stylesheet.
    "img-src 'self' data:",
    "font-src 'self'",
    # The search index, and the worker that searches it.
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "frame-src 'none'",
    "child-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
])
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
# Types a browser runs as a script; others (JSON, JSON-LD) are only data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def inline_script_hashes(html: str) -> set[str]:
    """'sha256-...' of every inline script a browser would run."""
    found = set()
    for attrs, body in SCRIPT.findall(html):
        if SRC.search(attrs):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in SCRIPT_TYPES:
            continue
        found.add(script_hash(body))
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def has_policy(html: str) -> bool:
    return 'http-equiv="Content-Security-Policy"' in html


def with_policy(html: str) -> str:
    """html with the policy, and its own scripts' hashes, first in its <head>."""
    hashes = " ".join(sorted(inline_script_hashes(html)))
    meta = META.replace(PLACEHOLDER, hashes)
    match = CHARSET.search(html)
    if match:  # the charset must stay first; the policy goes right after it
        return html[:match.end()] + meta + html[match.end():]
    return html.replace("<head>", "<head>" + meta, 1)


def allow_script(html: str, body: str) -> str:
    """html whose policy also allows one more inline script, the one whose
    text is body (the live-reload script `make serve` adds)."""
    return html.replace("script-src 'self'", f"script-src 'self' {script_hash(body)}", 1)


STYLE_SRC = re.compile(r"style-src ([^;\"]*)")


def allow_style(html: str, css: str) -> str:
    """html whose policy also allows one more inline stylesheet, the one whose
    text is css (the error panel `make serve` adds).

    A policy that already allows every inline style ('unsafe-inline') is
    left as it is: a browser that sees a hash beside 'unsafe-inline'
    ignores 'unsafe-inline', and every other inline style would stop."""
    match = STYLE_SRC.search(html)
    if match is None or "'unsafe-inline'" in match.group(1).split():
        return html
    # A style's hash is written as a script's: 'sha256-' and the base64 digest.
    return html[:match.end(1)] + f" {script_hash(css)}" + html[match.end(1):]


def give_every_page_a_policy(site_dir: Path) -> None:
    """Every HTML file under site_dir without a policy gets one (the pages
    plugins write after the build)."""
    for path in Path(site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if not has_policy(html):
            path.write_text(with_policy(html), encoding="utf-8")
