"""Remove what could run script from the rendered HTML tree.

Case text is escaped before it reaches Markdown (see :mod:`kb.site.render.safe_text`),
so raw HTML from a case never arrives here. What remains possible through
plain Markdown syntax is handled on the element tree after every other
treeprocessor has run:

* links and images whose URL scheme is ``javascript:``, ``vbscript:`` or
  ``data:`` lose the URL;
* attributes named ``on*`` (which ``attr_list`` would otherwise accept, as in
  ``{ onclick="..." }``) and ``style`` are dropped.

Enable with ``markdown_extensions: [kb.site.mdext.sanitize]``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background"}
UNSAFE_SCHEME_RE = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
# Browsers ignore ASCII control characters and whitespace inside a scheme.
IGNORED_IN_SCHEME_RE = re.compile(r"[\x00-\x20]+")


def is_unsafe_url(url: str) -> bool:
    return bool(UNSAFE_SCHEME_RE.match(IGNORED_IN_SCHEME_RE.sub("", url)))


class SanitizeTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "style":
                    del element.attrib[name]
                elif lowered in URL_ATTRIBUTES and is_unsafe_url(element.attrib[name]):
                    element.attrib[name] = "#"


class SanitizeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 0: after attr_list (8), toc (5) and every other treeprocessor.
        md.treeprocessors.register(SanitizeTreeprocessor(md), "kb_sanitize", 0)


def makeExtension(**kwargs) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)
