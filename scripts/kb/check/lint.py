"""Typing mistakes in the frontmatter that a YAML parser reports badly.

Contributors type frontmatter with a Chinese input method, so a key is often
followed by a full-width colon (``title：…``), wrapped in full-width quotes
(``“title”: …``) or indented with full-width spaces or tabs. YAML either
rejects these with an unhelpful message or, worse, accepts them and reads
something else (``“title”`` becomes an unknown key). This module finds them
line by line, before parsing, so each gets its own message.

Only the key position of a line is inspected (indentation, optional ``- ``,
an ASCII key name, the separator); text inside values and block scalars
(``summary: >-`` and its indented lines) is left alone, since full-width
colons are ordinary in Chinese prose.

Usage::

    problems = lint_frontmatter(fm_text, display_path="cases/x.md", first_line=1)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.check.problems import Problem

FULLWIDTH_SPACE = "\u3000"
KEY, KEY_QUOTE, SPACE, SEPARATOR = r"[A-Za-z_][A-Za-z0-9_]*", "[“”‘’「」『』\"']", r"[ \t\u3000]", "[:：]"
# indentation, optional list dash, key (maybe quoted), spaces, separator
KEY_LINE_RE = re.compile(
    rf"^(?P<indent>{SPACE}*)(?P<dash>-{SPACE}+)?"
    rf"(?P<open>{KEY_QUOTE}?)(?P<key>{KEY})(?P<close>{KEY_QUOTE}?)"
    rf"(?P<gap>{SPACE}*)(?P<sep>{SEPARATOR})(?P<after>{SPACE}?)")
# A text that starts like a key: written into a list item, these checks would take it for one
# (the 投稿 form escapes its first letter; submit-form.js gets this pattern in its data).
KEY_LIKE_PATTERN = f"^{KEY}{KEY_QUOTE}?{SPACE}*{SEPARATOR}"
BLOCK_SCALAR_RE = re.compile(r"[:-][ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")
FULLWIDTH_QUOTES = "“”‘’「」『』"


def lint_frontmatter(fm_text: str, display_path: str, first_line: int) -> list[Problem]:
    """Problems in the key positions of ``fm_text`` (whose first line is file line ``first_line``)."""
    problems: list[Problem] = []
    for offset, line in _key_lines(fm_text.split("\n")):
        problems.extend(check_key_line(line, display_path, first_line + offset))
    return problems


def _known_keys() -> frozenset[str]:
    """Field names of the model: only these are judged, so prose such as “QQ群：…” is left alone."""
    from kb.model.case import CASE_FIELDS, NESTED_FIELDS
    specs = list(CASE_FIELDS) + [spec for table in NESTED_FIELDS.values() for spec in table]
    return frozenset(spec.name for spec in specs)


KNOWN_KEYS = _known_keys()


def _key_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Lines that may hold a key: not comments, not inside a block scalar."""
    block_indent: int | None = None
    for offset, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" \t\u3000"))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if BLOCK_SCALAR_RE.search(line):
            block_indent = indent
        yield offset, line


def check_key_line(line: str, path: str, line_no: int) -> Iterator[Problem]:
    match = KEY_LINE_RE.match(line)
    if "\t" in _indentation(line):
        yield Problem(path, line_no, "格式", "tab-indent",
                      "这一行用 Tab 键缩进", "缩进只能用空格：删掉 Tab，改为每级两个空格")
    if match is None or match["key"] not in KNOWN_KEYS:
        return
    key = match["key"]
    if FULLWIDTH_SPACE in match["indent"] + (match["dash"] or "") + match["gap"] + match["after"]:
        yield Problem(path, line_no, key, "fullwidth-space",
                      f"字段名 {key} 前后有全角空格“　”",
                      f"改为半角空格（英文输入法下的空格），例如 {key}: …")
    if match["open"] or match["close"]:
        quote = match["open"] or match["close"]
        if quote in FULLWIDTH_QUOTES:
            yield Problem(path, line_no, key, "fullwidth-quotes-key",
                          f"字段名 {key} 被中文引号“{quote}”包住了",
                          f"字段名不加引号，直接写 {key}: …")
    if match["sep"] == "：":
        yield Problem(path, line_no, key, "fullwidth-colon",
                      f"字段名 {key} 后面用了中文冒号“：”",
                      f"改为英文冒号加一个空格，例如 {key}: …")


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\u3000"))]
