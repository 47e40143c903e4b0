"""Read case files into frontmatter, body and line numbers. Judges nothing.

A file that cannot be read at all (not UTF-8, no frontmatter block, YAML that
does not parse) raises :class:`kb.check.problems.CaseFileError` with the line where
reading stopped; everything else is the validator's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import datetime as dt
import re

import frontmatter
import yaml

from kb.check.lint import lint_frontmatter
from kb.paths import ROOT
from kb.check.problems import CaseFileError, Problem
from kb.check.rules import say
from kb.model.vocab import YAML_LOADER  # libyaml's parser when PyYAML has it

# A key path into the frontmatter: ("results", 0, "value")
KeyPath = tuple[Any, ...]

# python-frontmatter's default boundary ``^-{3,}\s*$`` lets ``\s*`` swallow blank
# lines after ``---``, which would shift every line number we report.
FRONTMATTER_HANDLER = frontmatter.YAMLHandler(fm_boundary=re.compile(r"^-{3,}[ \t]*$", re.MULTILINE))


@dataclass
class CaseFile:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # line number of the body's first line in the file
    key_lines: dict[KeyPath, int] = field(default_factory=dict)

    @property
    def display_path(self) -> str:
        return display_path(self.path)

    def line_of(self, *key_path: Any) -> int:
        """The line of the deepest known key along ``key_path`` (1 when unknown)."""
        for end in range(len(key_path), 0, -1):
            line = self.key_lines.get(tuple(key_path[:end]))
            if line:
                return line
        return 1


def display_path(path: Path) -> str:
    """Paths relative to the repository where possible, as contributors see them."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def load_case_file(path: Path) -> CaseFile:
    text = read_text(path)
    if not text.startswith("---"):
        raise CaseFileError(Problem(display_path(path), 1, "frontmatter", "missing-frontmatter",
                                    "文件开头没有用 --- 包起来的案例信息（frontmatter）",
                                    "第一行写 ---，接着写 id、title 等字段，再写一行 --- 结束；可参考 cases/ 中的已有案例"))
    try:
        fm_text, body = FRONTMATTER_HANDLER.split(text)
    except ValueError:
        raise CaseFileError(Problem(display_path(path), 1, "frontmatter", "unclosed-frontmatter",
                                    "案例信息（frontmatter）没有结束标记 ---",
                                    "在字段写完后另起一行写 ---，再写正文")) from None
    # fm_text starts with the rest of line 1 and ends on the closing --- line
    meta, key_lines = parse_yaml_with_lines(fm_text, path, first_line=1)
    closing_line = 1 + fm_text.count("\n")
    body = body[1:] if body.startswith("\n") else body
    return CaseFile(path=path, meta=meta, body=body, body_line=closing_line + 1, key_lines=key_lines)


def read_text(path: Path) -> str:
    """UTF-8 text without a BOM; a file in another encoding is a CaseFileError."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CaseFileError(Problem(display_path(path), line, "encoding", "not-utf8",
                                    f"文件不是 UTF-8 编码{_likely_encoding(raw)}，从第 {line} 行起的文字无法读取",
                                    "用记事本“另存为”并把编码选为 UTF-8，或在 VS Code 右下角点编码，选“通过编码保存”→ UTF-8")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _likely_encoding(raw: bytes) -> str:
    """Name GBK/GB18030 when the bytes read as such: the usual Windows-editor case."""
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return "，看起来是 Windows 常用的 GBK/GB18030 编码"


def parse_yaml_with_lines(fm_text: str, path: Path, first_line: int,
                          what: str = "案例信息") -> tuple[dict[str, Any], dict[KeyPath, int]]:
    """Parse frontmatter YAML and record the file line of every key and list item.
    ``what``: the messages' name for the YAML (a module file says 专题信息)."""
    typos = lint_frontmatter(fm_text, display_path(path), first_line)
    if typos:
        raise CaseFileError(*typos)
    try:
        node, meta = _compose_and_construct(fm_text)
    except ValueError:  # YAML reads 2026-13-45 as a date and the calendar refuses it
        raise CaseFileError(invalid_date_problem(fm_text, path, first_line)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        raise CaseFileError(Problem(display_path(path), line, "frontmatter", "yaml-syntax",
                                    f"{what}格式有误，无法读取：{_explain_yaml_error(error)}",
                                    "检查这一行及上一行：冒号后要有空格，缩进用空格而不是 Tab，引号要成对")) from None
    if not isinstance(meta, dict):
        raise CaseFileError(Problem(display_path(path), first_line, "frontmatter", "frontmatter-not-mapping",
                                    f"{what}应当是“字段: 值”的形式",
                                    "每行写一个字段，例如 title: 推广农村党建“两会两评”模式"))
    alias = _first_alias(fm_text)
    if alias is not None:
        raise CaseFileError(Problem(display_path(path), first_line + alias.line, "frontmatter", "yaml-syntax",
                                    f"{what}中用了 & 或 * 引用（别名），本案例库不支持",
                                    "把引用处直接写成完整的内容"))
    key_lines: dict[KeyPath, int] = {}
    _record_lines(node, (), key_lines, first_line)
    return meta, key_lines


def _compose_and_construct(fm_text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the values, from one parse."""
    loader = YAML_LOADER(fm_text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


# What the parser's English complaints usually mean for a contributor.
YAML_PROBLEMS_ZH = (
    ("mapping values are not allowed", "这一行的值里有“冒号加空格”，被当成了新的字段；值里需要冒号时改用中文冒号“：”，或用引号把整个值包起来"),
    ("could not find expected ':'", "这一行缺少“字段: 值”中的英文冒号，或者上一行的缩进不对"),
    ("cannot start any token", "这一行开头有不能出现的字符（如 Tab、@ 或 `）"),
    ("while scanning a quoted scalar", "引号没有配对"),
    ("expected <block end>", "这一行的缩进与上下文没有对齐"),
    ("did not find expected key", "这一行的缩进与上下文没有对齐"),
    ("did not find expected '-' indicator", "列表中的各项没有对齐"),
    ("found duplicate anchor", "重复的 & 引用"),
)


def _explain_yaml_error(error: yaml.YAMLError) -> str:
    text = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or error}"
    for english, chinese in YAML_PROBLEMS_ZH:
        if english in text:
            return chinese
    return "写法不符合格式要求"


def _first_alias(fm_text: str) -> yaml.Mark | None:
    """Where the first ``*alias`` is: aliases can build endless (recursive) values."""
    if "*" not in fm_text:
        return None
    for event in yaml.parse(fm_text, Loader=YAML_LOADER):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


DATE_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


def invalid_date_problem(fm_text: str, path: Path, first_line: int) -> Problem:
    """The first date-shaped value in the frontmatter that is no real date."""
    for offset, line in enumerate(fm_text.split("\n")):
        for match in DATE_RE.finditer(line):
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                return Problem(display_path(path), first_line + offset, "日期", "invalid-date",
                               *say("invalid-date", text=match.group(0)))
    return Problem(display_path(path), first_line, "日期", "invalid-date",
                   "案例信息中有不存在的日期", "日期写成 年-月-日，例如 2026-11-28")


def _record_lines(node: yaml.Node, prefix: KeyPath, key_lines: dict[KeyPath, int], first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            key_lines[prefix + (key,)] = first_line + key_node.start_mark.line
            _record_lines(value_node, prefix + (key,), key_lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key_lines[prefix + (index,)] = first_line + item.start_mark.line
            _record_lines(item, prefix + (index,), key_lines, first_line)


def case_paths(cases_dir: Path) -> list[Path]:
    """Every file in a folder (not only ``*.md``: strays are reported, not skipped)."""
    return sorted(p for p in cases_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def read_folder(paths: list[Path], suffixes: tuple[str, ...], loader: Callable[[Path], CaseFile],
                stray: Callable[[Path], Problem]) -> Iterator[tuple[CaseFile | None, list[Problem]]]:
    """Read each file in order: ``(file, [])`` when it loads, ``(None, problems)`` when it
    is a stray (wrong suffix) or cannot be read. Nothing in the folder is skipped silently."""
    for path in paths:
        if path.suffix not in suffixes:
            yield None, [stray(path)]
            continue
        try:
            yield loader(path), []
        except CaseFileError as error:
            yield None, error.problems
