"""引用本案例 on a case page: a citation in the form GB/T 7714-2015 gives an electronic resource
([EB/OL]), with the case's stable number, the date it was added, the date of access and the public
address; and the page's QR code (:mod:`kb.site.render.qr_code`), which the projector view shows too.

The date of access is the reader's: ``assets/kb-cite.js`` writes today's date into it; without
script the field keeps its name, 引用日期, for the reader to fill.
"""

from __future__ import annotations

from html import escape

from kb.model.case import Case
from kb.model.numbers import number_label
from kb.site.config import project_config
from kb.site.render.qr_code import public_address, render_qr_block
from kb.site.render.safe_text import plain


def citation_text(case: Case, address: str) -> str:
    """The citation as HTML (escaped), with the access date as a span the script fills."""
    author = project_config()["site_name"]
    title = plain(case.title) + (f"：案例 {number_label(case.serial)}" if case.serial else "")
    published = f"({case.added})" if case.added else ""
    where = address or "（网站的公开地址尚未设置）"
    return (f"{escape(author)}. {escape(title)}[EB/OL]. {escape(published)}"
            f'[<span data-kb-today>引用日期</span>]. {escape(where)}.')


def render_citation(case: Case) -> str:
    page = f"cases/{case.id}.md"
    return "\n\n".join([
        "## 引用本案例",
        "按 GB/T 7714-2015（电子资源）著录：",
        f'<p class="kb-citation">{citation_text(case, public_address(page))}</p>',
        render_qr_block(page, "本案例"),
    ])
