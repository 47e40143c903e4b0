"""Plain text and Markdown: detect the encoding, one paragraph per line.

In Markdown, ``#`` headings keep their level and a line that opens with
``**bold**`` keeps its bold lead (news texts saved as Markdown mark run-in
practice leads that way).

Chinese documents saved on Windows are often GBK/GB18030 rather than UTF-8;
charset-normalizer chooses among the encodings such files really use, so a
short GBK file is not mistaken for a Western code page.
"""

from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from kb.importer.readers import Paragraph, RawDocument, UnreadableDocument

CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5"]
MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
MARKDOWN_BOLD = re.compile(r"\*\*(?P<bold>[^*]+)\*\*")
MARKDOWN_QUOTE = re.compile(r"^\s*>\s?")
MAX_MARKER_BEFORE_BOLD = 4  # 首先，**建立顾问队伍**。: a sequence word may stand before the bold lead
LEAD_PUNCTUATION = "。：:，,；;"


def read(path: Path) -> RawDocument:
    text, encoding = decode(path.read_bytes(), path)
    paragraphs = []
    for line in text.splitlines():
        heading = MARKDOWN_HEADING.match(line) if path.suffix.lower() == ".md" else None
        if heading:
            paragraphs.append(Paragraph(heading.group(2), heading_level=len(heading.group(1))))
        elif path.suffix.lower() == ".md":
            paragraphs.append(markdown_paragraph(line))
        else:
            paragraphs.append(Paragraph(line))
    return RawDocument(path=path, format="text", paragraphs=paragraphs, encoding=encoding, hard_wrapped=True)


def markdown_paragraph(line: str) -> Paragraph:
    """A Markdown line as text: ``>`` and ``**`` marks go, a bold lead is kept
    (``**一是规范组织设置。**按照…``, ``首先，**建立顾问队伍**。县司法局…``)."""
    line = MARKDOWN_QUOTE.sub("", line)
    bold = MARKDOWN_BOLD.search(line)
    text = MARKDOWN_BOLD.sub(lambda m: m.group("bold"), line)
    if not bold or len(line[: bold.start()].strip()) > MAX_MARKER_BEFORE_BOLD:
        return Paragraph(text)
    lead_end = bold.start() + len(bold.group("bold"))
    lead_end += 1 if text[lead_end:lead_end + 1] and text[lead_end] in LEAD_PUNCTUATION else 0
    lead, rest = text[:lead_end].strip(), text[lead_end:].strip()
    return Paragraph(text.strip(), bold=not rest, bold_lead=lead if rest else "")


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text and the name of the encoding it was read with."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig"), "UTF-8（带 BOM）"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise UnreadableDocument(f"{path}: 无法识别文件编码（不是 UTF-8、GBK/GB18030 或 Big5）；"
                                 "请用记事本或 WPS 打开后“另存为”UTF-8 编码再导入")
    return str(best), best.encoding.upper().replace("_", "-")
