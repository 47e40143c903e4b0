"""Arrange one case's paragraphs under the four fixed sections.

Walks the paragraphs once: text before the first section heading is the
introduction; a section heading opens the next section (sections only move
forward, so a repeated ``一、`` inside a section is a sub-heading); inside a
section, the first sub-heading style met becomes ``###`` and any other style
a bold line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.importer import sections
from kb.importer.readers import Paragraph
from kb.model.case import SECTION_HEADINGS

HEADING = "heading"  # ### level
MINOR = "minor"  # bold line, one level below
TEXT = "text"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str


@dataclass
class Section:
    name: str  # one of SECTION_HEADINGS
    heading_as_written: str
    blocks: list[Block] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # sub-heading styles in order met

    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == HEADING]

    def paragraphs_after(self, heading: str) -> list[str]:
        texts, inside = [], False
        for block in self.blocks:
            if block.kind == HEADING:
                inside = block.text == heading
            elif inside and block.kind == TEXT:
                texts.append(block.text)
        return texts


@dataclass
class Outline:
    intro: list[Block] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)

    def all_blocks(self) -> list[Block]:
        blocks = list(self.intro)
        for section in self.sections.values():
            blocks.extend(section.blocks)
        return blocks

    def missing(self) -> list[str]:
        return [name for name in SECTION_HEADINGS if name not in self.sections]


def outline_case(paragraphs: list[Paragraph]) -> Outline:
    outline = Outline()
    current: Section | None = None
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        name = sections.section_name(text) if not paragraph.bold_lead else None
        if name and _is_later(name, current):
            current = Section(name, text)
            outline.sections[name] = current
            continue
        target = current.blocks if current else outline.intro
        for style, piece in _pieces(paragraph, text):
            if style is None:
                target.append(Block(TEXT, piece))
                continue
            if current is None:  # numbered lines before any section stay plain text
                target.append(Block(TEXT, piece))
                continue
            if style not in current.styles:
                current.styles.append(style)
            target.append(Block(HEADING if current.styles[0] == style else MINOR, piece))
    return outline


def _is_later(name: str, current: Section | None) -> bool:
    if current is None:
        return True
    return SECTION_HEADINGS.index(name) > SECTION_HEADINGS.index(current.name)


def _pieces(paragraph: Paragraph, text: str) -> list[tuple[str | None, str]]:
    """The paragraph as (sub-heading style or None, text) pieces."""
    if paragraph.heading_level:
        return [(f"标题{paragraph.heading_level}", text)]
    if paragraph.bold and len(text) <= sections.MAX_SUB_HEADING:
        return [(sections.sub_heading_style(text) or "加粗", text)]
    if paragraph.bold_lead and text.startswith(paragraph.bold_lead) and len(paragraph.bold_lead) < len(text):
        rest = text[len(paragraph.bold_lead):].strip()
        return [(sections.sub_heading_style(paragraph.bold_lead) or "加粗", paragraph.bold_lead), (None, rest)]
    lead = sections.split_lead(text)
    if lead:
        return [(sections.sub_heading_style(lead[0]) or "加粗", lead[0]), (None, lead[1])]
    style = sections.sub_heading_style(text)
    return [(style, text)] if style else [(None, text)]
