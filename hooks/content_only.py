"""docs/ holds content only (guide/boundary/content_files.py): every file
MkDocs is about to publish from docs/ is checked before it reads any; a
problem stops the build with each file and line."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide.boundary import content_files


# Before every other on_files handler: the others read the pages.
@event_priority(100)
def on_files(files, config):
    docs = Path(config.docs_dir).resolve()
    sources = [f.src_uri for f in files if f.abs_src_path and not f.inclusion.is_excluded()
               and Path(f.abs_src_path).resolve().is_relative_to(docs)]
    root = Path(config.config_file_path).parent
    snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])
    include_dirs = [root / folder for folder in ([snippets] if isinstance(snippets, str) else snippets)]
    problems = content_files.problems(docs, sources, config.theme.dirs, include_dirs, root)
    if problems:
        raise PluginError("\n" + "\n".join(problems))
    return files
