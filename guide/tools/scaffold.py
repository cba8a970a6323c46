"""Create a new benefit page with complete front matter and the skeleton.

    python scripts/new_page.py --section walking --title "Ankle stability"

writes docs/benefits/walking/ankle-stability.md and adds it to the nav in
mkdocs.yml. Each section (listings.CATEGORIES) gets what it needs: a
walking page says `activity: walking`, so only walking studies count
towards its grade. The page is full of TODO markers, and it cites a
placeholder source, PLACEHOLDER_SOURCE, that no bibliography holds: `make
serve` shows the page at once, with the placeholder marked, but the
content checker (make check) and a strict build refuse it until every TODO
is replaced and real sources are chosen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

from ..content.listings import CATEGORIES
from ..errors import did_you_mean

# Not a source: an id no bibliography may use, which stops a strict build
# until the contributor replaces it with the sources they chose.
PLACEHOLDER_SOURCE = "choose-a-source"

# What a section's pages need beyond the rest: front-matter lines, each
# with the comment that says why.
SECTION_NEEDS = {
    "walking": "# A claim about backward walking: only walking studies count towards its grade.\n"
               "activity: walking\n",
}
RUNNING = ("# A claim about backward running (the default): only running studies count.\n"
           "# Write `activity: walking` instead if the claim is about backward walking.\n")

TEMPLATE = """\
---
title: {yaml_title}
# TODO: one or two sentences (50-160 characters) for search engines.
description: {description}
type: benefit
category: {section}
{activity}# TODO: the grade its sources give the headline claim (the rule is in
# data/grades.yml): supported, some, untested or contradicted. For any grade
# but untested, add `evidence_from: [ids]`: the studies that measured the claim.
evidence: untested
# TODO: the honest answer in one line (at most 140 characters).
finding: "TODO: the honest answer in one line."
# TODO: the ids of the sources this page cites, from data/bibliography.yml
# (`make new-source` starts a new entry). {placeholder} is a placeholder, not
# a source: the build refuses it until you put real ids here and in the text.
references: [{placeholder}]
reviewed: {today}
# A page that answers a reader's question comes first in search (2 or more).
search:
  boost: 2
---

# {title}

!!! abstract "In short"

    TODO: two or three sentences with the honest answer.

## Is it for you? How to start safely {{ #start-safely }}

TODO: who it may suit, and practical, safe advice that goes no further than
the evidence. The safety callouts stay here, before the study details.

{{{{ safety("start-slowly") }}}}

Read the [precautions](../../precautions.md) before you start.

## What the research found

TODO: what was measured, in numbers people can read, then the exact figure
and who was studied (how many, walking or running, lab or trial), and the
limits. Cite each fact right after it, like this {{{{ cite("{placeholder}") }}}},
with the id of the source it comes from. If only walking was studied, say
so in the first paragraph.

## References

{{{{ reference_list() }}}}
"""


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return re.sub(r"-{2,}", "-", slug)


def yaml_scalar(text: str) -> str:
    """text as a YAML value: bare when YAML reads it back unchanged, else quoted.

    A title such as "Hills: up or down" would otherwise break both the front
    matter and mkdocs.yml (a colon and a space start a mapping in YAML).
    """
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def add_to_nav(config: str, section: str, title: str, src: str) -> str:
    """Insert a nav line at the end of the section's block in mkdocs.yml."""
    lines = config.split("\n")
    heading = f"  - {CATEGORIES[section]}:"
    try:
        start = lines.index(heading)
    except ValueError:
        raise SystemExit(f"mkdocs.yml: no nav section '{CATEGORIES[section]}:'; "
                         "add the page to the nav by hand") from None
    end = start + 1
    while end < len(lines) and lines[end].startswith("      - "):
        end += 1
    lines.insert(end, f"      - {yaml_scalar(title)}: {src}")
    return "\n".join(lines)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--section", required=True, metavar="{" + ",".join(sorted(CATEGORIES)) + "}",
                        help="which benefits section the page belongs to")
    parser.add_argument("--title", required=True, help='the page title, e.g. "Ankle stability"')
    parser.add_argument("--root", type=Path, default=root or Path.cwd(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    # `make new-page` passes SECTION= and TITLE= through as empty strings when
    # they are left out, so name the make variables as well as the options.
    usage = 'make new-page SECTION=physical TITLE="Ankle stability"'
    if args.section not in CATEGORIES:
        given = (f"'{args.section}' is not a section{did_you_mean(args.section, CATEGORIES)}"
                 if args.section.strip() else "no section given")
        parser.error(f"SECTION= (--section): {given} (use one of {', '.join(sorted(CATEGORIES))}; "
                     f"like: {usage})")
    title = " ".join(args.title.split())
    slug = slugify(title)
    if len(title) < 3 or not slug:
        parser.error(f"TITLE= (--title) needs at least three letters or digits, like: {usage}")
    src = f"benefits/{args.section}/{slug}.md"
    page = args.root / "docs" / src
    if page.exists():
        print(f"docs/{src} already exists; choose another title or edit that page", file=sys.stderr)
        return 2
    config_path = args.root / "mkdocs.yml"
    config = add_to_nav(config_path.read_text(encoding="utf-8"), args.section, title, src)

    description = f"TODO: say in one or two sentences what this page finds about {title.lower()}."
    page.write_text(TEMPLATE.format(title=title, yaml_title=yaml_scalar(title),
                                    description=yaml_scalar(description), section=args.section,
                                    activity=SECTION_NEEDS.get(args.section, RUNNING),
                                    placeholder=PLACEHOLDER_SOURCE, today=dt.date.today().isoformat()),
                    encoding="utf-8")
    config_path.write_text(config, encoding="utf-8")
    print(f"Created docs/{src} and added it to the nav in mkdocs.yml.\n"
          f"Next: replace every TODO and the placeholder source '{PLACEHOLDER_SOURCE}' with real ids "
          "(make check lists them), then run make test.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
