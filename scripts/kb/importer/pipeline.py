"""Run the stages over files and folders; write drafts; never overwrite without ``force``."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from kb.importer import clean, sections
from kb.importer.categories import guess_category
from kb.importer.county import find_county
from kb.importer.draft import Draft, placeholders_left, render_draft
from kb.model.numbers import next_free_number
from kb.importer.figures import extract_figures
from kb.importer.draft_id import case_id
from kb.importer.outline import TEXT, Outline, outline_case
from kb.importer.readers import CONVERT_FIRST, RawDocument, UnreadableDocument, read_document, supported_suffixes
from kb.importer.import_report import CaseReport, FileReport, review_table
from kb.importer.review import review_items
from kb.importer.split import CaseText, split_cases
from kb.importer.traditional import simplified, to_simplified
from kb.paths import BUILD_DIR, default_cases_dir

# Site names that identify the publisher when they appear in removed boilerplate
KNOWN_SITES = ("冰豆网", "道客巴巴", "豆丁网", "豆丁", "原创力文档", "人民网", "中国共产党新闻网", "共产党员网",
               "新华网", "百度文库", "360文库", "淘豆网", "文档投稿赚钱网")
DATE = re.compile(r"(20\d\d|19\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")


def import_documents(src: Path, out: Path, force: bool = False, progress: bool = True) -> list[FileReport]:
    """Import one file or every supported file in a folder into draft case files in ``out``."""
    src, out = Path(src), Path(out)
    # In a folder: every file the importer reads, and the PDF/.doc files it cannot (reported with
    # what to do, never passed over in silence); drafts written inside SRC are not sources.
    wanted = supported_suffixes() + tuple(CONVERT_FIRST)
    files = [src] if src.is_file() else sorted(
        p for p in src.rglob("*") if p.is_file() and p.suffix.lower() in wanted
        and not p.resolve().is_relative_to(out.resolve()))
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    if progress and len(files) > 1:
        from tqdm import tqdm

        files = tqdm(files, desc="导入", unit="个文件", file=sys.stderr)
    return [import_file(path, out, force, taken) for path in files]


REPORT_NAME = "导入报告"


def write_review_table(reports: list[FileReport], out: Path, force: bool = False) -> tuple[Path, str]:
    """Write the review table beside the drafts; return where and the table.

    An earlier report is kept unless ``force`` (the next free ``导入报告-2.md``…).
    The case library's own folder holds case files only (``make validate`` reports
    anything else), so when the drafts went there the table goes to ``build/``.
    """
    table = review_table(reports, out)
    folder = BUILD_DIR if Path(out).resolve() == default_cases_dir().resolve() else Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    target, number = folder / f"{REPORT_NAME}.md", 2
    while target.exists() and not force:
        target, number = folder / f"{REPORT_NAME}-{number}.md", number + 1
    target.write_text(table, encoding="utf-8")
    return target, table


def import_file(path: Path, out: Path, force: bool = False, taken: set[str] | None = None) -> FileReport:
    report = FileReport(path=path)
    try:
        document = read_document(path)
    except UnreadableDocument as error:
        report.error = str(error)
        return report
    report.format, report.encoding = document.format, document.encoding
    paragraphs, report.converted_traditional = to_simplified(document.paragraphs)
    paragraphs, markup = clean.strip_markup_remnants(paragraphs)
    paragraphs, boilerplate = clean.strip_boilerplate(paragraphs)
    paragraphs, running_heads = clean.strip_running_heads(clean.drop_blank(paragraphs), sections.is_structural)
    report.removed = ([clean.Removed("网页导航和页眉页脚", text) for text in document.dropped] + markup + boilerplate
                      + running_heads)
    preamble, cases = split_cases(paragraphs, document.title)
    report.unclassified = [p.text.strip() for p in preamble]
    cases = [case for case in cases if case.paragraphs]
    if not cases:
        report.error = "文件中没有找到案例正文（可能是空文件，或只有网站附加内容）"
        return report
    truncated = any(item.kind == "截断提示" for item in boilerplate) or _ends_with_read_more(boilerplate)
    taken = set() if taken is None else taken
    collection = _collection_title(preamble) if len(cases) > 1 else ""
    for index, case_text in enumerate(cases):
        draft = build_draft(document, case_text, report,
                            truncated=truncated and index == len(cases) - 1, collection=collection)
        report.cases.append(_write(draft, out, force, taken))
    return report


def build_draft(document: RawDocument, case_text: CaseText, report: FileReport, truncated: bool,
                collection: str = "") -> Draft:
    paragraphs = case_text.paragraphs
    if document.hard_wrapped:
        paragraphs = clean.join_hard_breaks(paragraphs, sections.is_structural)
    paragraphs = [replace(p, text=_tidy(p.text), bold_lead=_tidy(p.bold_lead)) for p in paragraphs]
    outline = outline_case(paragraphs)
    title = _tidy(case_text.title)
    texts = [b.text for b in outline.all_blocks()]
    opening = [b.text for b in outline.intro if b.kind == TEXT] or texts[:1]
    county = find_county(case_text.region, title, opening, texts)
    model = _model(title)
    status, note = _status(outline, texts, truncated)
    categories = [guess_category(heading + "".join(section_text[:1]))
                  for heading, section_text in _practice_texts(outline)]
    return Draft(
        case_id=case_id(county.region, model, "\n".join(texts)), title=title, model=model, county=county,
        outline=outline, figures=extract_figures("\n".join(texts)), categories=categories, status=status,
        incomplete_note=note,
        source_title=document.title or _file_name_line(report) or collection or title,
        source_publisher=_publisher(report),
        source_date=_upload_date(report),
        source_notes=_source_notes(document, case_text, outline, report),
    )


def _tidy(text: str) -> str:
    """PDF figures repaired, then the scrape's ASCII punctuation made full-width again."""
    return clean.restore_fullwidth(clean.tidy_numbers(text.strip()))


def _practice_texts(outline: Outline) -> list[tuple[str, list[str]]]:
    section = outline.sections.get("主要做法")
    return [(h, section.paragraphs_after(h)) for h in section.headings()] if section else []


def _status(outline: Outline, texts: list[str], truncated: bool) -> tuple[str, str]:
    """``incomplete`` when the text visibly breaks off: the last paragraph has no closing punctuation."""
    last = texts[-1] if texts else ""
    if texts and (not clean.ends_sentence(last) or truncated):
        where = next((s.heading_as_written for s in reversed(outline.sections.values())), "正文")
        missing = outline.missing()
        note = f"原文在“{where}”一节的“{last[-15:]}”处中断"
        note += f"，缺少{'、'.join(missing)}部分" if missing else ""
        return "incomplete", note + "（导入工具判断，请核对）。"
    return "draft", ""


def _model(title: str) -> str:
    quoted = re.findall(r"“([^”]{2,12})”", title)
    return quoted[-1] if quoted else title


def _collection_title(preamble: list) -> str:
    """The title line above the cases of a compilation (《…案例选编》)."""
    first = next((p.text.strip() for p in preamble if p.text.strip()), "")
    return first if first and len(first) <= 40 and not clean.ends_sentence(first) else ""


def _file_name_line(report: FileReport) -> str:
    """Scraped pages name the shared file (``全国基层党建创新典型案例2.docx``); that is the source title."""
    return next((item.text for item in report.removed if item.kind == "文件名"), "")


def _publisher(report: FileReport) -> str:
    removed = " ".join(item.text for item in report.removed)
    return next((site for site in KNOWN_SITES if site in removed), "")


def _upload_date(report: FileReport) -> str:
    for item in report.removed:
        if item.kind in ("上传信息", "责编和来源", "公众号信息") or "时间" in item.text:
            match = DATE.search(item.text)
            if match:
                year, month, day = match.groups()
                return f"{year}-{int(month):02d}-{int(day):02d}"
    return ""


def _ends_with_read_more(removed: list[clean.Removed]) -> bool:
    return any(item.text in ("展开阅读全文", "阅读全文") or "还剩" in item.text for item in removed)


def _source_notes(document: RawDocument, case_text: CaseText, outline: Outline, report: FileReport) -> list[str]:
    notes = [f"由导入工具从文件“{document.path.name}”生成的草稿，尚未审核"]
    if case_text.header:
        notes.append("原文案例标题：" + " ".join(line.strip() for line in case_text.header))
    headings = [f"{s.heading_as_written}→{name}" for name, s in outline.sections.items()]
    if headings:
        notes.append("原文章节标题：" + "，".join(headings))
    if report.converted_traditional:
        original = " ".join(line.strip() for line in case_text.header) or document.title
        notes.append(f"原文为繁体字，已用 OpenCC 转为简体；原文标题（繁体）：{_original(document, original)}")
    if report.removed:
        notes.append(f"去掉了网站附加的内容 {len(report.removed)} 处（页码条、下载提示、版权信息等）")
    return notes


def _original(document: RawDocument, simplified_text: str) -> str:
    """The Traditional-character line the simplified header was converted from."""
    for paragraph in document.paragraphs:
        if simplified(paragraph.text).strip() and simplified(paragraph.text).strip() in simplified_text:
            return paragraph.text.strip()
    return document.title


def _write(draft: Draft, out: Path, force: bool, taken: set[str]) -> CaseReport:
    case_id = draft.case_id
    suffix = 2
    while case_id in taken:
        case_id, suffix = f"{draft.case_id}-{suffix}", suffix + 1
    taken.add(case_id)
    draft.case_id = case_id
    target = out / f"{case_id}.md"
    finding = draft.county
    review = review_items(draft)
    report = CaseReport(
        title=draft.title, region=finding.label, confidence=finding.confidence,
        region_note=finding.basis if finding.region else f"{finding.basis}（请手工填写 region）",
        sections_found={name: s.heading_as_written for name, s in draft.outline.sections.items()},
        sections_missing=draft.outline.missing(), practices=len(draft.practice_names()),
        figures=len(draft.figures), placeholders=placeholders_left(draft), review=review,
        status=draft.status, target=target)
    if target.exists() and not force:
        report.skipped_reason = "文件已存在，没有覆盖（确认要覆盖时加 --force，make 命令加 FORCE=1）"
        return report
    # after the drafts written before it, in the cases folder or the drafts folder
    draft.serial = max(next_free_number(default_cases_dir()), next_free_number(out))
    target.write_text(render_draft(draft, review), encoding="utf-8")
    report.written = True
    return report
