"""Safety first, in a real browser on a 360 x 640 phone screen (issue 26).

On every benefit page and on the treadmill, technique, getting-started and
speed pages, the first safety callout starts within the first two screens,
before the study details, and safety advice is set at body size (at least
16 px): callout text, "In short" text and "Sources:" lines. On every
condition page (each page data/red-flags.yml names) the box of its own
warning signs starts within the first two screens too, not after the
general callouts (issue 26's review, F1). On the precautions page the
one-screen summary is wholly in the first screen and leads to the stop
signs, the emergencies, a fall and who should ask first. The emergency
callouts differ from the rest in shape, not only in colour. Contrast in
both colour schemes is axe's job (test_page_health.py).
"""

from __future__ import annotations

import pytest

import yaml
from guide_site import DOCS, ROOT

pytestmark = pytest.mark.browser

WIDTH, SCREEN = 360, 640
BODY_PX = 16
OTHER_PAGES = ["treadmill.md", "technique.md", "getting-started.md", "speed-distance.md"]


def benefit_pages() -> list[str]:
    """Every page under docs/benefits/ but the section indexes: the benefit and
    condition pages, found from the files, so a new one is tested at once."""
    return [md.relative_to(DOCS).as_posix() for md in sorted((DOCS / "benefits").rglob("*.md"))
            if md.name != "index.md"]


PAGES = benefit_pages() + OTHER_PAGES


def condition_pages() -> list[str]:
    """Every page with warning signs of its own, from data/red-flags.yml."""
    entries = yaml.safe_load((ROOT / "data" / "red-flags.yml").read_text(encoding="utf-8"))
    return sorted(page for entry in entries for page in entry["pages"])


def address(src: str) -> str:
    return src.removesuffix(".md") + "/"


@pytest.fixture(scope="module")
def small_phone(make_tab, site_server):
    """A 360 x 640 phone screen: the smallest common one, both ways."""
    context, tab = make_tab(site_server, viewport={"width": WIDTH, "height": SCREEN},
                            is_mobile=True, has_touch=True, device_scale_factor=2)
    yield tab
    context.close()


# Where the first safety callout starts (in page pixels from the top), and
# the computed size of every piece of safety text on the page.
MEASURE = """() => {
  const article = document.querySelector('.md-content article');
  const first = article.querySelector('.admonition.safety');
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const texts = [...article.querySelectorAll(
      '.admonition.safety p, .admonition.safety li, .admonition.abstract p, .guide-safety__sources')];
  return {
    top: first ? first.getBoundingClientRect().top + window.scrollY : null,
    small: texts.filter(e => size(e) < %d)
                .map(e => `${size(e)} px: ${e.textContent.trim().slice(0, 50)}`).slice(0, 5),
  };
}""" % BODY_PX


@pytest.mark.parametrize("src", PAGES)
def test_first_safety_callout_is_within_two_screens_at_body_size(small_phone, src):
    small_phone.goto(address(src))
    found = small_phone.page.evaluate(MEASURE)
    assert found["top"] is not None, f"{src} shows no safety callout"
    assert found["top"] < 2 * SCREEN, (
        f"{src}: the first safety callout starts {found['top'] / SCREEN:.2f} screens down at "
        f"{WIDTH} x {SCREEN}; move the section with the callouts up, right after In short")
    assert found["small"] == [], f"{src}: safety text below {BODY_PX} px: {found['small']}"


@pytest.mark.parametrize("src", condition_pages())
def test_a_condition_pages_own_warning_signs_start_within_two_screens(small_phone, src):
    small_phone.goto(address(src))
    top = small_phone.page.evaluate("""() => {
      const box = document.querySelector('.md-content article .guide-red-flags');
      return box ? box.getBoundingClientRect().top + window.scrollY : null;
    }""")
    assert top is not None, f"{src} shows no warning-signs box"
    assert top < 2 * SCREEN, (
        f"{src}: its warning signs start {top / SCREEN:.2f} screens down at {WIDTH} x {SCREEN}; put "
        "{{ red_flags() }} first in the start-safely section, before the general callouts")


def test_precautions_summary_fills_no_more_than_the_first_screen(small_phone):
    small_phone.goto("precautions/")
    page = small_phone.page
    box = page.evaluate("""() => {
      const first = document.querySelector('.md-content article .admonition');
      if (!first) return null;
      const r = first.getBoundingClientRect();
      return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
              safety: first.classList.contains('safety'),
              links: [...first.querySelectorAll('a')].map(a => a.hash),
              size: Math.min(...[...first.querySelectorAll('li')].map(
                  li => parseFloat(getComputedStyle(li).fontSize)))};
    }""")
    assert box is not None and box["safety"], "the precautions page does not open with its safety summary"
    assert 0 <= box["top"] and box["bottom"] <= SCREEN, (
        f"the summary runs from {box['top']:.0f} to {box['bottom']:.0f} px; the first screen ends at {SCREEN}")
    assert box["size"] >= BODY_PX
    # It leads to the stop signs, the emergencies, a fall and who should ask first.
    assert {"#when-to-stop", "#head-injury", "#if-you-fall", "#health-conditions"} <= set(box["links"])
    for target in ("when-to-stop", "head-injury", "if-you-fall", "health-conditions"):
        assert page.locator(f"#{target}").count() == 1, f"the summary links to #{target}, which is missing"


def test_emergency_callouts_stand_out_by_shape_not_only_colour(small_phone):
    small_phone.goto("benefits/walking/knee-arthritis/")
    styles = small_phone.page.evaluate("""() => {
      const look = sel => {
        const box = document.querySelector(sel);
        const icon = getComputedStyle(box.querySelector('.admonition-title'), '::before');
        return {left: parseFloat(getComputedStyle(box).borderLeftWidth),
                top: parseFloat(getComputedStyle(box).borderTopWidth),
                icon: icon.maskImage || icon.webkitMaskImage};
      };
      return {emergency: look('.admonition.safety.emergency'), other: look('.admonition.safety.stop')};
    }""")
    emergency, other = styles["emergency"], styles["other"]
    assert emergency["left"] >= 2 * other["left"] and emergency["top"] > other["top"], styles
    assert emergency["icon"] != other["icon"], "the emergency callout has the same icon as the others"


def test_the_handout_on_a_phone_leads_to_the_stop_signs_from_its_first_screen(small_phone):
    # On paper the whole sheet is seen at once; on a phone "Stop and get
    # help" is screens down (issue 26's review, F3). A link in the first
    # screen leads there; it sits with the print buttons, which paper hides.
    small_phone.goto("handout/")
    top = small_phone.page.evaluate("""() => {
      const link = [...document.querySelectorAll('.md-content article a')]
          .find(a => a.pathname === location.pathname && a.hash === '#stop-and-get-help');
      return link ? link.getBoundingClientRect().top + window.scrollY : null;
    }""")
    assert top is not None, "the handout has no link to its stop signs"
    assert top < SCREEN, f"the link to the stop signs starts at {top:.0f} px, below the first screen"
    assert small_phone.page.locator("#stop-and-get-help").count() == 1
