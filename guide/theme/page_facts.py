"""Facts about a page for search engines: schema.org JSON-LD.

Health pages are MedicalWebPage, the rest WebPage. Benefit pages list the
sources in their front matter as citations, with the DOI where there is
one. The template writes the result with Jinja's `tojson`, which escapes
<, > and &, so no front-matter text can end the script element.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..content.study_uses import FOLDER


def is_health_page(src: str, meta: dict, health_pages) -> bool:
    """Benefit pages, the benefits section, and pages mkdocs.yml names."""
    return meta.get("type") == "benefit" or src.startswith("benefits/") or src in (health_pages or [])


def citation(entry: dict, full: bool = True) -> dict:
    """One source as a schema.org ScholarlyArticle (or CreativeWork); not
    full: its name, address and DOI only, as a page's citations carry it
    (each page is sent whole in every load: the rest is on the study's own
    page, where the source is what the page is about)."""
    study = entry.get("study") if isinstance(entry.get("study"), dict) else {}
    kind = f"{entry.get('type', '')} {study.get('design', '')}"
    thesis = "thesis" in kind
    fact = {"@type": "Thesis" if thesis else "ScholarlyArticle" if entry.get("journal") else "CreativeWork",
            "name": entry["title"]}
    if full and entry.get("authors"):
        fact["author"] = entry["authors"]
    if full and entry.get("year"):
        fact["datePublished"] = str(entry["year"])
    if full and entry.get("journal"):
        # A thesis names its university where a paper names its journal.
        fact["publisher" if thesis else "isPartOf"] = (
            {"@type": "Organization", "name": entry["journal"]} if thesis
            else {"@type": "Periodical", "name": entry["journal"]})
    if entry.get("doi"):
        fact["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": entry["doi"]}
    if entry.get("link"):
        fact["url"] = entry["link"]
    return fact


def plain(text) -> str:
    """The text itself: the front-matter hook hands the templates HTML-escaped
    Markup, and JSON-LD wants the characters, which tojson then escapes."""
    return str(text.unescape()) if isinstance(text, Markup) else str(text)


def facts(*, src: str, meta: dict, title: str, url: str | None, config: dict,
          last_changed: dt.date | None, sources: dict[str, dict]) -> dict:
    """The JSON-LD object for one page; config is mkdocs.yml's settings,
    sources the bibliography by id."""
    extra = config.get("extra") or {}
    reviewed = meta.get("reviewed")
    # dateModified: the last logged change, or the last review if later.
    dates = [d for d in (reviewed, last_changed) if isinstance(d, dt.date)]
    result = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage" if is_health_page(src, meta, extra.get("health_pages")) else "WebPage",
        "name": plain(title),
        "description": plain(meta.get("description") or config.get("site_description") or ""),
        "inLanguage": (config.get("theme") or {}).get("language") or "en",
        "isPartOf": {"@type": "WebSite", "name": config.get("site_name"), "url": config.get("site_url")},
    }
    if url:
        result["url"] = url
    if isinstance(reviewed, dt.date):
        result["lastReviewed"] = reviewed.isoformat()
    if dates:
        result["dateModified"] = max(dates).isoformat()
    if meta.get("type") == "benefit":
        result["citation"] = [citation(sources[i], full=False) for i in meta.get("references") or [] if i in sources]
    studied = study_of(src)
    if studied in sources:
        result["about"] = citation(sources[studied])
    return result


def study_of(src: str) -> str | None:
    """The source a study page (studies/<id>.md) is about, else None."""
    folder, _, name = src.rpartition("/")
    return name[:-3] if folder == FOLDER and name.endswith(".md") else None
