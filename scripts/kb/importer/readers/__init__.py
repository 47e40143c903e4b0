"""Readers turn one source file into paragraphs, whatever its format.

Each format has its own module with a ``read(path) -> RawDocument`` function;
:func:`read_document` picks one by file suffix. Readers only extract text and
the formatting that marks headings (Word heading styles, bold runs, HTML
``<h1>``–``<h6>``, Markdown ``#``); judging what the text means is left to the
later stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading_level: int = 0  # 1–6 from a heading style, 0 for body text
    bold: bool = False  # the whole paragraph is bold
    bold_lead: str = ""  # bold text that opens the paragraph, e.g. “一是服务需求大。”


@dataclass
class RawDocument:
    path: Path
    format: str  # "text", "docx", "html"
    paragraphs: list[Paragraph]
    encoding: str = ""
    title: str = ""  # the document's own title when the format carries one
    # True when a line break in the source may sit inside a paragraph (plain
    # text copied from PDF or a web page); False for Word paragraphs.
    hard_wrapped: bool = True
    dropped: list[str] = field(default_factory=list)  # page furniture the reader left out (HTML nav, footer)


class UnreadableDocument(Exception):
    """The file cannot be read; the message is in Chinese and names the fix."""


def supported_suffixes() -> tuple[str, ...]:
    return tuple(_readers())


# What to do with the formats contributors most often have but the importer cannot read
CONVERT_FIRST = {
    ".pdf": "请在 PDF 阅读器中全选、复制文字，粘贴到记事本另存为 .txt（UTF-8）后再导入",
    ".doc": "请用 Word 或 WPS 打开后另存为 .docx 再导入",
    ".wps": "请用 WPS 打开后另存为 .docx 再导入",
}


def read_document(path: Path) -> RawDocument:
    reader = _readers().get(path.suffix.lower())
    if reader is None:
        hint = CONVERT_FIRST.get(path.suffix.lower(), "")
        raise UnreadableDocument(f"不支持的文件类型“{path.suffix}”；可导入 " + "、".join(supported_suffixes())
                                 + (f"。{hint}" if hint else ""))
    return reader(path)


def _readers():
    from kb.importer.readers import docx, html, text

    return {".txt": text.read, ".md": text.read, ".docx": docx.read, ".html": html.read, ".htm": html.read}
