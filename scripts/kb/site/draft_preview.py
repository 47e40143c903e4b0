"""Drafts shown as pages under ``make serve`` while they are being finished.

``make import`` writes drafts (``status: draft``) that usually still have
problems: placeholders, guessed values. ``make build``, CI and the published
site refuse any case with problems, and they still do. Only the preview
(:func:`kb.site.build.serve_site`: its build object's ``preview_drafts``,
:class:`kb.site.plugin.SitePlugin`) renders such a draft as a page with a 草稿 banner that lists each
remaining problem with its line (:mod:`kb.site.render.draft_banner`), so the
person reviewing it can read it as readers will.

Any other case or training-module file with problems (unreadable YAML, a field of
the wrong shape, a finished case an edit broke) cannot be shown as its page. The
preview shows a page listing its problems instead, at the address of the page being
edited, so the browser shows what to fix as soon as the file is saved
(:class:`ProblemFile`): the preview never stops on a problem in the files it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.check.library import LibraryCheck
from kb.check.load import case_paths, display_path, load_case_file
from kb.check.problems import CaseFileError, Problem
from kb.model.case import Case

@dataclass
class DraftPreview:
    case: Case
    problems: list[Problem]


@dataclass
class ProblemFile:
    """A case or module file the preview cannot show as its page, and its problems.
    ``folder``: where its page would be (``cases`` or ``training``)."""
    path: Path
    problems: list[Problem]
    folder: str = "cases"


def draft_previews(cases_dir: Path, problems: list[Problem]) -> list[DraftPreview]:
    """The draft case files among those with ``problems`` that can still be shown as pages."""
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    previews = []
    for path in case_paths(cases_dir):
        found = by_path.get(display_path(path))
        if not found or path.suffix != ".md":
            continue
        try:
            case_file = load_case_file(path)
        except CaseFileError:
            continue
        if case_file.meta.get("status") != "draft":
            continue
        try:
            case = Case.from_dict(case_file.meta, case_file.body, case_file.display_path)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # not shaped like a case yet: nothing to show
        previews.append(DraftPreview(case, sorted(found, key=lambda p: p.line)))
    return previews


def problem_files(check: LibraryCheck, shown: set[str]) -> list[ProblemFile]:
    """The problems of ``check`` outside the files in ``shown`` (drafts shown as pages), by file:
    a case file's page would be in ``cases/``, a module file's in ``training/``."""
    found = []
    for folder, problems in (("cases", check.case_problems), ("training", check.module_problems)):
        by_path: dict[str, list[Problem]] = {}
        for problem in problems:
            if problem.path not in shown:
                by_path.setdefault(problem.path, []).append(problem)
        found += [ProblemFile(Path(path), sorted(file_problems, key=lambda p: p.line), folder)
                  for path, file_problems in by_path.items()]
    return sorted(found, key=lambda f: (f.folder, f.path.name))
