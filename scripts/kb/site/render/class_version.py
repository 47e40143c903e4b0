"""The class version of a case (课堂版), in two printable parts, from its structured fields only:

* (A) the background and the problem, ending at a decision point: the question the case's
  teaching note sets (the 教师版 only, :mod:`kb.site.edition`) or
  :data:`kb.model.note.DEFAULT_DECISION_QUESTION`; no practices, results or lessons;
* (B) what the county did, the results with their evidence labels, and the lessons; for an
  incomplete case, what the source lacks.

They are print pages like the handouts (:mod:`kb.site.render.print_page`,
``print/class-a/<id>/index.html`` and ``print/class-b/<id>/index.html``), linked from the case
page as 课堂版（A） and 课堂版（B）.
"""

from __future__ import annotations

from kb.model.case import STATUS_LABELS, Case
from kb.model.note import decision_question
from kb.model.numbers import number_label
from kb.site.edition import current
from kb.site.render.case_page import render_figures_table
from kb.site.render.handout import render_source_line
from kb.site.render.print_page import ROOT_LINK, print_page_path, render_print_page
from kb.site.render.safe_text import inline
from kb.site.render.teaching import numbered

PARTS = {"a": "课堂版（A）", "b": "课堂版（B）"}
NO_LESSONS = "来源中没有“启示”部分，这里不替原文补写。"


def class_key(part: str, case: Case) -> str:
    return f"class-{part}/{case.id}"


def render_class_links(case: Case) -> str:
    """The case page's links to its two parts (relative to ``cases/<id>.md``)."""
    links = " ".join(f"[{label}](../{print_page_path(class_key(part, case))}){{ .md-button }}"
                     for part, label in PARTS.items())
    return (f'<div class="kb-class-links" markdown>\n**课堂版**：先发（A）讨论，再发（B）对照。 {links}\n</div>')


def _facts(case: Case) -> str:
    facts = [("地区", case.region.label)]
    if case.serial:
        facts.append(("案例号", number_label(case.serial)))
    return "  \n".join(f"**{label}**：{inline(value)}" for label, value in facts)


def render_class_a(case: Case) -> str:
    question = decision_question(current().notes_of(case.id))
    parts = [
        f"# {PARTS['a']}：{inline(case.title)}",
        f'<div class="case-card" markdown>\n\n{_facts(case)}\n\n</div>',
        f"## 背景与问题\n\n{numbered(case.background)}",
        f'## 决策点\n\n<div class="kb-decision" markdown>\n\n**请先独立思考，再分组讨论**：{inline(question)}\n\n</div>',
        "当地实际怎么做、效果如何，见讨论之后发的课堂版（B）。",
    ]
    return "\n\n".join(parts) + "\n"


def render_class_b(case: Case) -> str:
    parts = [
        f"# {PARTS['b']}：{inline(case.title)}",
        f'<div class="case-card" markdown>\n\n{_facts(case)}  \n**状态**：{STATUS_LABELS[case.status]}\n\n</div>',
    ]
    if case.status == "incomplete":
        lacking = inline(case.incomplete_note) if case.incomplete_note else "来源文本不完整。"
        parts.append(f'<div class="kb-decision" markdown>\n\n**来源不完整。来源缺少的内容**：{lacking}'
                     "以下只列出来源中实际有的内容。\n\n</div>")
    parts += [
        "## 当地的做法\n\n" + "\n".join(f"{i}. **{inline(p.name)}**：{inline(p.summary)}"
                                      for i, p in enumerate(case.practices, start=1)),
        f'## 成效\n\n<div class="kb-figures" markdown>\n\n{render_figures_table(case)}\n\n</div>',
        f"## 启示\n\n{numbered(case.lessons) if case.lessons else NO_LESSONS}",
        f"## 来源\n\n{render_source_line(case)}\n\n"
        f"案例全文见案例库网站：[{inline(case.title)}]({ROOT_LINK}cases/{case.id}.md)",
    ]
    return "\n\n".join(parts) + "\n"


def render_class_files(cases: list[Case]) -> dict[str, bytes]:
    files = {}
    for case in cases:
        for part, render in (("a", render_class_a), ("b", render_class_b)):
            path = print_page_path(class_key(part, case))
            files[path] = render_print_page(render(case), f"{PARTS[part]}：{case.title}", qr_for=path).encode("utf-8")
    return files
