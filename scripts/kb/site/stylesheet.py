"""The site's own stylesheet, ``assets/kb.css``, joined at build time from its parts.

The rules are kept by concern in ``docs/assets/css/`` (base, projector mode, cross-index views,
search box, reading aids, the trainer's workbench, the case form, the draft banner) and served as
one file: a page waits for one stylesheet of ours, which counts on a slow 4G phone (Lighthouse,
BENCHMARKS.md). The parts are joined in the order of their names, ``NN-name.css``. That order is
the cascade's (of two rules of equal specificity the later one wins), so a part's number is part
of its meaning: a new part goes where its rules belong in that order.

Every build (``make build``, ``serve``, ``pdf``, ``offline``) writes the joined file through
:func:`kb.site.generate.render_site_files`; the parts themselves are not published. The CSS gates
(``tests/test_stylesheets.py``: stylelint and the Nu checker's CSS mode) check each part, so an
unclosed block is reported in the part that opens it and cannot swallow the parts after it.
"""

from __future__ import annotations

import re

from kb.check.problems import RefusedToBuild

PARTS_DIR = "assets/css"  # in docs/
STYLESHEET = "assets/kb.css"  # in the site: extra_css in mkdocs.yml, the print pages (render/print_page.py)
PART_NAME = re.compile(r"[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.css")
HEADER = ("/* 基层党建创新案例库 — site styles on top of Material. Joined by python -m kb build (kb.site.stylesheet)\n"
          "   from the parts in docs/assets/css/, in the order of their names; edit the parts, not this file. */\n")


class StylesheetPartMisnamed(RefusedToBuild):
    def __init__(self, names: list[str]):
        super().__init__(f"docs/{PARTS_DIR}/ 中的 {'、'.join(names)} 不能并入样式表：文件名要写成“两位数字-名称.css”"
                         "（如 45-example.css），数字决定它在 kb.css 中的位置，即层叠顺序（见 scripts/kb/site/stylesheet.py）")


class StylesheetWrittenByHand(RefusedToBuild):
    def __init__(self):
        super().__init__(f"docs/{STYLESHEET} 由 docs/{PARTS_DIR}/ 中的各部分在构建时生成，不能手写："
                         "请把其中的规则移到相应的部分，并删除这个文件")


def stylesheet_files(copied: dict[str, bytes]) -> dict[str, bytes]:
    """``copied`` (the files of ``docs/`` by relative path) with the parts replaced by the
    stylesheet they make."""
    if STYLESHEET in copied:
        raise StylesheetWrittenByHand()
    parts = {path[len(PARTS_DIR) + 1:]: data for path, data in copied.items() if path.startswith(PARTS_DIR + "/")}
    files = {path: data for path, data in copied.items() if not path.startswith(PARTS_DIR + "/")}
    files[STYLESHEET] = join_stylesheet(parts)
    return files


def join_stylesheet(parts: dict[str, bytes]) -> bytes:
    """The served stylesheet: a header, then each part (by file name) as it is, in the order of
    the names, after a comment naming its file."""
    misnamed = sorted(name for name in parts if not PART_NAME.fullmatch(name))
    if misnamed:
        raise StylesheetPartMisnamed(misnamed)
    chunks = [HEADER.encode("utf-8")]
    for name in sorted(parts):
        text = parts[name]
        chunks += [f"\n/* ---- docs/{PARTS_DIR}/{name} ---- */\n".encode("utf-8"), text,
                   b"" if text.endswith(b"\n") else b"\n"]
    return b"".join(chunks)
