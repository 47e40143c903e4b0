"""Problems found in case files, and how they are printed for contributors.

Every problem names the file, the line, the field, what is wrong and what to
do, in Chinese: ``path:line: field: message（hint）``. The ``code`` is a stable
English identifier that tests assert on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        hint = f"（{self.hint}）" if self.hint else ""
        return f"{self.path}:{self.line}: {self.field}: {self.message}{hint}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        hint = f"（{self.hint}）" if self.hint else ""
        text = f"{self.field}: {self.message}{hint}".replace("%", "%25").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},title={self.code}::{text}"


class CaseFileError(Exception):
    """A case file that cannot be read at all; carries the one problem that says why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


def summary_line(problems: list[Problem], files_checked: int) -> str:
    if not problems:
        return f"检查了 {files_checked} 个案例文件，没有发现问题。"
    files = len({p.path for p in problems})
    return f"检查了 {files_checked} 个案例文件，在 {files} 个文件中发现 {len(problems)} 个问题。"
