"""The data tables (cases, practices, figures, reviews), derived from the field declaration.

One writer for the site's 数据下载 (``data/*.csv``) and ``make release``'s data package
(:mod:`kb.data_release`): every column of a table, its Table Schema type and its Chinese
description come from :data:`kb.model.case.CASE_FIELDS` and :data:`kb.model.case.NESTED_FIELDS`
(a field added to the declaration becomes a column without an edit here), plus a few derived
columns (the case a row belongs to, its place in the case, Chinese labels, the page's address).

* ``cases``: one row per case; each top-level field, a mapping's sub-fields as
  ``region_province`` …, list fields of text joined with ``;``; the lists of records
  (practices, results, reviews) have their own tables.
* ``practices``, ``figures``, ``reviews``: one row per item, with the case's id and place.

CSV files are UTF-8 with a BOM (Excel opens the Chinese text correctly), CRLF line ends,
and no cell a spreadsheet would run as a formula (:func:`inert_cell`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kb.model.case import CASE_FIELDS, NESTED_FIELDS, Case, FieldSpec
from kb.model.trust import facts_fingerprint, review_state
from kb.model.vocab import Category, evidence_label

LIST_SEPARATOR = ";"
TYPES = {"string": "string", "number": "number", "date": "date", "list": "string", "mapping": "string"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str          # a Table Schema type: string, number, integer, date, boolean
    description: str   # Chinese; the codebook
    value: Callable[..., Any]  # (case, item, number) -> the cell

    def schema(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "description": self.description}


@dataclass(frozen=True)
class Table:
    name: str          # the file is <name>.csv
    title: str         # Chinese
    description: str
    columns: tuple[Column, ...]
    items: Callable[[Case], tuple]  # the rows a case gives (itself for the cases table)
    primary_key: tuple[str, ...]

    def rows(self, cases: list[Case], context: dict[str, Any]) -> list[tuple]:
        return [tuple(column.value(case, item, number, context) for column in self.columns)
                for case in cases for number, item in enumerate(self.items(case), start=1)]

    def csv(self, cases: list[Case], context: dict[str, Any]) -> bytes:
        return csv_bytes(tuple(c.name for c in self.columns), self.rows(cases, context))

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": [column.schema() for column in self.columns],
                                  "primaryKey": list(self.primary_key)}
        if self.name != "cases":
            schema["foreignKeys"] = [{"fields": "case_id", "reference": {"resource": "cases", "fields": "id"}}]
        return schema


def _cell(value: Any) -> Any:
    """A model value as a cell: lists joined with ``;``, None as empty."""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return "" if value is None else value


def _declared(spec: FieldSpec, record: Callable[[Case, Any], Any], name: str = "", lead: str = "") -> Column:
    """The column of a declared field; ``record`` picks the object holding it (the case, its region, the item)."""
    description = spec.description + ("（多项用英文分号 ; 分隔）" if spec.kind == "list" else "")
    kind = "integer" if spec.name == "year" else TYPES[spec.kind]
    return Column(name or spec.name, kind, lead + description,
                  lambda case, item, number, context: _cell(getattr(record(case, item), spec.name)))


def case_url(case: Case, anchor: str = "") -> str:
    return f"cases/{case.id}/" + (f"#{anchor}" if anchor else "")


def record_digest(case: Case) -> str:
    """SHA-256 of the case's whole record (every declared field and the body): equal in two
    releases exactly when the case did not change. Its address is left out: it is the site's, and
    differs in the offline bundle."""
    from kb.site.render.open_data import case_record
    record = {key: value for key, value in case_record(case).items() if key != "url"}
    text = json.dumps({**record, "body": case.body}, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _case_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for spec in CASE_FIELDS:
        if spec.name in NESTED_FIELDS and spec.kind == "mapping":
            label = spec.label
            columns += [_declared(sub, lambda case, item, name=spec.name: getattr(case, name), f"{spec.name}_{sub.name}",
                                  f"{label}：") for sub in NESTED_FIELDS[spec.name]]
        elif spec.name not in NESTED_FIELDS:
            columns.append(_declared(spec, lambda case, item: case))
    columns += [
        Column("review_state", "string", "审核状态：未审核、已初审、已核实、专家审核，或 修改后待复核（最后一次审核之后事实有改动）",
               lambda case, item, number, context: review_state(case).label),
        Column("facts_fingerprint", "string", "事实指纹：地区、做法、成效、来源的 SHA-256，与审核记录的 fingerprint 相同时审核仍然有效",
               lambda case, item, number, context: facts_fingerprint(case)),
        Column("record_sha256", "string", "记录指纹：整个案例（全部字段和正文）的 SHA-256，两个版本中不同即案例有修改",
               lambda case, item, number, context: record_digest(case)),
        Column("url", "string", "案例页相对于网站根目录的地址", lambda case, item, number, context: case_url(case)),
    ]
    return tuple(columns)


def _place_columns() -> list[Column]:
    """The case a row belongs to: its id and place, as every item table starts."""
    def region(name: str) -> Callable[..., Any]:
        return lambda case, item, number, context: getattr(case.region, name)
    return [Column("case_id", "string", "案例编号（cases.csv 的 id）", lambda case, item, number, context: case.id),
            Column("province", "string", "省级行政区", region("province")),
            Column("city", "string", "地级行政区", region("city")),
            Column("county", "string", "县级行政区", region("county"))]


def _item_columns(list_field: str, number_name: str, number_label: str) -> list[Column]:
    return [Column(number_name, "integer", f"{number_label}在案例中的序号（从 1 开始）",
                   lambda case, item, number, context: number),
            *(_declared(spec, lambda case, item: item) for spec in NESTED_FIELDS[list_field])]


def _practice_columns() -> tuple[Column, ...]:
    from kb.site.render.case_page import practice_anchor
    return (*_place_columns(),
            Column("case_title", "string", "案例标题", lambda case, item, number, context: case.title),
            *_item_columns("practices", "practice_no", "做法"),
            Column("category_label", "string", "主分类的中文名称",
                   lambda case, item, number, context: context["categories"][item.category].label),
            Column("url", "string", "做法在案例页中的位置（相对于网站根目录）",
                   lambda case, item, number, context: case_url(case, practice_anchor(number - 1))))


def _figure_columns() -> tuple[Column, ...]:
    return (*_place_columns(), *_item_columns("results", "figure_no", "数据"),
            Column("evidence_label", "string", "数据出处的中文名称（没有写 evidence 时为“未注明”）",
                   lambda case, item, number, context: evidence_label(item.evidence)),
            Column("url", "string", "案例页（相对于网站根目录）", lambda case, item, number, context: case_url(case)))


def _review_columns() -> tuple[Column, ...]:
    def current(case: Case, item: Any, number: int, context: dict) -> bool:
        return item.fingerprint == facts_fingerprint(case)
    return (*_place_columns(), *_item_columns("reviews", "review_no", "审核记录"),
            Column("matches_current", "boolean", "这次审核的事实指纹是否与案例现在的事实相同（false：审核之后事实有改动）",
                   current))


def tables() -> tuple[Table, ...]:
    """The four tables, built from the declaration as it is now."""
    return (
        Table("cases", "案例", "每个案例一行：案例文件开头的结构化信息（做法、成效数据、审核记录见各自的表）",
              _case_columns(), lambda case: (case,), ("id",)),
        Table("practices", "做法", "每项做法一行", _practice_columns(), lambda case: case.practices,
              ("case_id", "practice_no")),
        Table("figures", "成效数据", "每项成效数据一行，数字与来源原文一致", _figure_columns(),
              lambda case: case.results, ("case_id", "figure_no")),
        Table("reviews", "审核记录", "每次审核一行：谁在哪天核对了什么，以及当时案例事实的指纹", _review_columns(),
              lambda case: case.reviews, ("case_id", "review_no")),
    )


def table_files(cases: list[Case], categories: dict[str, Category]) -> dict[str, bytes]:
    """``<name>.csv`` of every table, cases in id order."""
    ordered = sorted(cases, key=lambda c: c.id)
    context = {"categories": categories}
    return {f"{table.name}.csv": table.csv(ordered, context) for table in tables()}


def csv_bytes(columns: tuple[str, ...], rows: list[tuple]) -> bytes:
    """UTF-8 with BOM and CRLF line ends, as Excel expects; no cell is a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(tuple(inert_cell(_bool(cell)) for cell in row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _bool(cell: object) -> object:
    return ("true" if cell else "false") if isinstance(cell, bool) else cell


def inert_cell(cell: object) -> object:
    """Text that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM``,
    ``+``, ``-``, tab, CR) gets a leading apostrophe, the spreadsheet's own mark
    for "this is text" (OWASP's advice against CSV injection). Numbers stay numbers."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell
