"""``/figures/``: every ``results`` entry of every case in one sortable table,
and totals per practice category where the units agree.

The table is plain Markdown (readable without JavaScript); the small script
``docs/assets/sortable-table.js`` adds sort buttons to tables inside
``.kb-sortable``, and a choice of 出处 (where the figures come from) that
hides the other rows.
"""

from __future__ import annotations

from collections import defaultdict

from kb.site.crossindex import CrossIndex
from kb.site.render.links import case_href
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.model.vocab import EVIDENCE_UNKNOWN_LABEL, Category, evidence_kinds, evidence_label

# The column the figures table can be filtered by (docs/assets/sortable-table.js).
FILTER_COLUMN = "出处"


def number(value: float) -> str:
    """``92`` not ``92.0``; no exponent notation for large values."""
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else f"{value:f}".rstrip("0").rstrip(".")


def render_figures_page(index: CrossIndex, categories: dict[str, Category]) -> str:
    count = sum(len(c.results) for c in index.cases)
    lines = [front_matter(title="成效数据"), "",
        "# 成效数据", "",
        f"全部案例的 {count} 项成效数据。数字与来源原文一致；原文带“多”“余”等字样时，“数值”列只写数字，"
        "“原文写法”列照录原文。“出处”列说明数字从哪里来（[各出处的含义](#evidence)），可以只看某一种出处的数据。"
        "点击表头可以排序。数据也可以[下载](../data/index.md)。", "",
        f'<div class="kb-sortable" data-kb-filter="{FILTER_COLUMN}" markdown>', "",
        f"| 县（市、区） | 指标 | 数值 | 单位 | 原文写法 | {FILTER_COLUMN} | 案例 |",
        "| --- | --- | ---: | --- | --- | --- | --- |"]
    for case in index.cases:
        for result in case.results:
            lines.append(f"| {inline(case.region.county)} | {inline(result.indicator)} | {number(result.value)} "
                         f"| {inline(result.unit)} | {inline(result.as_stated)} | {inline(evidence_label(result.evidence))} "
                         f"| [{inline(case.model)}]({case_href(case)}) |")
    lines += ["", "</div>", "", render_evidence_counts(index), "", render_category_totals(index, categories), ""]
    return "\n".join(lines)


def render_evidence_counts(index: CrossIndex) -> str:
    """How many figures (and of how many cases) carry each evidence label, with the labels' meaning."""
    figures: dict[str, int] = defaultdict(int)
    case_ids: dict[str, set[str]] = defaultdict(set)
    for case in index.cases:
        for result in case.results:
            figures[result.evidence] += 1
            case_ids[result.evidence].add(case.id)
    kinds = evidence_kinds()
    rows = [(kind.label, kind.definition, key) for key, kind in kinds.items()]
    if figures.get(""):
        rows.append((EVIDENCE_UNKNOWN_LABEL, "案例文件没有写明数字从哪里来。", ""))
    lines = ["## 数据出处 { #evidence }", "",
             "“出处”说明一个数字从哪里来，也就说明它有多可信：县（单位）自述的数字没有经过独立核实，"
             "引用时应当说明。有统计数据或第三方评估时，投稿人可以补充并改注出处（见[贡献指南](../contributing.md)）。", "",
             "| 出处 | 含义 | 数据项数 | 案例数 |", "| --- | --- | ---: | ---: |"]
    lines += [f"| {inline(label)} | {inline(definition)} | {figures.get(key, 0)} | {len(case_ids.get(key, ()))} |"
              for label, definition, key in rows]
    return "\n".join(lines)


def render_category_totals(index: CrossIndex, categories: dict[str, Category]) -> str:
    """Sums per category and unit; a case's figures count under every category of its practices."""
    lines = ["## 按做法分类合计", "",
             "一个案例的成效数据计入该案例所有做法分类；只把单位相同的数据相加，不同指标相加只能作粗略参考。"
             "含“多”“余”等约数的合计标“至少”。", "",
             "| 做法分类 | 单位 | 合计 | 数据项数 | 案例数 |", "| --- | --- | ---: | ---: | ---: |"]
    for key, category in categories.items():
        totals: dict[str, list] = defaultdict(lambda: [0.0, 0, False, set()])
        for case in index.cases_by_category[key]:
            for result in case.results:
                total = totals[result.unit]
                total[0] += result.value
                total[1] += 1
                total[2] = total[2] or bool(result.as_stated)
                total[3].add(case.id)
        for unit, (value, items, approximate, case_ids) in sorted(totals.items()):
            shown = ("至少 " if approximate else "") + number(value)
            lines.append(f"| [{inline(category.label)}](../practices/index.md#{key}) | {inline(unit)} | {shown} "
                         f"| {items} | {len(case_ids)} |")
    return "\n".join(lines)
