"""Field values of the wrong shape, with a message for each usual mistake.

``value: 九十二`` and ``value: 92个`` are both "not a number", but the fix
differs (write digits; move the unit), so each has its own code and hint.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from kb.check.load import CaseFile
from kb.model.case import NESTED_FIELDS, FieldSpec
from kb.check.problems import Problem, field_name as _dotted, short_value as _short
from kb.check.rules import say

NUMBER_WITH_UNIT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(\D.*?)\s*$")
DIGITS_ONLY_RE = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")
CHINESE_NUMERAL_RE = re.compile(r"^[零〇一二三四五六七八九十百千万亿两点多余几]+$")
# Lists whose items are plain text (or vocabulary keys)
TEXT_LISTS = ("background", "lessons", "tags")


def value_type_problem(case_file: CaseFile, spec: FieldSpec, value: Any, name: str, line: int,
                       generic: Problem) -> Problem:
    """The most specific problem for ``value`` not being of ``spec.kind``; else ``generic``."""
    path = case_file.display_path
    if spec.kind == "number" and isinstance(value, str):
        text = value.strip()
        if DIGITS_ONLY_RE.match(text):
            return Problem(path, line, name, "wrong-type", *say("wrong-type.number-as-text", text=text))
        unit = NUMBER_WITH_UNIT_RE.match(text)
        if unit:
            unit_hint = say("number-with-unit.value", unit=unit.group(2))[0] if spec.name == "value" \
                else say("number-with-unit.other")[0]
            return Problem(path, line, name, "number-with-unit",
                           *say("number-with-unit", text=text, number=unit.group(1), unit_hint=unit_hint))
        if CHINESE_NUMERAL_RE.match(text):
            as_stated_hint = say("number-in-chinese.value")[0] if spec.name == "value" else ""
            return Problem(path, line, name, "number-in-chinese", *say("number-in-chinese", text=text,
                                                                          as_stated_hint=as_stated_hint))
    if spec.kind == "list" and isinstance(value, str):
        return Problem(path, line, name, "list-as-text", f"{spec.name} 应为列表，现在写成了一段文字",
                       f"每项单独一行，以“- ”开头，并缩进对齐；可参考 cases/ 中已有案例的 {spec.name}")
    return generic


def check_text_items(case_file: CaseFile) -> Iterator[Problem]:
    """Items of background, lessons, tags and practices[].also are single lines of text."""
    meta = case_file.meta
    for key in TEXT_LISTS:
        yield from _check_items(case_file, meta.get(key), (key,))
    practices = meta.get("practices")
    for index, practice in enumerate(practices if isinstance(practices, list) else []):
        if isinstance(practice, dict):
            yield from _check_items(case_file, practice.get("also"), ("practices", index, "also"))


def _check_items(case_file: CaseFile, items: Any, key_path: tuple[Any, ...]) -> Iterator[Problem]:
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, str) or (isinstance(item, (int, float)) and not isinstance(item, bool)
                                     and key_path[-1] in ("background", "lessons")):
            continue
        name = _dotted(key_path + (index,))
        yield Problem(case_file.display_path, case_file.line_of(*key_path, index), name, "wrong-type",
                      f"这一项应为一句文字，现在是“{_short(item)}”",
                      "每项写成“- 文字”；文字中有冒号时，用引号把整句包起来")


def check_unknown_subfields(case_file: CaseFile) -> Iterator[Problem]:
    """Sub-fields of region, source, practices[] and results[] must be known (catches typos)."""
    meta = case_file.meta
    for key, specs in NESTED_FIELDS.items():
        value = meta.get(key)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, dict):
                prefix = (key,) if index is None else (key, index)
                yield from _unknown_keys(case_file, item, specs, prefix)


def _unknown_keys(case_file: CaseFile, data: dict, specs: tuple[FieldSpec, ...],
                  prefix: tuple[Any, ...]) -> Iterator[Problem]:
    names = [spec.name for spec in specs]
    for key in data:
        if key in names:
            continue
        close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.5)
        hint = f"是不是“{close[0]}”？" if close else "可用的子字段：" + "、".join(names)
        yield Problem(case_file.display_path, case_file.line_of(*prefix, key), _dotted(prefix + (key,)),
                      "unknown-field", f"{_dotted(prefix)} 下没有“{key}”这个子字段", hint)
