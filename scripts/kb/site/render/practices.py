"""The practice taxonomy page: each category, its definition, and its practices."""

from __future__ import annotations

from kb.site.crossindex import CrossIndex
from kb.site.render.links import case_href, place
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.model.vocab import Category


def render_practices_page(index: CrossIndex, categories: dict[str, Category]) -> str:
    lines = [front_matter(title="做法分类"), "",
        "# 做法分类", "",
        "每个案例的每项做法都有一个主分类，另可有至多两个附加分类。下面按分类列出各地的做法，"
        "点击做法名称可直接跳到案例中对应的段落。按地区对照见[做法 × 地区对照表](../matrix/index.md)。", "",
        render_category_overview(index, categories), ""]
    for key, category in categories.items():
        refs = index.practices_by_category[key]
        lines += [f"## {inline(category.label)} {{ #{key} }}", "", f"*{inline(category.definition)}*", ""]
        lines += [f"- [{inline(ref.practice.name)}]({case_href(ref.case, ref.index)}) — {place(ref.case)}"
                  f"{'（主分类）' if key == ref.practice.category else ''}：{inline(ref.practice.summary)}"
                  for ref in refs] or ["暂无案例。"]
        lines.append("")
    return "\n".join(lines)


def render_category_overview(index: CrossIndex, categories: dict[str, Category]) -> str:
    rows = ["| 分类 | 做法数 | 案例数 |", "| --- | ---: | ---: |"]
    rows += [f"| [{inline(c.label)}](#{key}) | {len(index.practices_by_category[key])} "
             f"| {len(index.cases_by_category[key])} |" for key, c in categories.items()]
    return "\n".join(rows)
