"""A training module as a lesson plan, and the 培训专题 index page.

The online lesson plan and its print handout share one body: the handout
only swaps the page metadata (print template, no search) and drops the
controls bar. Both are lesson plans and public; the 教师版 adds the cases' teaching notes
(:mod:`kb.site.render.teacher_notes`).
"""

from __future__ import annotations

from kb.model.module import Module
from kb.site.render.handout import render_case_digest, render_source_line
from kb.site.render.print_page import ROOT_LINK, print_page_path
from kb.site.render.teaching import numbered, render_handout_bar, render_questions
from kb.site.render.teacher_notes import render_case_notes
from kb.site.render.qr_code import render_qr_block
from kb.site.render.page_meta import front_matter
from kb.site.render.safe_text import inline, plain

CHINESE_NUMERALS = "一二三四五六七八九十"


def segment_label(index: int) -> str:
    return f"案例{CHINESE_NUMERALS[index]}" if index < len(CHINESE_NUMERALS) else f"案例{index + 1}"


def render_module_page(module: Module, print_view: bool = False) -> str:
    """The lesson plan; ``print_view`` gives the A4 handout of the same plan."""
    case_link = ROOT_LINK + "cases/{}.md" if print_view else "../cases/{}.md"
    front = "" if print_view else front_matter(title=plain(module.title), description=plain(module.summary or module.title))
    parts = [
        front,
        f"# {inline(module.title)}",
        "" if print_view else render_handout_bar(
            f"../{print_page_path('modules/' + module.id)}", f"modules/{module.id}", projector=True,
            packet=(f"../{print_page_path('packets/' + module.id)}", f"packets/{module.id}")),
        render_module_facts(module),
        "" if print_view else render_qr_block(f"training/{module.id}.md"),  # the print page has its own
        inline(module.summary) if module.summary else "",
        f"## 学习目标\n\n{numbered(module.objectives)}",
        render_timeline(module),
    ]
    for index, item in enumerate(module.cases):
        case = item.case
        parts += [
            f"## {segment_label(index)}：{inline(case.title)}（{item.minutes} 分钟）",
            f"[{inline(case.region.label)}：{inline(case.model)}]({case_link.format(case.id)}){{ .kb-case-link }}",
            f"**本段重点**：{inline(item.focus)}" if item.focus else "",
            render_case_digest(case, "###"),
            render_questions(item.questions),
            render_case_notes(case, level=3),  # the 教师版 only
            render_source_line(case),
        ]
    parts.append(render_exercise(module))
    return "\n\n".join(part for part in parts if part) + "\n"


def render_module_facts(module: Module) -> str:
    facts = [("培训对象", module.audience), ("总时长", f"{module.duration} 分钟"), ("案例", f"{len(module.cases)} 个")]
    return '<div class="case-card" markdown>\n\n' + "  \n".join(
        f"**{label}**：{inline(value)}" for label, value in facts) + "\n\n</div>"


def render_timeline(module: Module) -> str:
    """Minute-by-minute plan: cases in order, the group exercise, then the spare time."""
    rows = [(f"{segment_label(i)}：{item.case.title}", item.minutes) for i, item in enumerate(module.cases)]
    rows.append((f"小组练习：{module.exercise.title}", module.exercise.minutes))
    if module.spare_minutes > 0:
        rows.append(("总结、答疑与机动", module.spare_minutes))
    lines = ["## 时间安排", "", "| 时间 | 环节 | 时长 |", "| --- | --- | --- |"]
    start = 0
    for label, minutes in rows:
        lines.append(f"| 第 {start}—{start + minutes} 分钟 | {inline(label)} | {minutes} 分钟 |")
        start += minutes
    return "\n".join(lines)


def render_exercise(module: Module, anchor: str = "") -> str:
    exercise = module.exercise
    heading = f"## 小组练习：{inline(exercise.title)}（{exercise.minutes} 分钟）" + (f" {{ #{anchor} }}" if anchor else "")
    lines = [heading, "", inline(exercise.task)]
    if exercise.output:
        lines += ["", f"**成果要求**：{inline(exercise.output)}"]
    return "\n".join(lines)


def render_training_index(modules: list[Module]) -> str:
    lines = [front_matter(title="培训专题"), "", "# 培训专题", "",
             "每个培训专题是一份现成的教案：选好的案例、讲授顺序、每段时间、讨论题和小组练习。"
             "每个专题和每个案例都可以打印成 A4 讲义。", ""]
    if not modules:
        return "\n".join(lines + ["暂无培训专题。", ""])
    lines += ["| 专题 | 培训对象 | 时长 | 案例 |", "| --- | --- | --- | --- |"]
    for module in sorted(modules, key=lambda m: m.id):
        titles = "、".join(inline(item.case.title) for item in module.cases)
        lines.append(f"| [{inline(module.title)}]({module.id}.md) | {inline(module.audience)} "
                     f"| {module.duration} 分钟 | {titles} |")
    return "\n".join(lines + [""])
