"""Turn raw case documents (scraped pages, .docx, plain text) into draft case files.

Python API: :func:`import_documents`. Command line: ``python -m kb import SRC
[--out DIR] [--force]`` (``make import SRC=…``). Stages, one module each:

    readers/   read .txt/.md (encoding detection), .docx, .html into paragraphs
    traditional  Traditional -> Simplified (OpenCC)
    clean      strip site boilerplate (recorded), join hard line breaks, full-width punctuation
    split      one document, several cases, at headers such as ``湖北兴山:``
    region     place names in text, resolved through a gazetteer
    county     which county the case is about, only on evidence
    sections   recognise section headings and sub-headings
    runin      practices written inline (一是……；二是……, 【】 leads)
    outline    arrange paragraphs under 背景/主要做法/成效/启示
    figures    number + unit + what it counts
    categories guess each practice's category
    draft_id   case id from the region and title (pinyin), never the file name
    draft      write the draft file
    review     what the reviewer should check first
    import_report  what happened, per file, and the review table per draft
"""

from __future__ import annotations

from pathlib import Path

from kb.importer.pipeline import import_documents, import_file, write_review_table

__all__ = ["import_documents", "import_file", "write_review_table"]
