"""MkDocs' warnings about pages generated from case files, in Chinese and naming the case file.

``make validate`` is meant to catch everything that would make the strict build warn
(kb.check.markup, kb.check.anchors). Should MkDocs still warn about a page generated from a
case (``cases/<id>.md`` in the rendered folder), the contributor gets the warning as a problem
of their file, in the validator's format (``路径:行: 字段: 说明（建议）``, and as a GitHub
annotation on the pull request), not MkDocs' English about a generated page they never wrote.
Warnings about other pages are the maintainers' and are passed on as MkDocs wrote them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from kb.check.anchors import ANCHOR_HINT
from kb.check.load import display_path
from kb.check.markup import LINK_HINT
from kb.check.problems import Problem, RefusedToBuild

_DOC = r"Doc file '(?P<page>[^']+)' contains"
# MkDocs 1.6's warnings about links (mkdocs.structure.pages), most specific first.
PATTERNS = [
    ("missing-anchor", re.compile(_DOC + r" a link '(?P<url>[^']*)', but the doc '(?P<target>[^']+)' "
                                  r"does not contain an anchor '#(?P<anchor>[^']*)'")),
    ("missing-anchor", re.compile(_DOC + r" a link '(?P<url>[^']*)', but there is no such anchor on this page")),
    ("unrecognized-link", re.compile(_DOC + r" an unrecognized relative link '(?P<url>[^']*)'")),
    ("unrecognized-link", re.compile(_DOC + r" an absolute link '(?P<url>[^']*)'")),
    ("missing-link-target", re.compile(_DOC + r" a link '(?P<url>[^']*)', but the target.* is not found")),
]
CASE_PAGE_RE = re.compile(r"cases/(?P<id>[^/']+)\.md")
REPORT = "make validate 本应先发现这个问题，请把这条信息告诉维护者"


def case_page_id(page: str) -> str | None:
    """The case id of a generated case page (``cases/<id>.md``), None for any other page."""
    match = CASE_PAGE_RE.fullmatch(page)
    return match.group("id") if match and match.group("id") != "index" else None


def translate(message: str, cases_dir: Path) -> Problem | None:
    """The warning ``message`` as a problem of the case file it concerns; None if it concerns none."""
    for code, pattern in PATTERNS:
        match = pattern.match(message)
        if match:
            return _link_problem(code, match, cases_dir)
    for found in CASE_PAGE_RE.finditer(message):
        if case_page_id(found.group(0)):
            return _problem(cases_dir, found.group("id"), "", "build-warning",
                            f"由这个案例文件生成的页面在构建时出现警告：{message}", REPORT)
    return None


def _link_problem(code: str, match: re.Match, cases_dir: Path) -> Problem | None:
    fields = match.groupdict()
    url, page, target = fields["url"], fields["page"], fields.get("target")
    anchor = fields.get("anchor") or url.partition("#")[2]
    case_id = case_page_id(page)
    if case_id is None:  # a generated index page linking into a case page that lacks the place
        target_id = case_page_id(target or "")
        if target_id is None:
            return None
        return _problem(cases_dir, target_id, "", code,
                        f"网站的 {page} 页链接到这个案例页上的位置“#{anchor}”，但案例页上没有这个位置",
                        "这是网站程序的问题，不是案例文件的问题；" + REPORT)
    if code == "missing-anchor":
        where = "本页" if target is None else f"{target} 页"
        message = f"正文中的链接“{url}”指向的位置“#{anchor}”在{where}上不存在"
    elif code == "unrecognized-link":
        message = f"正文中的链接“{url}”网站无法识别（以 / 开头，或没有指向网站中的某个文件）"
    else:
        message = f"正文中的链接或图片“{url}”指向的文件在网站中不存在"
    return _problem(cases_dir, case_id, url, code, message,
                    (ANCHOR_HINT if code == "missing-anchor" else LINK_HINT) + "；" + REPORT)


def _problem(cases_dir: Path, case_id: str, text: str, code: str, message: str, hint: str) -> Problem:
    """A problem of ``cases_dir/<case_id>.md``, on the first line that contains ``text``."""
    path = Path(cases_dir) / f"{case_id}.md"
    line = 1
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
        line = next((number for number, content in enumerate(lines, 1) if text and text in content), 1)
    except (OSError, UnicodeError):
        pass
    return Problem(display_path(path), line, "正文" if line > 1 else "文件", code, message, hint)


class CollectedWarnings(logging.Handler):
    """The warnings (and errors) MkDocs logs while it is attached, kept instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class BuildWarnings(RefusedToBuild):
    """MkDocs' strict build stopped on warnings; those about case pages are problems of their files."""

    def __init__(self, problems: list[Problem], others: list[str]):
        self.problems = problems
        lines = [problem.format() for problem in problems] + [f"（网站程序）{message}" for message in others]
        super().__init__(f"构建时出现 {len(lines)} 条警告，网站没有生成（严格模式下任何警告都会停止构建）：\n"
                         + "\n".join(lines) + "\n请先运行 make validate 查看并修正案例文件。")
