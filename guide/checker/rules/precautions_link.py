"""precautions-link: every benefit page gives the reader a way to the
precautions page, through a link they can actually follow."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

from ..findings import Finding
from .front_matter import is_missing_type

RULE = "precautions-link"
PRECAUTIONS = "precautions.md"
SUMMARY = ("Every benefit page (type: benefit; any page under docs/benefits/ other than an "
           "index must say type: benefit) has at least one link a reader can follow to the "
           "precautions page or to one of its sections. A safety callout counts, since its title "
           "links there. A link in a code block, an HTML comment or shown as literal text does "
           "not. A link to a section the precautions page does not have is a finding. Fix: call "
           "the safety macro with a callout id from data/safety.yml, like safety(\"start-slowly\"), "
           "or add a Markdown link such as [precautions](../../precautions.md#look-behind).")
HOST = "site.invalid"


def resolve(page_url: str, href: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of a link, or None when it leaves the site."""
    parts = urlsplit(urljoin(f"https://{HOST}/{page_url}", href))
    if parts.netloc != HOST:
        return None
    path = parts.path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path, parts.fragment


def check(ctx):
    project = ctx.project
    precautions = ctx.precautions
    target_scan = ctx.scans.get(PRECAUTIONS)
    targets, name = set(), "precautions"
    if precautions:
        url = precautions.url
        targets = {url, url.rstrip("/"), url[: -len(".html")] if url.endswith(".html") else url}
        name = posixpath.basename(url.rstrip("/")).removesuffix(".html")
    for page in ctx.pages:
        for problem in page.problems:
            if is_missing_type(problem.message):
                yield Finding(page.path, problem.line, RULE, problem.message,
                              "add 'type: benefit' and the other benefit fields to the front matter")
        if not page.is_benefit or page.text is None:
            continue
        scan = ctx.scans.get(page.src)
        if scan is None:
            continue  # not rendered: the build rule says why
        to_precautions = posixpath.relpath(PRECAUTIONS, posixpath.dirname(page.src) or ".")
        followable = 0
        for link in scan.links:
            # Cheap test first: a page has dozens of links, few to precautions.
            if link.literal or link.hidden or name not in link.href:
                continue
            resolved = resolve(page.url, link.href)
            if resolved is None or resolved[0] not in targets:
                continue
            fragment = resolved[1]
            if fragment and target_scan is not None and fragment not in target_scan.ids:
                yield Finding(page.path, ctx.line_of(page, f"#{fragment}"), RULE,
                              f"link to section '#{fragment}' of the precautions page, which has no such section",
                              "use one of its section ids: " + ", ".join(sorted(target_scan.heading_ids)))
                continue
            followable += 1
        if not followable:
            yield _no_link(ctx, page, to_precautions)
    if precautions is None and any(p.is_benefit for p in ctx.pages):
        # Not a page's fault, so not filed under one (which a page filter would hide).
        yield Finding(project.rel(project.config_file), 1, RULE,
                      f"the site has no {PRECAUTIONS} for benefit pages to link to",
                      f"restore docs/{PRECAUTIONS} from git")


def _no_link(ctx, page, to_precautions: str) -> Finding:
    fix = ('add {{ safety("start-slowly") }} (or another callout) or a link like '
           f"[precautions]({to_precautions})")
    # A mention in the source that did not become a followable link is
    # almost always the contributor's attempt: point at it.
    for needle in ("precautions.md", "precautions/"):
        if page.text and needle in page.text:
            return Finding(page.path, ctx.line_of(page, needle), RULE,
                           "no link a reader can follow to the precautions page: the one on this line is "
                           "in a code block, an HTML comment or shown as literal text", fix)
    return Finding(page.path, 1, RULE, "no link a reader can follow to the precautions page", fix)
