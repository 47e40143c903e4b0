"""MkDocs hook: the pages from cases/, and two finishing touches on every page.

Thin on purpose; the work is in plain Python (``scripts/kb``), so the site
stays portable to MkDocs successors that read plain Markdown folders.

* ``on_config``: render the pages into ``docs_dir``, unless ``python -m kb build``
  has just rendered them (:func:`kb.site.build.pages_rendered`). So a plain
  ``mkdocs build`` refuses invalid cases, and ``mkdocs serve`` re-renders on
  every change: only files whose content changed are rewritten, so with
  ``--dirty`` MkDocs rebuilds only the pages an edit touched.
  Under ``make serve`` (``KB_PREVIEW_DRAFTS=1``) drafts that still have problems are
  rendered as 草稿 pages (:mod:`kb.site.draft_preview`); builds still refuse them.
* ``on_nav``, ``on_env``, ``on_post_build``: under ``python -m kb build``, a forked helper
  builds about half of the pages (:mod:`kb.site.page_split`).
* ``on_post_page``, ``on_post_template``: fix the theme's two invalid-HTML spots (:mod:`kb.site.theme_fixes`).
* ``on_serve`` under ``make serve`` (:func:`kb.site.build.serving`): the rendered folder is not watched.
* ``on_post_build`` under ``make serve``: write the
  live-reload client as a file (:mod:`kb.site.preview`), and index the preview
  for search in the background, so an edit shows before indexing ends.
"""

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from kb.site.build import pages_rendered, serving  # noqa: E402
from kb.check.problems import RefusedToBuild  # noqa: E402
from kb.site.generate import generate  # noqa: E402
from kb.paths import default_cases_dir  # noqa: E402
from kb.site.theme_fixes import fix_material_markup  # noqa: E402
from kb.site.preview import write_client  # noqa: E402
from kb.site.draft_preview import previewing_drafts  # noqa: E402
from kb.search.index import build_search_index  # noqa: E402
from kb.search.source import source_path  # noqa: E402
from kb.model.case import ID_PATTERN  # noqa: E402
from kb.site import page_split  # noqa: E402


@event_priority(100)  # before any other plugin looks at the pages
def on_config(config):
    config.extra["kb_id_pattern"] = ID_PATTERN  # for the tray's data-kb-id-pattern (overrides/partials/kb-tray.html)
    if pages_rendered(Path(config.docs_dir)):
        return config
    try:
        generate(cases_dir=default_cases_dir(), out_dir=Path(config.docs_dir),
                 directory_urls=config.use_directory_urls, preview_drafts=previewing_drafts())
    except RefusedToBuild as error:
        raise Abort(str(error)) from None
    return config


def on_nav(nav, config, files):
    page_split.start(nav, config, files)
    return nav


def on_env(env, config, files):
    page_split.take_anchors(files)
    return env


def on_post_page(output, page, config):
    return fix_material_markup(output)


def on_post_template(output_content, template_name, config):  # 404.html
    return fix_material_markup(output_content) if template_name.endswith(".html") else output_content


def on_serve(server, config, builder):
    """Under ``make serve`` the rendered folder is output, made again from the folders
    :func:`kb.site.build.serve_site` watches (cases, modules, vocab, docs, overrides).
    Watching it too made every rebuild's own writes start a second rebuild (4 s at
    N=1,000), and an edit saved meanwhile waited behind it."""
    if serving():
        server.unwatch(config.docs_dir)
    return server


_INDEXING = threading.Lock()  # one indexing run at a time; a later build waits for the earlier


def on_post_build(config):
    page_split.finish()
    if serving():
        write_client(Path(config.site_dir))
        threading.Thread(target=_index_quietly, args=(source_path(Path(config.docs_dir)),
                                                      Path(config.site_dir) / "search"), daemon=True).start()


def _index_quietly(source_path, search_dir):
    with _INDEXING:
        try:
            build_search_index(source_path, search_dir, background=True)
        except RuntimeError as error:
            print(error, file=sys.stderr)
