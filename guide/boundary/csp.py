"""A Content Security Policy on every page, as a <meta> tag, from a fixed list.

GitHub Pages sends no headers we control, so the policy travels in each
page's <head>, right after its charset. What it allows is fixed by the
project's code, never by what a page holds:

- scripts: files from the site itself (which holds only the theme's own,
  checked by built_site.py), and each inline script that a template of the
  theme, of overrides/ or of the redirect plugin writes (theme_scripts.py),
  by the SHA-256 hash of its text. A script injected into a page matches no
  template, gets no hash, and the browser refuses it.
- styles: files from the site, our inline stylesheets (the texts the build
  prints from overrides/assets/stylesheets/) and the theme's own <style>
  blocks (its admonition icons, rendered from its template with the site's
  settings) by hash, and the style
  attributes the HTML allowlist permits (the figures' colours, table
  alignment), by hash with 'unsafe-hashes'. No 'unsafe-inline': a page
  cannot lay a full-page overlay over the safety callouts with a style
  attribute or a <style> element, even one that got past every other check.
  What it costs: a new style attribute in a macro needs its exact value in
  html_allowlist.VALUES (the browser test of the policy fails otherwise).
- workers: only Material's search worker, at its own address, on the
  published site and on this machine (make serve, the preview, the tests):
  no other script on the same origin, not even another project's on the
  same github.io host, can run as a worker.

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
mkdocs-redirects) get the same policy after the build (hooks/csp_meta.py).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import theme_scripts
from .html_allowlist import VALUES

WORKER = "assets/javascripts/workers/"
# Material's template that prints <style> blocks from the site's settings
# (the admonition icons of mkdocs.yml's theme.icon).
THEME_STYLES = "partials/icons.html"
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
# Where the site is read on this machine: make serve, the CI preview, tests.
LOCAL_HOSTS = ("http://127.0.0.1:*", "http://localhost:*")
# Style attribute values the HTML allowlist permits: the only ones allowed.
STYLE_ATTRIBUTES = tuple(sorted({value for rules in VALUES.values() for value in rules.get("style", ())}))


def digest(text: str) -> str:
    value = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(value).decode()}'"


# Kept under its old name: guide/tools/live_server.py and tests use it.
script_hash = digest


@dataclass(frozen=True)
class Allowed:
    """What any page's policy may allow: fixed by the project's code."""

    scripts: tuple[re.Pattern, ...]    # the templates' inline scripts
    styles: tuple[str, ...]            # our inline stylesheets' texts
    workers: tuple[str, ...]           # the search worker's addresses


def search_worker(template_dirs) -> str | None:
    """The theme's search worker, as a path under the site's root."""
    for folder in template_dirs:
        for path in sorted((Path(folder) / WORKER).glob("search.*.min.js")):
            return WORKER + path.name
    return None


def worker_sources(worker: str | None, site_url: str) -> tuple[str, ...]:
    if worker is None:
        return ()
    path = urlsplit(site_url).path if site_url else "/"
    path = path if path.endswith("/") else path + "/"
    sources = []
    if site_url:
        parts = urlsplit(site_url)
        sources.append(f"{parts.scheme}://{parts.netloc}{path}{worker}")
    for host in LOCAL_HOSTS:
        sources += [f"{host}{path}{worker}", f"{host}/{worker}"]
    return tuple(dict.fromkeys(sources))


@functools.lru_cache(maxsize=8)
def _allowed(template_dirs: tuple[str, ...], site_url: str, styles: tuple[str, ...]) -> Allowed:
    scripts = theme_scripts.patterns(template_dirs, theme_scripts.redirect_templates())
    return Allowed(scripts, styles, worker_sources(search_worker(template_dirs), site_url))


def allowed(template_dirs, site_url: str = "", styles=()) -> Allowed:
    """The fixed list for a project: its template folders (overrides/ first,
    then the theme's), its published address, our inline stylesheets."""
    return _allowed(tuple(str(d) for d in template_dirs), site_url or "", tuple(styles))


def policy(script_hashes, style_hashes, workers) -> str:
    styles = " ".join(["'self'", *style_hashes, "'unsafe-hashes'", *(digest(v) for v in STYLE_ATTRIBUTES)])
    return "; ".join([
        "default-src 'none'",
        " ".join(["script-src 'self'", *script_hashes]),
        f"style-src {styles}",
        # Material draws its icons as data: SVG images in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        # The search index and instant navigation's page requests.
        "connect-src 'self'",
        " ".join(["worker-src", *workers]) if workers else "worker-src 'none'",
        "manifest-src 'self'",
        "media-src 'self'",
        "frame-src 'none'",
        "child-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def page_hashes(html: str, rules: Allowed) -> tuple[list[str], list[str]]:
    """(script hashes, style hashes) of the inline scripts and stylesheets in
    html that the fixed list knows; anything else in the page gets none."""
    scripts = sorted({digest(body) for body in theme_scripts.inline_scripts(html)
                      if theme_scripts.known(body, rules.scripts)})
    styles = sorted({digest(body) for body in STYLE.findall(html) if body in rules.styles})
    return scripts, styles


def template_styles(rendered: str) -> tuple[str, ...]:
    """The text of each <style> block in a rendered theme template."""
    return tuple(STYLE.findall(rendered))


def has_policy(html: str) -> bool:
    return 'http-equiv="Content-Security-Policy"' in html


def with_policy(html: str, rules: Allowed) -> str:
    """html with the policy first in its <head>, right after the charset."""
    scripts, styles = page_hashes(html, rules)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts, styles, rules.workers)}">'
    match = CHARSET.search(html)
    if match:  # the charset must stay first; the policy goes right after it
        return html[:match.end()] + meta + html[match.end():]
    return html.replace("<head>", "<head>" + meta, 1)


def allow_script(html: str, body: str) -> str:
    """html whose policy also allows one more inline script, the one whose
    text is body (the live-reload script `make serve` adds)."""
    return html.replace("script-src 'self'", f"script-src 'self' {digest(body)}", 1)


def allow_style(html: str, body: str) -> str:
    """html whose policy also allows one more inline <style>, the one whose
    text is body (for what `make serve` adds to a page)."""
    return html.replace("style-src 'self'", f"style-src 'self' {digest(body)}", 1)


def give_every_page_a_policy(site_dir: Path, rules: Allowed) -> None:
    """Every HTML file under site_dir without a policy gets one (the pages
    plugins write after the build)."""
    for path in Path(site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if not has_policy(html):
            path.write_text(with_policy(html, rules), encoding="utf-8")


# -- for the verification pass --------------------------------------------

def _directives(text: str) -> dict[str, list[str]]:
    found = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            found.setdefault(words[0].lower(), words[1:])
    return found


def policy_problems(policies: list[str], inline_scripts: list[str], inline_styles: list[str],
                    known_scripts) -> list[str]:
    """What is wrong with a built page's policy, given what the page holds."""
    if not policies:
        return ["the page has no Content Security Policy, so nothing stops a script that got into it"]
    if len(policies) > 1:
        return [f"the page has {len(policies)} Content Security Policies; it must have exactly one"]
    rules = _directives(policies[0])
    problems = []
    if rules.get("default-src") != ["'none'"]:
        problems.append("the policy's default-src is not 'none'")
    scripts = rules.get("script-src", [])
    allowed_hashes = {digest(b) for b in inline_scripts if theme_scripts.known(b, known_scripts)}
    for word in scripts:
        if word.startswith("'sha") and word not in allowed_hashes:
            problems.append(f"the policy allows an inline script ({word}) that no template writes")
        elif word in ("'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "*", "data:", "http:", "https:") \
                or (not word.startswith("'") and word not in ("'self'",)):
            problems.append(f"the policy's script-src allows {word}")
    styles = rules.get("style-src", [])
    if "'unsafe-inline'" in styles or "*" in styles:
        problems.append("the policy's style-src allows 'unsafe-inline' (a style can cover the callouts)")
    style_hashes = {digest(t) for t in inline_styles}
    attribute_hashes = {digest(v) for v in STYLE_ATTRIBUTES}
    for word in styles:
        if word.startswith("'sha") and word not in style_hashes | attribute_hashes:
            problems.append(f"the policy allows an inline style ({word}) the page does not hold")
    # The other way round: a style or script the page holds that its own
    # policy refuses never applies, and readers get a page without it (the
    # guide's stylesheets once lost their hash to a whitespace pass).
    for text in inline_styles:
        if digest(text) not in styles:
            problems.append(f"the page's own <style> ({text.strip()[:40]!r}...) is not in its policy's style-src, "
                            "so the browser refuses it")
    for body in inline_scripts:
        if theme_scripts.known(body, known_scripts) and digest(body) not in scripts:
            problems.append(f"the page's own script ({body.strip()[:40]!r}...) is not in its policy's script-src, "
                            "so the browser refuses it")
    workers = rules.get("worker-src", rules.get("child-src", rules.get("script-src", [])))
    if any(w in ("'self'", "*", "blob:", "data:", "https:") for w in workers):
        problems.append("the policy lets any script of the site run as a worker "
                        "(worker-src must name the search worker)")
    return problems
