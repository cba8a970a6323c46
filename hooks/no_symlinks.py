"""No symbolic links in the folders a build reads (guide/boundary/symlinks.py)."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide.boundary import symlinks


# First of all on_config handlers: mkdocs-macros reads data/ in its own.
@event_priority(100)
def on_config(config):
    problems = symlinks.problems(Path(config.config_file_path).resolve().parent)
    if problems:
        raise PluginError("\n" + "\n".join(problems))
    return config
