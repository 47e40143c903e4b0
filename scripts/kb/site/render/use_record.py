"""使用记录 on a case page: how often the case was used in class, when and with whom (the case
file's ``uses``); the 教师版 also shows what worked and what to change. Ends with the link to
the 使用反馈 form (:mod:`kb.site.render.feedback_page`) for this case."""

from __future__ import annotations

from kb.model.case import Case
from kb.site.edition import current
from kb.site.render.safe_text import inline
from kb.site.urls import page_url


def render_use_record(case: Case) -> str:
    teacher = current().teacher
    feedback = page_url("submit/feedback.md", from_page=f"cases/{case.id}.md") + f"?case={case.id}"
    invite = f'用过本案例的培训教师，请<a href="{feedback}">提交使用反馈</a>。'
    if not case.uses:
        return f"## 使用记录\n\n本案例还没有课堂使用记录。{invite}"
    uses = sorted(case.uses, key=lambda use: use.date, reverse=True)
    head = "| 日期 | 班次或培训对象 | 时长 |" + (" 效果好的地方 | 要改进的地方 |" if teacher else "")
    rule = "| --- | --- | --- |" + (" --- | --- |" if teacher else "")
    rows = []
    for use in uses:
        minutes = int(use.minutes) if float(use.minutes).is_integer() else use.minutes
        row = f"| {inline(use.date)} | {inline(use.audience)} | {minutes} 分钟 |"
        if teacher:
            row += f" {inline(use.worked)} | {inline(use.change)} |"
        rows.append(row)
    return "\n".join([f"## 使用记录", "", f"本案例在课堂上使用过 **{len(uses)}** 次。{invite}", "", head, rule, *rows])
