"""The verification pass over the whole built site, after every other step
of every build (guide/boundary/built_site.py): each problem is an error at
its file and line, and `strict: true` fails the build."""

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from guide import content
from guide.boundary import built_site

log = get_plugin_logger("verify_site")


def on_post_build(config):
    root = Path(config.config_file_path).parent
    project = built_site.project_for(root, config.theme.dirs, docs_dir=config.docs_dir,
                                    expected=content.expected_output(root))
    for finding in built_site.verify(Path(config.site_dir), project):
        log.error(str(finding))
