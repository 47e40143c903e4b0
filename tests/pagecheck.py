"""MkDocs' own checks of a page's links and anchors, without building the site.

:class:`PageCheck` loads the project's ``mkdocs.yml`` on a rendered folder (``generate()``'s
output) and converts pages with MkDocs' own :class:`mkdocs.structure.pages.Page`: the same
Markdown extensions, the same link resolution (``_RelativePathTreeprocessor``: unknown, absolute
and unrecognized links) and the same anchor check (``validate_anchor_links``) the strict build
runs. What it leaves out is what cannot warn about links: the theme's templates and writing the
site. A warning here is a warning the strict build would count, so a fast loop can check many
case files; tests/test_build_gate.py still runs one real build.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from kb.site.config import PROJECT_CONFIG
from kb.site.mkdocs_warnings import CollectedWarnings


class PageCheck:
    def __init__(self, docs_dir: Path, site_dir: Path) -> None:
        self.docs_dir = Path(docs_dir)
        self.config = load_config(config_file=str(PROJECT_CONFIG), docs_dir=str(docs_dir),
                                  site_dir=str(site_dir), strict=True)
        self.files: Files = get_files(self.config)

    def _render(self, file: File) -> Page:
        page = Page(None, file, self.config)
        page.read_source(self.config)
        page.render(self.config, self.files)
        return page

    def write(self, src_uri: str, text: str) -> None:
        """Put a page into the folder (a new page joins the site's files, as MkDocs would find it)."""
        (self.docs_dir / src_uri).write_text(text, encoding="utf-8")
        if self.files.get_file_from_path(src_uri) is None:
            self.files.append(File(src_uri, str(self.docs_dir), self.config.site_dir, self.config.use_directory_urls))

    def warnings(self, src_uri: str, text: str | None = None) -> tuple[list[str], set[str]]:
        """The warnings the strict build would give about the page ``src_uri`` (written with
        ``text`` first, when given), both about its links and about its links' anchors, and the
        anchors the page has. Every page it links to a place on is converted too, as the build does."""
        if text is not None:
            self.write(src_uri, text)
        file = self.files.get_file_from_path(src_uri)
        assert file is not None, src_uri
        with _collected() as collected:
            page = self._render(file)
            for target in page.links_to_anchors or {}:
                if target is not file and (target.page is None or target.page.present_anchor_ids is None):
                    self._render(target)
            page.validate_anchor_links(files=self.files, log_level=logging.WARNING)
        return collected.messages, set(page.present_anchor_ids or ())

    def all_warnings(self) -> list[str]:
        """Every page of the folder converted and checked, as a whole build checks them."""
        with _collected() as collected:
            for page in [self._render(file) for file in self.files.documentation_pages()]:
                page.validate_anchor_links(files=self.files, log_level=logging.WARNING)
        return collected.messages


@contextlib.contextmanager
def _collected():
    """MkDocs' warnings while the block runs."""
    collected = CollectedWarnings()
    logging.getLogger("mkdocs").addHandler(collected)
    try:
        yield collected
    finally:
        logging.getLogger("mkdocs").removeHandler(collected)
