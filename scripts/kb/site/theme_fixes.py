"""Two fixes to the theme's HTML, applied to every page as MkDocs writes it.

Material's templates emit two small HTML errors that the Nu HTML Checker
reports and that we cannot reach through template blocks:

* ``autocomplete="off"`` on its checkbox toggles (the attribute is only
  allowed on text-like inputs);
* a ``<label for="__toc">`` on pages that are not in the navigation (every
  case page, by design), where no ``__toc`` control exists.

The project's MkDocs plugin (:class:`kb.site.plugin.SitePlugin`, ``on_post_page``) calls
:func:`fix_material_markup` on each page's HTML before it is written, so no
second pass over the finished site is needed.
"""

from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE_RE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
ORPHAN_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_material_markup(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE_RE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(ORPHAN_TOC_LABEL, '<label class="md-nav__title">')
    return html
