"""Reading packets (阅读材料): several case handouts as one printable document.

A packet has a cover (title, date, an editable line for the trainer's name),
a table of contents, each case's handout and, at the end, the discussion
questions of all its cases. It is for trainees, so it carries no teaching notes.

* A training module's packet is rendered here, as a print page
  ``print/packets/<module>/index.html``; ``make pdf`` prints it like the
  handouts (:mod:`kb.site.pdf`) and the module page links it.
* The packet of the cases in the comparison tray is chosen in the reader's
  browser, so ``print/compare/packet/index.html`` is a shell that
  ``docs/assets/kb-compare.js`` fills from the cases' data files
  (:mod:`kb.site.render.compare`), in the same layout (``.kb-packet`` in ``docs/assets/css/62-packet.css``).
  Each case's handout and questions there are HTML the build rendered with the same function as
  here (:func:`kb.site.render.handout.render_packet_parts`): the browser adds the cover, the
  contents and the numbering, never a case's content.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from kb.model.case import ID_PATTERN
from kb.model.module import Module
from kb.site.render.compare import MAX_CASES
from kb.site.render.handout import render_case_handout
from kb.site.render.module_page import render_exercise, segment_label
from kb.site.render.print_page import print_page_path, render_print_page
from kb.site.render.safe_text import inline
from kb.site.render.teaching import numbered

PACKET_TITLE = "阅读材料"
TRAY_PACKET_KEY = "compare/packet"


def packet_key(module: Module) -> str:
    return f"packets/{module.id}"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def render_cover(title: str, lines: list[str], day: dt.date) -> str:
    """Title, facts, the date and a blank for the trainer's name (both editable before printing)."""
    fields = [f'<label>日期：<input type="text" name="date" value="{chinese_date(day)}"></label>',
              '<label>主讲：<input type="text" name="trainer" placeholder="在此填写主讲人姓名"></label>']
    body = "  \n".join([*lines, *fields])
    return (f'<div class="kb-packet__cover" markdown>\n\n<p class="kb-packet__kind">{PACKET_TITLE}</p>\n\n'
            f"# {title}\n\n{body}\n\n</div>")


def render_contents(entries: list[tuple[str, str]]) -> str:
    return "## 目录 { #contents }\n\n" + "\n".join(f"{i}. [{label}](#{anchor})"
                                                   for i, (label, anchor) in enumerate(entries, start=1))


def render_module_packet(module: Module, day: dt.date) -> str:
    """The packet of one training module, as Markdown for :func:`render_print_page`."""
    headings = [f"{segment_label(i)}：{inline(item.case.title)}" for i, item in enumerate(module.cases)]
    parts = [
        render_cover(inline(module.title), [f"培训对象：{inline(module.audience)}",
                                             f"案例：{len(module.cases)} 个"], day),
        render_contents([*((heading, f"case-{i + 1}") for i, heading in enumerate(headings)),
                         ("讨论题", "questions"), ("小组练习", "exercise")]),
    ]
    parts += [render_case_handout(item.case, f"{heading} {{ #case-{i + 1} }}", level=2, questions=())
              for i, (item, heading) in enumerate(zip(module.cases, headings))]
    questions = ["## 讨论题 { #questions }"]
    for heading, item in zip(headings, module.cases):
        questions += [f"### {heading}", numbered(item.questions)]
    parts += ["\n\n".join(questions), render_exercise(module, anchor="exercise")]
    return '<div class="kb-packet" markdown>\n\n' + "\n\n".join(parts) + "\n\n</div>\n"


def render_tray_packet() -> str:
    """The shell of the tray's packet, filled in the browser (``?cases=<id>,<id>``)."""
    return (f'<div class="kb-packet" data-kb-packet data-kb-max="{MAX_CASES}" data-kb-id-pattern="{escape(ID_PATTERN)}">\n'
            '<p class="kb-compare__status" role="status">阅读材料由浏览器根据所选案例生成，需要启用 JavaScript。</p>\n'
            "</div>\n")


def render_packet_files(modules: list[Module], day: dt.date | None = None) -> dict[str, bytes]:
    day = day or dt.date.today()
    files = {print_page_path(packet_key(module)): render_print_page(
        render_module_packet(module, day), f"{PACKET_TITLE}：{module.title}", qr_for=print_page_path(packet_key(module)))
        for module in modules}
    files[print_page_path(TRAY_PACKET_KEY)] = render_print_page(
        render_tray_packet(), PACKET_TITLE, scripts=("assets/kb-compare.js",))
    return {path: text.encode("utf-8") for path, text in files.items()}
