"""The page listing every case, grouped by province."""

from __future__ import annotations

from itertools import groupby

from kb.model.case import STATUS_LABELS, Case
from kb.model.trust import review_state
from kb.site.render.case_trust import FILTER_COLUMN, review_filter_attributes
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline
from kb.site.render.teaching import tray_button
from kb.model.vocab import Category


def render_case_list(cases: list[Case], categories: dict[str, Category]) -> str:
    ordered = sorted(cases, key=lambda c: (c.region.province, c.region.city, c.region.county, c.id))
    lines = [front_matter(title="全部案例"), "", "# 全部案例", "",
             f"共收录 {len(cases)} 个案例，按省份排列。点击标题阅读案例全文；点“加入对照”选出 2—4 个案例，"
             "再点页面上方的“对照”把它们[并排对照](../compare/index.md)。"
             "点表头的“使用次数”可以按课堂使用的次数排列。", "",
             f"<div {review_filter_attributes()} markdown>", ""]
    for province, group in groupby(ordered, key=lambda c: c.region.province):
        lines += [f"## {inline(province)}", "", '<div class="kb-sortable" markdown>', "",
                  f"| 案例（模式） | 地区 | 做法分类 | 状态 | {FILTER_COLUMN} | 使用次数 | 对照 |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for case in group:
            labels = "、".join(inline(categories[key].label) for key in case.categories)
            place = inline(" ".join(p for p in (case.region.city, case.region.county) if p))
            # the model under the title: eight columns would not fit a computer's content column
            lines.append(f"| [{inline(case.title)}]({case.id}.md)<br>（{inline(case.model)}） | {place} "
                         f"| {labels} | {STATUS_LABELS[case.status]} | {review_state(case).label} | {len(case.uses)} "
                         f"| {tray_button(case)} |")
        lines += ["", "</div>", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)
