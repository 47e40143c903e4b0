"""What the importer did: a report per file, printed for the person who ran it, and the
review table (:func:`review_table`) with one row per draft, printed and written beside
the drafts, the drafts that need the most work first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kb.importer.clean import Removed


@dataclass
class CaseReport:
    title: str
    region: str  # full label, empty when not found
    region_note: str  # where the region came from, or why it was left empty
    sections_found: dict[str, str]  # fixed name -> heading as written
    sections_missing: list[str]
    practices: int
    figures: int
    status: str
    confidence: str = ""  # 高 / 中, "" when the county was left empty
    placeholders: int = 0  # fields still to fill before the draft validates
    review: list[str] = field(default_factory=list)  # what to check, most important first
    target: Path | None = None
    written: bool = False
    skipped_reason: str = ""


@dataclass
class FileReport:
    path: Path
    format: str = ""
    encoding: str = ""
    converted_traditional: bool = False
    cases: list[CaseReport] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and all(case.written for case in self.cases)

    def format_text(self) -> str:
        lines = [f"== {self.path}（{self.format or '?'}，{self.encoding or '?'}）"]
        if self.error:
            return "\n".join(lines + [f"  未导入：{self.error}"])
        if self.converted_traditional:
            lines.append("  原文含繁体字，已转为简体（原标题记在 source.note）")
        lines.append(f"  找到 {len(self.cases)} 个案例")
        for number, case in enumerate(self.cases, 1):
            lines += _case_lines(number, case)
        if self.removed:
            counts = Counter(item.kind for item in self.removed)
            lines.append(f"  去掉网站附加内容 {len(self.removed)} 处："
                         + "、".join(f"{kind} {count}" for kind, count in counts.items()))
            lines += [f"    - [{item.kind}] {_short(item.text)}" for item in self.removed]
        if self.unclassified:
            lines.append(f"  未归入任何案例的文字 {len(self.unclassified)} 段（请确认不是案例内容）：")
            lines += [f"    - {_short(text)}" for text in self.unclassified]
        return "\n".join(lines)


def _case_lines(number: int, case: CaseReport) -> list[str]:
    found = "；".join(f"{name}←“{_short(written, 20)}”" for name, written in case.sections_found.items())
    lines = [f"  [{number}] {case.title}",
             f"      地区：{case.region or '未填写'}（{case.region_note}）",
             f"      章节：{found or '无'}；缺少：{'、'.join(case.sections_missing) or '无'}",
             f"      做法 {case.practices} 项，数据 {case.figures} 项，待填 {case.placeholders} 处，状态 {case.status}"]
    if case.written:
        lines.append(f"      已写入 {case.target}")
    else:
        lines.append(f"      未写入 {case.target}：{case.skipped_reason}")
    return lines


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def summary_line(reports: list[FileReport]) -> str:
    cases = [case for report in reports for case in report.cases]
    written = sum(case.written for case in cases)
    failed = sum(bool(report.error) for report in reports)
    text = f"导入完成：{len(reports)} 个文件，找到 {len(cases)} 个案例，写入 {written} 个草稿"
    if written < len(cases):
        text += f"，{len(cases) - written} 个未写入"
    if failed:
        text += f"，{failed} 个文件无法读取"
    return text + "。草稿需人工审核后再把 status 改为 complete。"


REVIEW_COLUMNS = ("源文件", "草稿", "县级地区（把握）", "做法", "数据", "待填", "先核对")


def review_table(reports: list[FileReport], out: Path) -> str:
    """The import report as a Markdown table, one row per draft (and per file that gave none),
    sorted so the drafts that need the most work come first."""
    rows = []
    for report in reports:
        source = _cell(report.path.name)
        if report.error:
            rows.append(((2, 0, 0), [source, "（未导入）", "", "", "", "", _cell(report.error)]))
        for case in report.cases:
            draft = case.target.name if case.target else ""
            if not case.written:
                draft += "（未写入：文件已存在）"
            region = f"{case.region}（{case.confidence}）" if case.region else "未填写"
            first = case.review[0] if case.review else ""
            work = (1 if not case.region else 0, case.placeholders, -case.practices)
            rows.append((work, [source, _cell(draft), region, str(case.practices), str(case.figures),
                                str(case.placeholders), _cell(first)]))
    rows.sort(key=lambda row: row[0], reverse=True)
    cases = sum(len(report.cases) for report in reports)
    lines = [f"# 导入报告：{len(reports)} 个文件，{cases} 个草稿", "",
             f"草稿在 {out}。按需要的工作量排序，最需要修改的在前；每个草稿开头的“审核清单”列出全部要核对的地方。"
             "“待填”是通过 make validate 之前还要填写的字段数。", "",
             "| " + " | ".join(REVIEW_COLUMNS) + " |", "|" + " --- |" * len(REVIEW_COLUMNS)]
    lines += ["| " + " | ".join(cells) + " |" for _, cells in rows]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "｜")
