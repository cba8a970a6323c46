"""Our stylesheets travel inside every page's <head> (guide/theme/styles.py says why)."""

from guide.theme.styles import inline_styles


def on_env(env, config, files):
    env.globals["guide_styles"] = inline_styles(config["docs_dir"])
    return env
