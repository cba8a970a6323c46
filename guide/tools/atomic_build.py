"""Build the site so that site/ only ever holds a complete, successful build.

    python scripts/build_site.py --site-dir site [--pdfs]    (what `make build` runs)

`mkdocs build --strict` writes every page even when it then fails, and an
interrupted build leaves half a site; `make handout` and the deploy used to
take either for a good one. Here the build goes into a new folder next to
site/ (the same disk, so the final move is a rename), with the handout PDFs
when --pdfs is given, and only when every step has succeeded does it
replace site/. On failure the new folder is deleted and site/ is left as
it was. Exit status: that of the step that failed, else 0.

Stopped by a signal (Ctrl-C, or SIGTERM from CI or a process manager),
it stops the step it is running and waits for it, then deletes the new
folder, then exits 128 + the signal's number, as a shell reports it. A
SIGTERM used to end this process at once, leaving the mkdocs build it had
started writing into a .site-new-* folder nobody would delete.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

# How long a step may take to stop after it is asked to, before it is killed.
STOP_SECONDS = 10


class Stopped(Exception):
    """This build was asked to stop by a signal."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


def _raise_stopped(number, _frame):
    raise Stopped(number)


def run_step(command: list[str], cwd: Path) -> int:
    """Run one step; if this process is stopped meanwhile, stop the step
    too (its whole process group) and wait for it before going on."""
    process = subprocess.Popen(command, cwd=cwd, start_new_session=True)
    try:
        return process.wait()
    except BaseException:
        _stop(process)
        raise


def _stop(process: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, STOP_SECONDS), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue

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
    pdf = [sys.executable, "-m", "guide.tools.handout_pdf", "--site-dir", str(out), "--project", str(config.parent)]
    # The build ran the verification pass already (hooks/verify_built_site.py);
    # once the PDFs are in, the whole site is read again, PDFs included.
    verify = [sys.executable, "-m", "guide.tools.site_verify", "--site-dir", str(out), "--project", str(config.parent)]
    return [build, pdf, verify] if pdfs else [build]


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
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in (signal.SIGTERM, signal.SIGHUP)}
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    new = work / site.name
    try:
        for command in steps(config, new, args.pdfs):
            code = run_step(command, config.parent)
            if code:
                print(f"build_site.py: the build failed, so {args.site_dir} was left as it was "
                      "(fix the errors above and build again)", file=sys.stderr)
                return code
        replace(site, new)
    except Stopped as stop:
        print(f"build_site.py: stopped by signal {stop.number}; {args.site_dir} was left as it was",
              file=sys.stderr)
        return 128 + stop.number
    except KeyboardInterrupt:
        print(f"build_site.py: interrupted; {args.site_dir} was left as it was", file=sys.stderr)
        return 128 + signal.SIGINT
    finally:  # on any stop: no half-built folder, no step still writing into it
        shutil.rmtree(work, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
