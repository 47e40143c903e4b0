"""Teaching parts shared by case pages, lesson plans and handouts.

Notes for trainers live in ``teaching/`` and only the 教师版 renders them
(:mod:`kb.site.render.teacher_notes`).
"""

from __future__ import annotations

import html

from kb.model.case import Case
from kb.site.render.safe_text import inline, plain

# Replaced by a PDF download link when ``make pdf`` has made an up-to-date PDF
# (see kb.site.pdf_links); otherwise removed.
PDF_MARKER = "<!-- kb:pdf {key} -->"
# Controls that work only with script carry data-kb-script-only: shown from the first frame where script
# runs (theme-init.js marks the page), never where it does not; their scripts only wire them.
PROJECTOR_BUTTON = '<button type="button" class="md-button kb-projector-toggle" data-kb-script-only>投影模式</button>'
READ_ALOUD_BUTTON = ('<span class="kb-read-aloud" data-kb-script-only><button type="button" '
                     'class="md-button kb-read-aloud__play">朗读</button></span>')


def numbered(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"{index}. {inline(item)}" for index, item in enumerate(items, start=1))


def render_objectives(objectives: tuple[str, ...], heading: str = "###") -> str:
    return f"{heading} 学习目标\n\n{numbered(objectives)}" if objectives else ""


def render_questions(questions: tuple[str, ...], heading: str = "###") -> str:
    return f"{heading} 讨论题\n\n{numbered(questions)}" if questions else ""


def render_handout_bar(print_page: str, pdf_key: str, projector: bool,
                       packet: tuple[str, str] | None = None, case: Case | None = None) -> str:
    """打印讲义, PDF (when made), 投影模式 and 朗读 controls at the top of a page; ``packet``:
    the page and PDF key of a reading packet (training modules); ``case``: the case
    page's 加入对照 button (``docs/assets/kb-tray.js`` works it)."""
    parts = [f"[打印讲义]({print_page}){{ .md-button }}", PDF_MARKER.format(key=pdf_key)]
    if packet:
        parts += [f"[阅读材料（学员用）]({packet[0]}){{ .md-button }}", PDF_MARKER.format(key=packet[1])]
    if projector:
        parts.append(PROJECTOR_BUTTON)
    if case:
        parts.append(tray_button(case, "md-button"))
    parts.append(READ_ALOUD_BUTTON)
    return '<div class="kb-handout-bar" markdown>\n' + " ".join(parts) + "\n</div>"


def tray_button(case: Case, extra_class: str = "") -> str:
    """A 加入对照 toggle, shown only where script runs (the tray script ``kb-tray.js`` works it); the
    title is escaped for an attribute (it is what the tray lists)."""
    classes = " ".join(part for part in ("kb-tray-toggle", extra_class) if part)
    title = html.escape(plain(case.title), quote=True).replace("|", "&#124;")  # | would split a table cell
    return (f'<button type="button" class="{classes}" data-kb-case="{case.id}" data-kb-title="{title}" '
            f"data-kb-script-only>加入对照</button>")


def render_case_teaching(case: Case) -> str:
    """The public 学习与讨论 section of a case page (no trainer notes)."""
    if not (case.learning_objectives or case.discussion_questions):
        return ""
    parts = ["## 学习与讨论", render_objectives(case.learning_objectives), render_questions(case.discussion_questions)]
    return "\n\n".join(part for part in parts if part)
