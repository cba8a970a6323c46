"""Run the verification pass on any built site, whatever built it.

    python scripts/verify_site.py --site-dir site
    python scripts/verify_site.py --site-dir .cache/zensical/project/site --theme-dir <zensical templates>

Every build of the guide runs the pass already (hooks/verify_built_site.py);
this command runs it on a folder of files alone: a site from the CI
artifact, from ProperDocs, or from Zensical (`make canary`). It prints one
line per problem, "file:line: message", and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import content
from ..boundary import built_site


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def parse_args(argv, root: Path):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=root / "site", help="the built site (default: site)")
    parser.add_argument("--project", type=Path, default=root,
                        help="the project it was built from (default: this one)")
    parser.add_argument("--theme-dir", type=Path, action="append",
                        help="a folder of theme templates whose scripts and styles may ship; repeat it "
                             "(default: the project's overrides/, then Material's templates)")
    return parser.parse_args(argv)


def main(argv=None, root: Path | None = None) -> int:
    root = Path(root or Path.cwd())
    args = parse_args(argv, root)
    if not args.site_dir.is_dir():
        print(f"verify_site.py: {args.site_dir} is not a built site; build it first (make build)", file=sys.stderr)
        return 2
    theme_dirs = args.theme_dir or [args.project / "overrides", material_templates()]
    project = built_site.project_for(args.project, theme_dirs, site_prefix=_shown(args.site_dir, args.project),
                                      expected=content.expected_output(args.project))
    start = time.perf_counter()
    findings = built_site.verify(args.site_dir, project)
    seconds = time.perf_counter() - start
    for finding in findings:
        print(finding)
    files = sum(1 for p in args.site_dir.rglob("*") if p.is_file())
    print(f"verify_site.py: {len(findings)} problem{'s' if len(findings) != 1 else ''} in {files} files "
          f"({seconds:.2f} s)", file=sys.stderr)
    return 1 if findings else 0


def _shown(site: Path, project: Path) -> str:
    try:
        return site.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return site.as_posix()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
