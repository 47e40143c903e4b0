"""Open data: ``data/cases.json``, ``data/practices.csv``, ``data/figures.csv``
and the 数据下载 page that documents them.

``cases.json`` is one array with every case's frontmatter (all fields, empty
optional ones included, dates as ISO text) plus ``url``, the case page's path
relative to the site root. The CSV files are UTF-8 with a BOM so that Excel
opens the Chinese text correctly.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from kb.site.crossindex import CrossIndex
from kb.model.case import CASE_FIELDS, Case
from kb.site.incremental import per_case
from kb.site.render.case_page import practice_anchor
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import plain
from kb.model.vocab import Category, evidence_label

PRACTICE_COLUMNS = ("case_id", "province", "city", "county", "case_title", "practice_no", "practice_name",
                    "category", "category_label", "also", "summary", "url")
FIGURE_COLUMNS = ("case_id", "province", "city", "county", "indicator", "value", "unit", "as_stated", "note",
                  "evidence", "evidence_label", "url")


def case_url(case: Case, anchor: str = "") -> str:
    return f"cases/{case.id}/" + (f"#{anchor}" if anchor else "")


def case_record(case: Case) -> dict[str, Any]:
    """The case's frontmatter as data: every declared field (:data:`kb.model.case.CASE_FIELDS`), in
    its order, plus its URL and, on each result, ``evidence_label`` (the Chinese name of its ``evidence``).

    Derived from the declaration, so a field added to the model appears here without an edit.
    """
    values = dataclasses.asdict(case)
    record = {spec.name: values[spec.name] for spec in CASE_FIELDS}
    for result in record["results"]:
        result["evidence_label"] = evidence_label(result["evidence"])
    return {**record, **case.extra, "url": case_url(case)}


def render_cases_json(index: CrossIndex) -> bytes:
    """One case per line: readable, diffable, and written by the fast C encoder (no ``indent``)."""
    records = [case_json(case) for case in sorted(index.cases, key=lambda c: c.id)]
    return ("[\n" + ",\n".join(records) + "\n]\n").encode("utf-8")


@per_case
def case_json(case: Case) -> str:
    """One case's line of ``cases.json`` (remembered under ``make serve``)."""
    return json.dumps(case_record(case), ensure_ascii=False, default=str)


def csv_bytes(columns: tuple[str, ...], rows: list[tuple]) -> bytes:
    """UTF-8 with BOM and CRLF line ends, as Excel expects; no cell is a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(tuple(inert_cell(cell) for cell in row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def inert_cell(cell: object) -> object:
    """Text that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM``,
    ``+``, ``-``, tab, CR) gets a leading apostrophe, the spreadsheet's own mark
    for "this is text" (OWASP's advice against CSV injection). Numbers stay numbers."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def render_practices_csv(index: CrossIndex, categories: dict[str, Category]) -> bytes:
    rows = [(case.id, case.region.province, case.region.city, case.region.county, plain(case.title), number + 1,
             plain(p.name), p.category, categories[p.category].label, ";".join(p.also), plain(p.summary),
             case_url(case, practice_anchor(number)))
            for case in index.cases for number, p in enumerate(case.practices)]
    return csv_bytes(PRACTICE_COLUMNS, rows)


def render_figures_csv(index: CrossIndex) -> bytes:
    rows = [(case.id, case.region.province, case.region.city, case.region.county, plain(r.indicator), r.value,
             plain(r.unit), plain(r.as_stated), plain(r.note), r.evidence, evidence_label(r.evidence), case_url(case))
            for case in index.cases for r in case.results]
    return csv_bytes(FIGURE_COLUMNS, rows)


def render_open_data(index: CrossIndex, categories: dict[str, Category]) -> dict[str, bytes]:
    return {
        "data/index.md": render_data_page(index).encode("utf-8"),
        "data/cases.json": render_cases_json(index),
        "data/practices.csv": render_practices_csv(index, categories),
        "data/figures.csv": render_figures_csv(index),
    }


def render_data_page(index: CrossIndex) -> str:
    practices = sum(len(c.practices) for c in index.cases)
    figures = sum(len(c.results) for c in index.cases)
    return "\n".join([front_matter(title="数据下载"), "",
        "# 数据下载", "",
        "案例库的结构化数据可以直接下载，供研究、统计和培训使用。数据与网站同时从案例文件生成，内容一致；"
        "引用时请注明案例的来源（每个案例的 source 字段）。", "",
        "| 文件 | 内容 | 格式 |", "| --- | --- | --- |",
        f"| [cases.json](cases.json) | 全部 {len(index.cases)} 个案例的结构化信息，一个数组 | JSON，UTF-8 |",
        f"| [practices.csv](practices.csv) | 全部 {practices} 项做法，一行一项 | CSV，UTF-8（带 BOM，Excel 可直接打开） |",
        f"| [figures.csv](figures.csv) | 全部 {figures} 项成效数据，一行一项 | CSV，UTF-8（带 BOM，Excel 可直接打开） |",
        "",
        "## cases.json", "",
        "每个案例一个对象，字段与案例文件开头的结构化信息相同（字段说明见[使用说明](../guide.md)），"
        "没有填写的可选字段为空字符串、空数组或 null；另加 `url`：案例页相对于网站根目录的路径；"
        "`results` 的每一项另加 `evidence_label`：数据出处的中文名称（没有写 `evidence` 时为“未注明”）。", "",
        "## practices.csv", "",
        "| 列 | 含义 |", "| --- | --- |",
        "| case_id | 案例编号 |", "| province、city、county | 省、市、县 |", "| case_title | 案例标题 |",
        "| practice_no | 做法在案例中的序号（从 1 开始） |", "| practice_name | 做法名称 |",
        "| category、category_label | 主分类的键和名称 |", "| also | 附加分类的键，用英文分号分隔 |",
        "| summary | 一句话概括 |", "| url | 做法在案例页中的位置（相对于网站根目录） |", "",
        "## figures.csv", "",
        "| 列 | 含义 |", "| --- | --- |",
        "| case_id | 案例编号 |", "| province、city、county | 省、市、县 |", "| indicator | 指标 |",
        "| value | 数值（只有数字） |", "| unit | 单位 |", "| as_stated | 原文写法（原文带“多”“余”等字样时照录） |",
        "| note | 说明：统计口径、时间等 |",
        "| evidence、evidence_label | 数据出处的键和名称（如 self-report、县（单位）自述；没有写明时键为空、名称为“未注明”），"
        "含义见[成效数据](../figures/index.md#evidence)页 |",
        "| url | 案例页（相对于网站根目录） |", ""])
