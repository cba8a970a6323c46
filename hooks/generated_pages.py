"""A page for every source (guide/content/study_pages.py), added to the
build as generated files: MkDocs 1.6's public File.generated(), so nothing
is written into docs/. Not in the nav: the References page lists them."""

from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from guide.content import study_pages
from guide.content.page_call import Site
from guide.errors import ContentError
from guide.records.store import records_for

log = get_plugin_logger("study_pages")


def on_files(files, config):
    docs_dir = Path(config["docs_dir"])
    for problem in study_pages.clashes(docs_dir):
        log.error(problem)
    # "Relied on by" lists pages in the order of the navigation.
    order = Site(root=Path(config.config_file_path).parent, docs_dir=docs_dir, nav=config.nav).nav_order
    try:
        made = study_pages.pages(records_for(Path(config.config_file_path).parent), docs_dir, order)
    except ContentError:
        return files  # the macros adapter reports the broken data file
    for src, markdown in made.items():
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    return files
