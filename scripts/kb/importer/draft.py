"""Write one draft case file: frontmatter the validator accepts, and the body.

Everything the importer cannot know is a clearly marked placeholder or a
marked extract of the source (never a made-up fact); YAML comments tell the
reviewer which fields are guesses, and the review list at the top of the file
(:mod:`kb.importer.review`) says what to check first. The body is plain
Markdown without HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from kb.model import vocab
from kb.importer.figures import Figure
from kb.importer.outline import HEADING, MINOR, TEXT, Block, Outline
from kb.importer.county import CountyFinding, opening_sentences
from kb.importer.region import RegionGuess
from kb.importer.sections import heading_name
from kb.check.placeholders import PLACEHOLDER, placeholder_lines
from kb.model.case import CASE_FIELDS, SECTION_HEADINGS

EXTRACT_MARK = "（草稿摘录，待改写）"
MISSING_SECTION = "> 【待补充】导入时在原文中没有找到这一部分，请对照原文补充或确认原文确实没有。"
NO_PRACTICE = "【待填写】原文“主要做法”中没有找到小标题"
NO_TITLE = "导入时没有找到案例标题"


@dataclass
class Draft:
    case_id: str
    title: str  # "" when no title was found
    model: str
    county: CountyFinding
    outline: Outline
    figures: list[Figure]
    categories: list[str]  # guessed category for each practice
    status: str
    incomplete_note: str = ""
    source_title: str = ""
    source_publisher: str = ""
    source_date: str = ""
    source_notes: list[str] = field(default_factory=list)
    serial: int = 0  # the next free case number when the draft was written (kb.model.numbers)

    def practice_names(self) -> list[str]:
        section = self.outline.sections.get("主要做法")
        return [heading_name(h) for h in section.headings()] if section else []

    @property
    def region(self) -> RegionGuess | None:
        return self.county.region


def render_draft(draft: Draft, review: list[str]) -> str:
    """The draft file; ``review`` is the list of what to check, most important first."""
    return "---\n" + _frontmatter(draft, review) + "---\n\n" + render_body(draft.outline, draft.status) + "\n"


def placeholders_left(draft: Draft) -> int:
    """Fields the reviewer must still fill before the draft passes ``make validate``."""
    meta = yaml.safe_load(_frontmatter(draft, []))
    region = meta.get("region") or {}
    empty = sum(not region.get(key) for key in ("province", "county"))
    return empty + sum(PLACEHOLDER in text for text in _strings(meta))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _frontmatter(draft: Draft, review: list[str]) -> str:
    """The review list, then what the importer knows of each field (:data:`FIELD_LINES`, in the
    order a reviewer checks them), then a placeholder for each other required field of the model."""
    lines = ["# 导入工具生成的草稿：请对照原文逐项审核，带“草稿”“待”字样的内容需要改写。"]
    if review:
        lines.append("# 审核清单（先核对前面的）：")
        lines += [f"#   {number}. {_comment(item)}" for number, item in enumerate(review, 1)]
    for write in FIELD_LINES.values():
        lines += write(draft)
    lines += [line for spec in CASE_FIELDS if spec.required and spec.name not in FIELD_LINES
              for line in placeholder_lines(spec)]
    return "\n".join(lines) + "\n"


def _incomplete_note_lines(draft: Draft) -> list[str]:
    return [f"incomplete_note: {_scalar(draft.incomplete_note)}"] if draft.incomplete_note else []


def _source_lines(draft: Draft) -> list[str]:
    lines = ["source:", f"  title: {_scalar(draft.source_title or PLACEHOLDER)}"]
    if draft.source_publisher:
        lines.append(f"  publisher: {_scalar(draft.source_publisher)}")
    if draft.source_date:
        lines.append(f"  date: {draft.source_date}")
    lines.append(f"  note: {_scalar('；'.join(draft.source_notes))}")
    return lines


# What the importer writes for each field it knows something about, in the order the draft lists them.
FIELD_LINES: dict[str, Callable[[Draft], list[str]]] = {
    "id": lambda draft: [f"id: {_scalar(draft.case_id)}"],
    "title": lambda draft: [f"title: {_scalar(draft.title or PLACEHOLDER + NO_TITLE)}"],
    "model": lambda draft: [f"model: {_scalar(draft.model or PLACEHOLDER)}  # 草稿：取自标题，请改为创新做法的简称"],
    "region": lambda draft: _region_lines(draft.county),
    "status": lambda draft: [f"status: {draft.status}"],
    "incomplete_note": _incomplete_note_lines,
    "summary": lambda draft: [f"summary: {_scalar(EXTRACT_MARK + _first_sentences(draft.outline.intro))}"],
    "background": lambda draft: _list_lines(
        "background", _points(draft.outline, "背景") or ["【待填写】导入时没有找到“背景”一节"], "草稿：原文小标题或首句摘录"),
    "practices": lambda draft: _practice_lines(draft),
    "results": lambda draft: _result_lines(draft.figures),
    "lessons": lambda draft: _list_lines("lessons", _points(draft.outline, "启示"), "草稿：原文小标题或首句摘录"),
    "source": _source_lines,
    "serial": lambda draft: [f"serial: {draft.serial}  # 案例号：写草稿时的下一个空号；收入案例库时在 vocab/case-numbers.yml 登记，"
                             "与已收入的案例重复时改为下一个空号"] if draft.serial else [],
}


def _region_lines(finding: CountyFinding) -> list[str]:
    region = finding.region
    if region is None:
        return [f"region:  # {PLACEHOLDER}县级地区没有填写：{_comment(finding.basis)}",
                f"  province: {_scalar(finding.province)}", "  county: \"\""]
    comment = f"  # {_comment(finding.basis)}（把握：{finding.confidence}），请核对" if region.inferred else ""
    lines = ["region:" + comment, f"  province: {_scalar(region.province)}"]
    if region.city:
        lines.append(f"  city: {_scalar(region.city)}")
    lines.append(f"  county: {_scalar(region.county)}")
    return lines


def _comment(text: str) -> str:
    """Text safe inside a YAML comment line."""
    return " ".join(text.split())


def _practice_lines(draft: Draft) -> list[str]:
    names = draft.practice_names()
    section = draft.outline.sections.get("主要做法")
    lines = ["practices:"]
    if not names:
        return lines + [f"  - name: {_scalar(NO_PRACTICE)}", f"    category: {next(iter(vocab.categories()))}"
                        "  # 【待填写】", f"    summary: {_scalar(NO_PRACTICE)}"]
    headings = section.headings()
    for name, heading, category in zip(names, headings, draft.categories):
        first = section.paragraphs_after(heading)
        lines.append(f"  - name: {_scalar(name)}")
        lines.append(f"    category: {category}  # 草稿：按关键词猜测的分类，请核对")
        lines.append(f"    summary: {_scalar(EXTRACT_MARK + (_sentences(first[0])[0] if first else name))}")
    return lines


def _result_lines(figures: list[Figure]) -> list[str]:
    if not figures:
        return ["results:  # 【待填写】导入时没有找到数据", "  - indicator: \"【待填写】\"",
                "    value: 0", "    unit: \"【待填写】\""]
    lines = ["results:  # 草稿：自动提取的数字，请删去不是成效的项，并核对指标名称"]
    for figure in figures:
        lines.append(f"  - indicator: {_scalar(figure.indicator)}")
        lines.append(f"    value: {figure.value}")
        lines.append(f"    unit: {_scalar(figure.unit)}")
        if figure.as_stated:
            lines.append(f"    as_stated: {_scalar(figure.as_stated)}")
    return lines


def _list_lines(key: str, items: list[str], comment: str) -> list[str]:
    if not items:
        return [f"{key}: []"]
    return [f"{key}:  # {comment}"] + [f"  - {_scalar(item)}" for item in items]


def _points(outline: Outline, section_name: str) -> list[str]:
    """Sub-headings of a section, or the first sentence of its first paragraphs."""
    section = outline.sections.get(section_name)
    if section is None:
        return []
    headings = section.headings()
    if headings:
        return [heading_name(h) + "。" for h in headings]
    texts = [b.text for b in section.blocks if b.kind == TEXT][:3]
    return [_sentences(text)[0] for text in texts]


def _first_sentences(blocks: list[Block]) -> str:
    """The opening sentences, without a byline or an editor's note."""
    return opening_sentences([b.text for b in blocks if b.kind == TEXT]) or PLACEHOLDER


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？]+[。！？]?[”’」』]?", text) if s.strip()] or [text]


def render_body(outline: Outline, status: str) -> str:
    parts = [_block(b) for b in outline.intro]
    for name in SECTION_HEADINGS:
        section = outline.sections.get(name)
        if section is None:
            if status != "incomplete":
                parts += [f"## {name}", MISSING_SECTION]
            continue
        parts.append(f"## {name}")
        parts += [_block(b) for b in section.blocks]
    return "\n\n".join(parts)


def _block(block: Block) -> str:
    text = escape_markdown(block.text)
    if block.kind == HEADING:
        return f"### {text}"
    if block.kind == MINOR:
        return f"**{text}**"
    return text


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
BLOCK_START = re.compile(r"^(#|>|[-+=]\s|\d+[.)]\s)")


def escape_markdown(text: str) -> str:
    """Source text shown literally: no emphasis, links, HTML or lists by accident."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return "\\" + text if BLOCK_START.match(text) else text


def _scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style=None)
    return dumped.removesuffix("\n...\n").strip()
