"""Recognise the section headings and sub-headings real case documents use.

Top-level headings map to the four fixed body sections (see
:data:`kb.model.case.SECTION_HEADINGS`): ``一、背景`` / ``一、基本情况`` /
``一、起初动因`` -> 背景, ``二、主要措施及做法`` -> 主要做法, ``三、取得的成效``
-> 成效, ``四、经验启示`` -> 启示. A heading counts only when its words are a
short section name, so ``一、服务群众缺“配套”。`` stays a sub-heading.

Sub-headings come in several styles (``一、``, ``（一）``, ``1.``, ``（1）``,
``一是…``, bold or Word heading styles); within a section the first style met
is the sub-heading level and any other style is one level below.
"""

from __future__ import annotations

import re

from kb.model.case import SECTION_HEADINGS

CN_DIGITS = "一二三四五六七八九十"
TOP_NUMBER = (rf"(?:[{CN_DIGITS}]+\s*[、.．]|[（(][{CN_DIGITS}]+[）)]|\d{{1,2}}\s*[、.．](?!\d)|"
              rf"第[{CN_DIGITS}]+(?:部分|章|节)[:：、]?)")
TOP_HEADING = re.compile(rf"^{TOP_NUMBER}?\s*(?P<name>[^。；;，,]{{1,14}}?)\s*[:：。]?$")
MAX_SECTION_NAME = 10

# Checked in this order, so "主要做法和成效" is 主要做法 and "经验启示" is 启示.
SECTION_WORDS = (
    ("启示", ("启示", "体会", "思考", "经验")),
    ("主要做法", ("做法", "措施", "举措", "路径")),
    ("成效", ("成效", "效果", "成果", "成绩", "效益")),
    ("背景", ("背景", "基本情况", "情况", "起因", "动因", "缘起", "缘由", "由来")),
)
assert {name for name, _ in SECTION_WORDS} == set(SECTION_HEADINGS)

SUB_STYLES = (
    ("（一）", re.compile(rf"^[（(][{CN_DIGITS}]+[）)]")),
    ("一、", re.compile(rf"^[{CN_DIGITS}]+\s*[、.．]")),
    ("（1）", re.compile(r"^[（(]\d{1,2}[）)]")),
    ("1.", re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    ("一是", re.compile(rf"^[{CN_DIGITS}]+是")),
)
SUB_NUMBER = re.compile(rf"^(?:[（(][{CN_DIGITS}\d]+[）)]|[{CN_DIGITS}]+\s*[、.．]|\d{{1,2}}\s*[、.．](?!\d)|"
                        rf"[{CN_DIGITS}]+是|第[{CN_DIGITS}]+[，,、：:]|(?:首先|其次|再次|然后|再者|最后)[，,、：:]|"
                        r"[①-⑳])\s*")
BRACKET_LEAD = re.compile(r"^【([^【】]+)】")
MAX_SUB_HEADING = 45  # characters; a longer line is a paragraph even when numbered


def section_name(text: str) -> str | None:
    """The fixed section this heading line opens, or None."""
    match = TOP_HEADING.match(text.strip())
    if not match:
        return None
    name = match.group("name").strip()
    numbered = re.match(TOP_NUMBER, text.strip()) is not None
    if len(name) > MAX_SECTION_NAME or (not numbered and (text.strip().endswith("。") or len(name) > 6)):
        return None
    for section, words in SECTION_WORDS:
        if any(word in name for word in words):
            return section
    return None


def sub_heading_style(text: str) -> str | None:
    """The numbering style of a sub-heading line, or None for body text."""
    text = text.strip()
    if len(text) > MAX_SUB_HEADING or not text:
        return None
    for style, pattern in SUB_STYLES:
        if pattern.match(text):
            return style
    return None


def split_lead(text: str) -> tuple[str, str] | None:
    """A numbered paragraph whose first sentence is a heading: ``（一）结合产业发展，选准帮扶对象。翁源县…``."""
    text = text.strip()
    if not any(pattern.match(text) for _, pattern in SUB_STYLES):
        return None
    end = re.search(r"[。！？]", text)
    if not end or end.end() >= len(text) or end.end() > MAX_SUB_HEADING:
        return None
    return text[: end.end()], text[end.end():].strip()


def is_structural(text: str) -> bool:
    """Headings of any kind: a hard line break is never joined across them."""
    return section_name(text) is not None or sub_heading_style(text) is not None


def heading_name(text: str) -> str:
    """A sub-heading without its numbering and closing punctuation, as a practice name."""
    bracketed = BRACKET_LEAD.match(text.strip())
    name = bracketed.group(1) if bracketed else SUB_NUMBER.sub("", text.strip())
    return name.rstrip("。；;：:，,、 ").strip()
