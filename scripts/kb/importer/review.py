"""What a reviewer should check in a draft, most important first.

The list is written at the top of the draft file (YAML comments) and its first
item is the import report's "先核对" column, so a reviewer facing twenty drafts
sees which need the most work. Missing facts come first (a county left empty,
no title, no practices, no figures, a text that breaks off), then guesses to
confirm (a county read from the running text, sections the importer drew,
practice names cut from run-in sentences), then what every draft needs.
"""

from __future__ import annotations

from kb.importer.draft import Draft
from kb.importer.outline import IMPLICIT_HEADING


def review_items(draft: Draft) -> list[str]:
    finding = draft.county
    items: list[str] = []
    if finding.region is None:
        seen = "、".join(finding.candidates) if finding.candidates else "没有"
        province = f"（省份已按原文填为{finding.province}）" if finding.province else ""
        items.append(f"县级地区没有填写{province}：{finding.basis}。原文中看到的其他县级地名：{seen}")
    if not draft.title:
        items.append("标题：导入时没有找到案例标题，请按原文填写")
    practices = draft.practice_names()
    section = draft.outline.sections.get("主要做法")
    if section is None:
        items.append("做法：原文中没有找到“主要做法”部分，请对照原文分项填写 practices")
    elif not practices:
        items.append("做法：“主要做法”中没有找到分项的小标题或“一是、二是”，请对照原文分项填写 practices")
    if not draft.figures:
        items.append("成效数据：没有找到数字，请对照原文填写 results，原文确实没有数据时说明")
    if draft.status == "incomplete":
        items.append(f"原文不完整：{draft.incomplete_note}")
    missing = draft.outline.missing()
    if missing and draft.status != "incomplete":
        fill = "；background 还是【待填写】，请按原文开头概括" if "背景" in missing else ""
        items.append("正文缺少“" + "”“".join(missing) + "”部分：请确认原文确实没有" + fill)
    if finding.region is not None and finding.region.inferred:
        items.append(f"地区：{finding.basis}，把握“{finding.confidence}”，请核对是否就是案例发生地")
    if any(s.heading_as_written == IMPLICIT_HEADING for s in draft.outline.sections.values()):
        drawn = "、".join(n for n, s in draft.outline.sections.items() if s.heading_as_written == IMPLICIT_HEADING)
        items.append(f"章节：原文没有章节标题，“{drawn}”是导入工具划分的，请核对起止段落")
    if section is not None and section.run_in:
        items.append("做法名称：取自段内分项（“一是……”“【……】”等）开头的一句，请改成简短的名称")
    if finding.candidates and finding.region is not None:
        items.append(f"地区：正文还提到{'、'.join(finding.candidates)}，请确认不是案例发生地")
    if draft.figures:
        items.append(f"成效数据：自动提取了 {len(draft.figures)} 项数字，请删去不是成效的项，核对指标名称")
    items.append("摘要、模式简称、做法分类和摘录是草稿，请改写")
    return items
