"""Every private MkDocs name the project uses, in this one module, behind one version check.

MkDocs 1.x is no longer maintained, and a private name can change in any release without
notice. So each use is here, and is made only on the MkDocs version it was checked against
(:data:`CHECKED_MKDOCS_VERSION`, the version ``requirements.txt`` pins). On any other version
the site still builds, with MkDocs' public API alone:

* the page split is off (:func:`kb.site.page_split.can_split`): MkDocs builds every page in one
  process. The helper builds its pages exactly as MkDocs would, with MkDocs' own
  ``_populate_page`` and ``_build_page`` (:func:`populate_page`, :func:`build_page`); the public
  events offer no way to build a page elsewhere.
* ``make serve`` runs MkDocs' server unchanged, and says in Chinese that the page must be
  reloaded by hand: the server's reload client is an inline script, which the site's
  Content-Security-Policy forbids on the preview as on the published site. On the checked
  version the client is written into the preview as a file (:func:`write_reload_client`) and the
  server injects ``<script src>`` to it (:class:`ReloadClientAsFile`); the protocol the client
  speaks with the server (``/livereload/<epoch>/<request>``) is itself undocumented.

``tests/test_mkdocs_private.py`` fails on any other MkDocs version, naming this module: check
each use against the new MkDocs, then raise :data:`CHECKED_MKDOCS_VERSION`.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs
from mkdocs import livereload

CHECKED_MKDOCS_VERSION = "1.6.1"
RELOAD_CLIENT = "kb-livereload.js"  # in the preview's root


def checked() -> bool:
    """Whether the installed MkDocs is the version the private names here were checked against."""
    return mkdocs.__version__ == CHECKED_MKDOCS_VERSION


def populate_page(page, config, files) -> None:
    """MkDocs' own first step for a page: read its Markdown and convert it (with the page events)."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def build_page(page, config, doc_files, nav, env) -> None:
    """MkDocs' own second step for a page: apply the theme's template and write it into the site."""
    from mkdocs.commands.build import _build_page

    _build_page(page, config, doc_files, nav, env)


def reload_client() -> str:
    """MkDocs' own live-reload client, started with the numbers of the tag that loads it."""
    script = livereload._SCRIPT_TEMPLATE_STR
    call = "livereload(${epoch}, ${request_id});"
    if call not in script:
        raise RuntimeError("MkDocs 的自动刷新脚本与预期不同，请检查 mkdocs 的版本（requirements.txt）"
                           "和 scripts/kb/site/mkdocs_private.py")
    return script.replace(call, ";(function (tag) { livereload(+tag.dataset.epoch, +tag.dataset.requestId); })"
                                "(document.currentScript);")


def write_reload_client(site_dir: Path) -> None:
    (Path(site_dir) / RELOAD_CLIENT).write_text(reload_client(), encoding="utf-8")


class ReloadClientAsFile(livereload.LiveReloadServer):
    """MkDocs' live-reload server, loading its client from :data:`RELOAD_CLIENT` rather than inline,
    with the two numbers the inline script carried as data attributes."""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end < 0 else body_end
        tag = (f'<script src="/{RELOAD_CLIENT}" data-epoch="{epoch}" '
               f'data-request-id="{livereload._timestamp()}"></script>')
        return content[:body_end] + tag.encode() + content[body_end:]
