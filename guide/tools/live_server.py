"""`make serve`: MkDocs' live-reload server, made to survive mistakes.

    python scripts/serve.py [mkdocs serve options]    (what `make serve` runs)

Plain `mkdocs serve` with this site's `strict: true` is a poor editor
companion: a warning at start stops it from starting, a failed rebuild
leaves every request waiting ("the server will appear stuck"), and a macro
error exits the process (mkdocs-macros calls exit() on it). Nor does it
re-import the guide package: the code stays as it was at start.

So this command runs the same `mkdocs serve` with five changes, all for
serving only (`make build`, `make check` and CI stay strict):

- `--no-strict`: warnings and errors print with their file and line, and
  the site is still served, so the next good save brings it back;
- mkdocs-macros' `on_error_fail` off: a broken macro call shows its error on
  the page in the browser and in the terminal instead of ending the server;
- a build that raises anyway is reported in one block and the last good
  site stays served, so no request ever hangs;
- the guide package is dropped from the import cache before each rebuild
  (all but its tools), and the hooks are run afresh, so an edit to a macro
  or a data file is in the next page served;
- each page it sends allows its own live-reload script in its Content
  Security Policy (by hash), so the browser reloads on every save under
  the same policy as the published site.

What is watched is the `watch:` list in mkdocs.yml (data, includes,
overrides, schemas, guide, hooks), plus docs/ and mkdocs.yml.

Under each warning that does not say where it is, one more line does
(serve_hints.py).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

import mkdocs.commands.serve as serve_command
from mkdocs.config import config_options
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer

from ..boundary import csp
from .serve_hints import WhereItIs

PACKAGE = "guide"
# The running command itself stays: only what makes the pages is re-read.
KEEP = "guide.tools"
log = logging.getLogger("mkdocs.serve")

# A re-imported macro module must not write __pycache__ into a watched folder
# (that would trigger a second, pointless rebuild).
sys.dont_write_bytecode = True

_load_config = serve_command.load_config
_build = serve_command.build


def forget_package() -> None:
    """Drop the guide package's modules (but the tools), so the next import reads the files."""
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        if not (name == KEEP or name.startswith(KEEP + ".")):
            del sys.modules[name]


def load_fresh_config(*args, **kwargs):
    # Before the config loads, since loading it runs the hooks, which import
    # the guide package. MkDocs runs each hook file once a process
    # (Hooks._load_hook is cached): without the cache_clear the hooks would
    # keep the package as it was at start.
    forget_package()
    config_options.Hooks._load_hook.cache_clear()
    return _load_config(*args, **kwargs)


def report_failure(error: BaseException) -> None:
    if isinstance(error, SystemExit) and not str(error).strip("0123456789"):
        message = "a plugin stopped the build (see the message above)"
    else:
        message = str(error).strip() or "".join(traceback.format_exception(error)).strip()
    log.error("The site did not build: %s\nThe last good build is still served; "
              "save a fix and the site comes back.", message)


def forgiving_build(config, **kwargs):
    """Build as mkdocs serve does, but never raise: a failure is reported."""
    mkdocs_log = logging.getLogger("mkdocs")
    if not any(isinstance(h, WhereItIs) for h in mkdocs_log.handlers):
        # Added now, after MkDocs' own handler, so the hint follows the message.
        mkdocs_log.addHandler(WhereItIs(Path(config.config_file_path)))
    macros = config.plugins.get("macros")
    if macros is not None:
        macros.config["on_error_fail"] = False  # show the error on the page
    try:
        _build(config, **kwargs)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: B036  mkdocs' Abort is a SystemExit
        report_failure(error)


class ForgivingServer(LiveReloadServer):
    """A rebuild that fails before the build (say, mkdocs.yml no longer
    parses) is reported, and the browsers are still answered.

    Every page it sends carries the live-reload script, which differs on
    each request; the page's Content Security Policy is given that script's
    own hash, so the browser runs it and nothing else the policy refuses.
    """

    def __init__(self, builder, **kwargs):
        def builder_that_never_raises():
            try:
                builder()
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # noqa: B036
                report_failure(error)
        super().__init__(builder=builder_that_never_raises, **kwargs)

    def _inject_js_into_html(self, content, epoch):
        content = super()._inject_js_into_html(content, epoch)
        end = content.rfind(b"</script>")
        start = content.rfind(b"<script>", 0, end)
        if start < 0 or end < 0:
            return content
        script = content[start + len(b"<script>"):end].decode("utf-8")
        return csp.allow_script(content.decode("utf-8"), script).encode("utf-8")


def main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve_command.load_config = load_fresh_config
    serve_command.build = forgiving_build
    serve_command.LiveReloadServer = ForgivingServer
    return cli.main(["serve", "--no-strict", *argv], prog_name="make serve", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
