"""Our stylesheets travel inside every page's <head> (guide/theme/styles.py says why)."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.errors import ContentError
from guide.theme.styles import inline_styles, stylesheet_files


def on_files(files, config):
    # Printed inline, so the files themselves stay out of the site.
    inlined = {path.resolve() for path in stylesheet_files(config.theme.custom_dir)}
    for file in [f for f in files if f.abs_src_path and Path(f.abs_src_path).resolve() in inlined]:
        files.remove(file)
    return files


def on_env(env, config, files):
    try:
        env.globals["guide_styles"] = inline_styles(config.theme.custom_dir)
    except ContentError as e:
        raise PluginError(str(e)) from None
    return env
