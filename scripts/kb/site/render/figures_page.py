"""``/figures/``: every ``results`` entry of every case in one sortable table,
and totals per practice category where the units agree.

The table is plain Markdown (readable without JavaScript); the small script
``docs/assets/sortable-table.js`` adds sort buttons to tables inside
``.kb-sortable``.
"""

from __future__ import annotations

from collections import defaultdict

from kb.site.crossindex import CrossIndex
from kb.site.render.links import case_href
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.model.vocab import Category


def number(value: float) -> str:
    """``92`` not ``92.0``; no exponent notation for large values."""
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else f"{value:f}".rstrip("0").rstrip(".")


def render_figures_page(index: CrossIndex, categories: dict[str, Category]) -> str:
    count = sum(len(c.results) for c in index.cases)
    lines = [front_matter(title="成效数据"), "",
        "# 成效数据", "",
        f"全部案例的 {count} 项成效数据。数字与来源原文一致；原文带“多”“余”等字样时，“数值”列只写数字，"
        "“原文写法”列照录原文。点击表头可以排序。数据也可以[下载](../data/index.md)。", "",
        '<div class="kb-sortable" markdown>', "",
        "| 县（市、区） | 指标 | 数值 | 单位 | 原文写法 | 案例 |", "| --- | --- | ---: | --- | --- | --- |"]
    for case in index.cases:
        for result in case.results:
            lines.append(f"| {inline(case.region.county)} | {inline(result.indicator)} | {number(result.value)} "
                         f"| {inline(result.unit)} | {inline(result.as_stated)} "
                         f"| [{inline(case.model)}]({case_href(case)}) |")
    lines += ["", "</div>", "", render_category_totals(index, categories), ""]
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
