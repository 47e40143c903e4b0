"""Problems found in case files, and how they are printed for contributors.

Every problem names the file, the line, the field, what is wrong and what to
do, in Chinese: ``path:line: field: message（hint）``. The ``code`` is a stable
English identifier that tests assert on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    code: str
    message: str
    hint: str = ""
    level: str = "error"  # or "warning": reported, but make validate still passes (kb.check.rules.WARNINGS)

    def format(self) -> str:
        hint = f"（{self.hint}）" if self.hint else ""
        lead = "提醒：" if self.level == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {lead}{self.message}{hint}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        hint = f"（{self.hint}）" if self.hint else ""
        text = f"{self.field}: {self.message}{hint}".replace("%", "%25").replace("\n", "%0A")
        return f"::{self.level} file={self.path},line={self.line},title={self.code}::{text}"


class CaseFileError(Exception):
    """A case file that cannot be read at all; carries the problems that say why.

    Usually one; lexical mistakes found before parsing (a full-width colon on
    several lines) are all reported at once.
    """

    def __init__(self, problem: Problem, *more: Problem):
        self.problems = [problem, *more]
        super().__init__("\n".join(p.format() for p in self.problems))
        self.problem = problem


def summary_line(problems: list[Problem], files_checked: int) -> str:
    if not problems:
        return f"检查了 {files_checked} 个案例文件，没有发现问题。"
    files = len({p.path for p in problems})
    return f"检查了 {files_checked} 个案例文件，在 {files} 个文件中发现 {len(problems)} 个问题。"


def warnings_line(warnings: list[Problem]) -> str:
    """The closing line about warnings: they do not fail the check."""
    return f"另有 {len(warnings)} 个提醒（不影响检查通过）。" if warnings else ""


def field_name(key_path: tuple[Any, ...]) -> str:
    """``("results", 0, "value")`` -> ``results[0].value``, as problems name fields."""
    name = ""
    for part in key_path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def short_value(value: Any, limit: int = 30) -> str:
    """A value quoted in a message, cut to ``limit`` characters."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


class RefusedToBuild(Exception):
    """The library or the folders given make building unsafe; the message says why
    and what to do, in Chinese, and is all a contributor sees (no traceback)."""
