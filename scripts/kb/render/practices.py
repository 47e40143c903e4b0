"""The practice taxonomy page: each category, its definition, and its practices."""

from __future__ import annotations

from kb.model import Case
from kb.render.case_page import practice_anchor
from kb.render.text import inline
from kb.vocab import Category


def render_practices_page(cases: list[Case], categories: dict[str, Category]) -> str:
    by_category: dict[str, list[str]] = {key: [] for key in categories}
    for case in sorted(cases, key=lambda c: (c.region.province, c.region.county, c.id)):
        for index, practice in enumerate(case.practices):
            for key in practice.categories:
                primary = "（主分类）" if key == practice.category else ""
                by_category[key].append(
                    f"- [{inline(practice.name)}](../cases/{case.id}.md#{practice_anchor(index)})"
                    f" — {inline(case.region.province)}{inline(case.region.county)}{primary}：{inline(practice.summary)}")
    lines = ["---", 'title: "做法分类"', "---", "", "# 做法分类", "",
             "每个案例的每项做法都有一个主分类，另可有至多两个附加分类。下面按分类列出各地的做法。", ""]
    for key, category in categories.items():
        lines += [f"## {inline(category.label)} {{ #{key} }}", "", f"*{inline(category.definition)}*", ""]
        lines += by_category[key] or ["暂无案例。"]
        lines.append("")
    return "\n".join(lines)
