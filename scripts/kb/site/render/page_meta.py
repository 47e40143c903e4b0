"""Page metadata (the YAML front matter of generated pages), safe for HTML by construction.

MkDocs and Material insert ``page.meta`` values into HTML without escaping:
the title into ``<title>`` and the header, the description into a
``content="…"`` attribute. Case and
module text reaches those values, so a value is HTML only after
:func:`seal_page` has escaped it.

Every Markdown page the generator writes passes through :func:`seal_page`
(``kb.site.generate.render_site_files``), hand-written ones included. Renderers
write plain text with :func:`front_matter`; none of them escapes, so none can
forget to, and a metadata key added later is escaped like the others.
Escaping with ``quote=True`` covers element text, quoted attributes and
``<title>`` (whose text the browser decodes).
"""

from __future__ import annotations

import html
import json
from typing import Any

import yaml

from kb.model.vocab import YAML_LOADER
from kb.site.incremental import digest, per_value

_OPEN = "---\n"
_CLOSE = "\n---\n"


def front_matter(**meta: Any) -> str:
    """A front matter block; every value as JSON, which is valid YAML.

    ``None`` values are left out, so callers can pass optional keys as they are.
    """
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in meta.items() if value is not None]
    return "\n".join(["---", *lines, "---"])


@per_value(key=digest)
def seal_page(markdown: str) -> str:
    """The page with every string in its front matter HTML-escaped.

    A page without front matter is returned as it is; the rest of the page is
    Markdown, which the renderers escape (:mod:`kb.site.render.safe_text`) and
    :mod:`kb.site.mdext.sanitize` cleans.
    """
    if not markdown.startswith(_OPEN):
        return markdown
    end = markdown.find(_CLOSE, len(_OPEN) - 1)
    if end < 0:
        return markdown
    meta = _read(markdown[len(_OPEN):end])
    return front_matter(**escape_values(meta)) + markdown[end + len(_CLOSE) - 1:]


def _read(block: str) -> dict:
    """Front matter as :func:`front_matter` writes it (``key: <JSON>`` lines) is read
    line by line; anything else (hand-written pages) as YAML."""
    meta = {}
    for line in block.split("\n"):
        key, separator, value = line.partition(": ")
        if not separator or not key.isidentifier():
            return yaml.load(block, Loader=YAML_LOADER) or {}
        try:
            meta[key] = json.loads(value)
        except ValueError:
            return yaml.load(block, Loader=YAML_LOADER) or {}
    return meta


def escape_values(value: Any) -> Any:
    """Every string inside ``value`` (nested mappings and lists too) HTML-escaped."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {key: escape_values(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_values(item) for item in value]
    return value

