"""The editorial policy page covers what a health publisher promises, links
to where each promise is kept, and claims only tests that exist."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from guide.records.pages import next_review
from support import ROOT

POLICY = ROOT / "docs/editorial-policy.md"
# Each section the issue asks for, by its heading id.
SECTIONS = ["sources", "grades", "corrections", "reviews", "report", "money", "who", "accessibility"]
# What the accessibility statement says is tested -> the test that does it.
CLAIMED_TESTS = {
    "axe finds no accessibility problem": ("tests/browser/test_page_health.py",
                                           "def test_page_is_accessible_private_and_error_free("),
    "360 pixels wide": ("tests/browser/test_mobile.py", "def test_no_horizontal_scrolling_at_360px("),
    '"Skip to content" link': ("tests/browser/test_keyboard_and_palette.py",
                               "def test_skip_link_is_first_and_moves_focus_to_the_content("),
    "the menu opens on a phone": ("tests/browser/test_mobile.py", "def test_drawer_opens_and_reaches_every_section("),
    "pages print cleanly": ("tests/browser/test_handout_print.py",
                            "def test_any_printed_page_hides_chrome_and_shows_where_external_links_go("),
    "no page contacts any other website": ("tests/browser/conftest.py", "tab.outside.append(url)"),
}


@pytest.fixture(scope="module")
def html(built_site) -> str:
    return (built_site / "editorial-policy/index.html").read_text(encoding="utf-8")


def test_the_policy_sits_in_the_nav_next_to_about():
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["nav"]
    files = [next(iter(item.values())) for item in nav]
    about = files.index("about.md")
    assert files[about + 1: about + 3] == ["editorial-policy.md", "changes.md"]


@pytest.mark.parametrize("section", SECTIONS)
def test_the_policy_has_each_section(html, section):
    assert re.search(rf'<h2 id="{section}">', html), f"no section #{section}"


def test_the_policy_links_to_the_grading_rule_the_log_and_the_forms(html):
    links = set(re.findall(r'href="([^"]+)"', html))
    assert "../about/#evidence-grades" in links
    assert "../changes/" in links
    forms = [re.search(r"template=([\w.-]+)", link).group(1) for link in links if "issues/new?template=" in link]
    assert "site-problem.yml" in forms
    for form in forms:
        assert (ROOT / ".github/ISSUE_TEMPLATE" / form).is_file(), form


def test_the_review_interval_it_states_is_the_one_the_build_uses():
    assert "at least once a year" in POLICY.read_text(encoding="utf-8")
    assert next_review({"reviewed": dt.date(2026, 3, 1)}) == dt.date(2027, 3, 1)


@pytest.mark.parametrize("claim", sorted(CLAIMED_TESTS))
def test_each_accessibility_test_it_claims_exists(claim):
    text = " ".join(POLICY.read_text(encoding="utf-8").split())
    assert claim in text, f"the policy no longer says {claim!r}; update CLAIMED_TESTS"
    path, needle = CLAIMED_TESTS[claim]
    assert needle in (ROOT / path).read_text(encoding="utf-8"), f"{path} no longer has {needle!r}"
