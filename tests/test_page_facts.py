"""Every page carries schema.org facts (JSON-LD) and a "Report a problem"
link, both read here from the built HTML as a search engine or a reader
gets them."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from support import ROOT, records

from guide.records.pages import read_page

RECORDS = records()

DOCS = ROOT / "docs"
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # !ENV tags as text
FORMS = ROOT / ".github/ISSUE_TEMPLATE"


def sources() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def built(site: Path, src: str) -> Path:
    stem = src[: -len(".md")]
    return site / (stem.removesuffix("index") if stem.endswith("index") else stem + "/") / "index.html"


class Scripts(HTMLParser):
    """The text of each <script> element, with its type."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found, self._type = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._type = dict(attrs).get("type", "")
            self.found.append([self._type, ""])

    def handle_data(self, text):
        if self._type is not None:
            self.found[-1][1] += text

    def handle_endtag(self, tag):
        if tag == "script":
            self._type = None


def facts_of(html: str) -> list[dict]:
    parser = Scripts()
    parser.feed(html)
    return [json.loads(text) for kind, text in parser.found if kind == "application/ld+json"]


@pytest.mark.parametrize("src", sources())
def test_every_page_has_valid_schema_org_facts(built_site, src):
    meta, _, _ = read_page(DOCS / src, DOCS, RECORDS)
    facts = facts_of(built(built_site, src).read_text(encoding="utf-8"))
    assert len(facts) == 1, f"{src}: {len(facts)} JSON-LD blocks"
    fact = facts[0]
    health = (meta.get("type") == "benefit" or src.startswith("benefits/")
              or src in CONFIG["extra"]["health_pages"])
    assert fact["@context"] == "https://schema.org"
    assert fact["@type"] == ("MedicalWebPage" if health else "WebPage"), src
    assert fact["name"] == meta["title"]
    assert fact["description"] == meta["description"]
    assert fact["inLanguage"] == "en"
    assert fact["isPartOf"] == {"@type": "WebSite", "name": CONFIG["site_name"],
                                "url": "https://backward-running-guide.github.io/backward-running-guide/"}
    assert fact["lastReviewed"] == meta["reviewed"].isoformat()
    logged = [e["date"] for e in RECORDS.corrections() if e["page"] == src]
    assert fact["dateModified"] == max([meta["reviewed"], *logged]).isoformat()
    if meta.get("type") == "benefit":
        known = RECORDS.bibliography()
        assert [c["name"] for c in fact["citation"]] == [known[i]["title"] for i in meta["references"]]
        for ref_id, cited in zip(meta["references"], fact["citation"]):
            if known[ref_id].get("doi"):
                assert cited["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI",
                                               "value": known[ref_id]["doi"]}
                assert cited["url"] == f"https://doi.org/{known[ref_id]['doi']}"
    else:
        assert "citation" not in fact


def test_front_matter_cannot_break_out_of_the_script(variant):
    # Markup in a description never reaches a page: the allowlist refuses it.
    # What may pass (ampersands, quotes, backslashes) must come out as the
    # same text in valid JSON, with nothing a browser would read as markup.
    tricky = 'Tricky & "quotes" \\ and more text, long enough for a page description.'
    hostile = 'Tricky </script><script>alert(1)</script> & "quotes" and more text to be long enough.'

    def edit_with(description, field="description"):
        def edit(project):
            page = project / "docs/faq.md"
            text = page.read_text(encoding="utf-8")
            start = text.index(f"\n{field}: ") + 1
            end = text.index("\n", start)
            page.write_text(text[:start] + f"{field}: " + json.dumps(description) + text[end:], encoding="utf-8")
        return edit

    refused = variant(edit_with(hostile))
    assert not refused.ok and "docs/faq.md" in refused.output, refused.output
    page = refused.site / "faq/index.html"
    if page.exists():  # even the failed build's page runs no such script
        parser = Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [text for kind, text in parser.found
                    if "alert(1)" in text and (kind != "application/ld+json" or "<" in text)]

    tricky_title = 'Questions & "answers"'

    build = variant(lambda project: (edit_with(tricky)(project), edit_with(tricky_title, "title")(project)))
    assert build.ok, build.output
    html = (build.site / "faq/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["description"] == tricky
    assert json.loads(block)["name"] == tricky_title
    # The report link fills in the same text, not its HTML-escaped form.
    link = re.search(r'<a href="([^"]+)">Report a problem with this page</a>', html).group(1)
    assert parse_qs(urlsplit(link.replace("&amp;", "&")).query)["title"] == [f"Page: {tricky_title}"]
    parser = Scripts()
    parser.feed(html)
    assert [json.loads(text)["description"] for kind, text in parser.found
            if kind == "application/ld+json"] == [tricky]


@pytest.mark.parametrize("src", sources())
def test_every_page_links_to_the_filled_in_problem_form(built_site, src):
    meta, _, _ = read_page(DOCS / src, DOCS, RECORDS)
    html = built(built_site, src).read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">Report a problem with this page</a>', html)
    assert len(links) == 1, src
    url = urlsplit(links[0].replace("&amp;", "&"))
    assert f"{url.scheme}://{url.netloc}{url.path}" == CONFIG["repo_url"] + "/issues/new"
    query = parse_qs(url.query)
    form = yaml.safe_load((FORMS / query["template"][0]).read_text())
    field_ids = {item.get("id") for item in form["body"]}
    assert query["title"] == [f"Page: {meta['title']}"]
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert query["page"] == [canonical]
    assert set(query) - {"template", "title"} <= field_ids, "a query field the form does not have"
    # A plain link: no script or prefetch, so nothing is sent before a click.
    assert not re.search(r'<link[^>]+(prefetch|preconnect|dns-prefetch)[^>]+github\.com', html)
