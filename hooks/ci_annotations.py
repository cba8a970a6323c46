"""Under GitHub Actions, the build's problems as annotations on their lines
(guide/checker/build_annotations.py)."""

import logging

from guide.checker import build_annotations


def on_config(config):
    build_annotations.collect(logging.getLogger("mkdocs"), config.config_file_path)
    return config
