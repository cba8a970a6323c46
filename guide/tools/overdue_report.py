"""List the pages whose review is overdue, for the weekly GitHub issue.

Writes the issue's text (Markdown) to --out, each page title quoted as
plain text (a title is contributor text: it must not mention people or
add links in an issue the workflow writes), and prints the number of
overdue pages, which the workflow reads to open, update or close the issue.
"Today" is GUIDE_TODAY when set, as for the build and the checker.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..errors import ContentError
from ..records import reviews
from ..records.pages import next_review, read_page
from ..records.store import records_for


def page_states(docs: Path, today):
    """(docs-relative path, title, review state) of every page, by due date."""
    records = records_for(docs.parent)  # the schemas of the project the pages are in
    rows = []
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in src.split("/")):
            continue  # MkDocs skips dot-files, and so do we
        meta, _, _ = read_page(path, docs, records)
        state = reviews.state(next_review(meta), today)
        if state.due is not None:
            rows.append((src, str(meta.get("title") or src), state))
    return sorted(rows, key=lambda row: (row[2].due, row[0]))


def quoted(title: str) -> str:
    """A page title as plain text in GitHub Markdown: a code span, where
    nothing is a link, a mention (@team), an issue reference (#1) or
    markup. Any run of backticks in the title gets a longer fence, and
    line breaks become spaces, so the title cannot leave the span."""
    title = " ".join(title.split()) or "(no title)"
    longest = max((len(run) for run in re.findall(r"`+", title)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if title.startswith("`") or title.endswith("`") else ""
    return f"{fence}{pad}{title}{pad}{fence}"


def report(rows, today) -> str:
    overdue = [r for r in rows if r[2].overdue]
    soon = [r for r in rows if r[2].due_soon]
    lines = [f"Checked on {reviews.long_date(today)} by the weekly review workflow "
             "(`.github/workflows/review-due.yml`). It updates this issue each week and closes "
             "it when no page is overdue.", ""]
    if overdue:
        lines += ["## Overdue", "", "These pages now show readers a notice that they are overdue for a check.", ""]
        lines += [f"- [ ] {quoted(f'docs/{src}')} ({quoted(title)}): due {reviews.long_date(s.due)}"
                  for src, title, s in overdue]
        lines.append("")
    else:
        lines += ["No page is overdue for review.", ""]
    if soon:
        lines += [f"## Due in the next {reviews.WARN_DAYS} days", ""]
        lines += [f"- {quoted(f'docs/{src}')} ({quoted(title)}): due {reviews.long_date(s.due)}"
                  for src, title, s in soon]
        lines.append("")
    lines += ["To review a page: check it against its sources, fix what is wrong (with an entry in "
              "`data/corrections.yml` for each change of substance), then set `reviewed:` to that day."]
    return "\n".join(lines) + "\n"


def main(argv=None, root: Path | None = None) -> int:
    root = root or Path.cwd()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=root / "docs", help="the pages (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the issue's text")
    args = parser.parse_args(argv)
    try:
        today = reviews.today()
    except ContentError as e:
        print(f"review_report.py: {e}", file=sys.stderr)
        return 2
    rows = page_states(args.docs, today)
    args.out.write_text(report(rows, today), encoding="utf-8")
    print(sum(r[2].overdue for r in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
