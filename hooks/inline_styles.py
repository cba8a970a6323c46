"""Our two stylesheets travel inside every page's <head>, not as downloads.

Linked, extra.css was a render-blocking request of its own and print.css a
second request: in Lighthouse (simulated slow 4G, median of 3) the home
page's first paint came about 150 ms after plain Material's and its largest
paint about 300 ms after. Inline, both match plain Material (issue 18). They
cost about 5 KB compressed in each page, about what the two requests cost.

The files stay in docs/assets/stylesheets/, where contributors look for
them; mkdocs.yml's exclude_docs keeps them out of the built site, and
overrides/main.html prints them with guide_styles. Only these two files,
read from the project's own docs/: no page or data file can reach this.
"""

from __future__ import annotations

from pathlib import Path

STYLES = ("extra", "print")


def on_env(env, config, files):
    folder = Path(config["docs_dir"]) / "assets" / "stylesheets"
    env.globals["guide_styles"] = {name: (folder / f"{name}.css").read_text(encoding="utf-8")
                                   for name in STYLES}
    return env
