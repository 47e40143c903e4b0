"""The practice × region matrix: categories as rows, provinces as columns.

Each cell names the counties whose practices carry that category and links to
the category's section of the province page.
"""

from __future__ import annotations

from collections import Counter

from kb.site.crossindex import CrossIndex
from kb.model.provincegrid import province_page
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.model.vocab import Category


def render_matrix_page(index: CrossIndex, categories: dict[str, Category]) -> str:
    provinces = list(index.cases_by_province)
    lines = [front_matter(title="做法 × 地区对照表"), "",
        "# 做法 × 地区对照表", "",
        "行是[做法分类](../practices/index.md)，列是省份；格子里是在这一分类下有做法的县（市、区），"
        "括号里是做法数。点击县名查看该省这一分类的做法。", ""]
    if not provinces:
        return "\n".join(lines + ["暂无案例。", ""])
    lines.append("| 做法分类 | " + " | ".join(inline(p) for p in provinces) + " |")
    lines.append("| --- |" + " --- |" * len(provinces))
    for key, category in categories.items():
        counts = _county_counts(index, key)
        cells = [_cell(counts.get(province, Counter()), province, key) for province in provinces]
        lines.append(f"| [{inline(category.label)}](../practices/index.md#{key}) | " + " | ".join(cells) + " |")
    return "\n".join(lines + [""])


def _county_counts(index: CrossIndex, key: str) -> dict[str, Counter]:
    """Province -> county -> number of practices in category ``key``."""
    counts: dict[str, Counter] = {}
    for ref in index.practices_by_category[key]:
        counts.setdefault(ref.case.region.province, Counter())[ref.case.region.county] += 1
    return counts


def _cell(counties: Counter, province: str, key: str) -> str:
    href = f"../{province_page(province)}#{key}"
    return "、".join(f"[{inline(county)}（{count}）]({href})" for county, count in sorted(counties.items())) or "—"
