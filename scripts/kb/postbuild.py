"""Steps that run on the built site after MkDocs, before it is published.

Material's templates emit two small HTML errors that the Nu HTML Checker
reports and that we cannot reach through template blocks:

* ``autocomplete="off"`` on its checkbox toggles (the attribute is only
  allowed on text-like inputs);
* a ``<label for="__toc">`` on pages that are not in the navigation (every
  case page, by design), where no ``__toc`` control exists.

Both are fixed here on the finished HTML, write-if-changed, in one pass over
the pages (linear in the number of pages).

Usage::

    python -m kb postbuild site
"""

from __future__ import annotations

import re
from pathlib import Path

CHECKBOX_AUTOCOMPLETE_RE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
ORPHAN_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_material_markup(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE_RE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(ORPHAN_TOC_LABEL, '<label class="md-nav__title">')
    return html


def postbuild(site_dir: Path) -> int:
    """Apply the fixes to every page; returns how many files changed."""
    changed = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = fix_material_markup(html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed
