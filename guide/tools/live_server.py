"""`make serve`: MkDocs' live-reload server, made for a contributor's mistakes.

    python scripts/serve.py [mkdocs serve options]    (what `make serve` runs)
    VERBOSE=1 python scripts/serve.py ...             (MkDocs' and mkdocs-macros' own lines too)

Plain `mkdocs serve` with this site's `strict: true` is a poor editor
companion: a warning at start stops it from starting, a failed rebuild
leaves every request waiting ("the server will appear stuck"), a macro
error exits the process (mkdocs-macros calls exit() on it), and every
mistake shows only in the terminal. Nor does it re-import the guide
package: the code stays as it was at start.

So this command runs the same `mkdocs serve` with these changes, all for
serving only (`make build`, `make check` and CI stay strict):

- `--no-strict`: warnings and errors print with their file and line, and
  the site is still served, so the next good save brings it back;
- each build is told it is serving (`extra.serving`, a plain config value
  the macros adapter reads): a safety callout or a source that cannot be
  found shows a placeholder on the page, and mkdocs-macros' on_error_fail
  is off, so a broken macro call shows on the page instead of ending the
  server;
- each build goes into a new folder that replaces the served one only if
  the build did not stop, so a build that stops leaves the last good site
  served and no request ever hangs;
- every warning and error of a build is kept, at its file and line
  (serve_hints.py), and every page sent until the next build without
  problems shows them in a panel (serve_panel.py);
- after an edit to the guide's Python code, the modules it reaches are
  dropped from the import cache before the rebuild (code_reload.py; never
  its tools), and the hooks are run afresh, so an edit to a macro is in
  the next page served; a data file is read again whenever it changed;
- a page's Markdown is converted again only when something that
  conversion reads changed (render_cache.py);
- the theme's templates are compiled once, not at every build, and saves
  are looked for every quarter of a second: a save shows sooner;
- each page it sends allows its own live-reload script, and the panel's
  stylesheet, in its Content Security Policy (by hash), so the browser
  reloads on every save under the same policy as the published site;
- quiet: one line per build (time, pages, result), and every problem in
  full; VERBOSE=1 brings back MkDocs' and mkdocs-macros' own lines.

What is watched is the `watch:` list in mkdocs.yml (data, includes,
overrides, schemas, guide, hooks), plus docs/ and mkdocs.yml.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import jinja2
import mkdocs.commands.serve as serve_command
from mkdocs.__main__ import cli
from mkdocs.config import config_options
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import DuplicateFilter

from ..boundary import csp
from . import code_reload
from .atomic_build import replace
from .render_cache import RenderCache
from .serve_hints import ProblemLog, stopped
from .serve_panel import Outcome, add_panel

PACKAGE = "guide"
# The served package: this file is its tools/live_server.py (run from a
# copy of the project, the copy's).
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The running command itself stays: only what makes the pages is re-read.
KEEP = "guide.tools"
log = logging.getLogger("mkdocs.serve")

# A re-imported macro module must not write __pycache__ into a watched folder
# (that would trigger a second, pointless rebuild).
sys.dont_write_bytecode = True

_load_config = serve_command.load_config
_build = serve_command.build


class Session:
    """What one `make serve` run carries from build to build: how the last
    build went (for the pages it sends), which code it last imported, and
    the theme's compiled templates. Made by main() and handed to the build
    and the server; the build replaces `last` as a whole, the server only
    reads it."""

    def __init__(self):
        self.last = Outcome()
        self.built = False  # whether a build has finished since the server started
        self.code: dict = {}  # code_signature() at the last build: what the imported modules were read from
        # Material's templates compiled once, not at every build; Jinja
        # compiles again any template whose text changed.
        self.templates = TemplateCache()
        # Pages whose conversion reads nothing that changed are not converted again.
        self.conversions = RenderCache(secret_of=page_secret)

    def load_config(self, *args, **kwargs):
        """MkDocs' load_config, with the guide package and the hooks read
        afresh when any of their Python files changed since the last build.

        Before the config loads, since loading it runs the hooks, which
        import the guide package. MkDocs runs each hook file once a process
        (Hooks._load_hook is cached): without the cache_clear the hooks
        would keep the package as it was at start. After the first build,
        only the modules an edit reaches are dropped (code_reload.py); the
        rest, and what they have read (records_for() reads a data file
        again only when it changed), stay. A save of a page or a data file
        changes no code, so all of it stays.
        """
        code = code_signature()
        if code != self.code:
            if self.code:
                code_reload.forget(code_reload.stale(PACKAGE_DIR, code_reload.changed(self.code, code)), KEEP)
            else:
                forget_package()
                code_reload.warm(PACKAGE_DIR)
            config_options.Hooks._load_hook.cache_clear()
            self.code = code
        self.conversions.begin(code)
        try:
            return _load_config(*args, **kwargs)
        finally:
            code_reload.reattach(PACKAGE)

    def finish(self, started: float, logged: ProblemLog | None, error: BaseException | None,
               root: Path, pages: int) -> None:
        """Keep a build's outcome and say it in one line (its problems were
        printed as they came)."""
        problems = list(logged.problems) if logged else []
        # MkDocs logs a plugin's error, then raises only "Aborted with a
        # BuildError!": say the error once.
        if error is not None and not (logged and logged.errors and isinstance(error, SystemExit)):
            report_failure(error)
            problems += stopped(error, root)
        self.built = self.built or error is None
        self.last = Outcome(tuple(problems), stopped=error is not None, built=self.built)
        seconds = time.monotonic() - started
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        stamp = time.strftime("[%H:%M:%S]")
        if error is not None:
            served = ("The last good build is still served" if self.built
                      else "There is no good build to serve yet")
            log.error("%s The build stopped after %.1f s: %s (above, and on every page). %s; save a fix "
                      "and the page reloads.", stamp, seconds, count, served)
        elif problems:
            log.warning("%s Built %d pages in %.1f s: %s (above, and on every page); a strict build "
                        "(make check, CI) stops on them.", stamp, pages, seconds, count)
        else:
            log.info("%s Built %d pages in %.1f s: no problems.", stamp, pages, seconds)


def page_secret(page) -> str | None:
    """The page's secret of this build (guide/content/stamps.py), from the
    guide package as last imported."""
    from ..content.page_call import attached

    call = attached(page)
    return call.stamp_key if call is not None else None


def forget_package() -> None:
    """Drop the guide package's modules (but the tools), so the next import reads the files."""
    code_reload.forget({m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")}, KEEP)


def code_signature() -> dict[Path, bytes]:
    """A digest of every Python file of the served guide package and of
    hooks/ beside it (reading them takes a few milliseconds)."""
    return code_reload.signature([*PACKAGE_DIR.rglob("*.py"), *(PACKAGE_DIR.parent / "hooks").glob("*.py")])


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory between builds."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # Jinja checks the source's checksum

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def report_failure(error: BaseException) -> None:
    """Print why a build stopped: the message of an error meant for people
    (MkDocs' own, or the guide's, which name file and line), else the
    traceback of a bug, say in a macro being edited."""
    text = str(error).strip()
    if isinstance(error, SystemExit) and not text.strip("0123456789"):
        text = "a plugin stopped the build (see the message above)"
    elif not (isinstance(error, MkDocsException) or type(error).__name__ == "ContentError") or not text:
        text = "".join(traceback.format_exception(error)).strip()
    log.error("The site did not build: %s", text)


def count_pages(docs_dir: str) -> int:
    return sum(1 for _ in Path(docs_dir).rglob("*.md"))


def forgiving_build(config, *, session: Session, **kwargs):
    """Build as mkdocs serve does, into a new folder, and never raise: the
    outcome goes to the session, and the served site is replaced only by a
    build that did not stop."""
    started = time.monotonic()
    config.extra["serving"] = True  # the macros adapter reads it (hooks/page_macros.py)
    macros = config.plugins.get("macros")
    if macros is not None:
        macros.config["on_error_fail"] = False  # show the error on the page
    # MkDocs drops a message its build logger has logged once in this
    # process: a mistake still there at the next save would go unsaid.
    for drop_repeats in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(drop_repeats, DuplicateFilter):
            drop_repeats.msgs.clear()
    problems = ProblemLog(Path(config.config_file_path))
    mkdocs_log = logging.getLogger("mkdocs")
    # Added after MkDocs' own handler, so a hint follows its message.
    mkdocs_log.addHandler(problems)
    theme_env = config.theme.get_env

    def env_with_cache():
        env = theme_env()
        env.bytecode_cache = session.templates
        return env

    config.theme.get_env = env_with_cache
    site = Path(config.site_dir)
    work = Path(tempfile.mkdtemp(prefix=".guide-serve-", dir=site.parent))
    config.site_dir = str(work / site.name)
    error = None
    try:
        _build(config, **kwargs)
        replace(site, work / site.name)
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # noqa: B036  mkdocs' Abort is a SystemExit
        error = e
    finally:
        mkdocs_log.removeHandler(problems)
        session.conversions.finish(code_signature())
        shutil.rmtree(work, ignore_errors=True)
        config.site_dir = str(site)
    session.finish(started, problems, error, Path(config.config_file_path).parent,
                   count_pages(config.docs_dir))


# What a missing page shows when the site has no 404 page (its first build stopped).
NOT_BUILT = (b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
             b"<body><h1>This page is not in the last build</h1></body></html>")


class ForgivingServer(LiveReloadServer):
    """A rebuild that fails before the build (say, mkdocs.yml no longer
    parses, or a hook does not import) is reported, and the browsers are
    still answered.

    Every page it sends carries the live-reload script, which differs on
    each request; the page's Content Security Policy is given that script's
    own hash, so the browser runs it and nothing else the policy refuses.
    After a build with problems, the page also carries the error panel.
    """

    def __init__(self, builder, *, session: Session, **kwargs):
        self.session = session

        def builder_that_never_raises():
            started = time.monotonic()
            # What MkDocs logs while it reads mkdocs.yml, before the build
            # has a log of its own: an extension of ours that fails to load
            # (a syntax error in guide/) is placed at its file and line.
            config_log = ProblemLog(Path.cwd() / "mkdocs.yml")
            mkdocs_log = logging.getLogger("mkdocs")
            mkdocs_log.addHandler(config_log)
            try:
                builder()
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # noqa: B036
                session.finish(started, config_log, error, Path.cwd(), 0)
            finally:
                mkdocs_log.removeHandler(config_log)
        # MkDocs looks for saved files every half second; a quarter of a
        # second halves the wait, for a few hundred file checks.
        kwargs.setdefault("polling_interval", 0.25)
        super().__init__(builder=builder_that_never_raises, **kwargs)

    # MkDocs sends its 404 page as it is, without the live-reload script, so
    # a page that does not exist yet (or a site whose first build stopped)
    # never reloaded. Here it gets the script, and the panel, like any page.
    @property
    def error_handler(self):
        return self._error_page

    @error_handler.setter
    def error_handler(self, handler):
        self._site_error_page = handler

    def _error_page(self, code: int) -> bytes | None:
        content = self._site_error_page(code)
        if content is None and code == 404:
            content = NOT_BUILT
        return self._inject_js_into_html(content, self._visible_epoch) if content else None

    def _inject_js_into_html(self, content, epoch):
        content = super()._inject_js_into_html(content, epoch)
        end = content.rfind(b"</script>")
        start = content.rfind(b"<script>", 0, end)
        if start < 0 or end < 0:
            return content
        script = content[start + len(b"<script>"):end].decode("utf-8")
        page = csp.allow_script(content.decode("utf-8"), script)
        return add_panel(page, self.session.last).encode("utf-8")


class _KeepOnly(logging.Filter):
    """Lets through a logger's warnings and errors, and only those of its
    other lines that start with one of the given words."""

    def __init__(self, *starts: str):
        super().__init__()
        self.starts = starts

    def filter(self, record):
        return record.levelno >= logging.WARNING or any(
            record.getMessage().split("] ", 1)[-1].startswith(s) for s in self.starts)


def quiet() -> None:
    """One line per build: MkDocs' and mkdocs-macros' own progress lines go."""
    for name in ("mkdocs.plugins.mkdocs_macros", "mkdocs.commands.build", "mkdocs.commands.serve"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("mkdocs.livereload").addFilter(_KeepOnly("Serving on", "Shutting down"))


def main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if os.environ.get("VERBOSE", "").strip() not in ("1", "yes", "true"):
        quiet()
    session = Session()
    session.conversions.install()
    serve_command.load_config = session.load_config
    serve_command.build = functools.partial(forgiving_build, session=session)
    serve_command.LiveReloadServer = functools.partial(ForgivingServer, session=session)
    return cli.main(["serve", "--no-strict", *argv], prog_name="make serve", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
