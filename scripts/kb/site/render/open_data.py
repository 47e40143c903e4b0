"""Open data: ``data/cases.json``, the tables ``data/{cases,practices,figures,reviews}.csv`` with their
``data/datapackage.json`` (:mod:`kb.site.render.data_tables`, the writer ``make release`` uses too),
the newest release of the ledger (``data/releases/<version>/``, while the case files match it), and the 数据下载 page that documents them, its
column tables taken from the same schema.

``cases.json`` is one array with every case's frontmatter (all fields, empty
optional ones included, dates as ISO text) plus ``url``, the case page's path
relative to the site root. The CSV files are UTF-8 with a BOM so that Excel
opens the Chinese text correctly.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from kb.data_release import Release, current_cases, package_descriptor, package_files
from kb.site.crossindex import CrossIndex
from kb.model.case import CASE_FIELDS, Case
from kb.site.incremental import per_case
from kb.site.urls import url_style
from kb.model.trust import CONTENT_LICENCE, SOURCE_TEXTS_NOTE
from kb.site.render.data_tables import case_url, table_files, tables
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.model.vocab import Category, evidence_label

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


def render_open_data(index: CrossIndex, categories: dict[str, Category],
                     releases: Sequence[Release] = ()) -> dict[str, bytes]:
    """cases.json, the four tables as CSV and their data package, the page, and the newest of
    ``releases`` (the ledger, :mod:`kb.data_release`) as its package while the cases still match it."""
    tables_written = table_files(index.cases, categories)
    files = {
        "data/cases.json": render_cases_json(index),
        **{f"data/{name}": data for name, data in tables_written.items()},
        "data/datapackage.json": (json.dumps(package_descriptor("current", index.cases), ensure_ascii=False, indent=2)
                                  + "\n").encode("utf-8"),
    }
    latest = releases[-1] if releases else None
    changed = []
    if latest is not None:
        current = current_cases(tables_written)
        changed = sorted(i for i in set(current) | set(latest.cases) if current.get(i) != latest.cases.get(i))
        if not changed:  # CHANGELOG.md is published as text: it is not a page of the site
            previous = releases[-2] if len(releases) > 1 else None
            with url_style(directory_urls=True):  # the release's addresses are the published site's, offline too
                package = package_files(latest, previous, index.cases, table_files(index.cases, categories))
            files.update({f"data/releases/{latest.version}/{name}" + (".txt" if name.endswith(".md") else ""): data
                          for name, data in sorted(package.items())})
    files["data/index.md"] = render_data_page(index, latest.version if latest else "", changed).encode("utf-8")
    return files


def render_data_page(index: CrossIndex, release: str = "", changed_since: Sequence[str] = ()) -> str:
    """``release``: the newest version of the ledger; ``changed_since``: the ids of the cases added,
    changed or withdrawn after it (its package is then no longer the site's to publish)."""
    counts = {"cases": len(index.cases), "practices": sum(len(c.practices) for c in index.cases),
              "figures": sum(len(c.results) for c in index.cases), "reviews": sum(len(c.reviews) for c in index.cases)}
    units = {"cases": "个案例", "practices": "项做法", "figures": "项成效数据", "reviews": "条审核记录"}
    lines = [front_matter(title="数据下载"), "",
        "# 数据下载", "",
        "案例库的结构化数据可以直接下载，供研究、统计和培训使用。数据与网站同时从案例文件生成，内容一致；"
        "引用时请注明案例的来源（每个案例的 source 字段）。", "",
        f"**许可**：本库整理的数据按{CONTENT_LICENCE['title']}发布，使用时注明“基层党建创新案例库”即可；{SOURCE_TEXTS_NOTE}", ""]
    if release and changed_since:
        lines += ["## 引用用的版本", "",
                  f"最新发布的版本是 **{release}**。此后有 {len(changed_since)} 个案例新增、修改或撤下"
                  f"（{inline('、'.join(changed_since))}），所以这里不再提供那一版的文件：它附在案例库仓库的发布页上，"
                  f"也可以用发布时的案例文件运行 `make release VERSION={release}` 重新生成。下面的当前数据随案例库更新，"
                  "引用时请注明下载日期。", ""]
    elif release:
        lines += ["## 引用用的版本", "",
                  f"最新发布的版本是 **{release}**：一个 Frictionless Data Package（数据包），内容固定不变，引用时请写明版本号。", "",
                  f"- [datapackage.json](releases/{release}/datapackage.json)：数据包说明，含每个表的字段说明和许可",
                  *(f"- [{t.name}.csv](releases/{release}/{t.name}.csv)：{t.title}" for t in tables()),
                  f"- [CHANGELOG](releases/{release}/CHANGELOG.md.txt)：与上一版相比新增、修改、撤下的案例",
                  f"- [LICENSE-content](releases/{release}/LICENSE-content)：内容和数据的许可", ""]
    else:
        lines += ["## 引用用的版本", "", "还没有发布过带版本号的数据包（维护者运行 `make release` 发布）。"
                  "下面的文件随案例库更新，引用时请注明下载日期。", ""]
    lines += ["## 当前数据", "",
        "| 文件 | 内容 | 格式 |", "| --- | --- | --- |",
        f"| [cases.json](cases.json) | 全部 {counts['cases']} 个案例的结构化信息，一个数组 | JSON，UTF-8 |",
        *(f"| [{t.name}.csv]({t.name}.csv) | {t.description}，共 {counts[t.name]} {units[t.name]} "
          f"| CSV，UTF-8（带 BOM，Excel 可直接打开） |" for t in tables()),
        "| [datapackage.json](datapackage.json) | 以上四个表的数据包说明（Frictionless Data Package） | JSON |",
        "",
        "## cases.json", "",
        "每个案例一个对象，字段与案例文件开头的结构化信息相同（字段说明见[使用说明](../guide.md)），"
        "没有填写的可选字段为空字符串、空数组或 null；另加 `url`：案例页相对于网站根目录的路径；"
        "`results` 的每一项另加 `evidence_label`：数据出处的中文名称（没有写 `evidence` 时为“未注明”，"
        "含义见[成效数据](../figures/index.md#evidence)页）。", ""]
    for table in tables():  # the codebook: the same schema the data package carries
        lines += [f"## {table.name}.csv", "", f"{table.description}。", "", "| 列 | 类型 | 含义 |", "| --- | --- | --- |"]
        lines += [f"| {c.name} | {c.type} | {inline(c.description)} |" for c in table.columns]
        lines.append("")
    return "\n".join(lines)
