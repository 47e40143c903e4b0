"""Filling the generated parts of hand-written pages (the home page's counts, cards, map and
modules; the contributor guide's tables).

A page in ``docs/`` may hold markers such as ``<!-- kb:stats -->``; the text
around them is written by people, the markers are replaced by the generator.
"""

from __future__ import annotations

from kb.model import vocab
from kb.model.case import Case
from kb.model.module import Module
from kb.model.provincegrid import province_tiles
from kb.model.vocab import Category
from kb.site.crossindex import CrossIndex
from kb.site.render.china_map import render_map
from kb.site.render.contributing import render_evidence_table, render_field_tables, render_rules
from kb.site.render.safe_text import inline
from kb.site.urls import page_url


def render_stats(cases: list[Case]) -> str:
    counties = {(c.region.province, c.region.county) for c in cases}
    provinces = {c.region.province for c in cases}
    practices = sum(len(c.practices) for c in cases)
    figures = sum(len(c.results) for c in cases)
    return (f"目前收录 **{len(cases)}** 个案例，来自 **{len(provinces)}** 个省份的 **{len(counties)}** 个县（市、区），"
            f"共 **{practices}** 项做法、**{figures}** 项成效数据。")


def render_newest(cases: list[Case], categories: dict[str, Category], limit: int = 6) -> str:
    """The newest cases as cards: title, county, model, categories."""
    newest = sorted(cases, key=lambda c: (c.added, c.id), reverse=True)[:limit]
    if not newest:
        return "暂无案例。"
    items = []
    for case in newest:
        chips = " ".join(f"[{inline(categories[key].label)}](practices/index.md#{key}){{ .kb-chip }}"
                         for key in case.categories)
        items.append(f"- **[{inline(case.title)}](cases/{case.id}.md)**  \n"
                     f"  {inline(case.region.province + case.region.county)} · {inline(case.model)}  \n  {chips}")
    return '<div class="kb-home-cards" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def render_category_counts(index: CrossIndex, categories: dict[str, Category]) -> str:
    """Every practice category with how many cases have a practice in it."""
    chips = [f"[{inline(category.label)} **{len(index.cases_by_category.get(key, ()))}**]"
             f"(practices/index.md#{key}){{ .kb-chip }}" for key, category in categories.items()]
    return '<div class="kb-home-categories" markdown>\n\n' + " ".join(chips) + "\n\n</div>"


def render_small_map(index: CrossIndex) -> str:
    counts = {province: len(cases) for province, cases in index.cases_by_province.items()}
    hrefs = {province: page_url(f"regions/{tile.key}.md", from_page="index.md") for province, tile in province_tiles().items()}
    return f'<div class="kb-home-map">{render_map(counts, hrefs)}</div>'


def render_module_list(modules: list[Module]) -> str:
    if not modules:
        return "暂无培训专题。"
    return "\n".join(f"- **[{inline(m.title)}](training/{m.id}.md)**：{inline(m.audience)}，{m.duration} 分钟，"
                     f"{len(m.cases)} 个案例" for m in sorted(modules, key=lambda m: m.id))


def fill_markers(text: str, cases: list[Case], index: CrossIndex, modules: list[Module] = ()) -> str:
    """Replace each marker present in ``text``; ``index`` (built from ``cases``) and ``modules``
    feed the home page's markers (its map's raw HTML links: :func:`kb.site.urls.page_url`)."""
    categories = vocab.categories()
    markers = {
        "<!-- kb:stats -->": lambda: render_stats(cases),
        "<!-- kb:newest -->": lambda: render_newest(cases, categories),
        "<!-- kb:categories -->": lambda: render_category_counts(index, categories),
        "<!-- kb:map -->": lambda: render_small_map(index),
        "<!-- kb:modules -->": lambda: render_module_list(list(modules)),
        "<!-- kb:fields -->": render_field_tables,
        "<!-- kb:rules -->": render_rules,
        "<!-- kb:evidence -->": render_evidence_table,
    }
    for marker, render in markers.items():
        if marker in text:
            text = text.replace(marker, render())
    return text
