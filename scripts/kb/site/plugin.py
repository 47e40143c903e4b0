"""One object owns a build: the project's MkDocs plugin, :class:`SitePlugin`.

Its options (:class:`SiteOptions`, a typed ``config_scheme`` as Material's plugins have)
say what the build wants; its attributes hold what the build keeps between MkDocs'
events (the forked helper of :mod:`kb.site.page_split`, the rebuild memory of
:mod:`kb.site.incremental` under ``make serve``). No module global and no environment
variable carries any of it, so two builds in one process, a test or a server do not meet.

* ``python -m kb build`` (:func:`kb.site.build.run_mkdocs`) and ``make serve``
  (:func:`kb.site.build.serve_site`) load ``mkdocs.yml`` through :func:`site_config`,
  which leaves out its hook and adds a plugin made for that build.
* A plain ``mkdocs build`` or ``mkdocs serve`` loads the hook ``hooks/generate_pages.py``,
  which is a plugin with the default options: it renders the pages from ``cases/``
  (``KB_CASES_DIR``) before every build and refuses invalid cases.

The plugin's events:

* ``on_config``: give the templates the case id pattern (the tray's ``data-kb-id-pattern``,
  ``overrides/partials/kb-tray.html``), and render the pages into ``docs_dir``, unless the build has just rendered them
  (``pages_rendered``, once). Only files whose content changed are rewritten, so with
  ``--dirty`` MkDocs rebuilds only the pages an edit touched. With ``preview_drafts``
  (``make serve``) drafts that still have problems are rendered as 草稿 pages
  (:mod:`kb.site.draft_preview`); builds still refuse them.
* ``on_nav``, ``on_env``, ``on_post_build``: with ``split``, a forked helper builds about
  half of the pages (:mod:`kb.site.page_split`).
* ``on_post_page``, ``on_post_template``: fix the theme's two invalid-HTML spots (:mod:`kb.site.theme_fixes`).
* ``on_post_build`` with ``serving`` (``make serve``): write the live-reload client as a file
  (:mod:`kb.site.mkdocs_private`), and index the preview for search in the background, so an edit
  shows before indexing ends.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from kb.check.problems import RefusedToBuild
from kb.paths import default_cases_dir
from kb.site.config import PROJECT_CONFIG
from kb.site.generate import GenerateReport, generate
from kb.site.incremental import RebuildMemory
from kb.site.page_split import PageSplit
from kb.model.case import ID_PATTERN
from kb.model.trust import FOOTER_LICENCE
from kb.search.source import source_path
from kb.site.theme_fixes import fix_material_markup
from kb.site.edition import teacher_site_name

PLUGIN_NAME = "kb"


class SiteOptions(base.Config):
    """What one build wants."""
    cases_dir = c.Optional(c.Dir(exists=True))  # None: cases/, or the folder KB_CASES_DIR names
    pages_rendered = c.Type(bool, default=False)  # the build rendered the pages already: the first on_config does not
    preview_drafts = c.Type(bool, default=False)  # make serve: files with problems become pages of their problems
    serving = c.Type(bool, default=False)  # make serve: remember between rebuilds, reload client, background search index
    split = c.Type(bool, default=False)  # a forked helper builds about half of the pages (kb.site.page_split)
    teacher = c.Type(bool, default=False)  # the 教师版: teaching notes rendered, 教师版 in every page's site name
    site_url = c.Type(str, default="")  # the public address for citations and QR codes ("": mkdocs.yml's)


class SitePlugin(BasePlugin[SiteOptions]):
    """One build (or one server's rebuilds): its options and everything it keeps."""

    def __init__(self, **options):
        errors, _ = self.load_config({key: str(value) if isinstance(value, Path) else value
                                      for key, value in options.items()})
        if errors:
            raise ValueError("; ".join(f"{key}: {error}" for key, error in errors))
        self._render_next = not self.config.pages_rendered
        self.memory = RebuildMemory() if self.config.serving else None
        self.split: PageSplit | None = None  # the current build's, while it runs; then the last one's
        self._indexing = threading.Lock()  # one background indexing run at a time; a later build waits

    @property
    def cases_dir(self) -> Path:
        return Path(self.config.cases_dir) if self.config.cases_dir else default_cases_dir()

    def render(self, docs_dir: Path, **options) -> GenerateReport:
        """:func:`kb.site.generate.generate` of this build's cases (with its rebuild memory under ``make serve``)."""
        with self.memory.in_use() if self.memory else contextlib.nullcontext():
            return generate(cases_dir=self.cases_dir, out_dir=Path(docs_dir),
                            preview_drafts=self.config.preview_drafts, teacher=self.config.teacher,
                            site_url=self.config.site_url or None, **options)

    @event_priority(100)  # before any other plugin looks at the pages
    def on_config(self, config):
        config.extra["kb_id_pattern"] = ID_PATTERN
        if self.config.teacher:  # every page's header and title say 教师版
            config.site_name = teacher_site_name(config.site_name)
        config.extra["kb_licence_line"] = FOOTER_LICENCE  # overrides/partials/copyright.html
        if not self._render_next:
            self._render_next = True  # under make serve later rebuilds render again
            return config
        try:
            self.render(Path(config.docs_dir), directory_urls=config.use_directory_urls)
        except RefusedToBuild as error:
            raise Abort(str(error)) from None
        return config

    def on_nav(self, nav, config, files):
        if self.config.split:
            self.split = PageSplit()
            self.split.start(nav, config, files)
        return nav

    def on_env(self, env, config, files):
        if self.split:
            self.split.take_anchors(files)
        return env

    def on_post_page(self, output, page, config):
        return fix_material_markup(output)

    def on_post_template(self, output_content, template_name, config):  # 404.html
        return fix_material_markup(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config):
        if self.split:
            self.split.finish()
        if self.config.serving:
            from kb.site.mkdocs_private import checked, write_reload_client

            if checked():
                write_reload_client(Path(config.site_dir))
            threading.Thread(target=self._index_quietly, args=(source_path(Path(config.docs_dir)),
                                                               Path(config.site_dir) / "search"), daemon=True).start()

    def cancel(self) -> None:
        """After a build that stopped early: stop the helper, if one runs."""
        if self.split:
            self.split.cancel()

    def _index_quietly(self, source_path: Path, search_dir: Path) -> None:
        from kb.search.index import build_search_index

        with self._indexing:
            try:
                build_search_index(source_path, search_dir, background=True)
            except RuntimeError as error:
                print(error, file=sys.stderr)


def site_config(plugin: SitePlugin, **settings):
    """The project's ``mkdocs.yml`` with ``settings`` changed, built by ``plugin`` instead of its hook."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(PROJECT_CONFIG), hooks=[], **settings)
    config.plugins[PLUGIN_NAME] = plugin
    return config
