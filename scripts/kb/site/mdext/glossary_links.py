"""Link the first mention of each glossary term on a case page to ``/glossary/``.

A plain Python-Markdown extension (no MkDocs imports), so it runs under MkDocs
and any successor that takes Markdown extensions. It works on the element
tree, after ``attr_list`` and ``toc`` and before MkDocs resolves links:

* it acts only on pages whose ``<h1>`` carries the class ``kb-case`` — the
  generator marks case pages that way (``# 标题 { .kb-case }``), so the
  glossary page and hand-written pages stay untouched;
* it never links inside headings, existing links, code or preformatted text
  (text Python-Markdown keeps as it is, an ``AtomicString``, is skipped, except
  the plain text :mod:`kb.site.mdext.plain_text` marks);
* each term is linked once per page, at its first mention in document order;
* the link is the Markdown source path ``../glossary/index.md#<key>``, which
  MkDocs then rewrites and checks like any other link.

Enable with ``markdown_extensions: [kb.site.mdext.glossary_links]``; the options
``glossary_href`` and ``scope_class`` exist for other layouts.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from kb.model.glossary import glossary, spelling_keys, spelling_pattern
from kb.site.mdext.plain_text import PlainText

SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}


class GlossaryLinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, href: str, scope_class: str):
        super().__init__(md)
        self.href = href
        self.scope_class = scope_class
        terms = glossary()
        self.pattern = spelling_pattern(terms) if terms else None
        self.key_of = spelling_keys(terms)

    def run(self, root: etree.Element) -> None:
        if self.pattern is None or not self._in_scope(root):
            return
        self.linked: set[str] = set()
        self._walk(root)

    def _in_scope(self, root: etree.Element) -> bool:
        return any(self.scope_class in (h1.get("class") or "").split() for h1 in root.iter("h1"))

    def _walk(self, element: etree.Element) -> None:
        """Link in ``element.text`` and in each child's tail; descend into allowed children."""
        children = list(element)
        new_children: list[etree.Element] = []
        element.text, leading = self._split(element.text)
        new_children += leading
        for child in children:
            if child.tag not in SKIP_TAGS:
                self._walk(child)
            child.tail, trailing = self._split(child.tail)
            new_children += [child, *trailing]
        if len(new_children) != len(children):
            for child in children:
                element.remove(child)
            element.extend(new_children)

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """Text before the first new link, and the link elements (text continues in their tails)."""
        if not text or (isinstance(text, AtomicString) and not isinstance(text, PlainText)):
            return text, []
        head, links, position = None, [], 0
        for match in self.pattern.finditer(text):
            key = self.key_of[match.group(0)]
            if key in self.linked:
                continue
            self.linked.add(key)
            before = text[position:match.start()]
            if links:
                links[-1].tail = before
            else:
                head = before
            link = etree.Element("a", {"href": f"{self.href}#{key}", "class": "kb-term", "title": "术语解释"})
            link.text = match.group(0)
            links.append(link)
            position = match.end()
        if not links:
            return text, []
        links[-1].tail = text[position:]
        return head, links


class GlossaryLinkExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "glossary_href": ["../glossary/index.md", "Path of the glossary page, relative to a case page"],
            "scope_class": ["kb-case", "Class on the <h1> of the pages to link in"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 4: after attr_list (8) and toc (5), before MkDocs' relpath (0).
        processor = GlossaryLinkTreeprocessor(md, self.getConfig("glossary_href"), self.getConfig("scope_class"))
        md.treeprocessors.register(processor, "kb_glossary_links", 4)


def makeExtension(**kwargs) -> GlossaryLinkExtension:
    return GlossaryLinkExtension(**kwargs)
