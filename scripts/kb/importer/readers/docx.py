"""Word ``.docx`` files through python-docx: paragraphs with heading styles and bold runs."""

from __future__ import annotations

import re
from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError

from kb.importer.readers import Paragraph, RawDocument, UnreadableDocument

# English and Chinese Word builds name the styles differently
HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


def read(path: Path) -> RawDocument:
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(f"{path}: 不是有效的 .docx 文件（{error}）；"
                                 "旧版 .doc 文件请先用 Word/WPS 另存为 .docx") from None
    paragraphs = [_paragraph(p) for p in document.paragraphs]
    return RawDocument(path=path, format="docx", paragraphs=paragraphs, encoding="docx",
                       title=document.core_properties.title or "", hard_wrapped=False)


def _paragraph(paragraph) -> Paragraph:
    style = paragraph.style.name if paragraph.style is not None else ""
    match = HEADING_STYLE.match(style or "")
    level = int(match.group(1)) if match else (1 if style == "Title" else 0)
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold_flags = [_is_bold(run, paragraph) for run in runs]
    whole_bold = bool(runs) and all(bold_flags)
    lead = ""
    if runs and not whole_bold and bold_flags[0]:
        for run, bold in zip(runs, bold_flags):
            if not bold:
                break
            lead += run.text
    return Paragraph(paragraph.text, heading_level=level, bold=whole_bold, bold_lead=lead.strip())


def _is_bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style_font = paragraph.style.font if paragraph.style is not None else None
    return bool(style_font is not None and style_font.bold)
