"""Region views: ``/regions/`` (map, table, province → city → county → cases)
and one page per province (``/regions/<key>/``), whose sections per practice
category are the targets of the matrix cells. Provinces without cases get a
page too, so every tile of the map leads somewhere and the URL of a province
is stable before its first case arrives."""

from __future__ import annotations

from itertools import groupby

from kb.site.crossindex import CrossIndex
from kb.model.case import Case
from kb.model.provincegrid import province_tiles
from kb.site.render.china_map import render_map
from kb.site.render.links import case_href, case_link
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.site.urls import page_url
from kb.model.vocab import Category


def render_region_pages(index: CrossIndex, categories: dict[str, Category]) -> dict[str, str]:
    """``{path: markdown}``: the regions index and one page per province."""
    pages = {"regions/index.md": render_regions_index(index)}
    for province, tile in province_tiles().items():
        cases = index.cases_by_province.get(province, [])
        pages[f"regions/{tile.key}.md"] = render_province_page(province, cases, categories)
    return pages


def render_regions_index(index: CrossIndex) -> str:
    counts = {province: len(cases) for province, cases in index.cases_by_province.items()}
    # the map is raw HTML, which MkDocs does not rewrite: its links follow the build's URL style
    hrefs = {province: page_url(f"regions/{tile.key}.md", from_page="regions/index.md")
             for province, tile in province_tiles().items()}
    lines = [front_matter(title="按地区浏览"), "",
        "# 按地区浏览", "",
        f"共 {len(counts)} 个省份、{len({(c.region.province, c.region.county) for c in index.cases})} 个县（市、区）"
        f"的 {len(index.cases)} 个案例。地图中颜色越深案例越多，点击省份查看该省的案例和做法。", "",
        render_map(counts, hrefs), "",
        "| 省份 | 案例数 | 县（市、区） |", "| --- | ---: | --- |"]
    for province, cases in index.cases_by_province.items():
        counties = "、".join(dict.fromkeys(inline(c.region.county) for c in cases))
        lines.append(f"| [{inline(province)}]({province_tiles()[province].key}.md) | {len(cases)} | {counties} |")
    lines.append("")
    for province, cases in index.cases_by_province.items():
        lines += [f"## {inline(province)}（{len(cases)}） {{ #{province_tiles()[province].key} }}", "",
                  render_region_tree(cases), ""]
    return "\n".join(lines)


def render_region_tree(cases: list[Case]) -> str:
    """City → county → cases as a nested list; ``cases`` are in region order."""
    lines = []
    for city, in_city in groupby(cases, key=lambda c: c.region.city):
        in_city = list(in_city)
        indent = ""
        if city:
            lines.append(f"- {inline(city)}（{len(in_city)}）")
            indent = "    "
        for county, in_county in groupby(in_city, key=lambda c: c.region.county):
            in_county = list(in_county)
            lines.append(f"{indent}- {inline(county)}（{len(in_county)}）")
            lines += [f"{indent}    - {case_link(case)}" for case in in_county]
    return "\n".join(lines)


def render_province_page(province: str, cases: list[Case], categories: dict[str, Category]) -> str:
    if not cases:
        return "\n".join([front_matter(title=province), "",
            f"# {inline(province)}", "",
            f"{inline(province)}暂未收录案例。[返回地区总览](index.md)", "",
            "本省的基层党建创新案例欢迎投稿，方法见[贡献指南](../contributing.md)。", ""])
    lines = [front_matter(title=province), "",
        f"# {inline(province)}", "",
        f"{inline(province)}共收录 {len(cases)} 个案例。[返回地区总览](index.md)", "",
        "## 案例", "", render_region_tree(cases), "", "## 按做法分类", ""]
    for key, category in categories.items():
        entries = [f"- [{inline(p.name)}]({case_href(case, i)}) — {inline(case.region.county)}：{inline(p.summary)}"
                   for case in cases for i, p in enumerate(case.practices) if key in p.categories]
        if entries:
            lines += [f"### {inline(category.label)} {{ #{key} }}", "", *entries, ""]
    return "\n".join(lines)
