"""Arrange one case's paragraphs under the four fixed sections.

Walks the paragraphs once: text before the first section heading is the
introduction; a section heading opens the next section (sections only move
forward, so a repeated ``一、`` inside a section is a sub-heading); inside a
section, the first sub-heading style met becomes ``###`` and any other style
a bold line. In 主要做法, practices written inline (``一是……；二是……``,
``【】`` leads; :mod:`kb.importer.runin`) are cut into heading and text too;
enumerations in the other sections stay as written.

A news report often has no section headings at all: an opening, paragraphs of
practices (run-in or with bold leads), then what came of them. Then the
paragraphs from the first practice to the last are 主要做法, and what follows
is 成效 when it reports results (:func:`implicit_sections`).

Government reports often give each practice no marker at all: consecutive paragraphs
open with a short lead sentence of parallel shape (``筑牢指挥部，全面夯实治理根基。坚持…``,
bold in the original and plain in a copy). In 主要做法 each such lead is the practice's
heading and the rest of the paragraph its text (:func:`parallel_leads`); in 成效 and
启示, and after a paragraph that opens them, they stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re

from kb.importer import runin, sections
from kb.importer.readers import Paragraph
from kb.model.case import SECTION_HEADINGS

HEADING = "heading"  # ### level
MINOR = "minor"  # bold line, one level below
TEXT = "text"
BOLD_LEAD = "加粗"
PARALLEL_LEAD = "段首句"
# A short lead sentence a practice paragraph opens with, in the two shapes government reports
# use: verb-object phrase, comma, verb-object phrase (建强议事阵地，让群众有地方说事。) and a
# quoted name with a verb-object phrase (“寨管家”选得准。). No figures, no time phrase
# (今年以来，…), and the shape must repeat in the next or previous paragraph.
NOT_A_LEAD = r"(?!近年|今年|去年|目前|截至|截止|通过|据|为|在|随着|自)"
LEAD_SHAPES = (
    ("短句，短句。", re.compile(rf"^{NOT_A_LEAD}[^，,。；;：:“”\d%％]{{2,12}}[，,][^，,。；;：:“”\d%％]{{2,16}}。")),
    ("“……”短句。", re.compile(r"^“[^”\d]{1,10}”[^，,。；;：:“”\d%％]{1,8}。")),
)
# A paragraph that opens the lessons or the results: parallel leads after it are not practices
CLOSING = re.compile(r"启示|体会|^\s*(?:主要|取得的?)?成效")
IMPLICIT_HEADING = "（原文没有章节标题，由导入工具划分）"
RESULT_WORDS = re.compile(r"成效|截至|目前|累计|以来|先后|达到|提升|提高|下降|增长|满意|\d")
# How a paragraph that reports results opens (通过以上举措，…; 截至目前，…; 据统计，…)
RESULT_OPENING = re.compile(r"^\s*(通过|截至|截止|目前|据统计|据不完全统计|经过|总体看|从效果看|[^，。]{0,12}以来)")


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
    run_in: bool = False  # some headings were cut from run-in items (一是……；二是……)

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
    paragraphs = [p for p in paragraphs if p.text.strip()]
    implicit = {} if any(_section_heading(p) for p in paragraphs) else implicit_sections(paragraphs)
    leads = parallel_leads(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        if index in implicit:
            current = Section(implicit[index], IMPLICIT_HEADING)
            outline.sections[current.name] = current
        name = _section_heading(paragraph)
        if name and _is_later(name, current):
            current = Section(name, text)
            outline.sections[name] = current
            continue
        target = current.blocks if current else outline.intro
        pieces = _lead_pieces(text, leads[index]) if leads[index] and _in_practices(current) else \
            _pieces(paragraph, text, current)
        for style, piece in pieces:
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


def _section_heading(paragraph: Paragraph) -> str | None:
    return sections.section_name(paragraph.text) if not paragraph.bold_lead else None


def _pieces(paragraph: Paragraph, text: str, section: Section | None) -> list[tuple[str | None, str]]:
    """The paragraph as (sub-heading style or None, text) pieces."""
    if paragraph.heading_level:
        return [(f"标题{paragraph.heading_level}", text)]
    if _is_bold_heading(paragraph):
        return [(sections.sub_heading_style(text) or BOLD_LEAD, text)]
    if _has_bold_lead(paragraph, text):
        rest = text[len(paragraph.bold_lead):].strip()
        return [(sections.sub_heading_style(paragraph.bold_lead) or BOLD_LEAD, paragraph.bold_lead), (None, rest)]
    items = _run_in(text, section)
    if items and len(items[1]) >= 2:
        return _item_pieces(section, *items)
    if items is None and _enumerates(text):
        return [(None, text)]  # 一是……二是…… outside 主要做法: the enumeration stays as written
    lead = sections.split_lead(text)
    if lead:
        return [(sections.sub_heading_style(lead[0]) or BOLD_LEAD, lead[0]), (None, lead[1])]
    style = sections.sub_heading_style(text)
    if style:
        return [(style, text)]
    return _item_pieces(section, *items) if items else [(None, text)]


def parallel_leads(paragraphs: list[Paragraph]) -> list[str]:
    """Each paragraph's parallel lead sentence (see :data:`LEAD_SHAPES`), or "": only where two
    paragraphs or more in a row open with a lead of one shape, and not after a paragraph that
    opens the lessons or the results."""
    shapes = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        shape = next((name for name, pattern in LEAD_SHAPES if pattern.match(text)), "")
        shapes.append(shape if shape and not paragraph.bold_lead and not paragraph.bold
                      and not paragraph.heading_level else "")
    first = next((i for i, shape in enumerate(shapes) if shape), len(paragraphs))
    closing = next((i for i in range(first, len(paragraphs)) if CLOSING.search(paragraphs[i].text)), len(paragraphs))
    leads = []
    for index, (paragraph, shape) in enumerate(zip(paragraphs, shapes)):
        repeated = shape and shape in shapes[max(index - 1, 0):index] + shapes[index + 1:index + 2]
        text = paragraph.text.strip()
        lead = text[: text.index("。") + 1] if repeated and index < closing else ""
        leads.append(lead if lead and len(lead) < len(text) else "")
    return leads


def _in_practices(section: Section | None) -> bool:
    return section is not None and section.name == "主要做法"


def _lead_pieces(text: str, lead: str) -> list[tuple[str | None, str]]:
    return [(PARALLEL_LEAD, lead), (None, text[len(lead):].strip())]


def _has_bold_lead(paragraph: Paragraph, text: str) -> bool:
    return bool(paragraph.bold_lead) and text.startswith(paragraph.bold_lead) and len(paragraph.bold_lead) < len(text)


def _run_in(text: str, section: Section | None) -> tuple[str, list[runin.Item]] | None:
    """Run-in practices, only in 主要做法 and only at the section's heading level."""
    if section is None or section.name != "主要做法":
        return None
    family = section.styles[0] if section.styles else None
    if family is not None and family not in dict(runin.FAMILIES):
        return None
    return runin.split_items(text, family)


def _item_pieces(section: Section, before: str, items: list[runin.Item]) -> list[tuple[str | None, str]]:
    section.run_in = True  # the review list asks for shorter practice names
    pieces: list[tuple[str | None, str]] = [(None, before.strip())] if before.strip() else []
    for item in items:
        pieces.append((item.style, item.heading))
        if item.text:
            pieces.append((None, item.text))
    return pieces


def implicit_sections(paragraphs: list[Paragraph]) -> dict[int, str]:
    """For a text without section headings: {paragraph index: section it opens}.

    Practices are paragraphs that enumerate (two run-in items or more), are or
    open with bold words, or open with a marker or a numbered heading line of a
    style that opens at least two paragraphs (``一、强化组织引领`` in an experience
    paper). 主要做法 runs from the first of them; 成效 starts at the paragraph after
    the last that reports results (after a heading line's own text, at the first
    paragraph that opens like ``通过以上举措，`` or ``截至目前，``).
    """
    openers = [runin.family_of(p.text) for p in paragraphs]
    leads = parallel_leads(paragraphs)
    headings = [sections.sub_heading_style(p.text) for p in paragraphs]
    repeated = {family for family in openers + headings if family and (openers + headings).count(family) >= 2}
    practice = [index for index, p in enumerate(paragraphs)
                if _has_bold_lead(p, p.text.strip()) or _is_bold_heading(p) or openers[index] in repeated
                or headings[index] in repeated or leads[index] or _enumerates(p.text.strip())]
    if not practice or (len(practice) < 2 and not _enumerates(paragraphs[practice[0]].text.strip())):
        return {}
    found = {practice[0]: "主要做法"}
    last = practice[-1]
    if headings[last] or _is_bold_heading(paragraphs[last]):  # a heading line: its text follows it
        after = next((i for i in range(last + 2, len(paragraphs)) if RESULT_OPENING.match(paragraphs[i].text)), None)
    else:
        after = last + 1 if last + 1 < len(paragraphs) and RESULT_WORDS.search(paragraphs[last + 1].text) else None
    if after is not None and after < len(paragraphs):
        found[after] = "成效"
    return found


def _is_bold_heading(paragraph: Paragraph) -> bool:
    return paragraph.bold and len(paragraph.text.strip()) <= sections.MAX_SUB_HEADING


def _enumerates(text: str) -> bool:
    items = runin.split_items(text)
    return bool(items) and len(items[1]) >= 2
