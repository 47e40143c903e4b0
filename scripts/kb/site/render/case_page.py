"""The page of one case: summary card, practices overview, narrative, source."""

from __future__ import annotations

import re

from kb.model.case import STATUS_LABELS, Case
from kb.site.incremental import per_case
from kb.site.render.case_trust import review_badge
from kb.site.render.edit_link import render_edit_line
from kb.site.render.teaching import render_case_teaching, render_handout_bar
from kb.site.render.page_meta import front_matter
from kb.site.render.print_page import print_page_path
from kb.site.render.safe_text import inline, narrative, plain
from kb.model.vocab import EVIDENCE_UNKNOWN_LABEL, Category, evidence_kinds, evidence_label
from kb.model.numbers import number_label
from kb.site.render.citation import render_citation
from kb.site.render.teacher_notes import render_case_notes
from kb.site.render.use_record import render_use_record

SECTION_RE = re.compile(r"^##[ \t]+(\S.*?)[ \t]*$", re.MULTILINE)
SUBHEADING_RE = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.MULTILINE)

INCOMPLETE_NOTICE = "本案例的来源文本不完整，以下只收录了来源中实际存在的内容，缺失部分没有补写。"
DRAFT_NOTICE = "本案例由导入工具生成，尚未经人工审核，内容和数据可能有误。"


def practice_anchor(index: int) -> str:
    """Stable anchor of the ``index``-th practice (0-based) on its case page: its item in 做法一览,
    which the page has for every practice of the front matter, whatever the body's headings."""
    return f"practice-{index + 1}"


def practice_text_anchor(index: int) -> str:
    """Anchor of the narrative's ``index``-th ``###`` heading under ``## 主要做法`` (0-based), if it has one."""
    return f"practice-{index + 1}-text"


@per_case
def render_case_page(case: Case, categories: dict[str, Category], handouts: bool = True) -> str:
    """The page's Markdown; ``handouts``: with the 打印讲义 bar (a draft in the preview has no handout yet)."""
    parts = [
        front_matter(title=plain(f"{case.title}（{case.region.county}）"), description=plain(case.summary)),
        f"# {inline(case.title)} {{ .kb-case }}",  # marks case pages for kb.site.mdext.glossary_links
        render_status_notice(case),
        render_card(case, categories),
        render_handout_bar(f"../{print_page_path('cases/' + case.id)}", f"cases/{case.id}", projector=True, case=case)
        if handouts else "",
        render_class_links(case) if handouts else "",  # kb.site.render.class_version
        render_practice_overview(case, categories),
        render_case_teaching(case),
        render_case_notes(case),  # the 教师版 only (kb.site.render.teacher_notes)
        render_narrative(case),
        render_source(case),
        render_use_record(case),  # kb.site.render.use_record
        render_citation(case),  # kb.site.render.citation
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def render_class_links(case: Case) -> str:
    from kb.site.render.class_version import render_class_links as links  # it renders from this module's parts

    return links(case)


def render_status_notice(case: Case) -> str:
    if case.status == "incomplete":
        note = f"{inline(case.incomplete_note)}" if case.incomplete_note else ""
        return f'!!! warning "原文不完整"\n\n    {note}{INCOMPLETE_NOTICE}'
    if case.status == "draft":
        return f'!!! note "草稿"\n\n    {DRAFT_NOTICE}'
    return ""


def render_card(case: Case, categories: dict[str, Category]) -> str:
    facts = [
        ("地区", inline(case.region.label)),
        ("模式", inline(case.model)),
        ("状态", STATUS_LABELS[case.status]),
        *((("案例号", number_label(case.serial)),) if case.serial else ()),
        ("审核", review_badge(case)),
        ("做法分类", " ".join(category_chip(key, categories) for key in case.categories)),
    ]
    lines = ['<div class="case-card" markdown>', ""]
    lines += [f"**{label}**：{value}  " for label, value in facts]
    lines += ["", inline(case.summary), ""]
    lines += [render_figures_table(case), "", "</div>"]
    return "\n".join(lines)


def category_chip(key: str, categories: dict[str, Category]) -> str:
    return f"[{inline(categories[key].label)}](../practices/index.md#{key}){{ .kb-chip }}"


def render_figures_table(case: Case) -> str:
    """Key figures with where each comes from (出处), and what those labels mean."""
    if not case.results:
        return "本案例来源中没有可列出的成效数据。"
    rows = ["| 指标 | 数据 | 出处 | 说明 |", "| --- | --- | --- | --- |"]
    rows += [f"| {inline(r.indicator)} | {inline(r.figure)} | {inline(evidence_label(r.evidence))} | {inline(r.note)} |"
             for r in case.results]
    return "**关键数据**\n\n" + "\n".join(rows) + "\n\n" + render_evidence_legend(case)


def evidence_notes(case: Case) -> list[str]:
    """What each evidence label the case's figures use means (plain text, one per label)."""
    kinds = evidence_kinds()
    return [f"“{kinds[key].label}”指{kinds[key].definition}" if key in kinds
            else f"“{EVIDENCE_UNKNOWN_LABEL}”指案例文件没有写明这个数字从哪里来。"
            for key in dict.fromkeys(r.evidence for r in case.results)]


def render_evidence_legend(case: Case) -> str:
    """One line per evidence label the figures use: how far a reader can trust them."""
    lines = [inline(note) for note in evidence_notes(case)]
    return '<div class="kb-evidence-legend" markdown>\n\n**出处**：' + "  \n".join(lines) + "\n\n</div>"


def render_practice_overview(case: Case, categories: dict[str, Category]) -> str:
    """One item per practice of the front matter, carrying its anchor (``practice-N``, the target of
    the index views' links); the name links to the narrative's heading of that practice when the body
    has one (the body is the source's text and need not mark its practices with ``###``)."""
    headings = len(practice_headings(case.body))
    lines = ["## 做法一览", ""]
    for index, practice in enumerate(case.practices):
        chips = " ".join(category_chip(key, categories) for key in practice.categories)
        name = (f"[{inline(practice.name)}](#{practice_text_anchor(index)})" if index < headings
                else f"**{inline(practice.name)}**")
        # attr_list's block form: on the item's last line, the id goes on the <li>
        lines += [f"{index + 1}. {name}：{inline(practice.summary)} {chips}", f"    {{ #{practice_anchor(index)} }}"]
    return "\n".join(lines)


def render_narrative(case: Case) -> str:
    """The original text, raw HTML disabled, with stable anchors on practice headings.

    Text before the first ``##`` (the source's lead paragraphs) goes under 引言.
    """
    body = _add_practice_anchors(narrative(case.body).strip())
    if not body.startswith("## "):
        body = "## 引言\n\n" + body
    return body


def _practices_section(body: str) -> tuple[int, int] | None:
    """Where the ``## 主要做法`` section of ``body`` starts and ends."""
    sections = list(SECTION_RE.finditer(body))
    for position, section in enumerate(sections):
        if section.group(1) == "主要做法":
            return section.start(), sections[position + 1].start() if position + 1 < len(sections) else len(body)
    return None


def practice_headings(body: str) -> list[str]:
    """The ``###`` headings under ``## 主要做法``, in order."""
    span = _practices_section(body)
    return SUBHEADING_RE.findall(body, *span) if span else []


def _add_practice_anchors(body: str) -> str:
    """Give the n-th ``###`` under ``## 主要做法`` the id ``practice-n-text``."""
    span = _practices_section(body)
    if span is None:
        return body
    start, end = span
    counter = iter(range(1000))
    block = SUBHEADING_RE.sub(lambda m: f"### {m.group(1)} {{ #{practice_text_anchor(next(counter))} }}", body[start:end])
    return body[:start] + block + body[end:]


def render_source(case: Case) -> str:
    source = case.source
    lines = ["## 来源", "", "以上“引言”“背景”“主要做法”“成效”“启示”各节为来源原文，保留原文措辞。", "", f"- 标题：{inline(source.title)}"]
    if source.publisher:
        lines.append(f"- 发布：{inline(source.publisher)}")
    if source.date:
        lines.append(f"- 日期：{inline(source.date)}")
    if source.url:
        lines.append(f"- 网址：{inline(source.url)}")
    if source.note:
        lines.append(f"- 说明：{inline(source.note)}")
    lines.append(render_edit_line(case.path))
    return "\n".join(lines)
