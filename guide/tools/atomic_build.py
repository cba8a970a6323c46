"""Build the site so that site/ only ever holds a complete, successful build.

    python scripts/build_site.py --site-dir site [--pdfs]    (what `make build` runs)

`mkdocs build --strict` writes every page even when it then fails, and an
interrupted build leaves half a site; `make handout` and the deploy used to
take either for a good one. Here the build goes into a new folder next to
site/ (the same disk, so the final move is a rename), with the handout PDFs
when --pdfs is given, and only when every step has succeeded does it
replace site/. On failure the new folder is deleted and site/ is left as
it was. Exit status: that of the step that failed, else 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the project's mkdocs.yml (default: mkdocs.yml)")
    parser.add_argument("--pdfs", action="store_true", help="also print the handout PDFs into the build")
    return parser.parse_args(argv)


def steps(config: Path, out: Path, pdfs: bool) -> list[list[str]]:
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
             "--site-dir", str(out)]
    pdf = [sys.executable, "-m", "guide.tools.handout_pdf", "--site-dir", str(out)]
    return [build, pdf] if pdfs else [build]


def replace(site: Path, new: Path) -> None:
    """Put new where site is; the old site is removed only once new is in place."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))
        os.rename(site, old / site.name)
    os.rename(new, site)
    if old is not None:
        shutil.rmtree(old)


def main(argv=None) -> int:
    args = parse_args(argv)
    site = args.site_dir.resolve()
    config = args.config_file.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    # A dot-folder beside site/: never published, never taken for a site.
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    new = work / site.name
    try:
        for command in steps(config, new, args.pdfs):
            code = subprocess.call(command, cwd=config.parent)
            if code:
                print(f"build_site.py: the build failed, so {args.site_dir} was left as it was "
                      "(fix the errors above and build again)", file=sys.stderr)
                return code
        replace(site, new)
    finally:  # also on Ctrl-C: no half-built folder is left behind
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
