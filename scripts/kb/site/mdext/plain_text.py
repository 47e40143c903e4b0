"""Let Python-Markdown's inline step skip text that none of its patterns can match.

Most text on a case page is Chinese narrative without a single character that
starts Markdown inline syntax (no backtick, bracket, ``<``, ``&``, ``*``, ``_``,
backslash or line break). Python-Markdown still tries each of its inline patterns
on every such paragraph, list item and table cell, one Python call per pattern:
on a library of 1,000 cases that was the largest single cost of the MkDocs stage
(about 1.9 million pattern calls).

Before the inline step runs, this tree processor marks such text as
:class:`PlainText`, an ``AtomicString`` (Python-Markdown's documented way of
saying "do not process this further"); the page it renders is unchanged, byte
for byte. Text with any trigger character goes through every pattern as before.

The triggers are those of the inline patterns it knows by name (Python-Markdown's
own). If another extension registers an inline pattern it does not know, it marks
nothing, so an unknown pattern never misses its text.

Enable with ``markdown_extensions: [kb.site.mdext.plain_text]``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX, AtomicString

# The characters without which each of Python-Markdown's inline patterns cannot match; the
# emphasis pattern (em_strong) takes the characters of its delimiters (md.delimiters.tokens).
TRIGGERS = {
    "backtick": "`", "escape": "\\", "reference": "[", "link": "[", "image_link": "[",
    "image_reference": "[", "short_reference": "[", "short_image_ref": "[",
    "autolink": "<", "automail": "<", "html": "<", "entity": "&", "linebreak": "\n", "em_strong": "",
}


class PlainText(AtomicString):
    """Text no inline pattern can match. Other tree processors may still work on it
    (the glossary links do); Python-Markdown's inline step leaves it as it is."""


class PlainTextTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, triggers: str):
        super().__init__(md)
        # the placeholders other steps leave in text (STX … ETX) are handled by the inline step
        self.trigger = re.compile("[" + re.escape(triggers + STX + ETX) + "]")

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            element.text, element.tail = self._marked(element.text), self._marked(element.tail)

    def _marked(self, text: str | None) -> str | None:
        """``text`` as :class:`PlainText` if no trigger is in it; else (or already marked) as it was."""
        if text and type(text) is str and not self.trigger.search(text):
            return PlainText(text)
        return text


class PlainTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md

    def reset(self) -> None:
        """Called once every extension has added its patterns (at the end of Markdown's own
        set-up, and on each reset), so that the patterns it checks are the final ones."""
        md = self.md
        if "kb_plain_text" in md.treeprocessors:
            return
        known = [name for name in TRIGGERS if name in md.inlinePatterns]
        if len(known) != len(md.inlinePatterns):
            return  # a pattern it does not know: mark nothing
        delimiters = "".join(md.delimiters.tokens) if md.delimiters is not None else ""
        triggers = "".join(TRIGGERS[name] for name in known) + delimiters
        # Priority 21: after the block parser, just before the inline step (20).
        md.treeprocessors.register(PlainTextTreeprocessor(md, triggers), "kb_plain_text", 21)


def makeExtension(**kwargs) -> PlainTextExtension:
    return PlainTextExtension(**kwargs)
