"""Every page gets the glossary tooltips through abbr's `glossary` option
(guide/theme/glossary.py says why)."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.errors import ContentError
from guide.theme.glossary import glossary


def on_config(config):
    try:
        terms = glossary(Path(config.config_file_path).parent)
    except ContentError as e:
        raise PluginError(str(e)) from None
    config.mdx_configs.setdefault("abbr", {})["glossary"] = terms
    return config
