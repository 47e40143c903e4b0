"""``make serve`` under the site's Content-Security-Policy.

MkDocs' live-reload server injects an inline ``<script>`` into every page it
serves; the policy (``extra.csp`` in ``mkdocs.yml``) forbids inline script,
on the preview as on the published site, so the page would never reload.
For the preview only, the same client is written into the preview folder as
a file (:func:`write_client`, by :class:`kb.site.plugin.SitePlugin` after each build) and the
server injects ``<script src>`` to it, with the two numbers the
inline script carried as data attributes (``LiveReloadServerWithClientFile``).
Nothing here touches ``make build`` or the published site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs import livereload

CLIENT = "kb-livereload.js"


def client_script() -> str:
    """MkDocs' own live-reload client, started with the numbers of the tag that loads it."""
    script = livereload._SCRIPT_TEMPLATE_STR
    call = "livereload(${epoch}, ${request_id});"
    if call not in script:
        raise RuntimeError("MkDocs 的自动刷新脚本与预期不同，请检查 mkdocs 的版本（requirements.txt）")
    return script.replace(call, ";(function (tag) { livereload(+tag.dataset.epoch, +tag.dataset.requestId); })"
                                "(document.currentScript);")


def write_client(site_dir: Path) -> None:
    (Path(site_dir) / CLIENT).write_text(client_script(), encoding="utf-8")


class LiveReloadServerWithClientFile(livereload.LiveReloadServer):
    """MkDocs' live-reload server, loading its client from :data:`CLIENT` rather than inline."""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end < 0 else body_end
        tag = f'<script src="/{CLIENT}" data-epoch="{epoch}" data-request-id="{livereload._timestamp()}"></script>'
        return content[:body_end] + tag.encode() + content[body_end:]
