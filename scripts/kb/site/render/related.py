"""The 相关案例 section appended to every case page (ranking: :mod:`kb.site.crossindex`)."""

from __future__ import annotations

from kb.site.crossindex import Related
from kb.model.glossary import Term
from kb.site.render.safe_text import inline
from kb.model.vocab import Category


def render_related(related: list[Related], categories: dict[str, Category], terms: dict[str, Term]) -> str:
    lines = ["## 相关案例 { #related }", ""]
    if not related:
        return "\n".join(lines + ["暂无与本案例有共同做法分类、地区或术语的其他案例。"])
    lines += ["按共同的地区、术语和做法分类排序。", ""]
    for item in related:
        case = item.case
        lines.append(f"- [{inline(case.title)}]({case.id}.md) — {inline(case.region.province + case.region.county)}"
                     f"（{'；'.join(reasons(item, categories, terms))}）")
    return "\n".join(lines)


def reasons(item: Related, categories: dict[str, Category], terms: dict[str, Term]) -> list[str]:
    parts = []
    if item.same_province:
        parts.append("同省")
    if item.terms:
        parts.append("共同术语：" + "、".join(inline(terms[k].term) for k in item.terms))
    if item.categories:
        parts.append("共同分类：" + "、".join(inline(categories[k].label) for k in item.categories))
    return parts
