"""The generated parts of the 贡献指南 page: field tables, evidence labels and the list of checks.

Both come from their single sources (:mod:`kb.model.case`, :mod:`kb.check.rules`), so the
guide cannot drift from what the validator enforces.
"""

from __future__ import annotations

from kb.model.case import CASE_FIELDS, NESTED_FIELDS, FieldSpec
from kb.site.render.safe_text import inline
from kb.check.rules import RULES, WARNINGS
from kb.model.vocab import evidence_kinds

KIND_NAMES = {"string": "文字", "number": "数字", "list": "列表", "mapping": "子字段", "date": "日期"}


def render_field_table(specs: tuple[FieldSpec, ...]) -> str:
    rows = ["| 字段 | 必填 | 类型 | 含义 | 例子 |", "| --- | --- | --- | --- | --- |"]
    for spec in specs:
        example = f"`{spec.example}`" if spec.example else ""
        rows.append(f"| `{spec.name}` | {'必填' if spec.required else '可选'} | {KIND_NAMES[spec.kind]} "
                    f"| {inline(spec.description)} | {example} |")
    return "\n".join(rows)


def render_field_tables() -> str:
    parts = ["**案例信息的字段**", "", render_field_table(CASE_FIELDS)]
    for spec in CASE_FIELDS:
        if spec.name in NESTED_FIELDS:
            whose = "的子字段" if spec.kind == "mapping" else "每一项的子字段"
            parts += ["", f"**{spec.name}（{spec.label}）{whose}**", "", render_field_table(NESTED_FIELDS[spec.name])]
    return "\n".join(parts)


def render_evidence_table() -> str:
    """The evidence labels a figure may carry (``vocab/evidence.yml``), for the 贡献指南 page."""
    rows = ["| 写法 | 名称 | 什么时候用 |", "| --- | --- | --- |"]
    rows += [f"| `{key}` | {inline(kind.label)} | {inline(kind.definition)} |" for key, kind in evidence_kinds().items()]
    return "\n".join(rows)


def render_rules() -> str:
    rows = ["| 问题代码 | 检查什么 |", "| --- | --- |"]
    rows += [f"| `{code}` | {inline(title)} |" for code, title in RULES.items()]
    rows += [f"| `{code}` | 提醒，不影响检查通过：{inline(title)} |" for code, title in WARNINGS.items()]
    return "\n".join(rows)
