"""Practices written inline, the way news reports write them.

Reports rarely give each practice a heading line of its own. They enumerate
inside a paragraph (``一是……；二是……；三是……``, ``首先……其次……最后……``,
``（一）……（二）……``, ``①……②……``) or open paragraphs with a lead
(``一是建立联户机制，由……``, ``【红色代办】……``). :func:`split_items` cuts such a
paragraph into items; each item's lead clause is its heading (the practice name)
and the rest its text. Nothing is dropped or added: the pieces joined are the
paragraph. Which sections this applies to is :mod:`kb.importer.outline`'s
decision (only 主要做法: enumerations in 成效 and 启示 stay as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "再者": 3, "最后": 99}
# Family name (the same names as kb.importer.sections.SUB_STYLES where they overlap) -> marker
FAMILIES: tuple[tuple[str, re.Pattern], ...] = (
    ("一是", re.compile(rf"(?P<n>[{CN}]{{1,3}})是")),
    ("第一", re.compile(rf"第(?P<n>[{CN}]{{1,3}})(?=[，,、：:])")),
    ("首先", re.compile("(?P<n>" + "|".join(SEQUENCE_WORDS) + r")(?=[，,、：:])")),
    ("（一）", re.compile(rf"[（(](?P<n>[{CN}]{{1,3}})[）)]")),
    ("（1）", re.compile(r"[（(](?P<n>\d{1,2})[）)]")),
    ("①", re.compile(rf"(?P<n>[{CIRCLED}])")),
    ("【】", re.compile(r"【(?P<n>[^【】\n]{2,24})】")),
)
# A marker starts an item only at the start of the text or after one of these
ITEM_START = "。；;！？!?：:，, \u3000"
LEAD_SENTENCE_END = "。！？!?"
LEAD_CLAUSE_END = "，,：:；;"
MAX_SENTENCE_LEAD = 45  # a first sentence this short, with at most one comma, is a heading
MAX_LEAD = 60


@dataclass(frozen=True)
class Item:
    style: str  # the family name
    heading: str  # marker and lead clause as written, with the punctuation after it
    text: str  # the rest of the item


def split_items(text: str, family: str | None = None) -> tuple[str, list[Item]] | None:
    """The text before the first item, and the items; None when ``text`` holds no enumeration.

    An enumeration is two or more markers of one family in order (一是, 二是…), or a
    single marker opening the text; ``family`` restricts the search to one family
    (the one a section already uses). ``首先``/``最后`` alone, and ``最后`` without an
    earlier ``首先`` in the same section, are ordinary words.
    """
    best: tuple[str, list[re.Match]] | None = None
    for name, pattern in FAMILIES:
        if family is not None and name != family:
            continue
        markers = _in_order(name, [m for m in pattern.finditer(text) if _starts_item(text, m.start())])
        if len(markers) >= 2 or (markers and markers[0].start() == 0 and _may_stand_alone(name, markers[0],
                                                                                        family)):
            if best is None or markers[0].start() < best[1][0].start():
                best = (name, markers)
    if best is None:
        return None
    name, markers = best
    ends = [m.start() for m in markers[1:]] + [len(text)]
    items = [_item(name, text[m.start():end], m) for m, end in zip(markers, ends)]
    if any(item is None for item in items):
        return None
    return text[: markers[0].start()], items


def family_of(text: str) -> str | None:
    """The family of the marker ``text`` opens with, or None."""
    for name, pattern in FAMILIES:
        match = pattern.match(text.strip())
        if match and _in_order(name, [match]):
            return name
    return None


def _starts_item(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in ITEM_START


def _in_order(family: str, markers: list[re.Match]) -> list[re.Match]:
    """The markers that number consecutive items: the first is 1, or any number when it opens
    the text (a paragraph that continues an enumeration); 【】 leads have no numbers."""
    if family == "【】":
        return markers
    kept: list[re.Match] = []
    for match in markers:
        number = _number(family, match.group("n"))
        if not kept:
            if number == 1 or match.start() == 0:
                kept.append(match)
            continue
        previous = _number(family, kept[-1].group("n"))
        if number == previous + 1 or (family == "首先" and number > previous):
            kept.append(match)
    return kept


def _may_stand_alone(family: str, marker: re.Match, section_family: str | None) -> bool:
    if family == "首先":
        return section_family == "首先" or marker.group("n") != "最后"
    return True


def _number(family: str, text: str) -> int:
    if family == "首先":
        return SEQUENCE_WORDS[text]
    if family == "①":
        return CIRCLED.index(text) + 1
    if family == "（1）":
        return int(text)
    return _chinese(text)


def _chinese(text: str) -> int:
    digits = {c: i + 1 for i, c in enumerate(CN[:9])}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 0) * 10 + digits.get(ones, 0)
    return digits.get(text, 0)


def _item(family: str, item: str, marker: re.Match) -> Item | None:
    if family == "【】":
        heading = marker.group(0)
        rest = item[len(heading):]
        return Item(family, heading, rest.strip())
    head_length = lead_length(item, len(marker.group(0)))
    if head_length is None:
        return None
    return Item(family, item[:head_length].strip(), item[head_length:].strip())


def lead_length(text: str, marker_length: int) -> int | None:
    """Where the lead clause after a marker ends (its punctuation included), or None.

    A short first sentence with at most one comma, when more text follows it, is the
    lead (``（一）结合产业发展，选准帮扶对象。翁源县…``); otherwise the first clause
    (``一是建立联户机制，由村党支部…``).
    """
    body = text[marker_length:]
    skipped = len(body) - len(body.lstrip("，,、：: \u3000"))
    start = marker_length + skipped
    sentence = _first(text, start, LEAD_SENTENCE_END)
    clause = _first(text, start, LEAD_CLAUSE_END)
    if sentence is not None and sentence - start <= MAX_SENTENCE_LEAD and text[sentence + 1:].strip() \
            and sum(text[start:sentence].count(c) for c in "，,") <= 1:
        end = sentence
    elif clause is not None and (sentence is None or clause < sentence):
        end = clause
    elif sentence is not None:
        end = sentence
    else:
        return None
    if end - start < 2 or end - start > MAX_LEAD:
        return None
    return end + 1


def _first(text: str, start: int, characters: str) -> int | None:
    positions = [text.find(c, start) for c in characters]
    found = [p for p in positions if p >= 0]
    return min(found) if found else None
