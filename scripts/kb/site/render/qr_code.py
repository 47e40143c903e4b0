"""The QR code of a page's public address, printed beside the address (handouts, reading
packets, class versions, case and module pages and so their projector view).

Made at build time by segno as inline SVG: nothing is requested from another host, and
the page needs no script. The address is the published site's (:mod:`kb.site.edition`),
the same in the offline bundle; without ``site_url`` the block says that there is no
address to encode instead of printing a code.
"""

from __future__ import annotations

import functools
import html
import io

from kb.site.edition import current
from kb.site.urls import public_page_url

NO_ADDRESS = "网站的公开地址尚未设置（mkdocs.yml 中的 site_url），所以这里没有本页的二维码和网址。"


def public_address(src_uri: str) -> str:
    """The public address of the page made from ``src_uri`` (``cases/x.md`` or a handout's
    ``print/.../index.html``), or "" when the site's address is not set."""
    base = current().site_url
    return base + public_page_url(src_uri) if base else ""


def render_qr_block(src_uri: str, what: str = "本页") -> str:
    """A raw HTML block: the QR code and the address beside it."""
    address = public_address(src_uri)
    if not address:
        return f'<p class="kb-qr kb-qr--missing">{html.escape(NO_ADDRESS)}</p>'
    label = html.escape(f"{what}网址的二维码：{address}", quote=True)
    code = _svg(address).replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return (f'<div class="kb-qr">{code}'
            f'<p class="kb-qr__address">{html.escape(what)}网址（手机扫描左侧二维码打开）：<br>'
            f'<span class="kb-qr__url">{html.escape(address)}</span></p></div>')


@functools.lru_cache(maxsize=4096)
def _svg(address: str) -> str:
    import segno

    out = io.BytesIO()
    segno.make(address, error="m", micro=False).save(out, kind="svg", xmldecl=False, svgns=True, scale=3, border=2,
                                                    dark="#000", light="#fff", svgclass="kb-qr__code", lineclass=None)
    return out.getvalue().decode("utf-8").strip()
