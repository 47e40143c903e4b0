"""Reading training-module files: where they are and what each file holds,
with the line of every key (as for case files, :mod:`kb.check.load`)."""

from __future__ import annotations

import os
from pathlib import Path

from kb.check.load import CaseFile, display_path, parse_yaml_with_lines, read_text
from kb.check.problems import Problem

def folder_beside(cases_dir: Path, name: str, variable: str) -> Path:
    """The folder ``name`` beside the cases folder, unless the environment variable names another."""
    return Path(os.environ.get(variable) or Path(cases_dir).parent / name)


def default_modules_dir(cases_dir: Path) -> Path:
    """The ``modules`` folder beside the cases folder (``modules/`` for ``cases/``),
    so a fixture or benchmark cases folder never meets modules naming the seed
    cases; ``KB_MODULES_DIR`` names another folder."""
    return folder_beside(cases_dir, "modules", "KB_MODULES_DIR")


def not_a_module(path: Path) -> Problem:
    return Problem(display_path(path), 1, "文件", "not-a-module", f"“{path.name}”不是培训专题文件（专题文件以 .yml 结尾）",
                   "专题请保存为 modules/<编号>.yml；其他文件请移出 modules/ 文件夹")


def load_yaml_file(path: Path, what: str) -> CaseFile:
    """A YAML file (a module, a teaching note) read like a case's frontmatter, with the line of
    every key; ``what``: the messages' name for its contents."""
    text = read_text(path)
    meta, key_lines = parse_yaml_with_lines(text, path, first_line=1, what=what)
    return CaseFile(path=path, meta=meta, body="", body_line=1 + text.count("\n"), key_lines=key_lines)


def load_module_file(path: Path) -> CaseFile:
    return load_yaml_file(path, "专题信息")
