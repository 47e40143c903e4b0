"""Print handouts: A4 pages without site chrome.

The handout's Markdown is written here; :mod:`kb.site.render.print_page` turns it
into a finished HTML page outside MkDocs, and ``docs/assets/handout.css``
lays it out for paper. The case handout is for trainees (no trainer notes).
"""

from __future__ import annotations

from kb.model.case import STATUS_LABELS, Case
from kb.site.render.case_page import render_figures_table, render_status_notice
from kb.site.render.teaching import numbered, render_objectives, render_questions
from kb.site.render.print_page import ROOT_LINK, render_print_fragment
from kb.site.render.safe_text import inline
from kb.model.numbers import number_label


def handout_title(title: str) -> str:
    return "讲义：" + title


def render_case_facts(case: Case) -> str:
    facts = [("地区", case.region.label), ("模式", case.model), ("状态", STATUS_LABELS[case.status]),
             *((("案例号", number_label(case.serial)),) if case.serial else ())]
    return "  \n".join(f"**{label}**：{inline(value)}" for label, value in facts)


def render_practice_list(case: Case) -> str:
    return "\n".join(f"{index}. **{inline(p.name)}**：{inline(p.summary)}"
                     for index, p in enumerate(case.practices, start=1))


def render_case_digest(case: Case, heading: str) -> str:
    """Summary card, practices and key figures of one case, headed at ``heading`` level."""
    parts = [
        render_status_notice(case),
        f'<div class="case-card" markdown>\n\n{render_case_facts(case)}\n\n{inline(case.summary)}\n\n</div>',
        f"{heading} 主要做法\n\n{render_practice_list(case)}",
        f'<div class="kb-figures" markdown>\n\n{render_figures_table(case)}\n\n</div>',
    ]
    return "\n\n".join(part for part in parts if part)


def render_source_line(case: Case) -> str:
    source = case.source
    details = "，".join(inline(part) for part in (source.publisher, source.date) if part)
    return f"来源：{inline(source.title)}" + (f"（{details}）" if details else "")


def render_case_handout(case: Case, heading: str = "", level: int = 1,
                        questions: tuple[str, ...] | None = None) -> str:
    """The trainee's handout of one case: its title at ``level`` (``heading``, default the
    case's title), sections one level below; ``questions`` replace the case's own (a reading
    packet passes none and lists them all at its end)."""
    sub = "#" * (level + 1)
    parts = [
        f"{'#' * level} {heading or inline(case.title)}",
        render_case_digest(case, sub),
        render_objectives(case.learning_objectives, sub),
        render_questions(case.discussion_questions if questions is None else questions, sub),
        f"{sub} 来源",
        render_source_line(case) + "\n\n" + f"案例全文见案例库网站：[{inline(case.title)}]({ROOT_LINK}cases/{case.id}.md)",
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def render_packet_parts(case: Case) -> dict[str, str]:
    """One case's parts of a reading packet, as HTML: its handout without questions (headed by its
    title at level 2, which a packet numbers), and its questions, which a packet lists at its end.
    A module's packet (:mod:`kb.site.render.packet`) renders the same handout in its page; the
    tray's packet, whose cases the reader chooses, gets these from each case's data file
    (:mod:`kb.site.render.compare`), so the browser only puts them together."""
    return {"handout": render_print_fragment(render_case_handout(case, level=2, questions=())),
            "questions_html": render_print_fragment(numbered(case.discussion_questions)) if case.discussion_questions else ""}
