"""Turn raw case documents (scraped pages, .docx, plain text) into draft case files.

Python API: :func:`import_documents`. Command line: ``python -m kb import SRC
[--out DIR] [--force]`` (``make import SRC=…``). Stages, one module each:

    readers/   read .txt/.md (encoding detection), .docx, .html into paragraphs
    traditional  Traditional -> Simplified (OpenCC)
    clean      strip site boilerplate (recorded), join hard line breaks, full-width punctuation
    split      one document, several cases, at headers such as ``湖北兴山:``
    region     province/city/county through a gazetteer
    sections   recognise section headings and sub-headings
    outline    arrange paragraphs under 背景/主要做法/成效/启示
    figures    number + unit + what it counts
    categories guess each practice's category
    ids        case id from the region and title (pinyin)
    draft      write the draft file
    report     what happened, per file
"""

from __future__ import annotations

from pathlib import Path

from kb.importer.pipeline import import_documents, import_file

__all__ = ["import_documents", "import_file"]
