"""Teaching notes on the 教师版's pages: the case page, the case handout, the lesson plan and its
handout. Every function returns "" in the public edition, whose render holds no note at all
(:mod:`kb.site.edition`): the notes cannot reach the public site, its search or its data.
"""

from __future__ import annotations

from kb.model.case import Case
from kb.model.note import TeachingNote
from kb.site.edition import TEACHER_LABEL, current
from kb.site.render.safe_text import inline
from kb.site.render.teaching import numbered


def render_case_notes(case: Case, level: int = 2) -> str:
    """Every note of the case (the 教师版 only), headed at ``level``."""
    notes = current().notes_of(case.id)
    return "\n\n".join(render_note(note, level, len(notes) > 1) for note in notes)


def render_note(note: TeachingNote, level: int = 2, several: bool = False) -> str:
    head, sub = "#" * level, "#" * (level + 1)
    by = f"：{inline(note.author)}" if several else ""
    facts = [("作者", note.author), ("单位", note.unit), ("适用对象与课程", note.audience)]
    parts = [
        f"{head} 教学说明（{TEACHER_LABEL}，只供培训教师使用）{by}",
        '<div class="case-card kb-note" markdown>\n\n' + "  \n".join(f"**{label}**：{inline(value)}" for label, value in facts)
        + "\n\n</div>",
        f"{sub} 教学目的\n\n{numbered(note.objectives)}",
        f"{sub} 启发思考题\n\n{numbered(note.questions)}",
        f"{sub} 决策点提问（课堂版（A）的最后一问）\n\n{inline(note.decision_question)}" if note.decision_question else "",
        f"{sub} 分析思路\n\n{numbered(note.analysis)}",
        f"{sub} 政策与理论依据\n\n" + "\n".join(f"- **{inline(b.title)}**：{inline(b.point)}" for b in note.basis),
        f"{sub} 关键要点\n\n{numbered(note.key_points)}",
        render_plan(note, sub),
        f"{sub} 板书设计\n\n" + "\n".join(f"- {inline(line)}" for line in note.board) if note.board else "",
        f"{sub} 推荐阅读\n\n{numbered(note.reading)}",
    ]
    return "\n\n".join(part for part in parts if part)


def render_plan(note: TeachingNote, sub: str) -> str:
    plan = note.plan
    lines = [f"{sub} 课堂计划（{plan.minutes} 分钟）", ""]
    if plan.group_size:
        lines += [f"**分组**：{inline(plan.group_size)}", ""]
    lines += ["| 时间 | 内容 | 方式 | 时长 |", "| --- | --- | --- | --- |"]
    start = 0
    for step in plan.steps:
        lines.append(f"| 第 {start}—{start + step.minutes} 分钟 | {inline(step.step)} | {inline(step.method)} "
                     f"| {step.minutes} 分钟 |")
        start += step.minutes
    return "\n".join(lines)
