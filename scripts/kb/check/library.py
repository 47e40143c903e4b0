"""The whole library checked together: every case file, then every training
module file. Modules name cases, so they are checked against the cases that
loaded; ``make validate`` and the generator both start here.

Usage::

    check = check_library(Path("cases"))
    if check.problems: ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb.check.load import case_paths
from kb.model.case import Case
from kb.check.module_load import default_modules_dir
from kb.check.module_rules import validate_modules
from kb.check.note_rules import default_teaching_dir, validate_notes
from kb.model.note import TeachingNote
from kb.model.module import Module
from kb.check.problems import Problem
from kb.check.trust_rules import stale_review_warnings
from kb.check.validate import validate_cases


@dataclass
class LibraryCheck:
    cases: list[Case]
    modules: list[Module]
    case_problems: list[Problem]
    module_problems: list[Problem]
    cases_checked: int
    modules_checked: int
    notes: list[TeachingNote] = field(default_factory=list)  # teaching/: only the 教师版 renders them
    note_problems: list[Problem] = field(default_factory=list)
    notes_checked: int = 0
    warnings: list[Problem] = field(default_factory=list)  # reported, never failing (kb.check.rules.WARNINGS)

    @property
    def problems(self) -> list[Problem]:
        return self.case_problems + self.module_problems + self.note_problems


def check_library(cases_dir: Path, modules_dir: Path | None = None, teaching_dir: Path | None = None) -> LibraryCheck:
    cases, case_problems, cases_checked = validate_cases(cases_dir)
    # every case file's id, valid or not: a module naming a broken case is not reported twice
    case_ids = {path.stem for path in case_paths(cases_dir)}
    modules, module_problems, modules_checked = validate_modules(
        modules_dir or default_modules_dir(cases_dir), cases, case_ids)
    notes, note_problems, notes_checked = validate_notes(teaching_dir or default_teaching_dir(cases_dir), cases, case_ids)
    return LibraryCheck(cases, modules, case_problems, module_problems, cases_checked, modules_checked,
                        notes, note_problems, notes_checked, stale_review_warnings(cases))
