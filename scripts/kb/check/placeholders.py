"""Text left over from the ``make new`` template.

The template marks every value and section the contributor must write with
:data:`PLACEHOLDER`; a case that still contains it is not finished.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kb.check.load import CaseFile
from kb.check.problems import Problem, field_name

PLACEHOLDER = "【待填写】"


def check_placeholders(case_file: CaseFile) -> Iterator[Problem]:
    for key_path, text in _strings(case_file.meta, ()):
        if PLACEHOLDER in text:
            yield Problem(case_file.display_path, case_file.line_of(*key_path), field_name(key_path),
                          "unfilled-placeholder", f"这里还是模板中的“{PLACEHOLDER}”",
                          "换成案例的实际内容；可选字段不需要时，整行删掉")
    for offset, line in enumerate(case_file.body.split("\n")):
        if PLACEHOLDER in line:
            yield Problem(case_file.display_path, case_file.body_line + offset, "正文", "unfilled-placeholder",
                          f"正文这一行还是模板中的“{PLACEHOLDER}”", "把来源原文的相应部分粘贴在这里，替换这一行")


def _strings(value: Any, key_path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value in the frontmatter with its key path."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key_path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, key_path + (index,))
