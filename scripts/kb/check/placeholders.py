"""Text left over from the ``make new`` template.

The template marks every value and section the contributor must write with
:data:`PLACEHOLDER`; a case that still contains it is not finished.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kb.check.load import CaseFile
from kb.check.problems import Problem, field_name
from kb.check.rules import say
from kb.model.case import NESTED_FIELDS, FieldSpec

PLACEHOLDER = "【待填写】"


def placeholder_lines(spec: FieldSpec) -> list[str]:
    """A declared field nobody has written yet, as frontmatter lines: its help as a comment and
    :data:`PLACEHOLDER` where the value goes (nested: in each required sub-field), which the
    validator reports until the contributor writes the value, or deletes an optional field.
    ``make new`` adds these for a field its template does not mention; the importer's draft for
    a required field it knows nothing about."""
    need = "【必填】" if spec.required else "【可选，不需要就删掉】"
    lines = [f"# {need}{' '.join(spec.description.split())}"]
    subfields = [sub.name for sub in NESTED_FIELDS.get(spec.name, ()) if sub.required]
    if spec.kind == "mapping" and subfields:
        return lines + [f"{spec.name}:"] + [f"  {name}: {PLACEHOLDER}" for name in subfields]
    if spec.kind == "list" and subfields:
        return lines + [f"{spec.name}:"] + [f"  {'- ' if number == 0 else '  '}{name}: {PLACEHOLDER}"
                                            for number, name in enumerate(subfields)]
    if spec.kind == "list":
        return lines + [f"{spec.name}:", f"  - {PLACEHOLDER}"]
    return lines + [f"{spec.name}: {PLACEHOLDER}"]


def check_placeholders(case_file: CaseFile) -> Iterator[Problem]:
    for key_path, text in _strings(case_file.meta, ()):
        if PLACEHOLDER in text:
            yield Problem(case_file.display_path, case_file.line_of(*key_path), field_name(key_path),
                          "unfilled-placeholder", *say("unfilled-placeholder", placeholder=PLACEHOLDER))
    for offset, line in enumerate(case_file.body.split("\n")):
        if PLACEHOLDER in line:
            yield Problem(case_file.display_path, case_file.body_line + offset, "正文", "unfilled-placeholder",
                          *say("unfilled-placeholder.body", placeholder=PLACEHOLDER))


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
