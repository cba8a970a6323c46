"""make bench compares with a fair baseline and judges by issue 18's goal.

The baseline is plain Material with system fonts on the same Markdown: the
same plugins, extensions and pages, none of this site's look (no overrides,
palette, CSS or JavaScript). The goal, per page, against that baseline in
the same run: performance at least plain's minus 1, TBT at most plain's plus
50 ms, LCP at most plain's plus 100 ms, at most 70 KB; accessibility, best
practices and SEO 100.
"""

from __future__ import annotations

from mkdocs.utils import yaml_load

from guide.tools.speed import lighthouse, projects
from support import ROOT


def config(text: str) -> dict:
    return yaml_load(text)


def test_plain_baseline_is_material_with_system_fonts_on_the_same_markdown():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    ours, plain = config(text), config(projects.plain_system_fonts_config(text))
    assert plain["theme"]["name"] == "material"
    assert plain["theme"]["font"] is False
    for key in ("custom_dir", "palette"):
        assert key not in plain["theme"], f"the baseline keeps theme.{key}"
    for key in ("extra_css", "extra_javascript"):
        assert key not in plain, f"the baseline keeps {key}"
    for key in ("plugins", "hooks", "markdown_extensions", "nav", "site_url"):
        assert plain.get(key) == ours.get(key), f"the baseline changes {key}: not the same Markdown"
    assert plain["theme"].get("features") == ours["theme"].get("features")


def test_default_theme_baseline_keeps_web_fonts():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = config(projects.default_theme_config(text))
    assert "font" not in default["theme"]  # Material's default: Roboto from Google Fonts
    assert "extra_css" not in default and "extra_javascript" not in default


def page(performance=99, tbt=100, lcp=1500, kb=60, **scores):
    return {"performance": performance, "tbt_ms": tbt, "lcp_ms": lcp, "bytes": kb * 1024,
            "accessibility": 100, "best-practices": 100, "seo": 100, **scores}


def test_goal_is_met_at_the_limits():
    plain = page(performance=99, tbt=100, lcp=1500)
    assert lighthouse.goal_misses(page(performance=98, tbt=150, lcp=1600, kb=70), plain) == []


def test_goal_misses_name_what_is_over():
    plain = page(performance=99, tbt=100, lcp=1500)
    assert lighthouse.goal_misses(page(performance=97), plain) == ["performance"]
    assert lighthouse.goal_misses(page(tbt=151), plain) == ["TBT"]
    assert lighthouse.goal_misses(page(lcp=1601), plain) == ["LCP"]
    assert lighthouse.goal_misses(page(kb=71), plain) == ["bytes 71 KB"]
    assert lighthouse.goal_misses(page(accessibility=98), plain) == ["accessibility 98"]


def test_the_filled_in_pages_copy_is_plain_material_on_the_macros_output(tmp_path):
    # The build-speed table's third row: the same pages with the macros'
    # output in them, built by plain Material (no macros, no hooks).
    from guide.tools.speed.measure import timed_build

    rendered = projects.rendered_pages_project(tmp_path, timed_build)
    plain = config((rendered / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in plain and plain["plugins"] == ["search"]
    pages = {p.relative_to(rendered / "docs").as_posix(): p.read_text(encoding="utf-8")
             for p in (rendered / "docs").rglob("*.md")}
    written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert set(pages) == written
    leftovers = [name for name, text in pages.items() if "{{" in text and "{% raw %}" not in text]
    assert leftovers == [], f"macro calls left in the filled-in pages: {leftovers}"
    knee = pages["benefits/physical/knee-load.md"]
    assert knee.startswith("---\n") and "\ntitle:" in knee.split("\n---\n", 1)[0]
    assert '<ol class="guide-references">' in knee and "guide-ref__study" in knee
    assert not (ROOT / "bench_dump_hook.py").exists(), "the dump hook belongs in the bench copy only"


def test_lighthouse_leaves_out_the_redirect_pages_of_merged_addresses(built_site):
    from guide.tools.speed.runner import select_pages

    plugins = config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    [redirects] = [p["redirects"]["redirect_maps"] for p in plugins if isinstance(p, dict) and "redirects" in p]
    old = {src.removesuffix(".md") + "/" for src in redirects}
    targets = {dst.removesuffix(".md") + "/" for dst in redirects.values()}
    chosen = select_pages(built_site, None, None)
    assert old and not old & set(chosen)
    assert targets <= set(chosen) and "" in chosen and len(chosen) > 30
