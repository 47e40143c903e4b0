"""Filling the generated parts of hand-written pages.

A page in ``docs/`` may hold markers such as ``<!-- kb:stats -->``; the text
around them is written by people, the markers are replaced by the generator.
"""

from __future__ import annotations

from kb.model.case import Case
from kb.site.render.contributing import render_evidence_table, render_field_tables, render_rules
from kb.site.render.safe_text import inline


def render_stats(cases: list[Case]) -> str:
    counties = {(c.region.province, c.region.county) for c in cases}
    provinces = {c.region.province for c in cases}
    practices = sum(len(c.practices) for c in cases)
    figures = sum(len(c.results) for c in cases)
    return (f"目前收录 **{len(cases)}** 个案例，来自 **{len(provinces)}** 个省份的 **{len(counties)}** 个县（市、区），"
            f"共 **{practices}** 项做法、**{figures}** 项成效数据。")


def render_newest(cases: list[Case], limit: int = 10) -> str:
    newest = sorted(cases, key=lambda c: (c.added, c.id), reverse=True)[:limit]
    return "\n".join(f"- [{inline(c.title)}](cases/{c.id}.md) — {inline(c.region.province)}{inline(c.region.county)}"
                     for c in newest)


def fill_markers(text: str, cases: list[Case]) -> str:
    markers = {"<!-- kb:stats -->": render_stats, "<!-- kb:newest -->": render_newest,
               "<!-- kb:fields -->": lambda _: render_field_tables(), "<!-- kb:rules -->": lambda _: render_rules(),
               "<!-- kb:evidence -->": lambda _: render_evidence_table()}
    for marker, render in markers.items():
        if marker in text:
            text = text.replace(marker, render(cases))
    return text
