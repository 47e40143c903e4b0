"""Checking training-module files: fields, ids, the cases they name, timing.

Every problem is a :class:`kb.check.problems.Problem` with file, line, field
and hint, like the case rules in :mod:`kb.check.validate`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from kb.check.load import CaseFile, case_paths, read_folder
from kb.check.module_load import load_module_file, not_a_module
from kb.check.problems import Problem
from kb.check.validate import _has_kind, check_fields
from kb.model.case import ID_PATTERN, Case
from kb.model.module import EXERCISE_FIELDS, MODULE_CASE_FIELDS, MODULE_FIELDS, Exercise, Module, ModuleCase

def validate_modules(modules_dir: Path, cases: list[Case], case_ids: set[str]) -> tuple[list[Module], list[Problem], int]:
    """Check every module file; ``case_ids`` holds every case file's id, valid or not,
    so that a module naming a case with its own problems is not reported twice."""
    if not modules_dir.is_dir():
        return [], [], 0
    by_id = {case.id: case for case in cases}
    modules: list[Module] = []
    problems: list[Problem] = []
    paths = case_paths(modules_dir)
    for module_file, read_problems in read_folder(paths, (".yml", ".yaml"), load_module_file, not_a_module):
        problems.extend(read_problems)
        if module_file is None:
            continue
        file_problems = list(check_module_file(module_file, by_id, case_ids))
        problems.extend(file_problems)
        named = [item.get("case") for item in module_file.meta["cases"]] if not file_problems else []
        if not file_problems and all(case_id in by_id for case_id in named):
            # a module naming a case that has its own problems waits for that case to be fixed
            modules.append(module_from_dict(module_file, by_id))
    return modules, problems, len(paths)


def check_module_file(module_file: CaseFile, cases: dict[str, Case], case_ids: set[str]) -> Iterator[Problem]:
    meta = module_file.meta
    yield from check_fields(module_file, meta, MODULE_FIELDS, ())
    yield from check_module_id(module_file)
    if isinstance(meta.get("exercise"), dict):
        yield from check_fields(module_file, meta["exercise"], EXERCISE_FIELDS, ("exercise",))
    items = meta.get("cases")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            yield Problem(module_file.display_path, module_file.line_of("cases", index), f"cases[{index}]",
                          "item-not-mapping", f"每一项应当写成带子字段的形式，现在是“{item}”",
                          "例如 - case: hubei-xingshan-lianghui-liangping，下一行缩进写 minutes: 45")
            continue
        yield from check_fields(module_file, item, MODULE_CASE_FIELDS, ("cases", index))
        yield from check_module_case(module_file, index, item, cases, case_ids)
    yield from check_timing(module_file)


def check_module_id(module_file: CaseFile) -> Iterator[Problem]:
    module_id = module_file.meta.get("id")
    if not isinstance(module_id, str) or not module_id:
        return
    line = module_file.line_of("id")
    if not re.match(ID_PATTERN, module_id):
        yield Problem(module_file.display_path, line, "id", "bad-id",
                      f"编号“{module_id}”只能用小写英文字母、数字和连字符", "例如 rural-party-serving-the-people")
    if module_id != module_file.path.stem:
        yield Problem(module_file.display_path, line, "id", "id-filename-mismatch",
                      f"编号“{module_id}”与文件名“{module_file.path.name}”不一致",
                      f"把文件改名为 {module_id}.yml，或把 id 改为 {module_file.path.stem}")


def check_module_case(module_file: CaseFile, index: int, item: dict, cases: dict[str, Case],
                      case_ids: set[str]) -> Iterator[Problem]:
    case_id = item.get("case")
    if not isinstance(case_id, str) or not case_id:
        return
    line = module_file.line_of("cases", index, "case")
    if case_id not in case_ids:
        close = difflib.get_close_matches(case_id, sorted(case_ids), n=1, cutoff=0.6)
        hint = f"是不是“{close[0]}”？" if close else "写 cases/ 中案例文件的文件名（不含 .md）"
        yield Problem(module_file.display_path, line, f"cases[{index}].case", "unknown-case",
                      f"案例库中没有编号为“{case_id}”的案例", hint)
        return
    case = cases.get(case_id)
    if case is not None and not item.get("questions") and not case.discussion_questions:
        yield Problem(module_file.display_path, line, f"cases[{index}].questions", "no-questions",
                      f"案例“{case_id}”没有讨论题", "在这一项下写 questions: 列出讨论题，或在案例文件中写 discussion_questions")


def check_timing(module_file: CaseFile) -> Iterator[Problem]:
    """The cases and the exercise must fit in the stated duration."""
    meta = module_file.meta
    duration = meta.get("duration")
    parts = [item.get("minutes") for item in meta.get("cases") or [] if isinstance(item, dict)]
    if isinstance(meta.get("exercise"), dict):
        parts.append(meta["exercise"].get("minutes"))
    if not _has_kind(duration, "number") or not all(_has_kind(p, "number") for p in parts):
        return
    if sum(parts) > duration:
        yield Problem(module_file.display_path, module_file.line_of("duration"), "duration", "over-time",
                      f"各案例和小组练习共 {sum(parts)} 分钟，超过总时长 {duration} 分钟",
                      "加长 duration，或减少各项的 minutes")


def module_from_dict(module_file: CaseFile, cases: dict[str, Case]) -> Module:
    meta = module_file.meta
    exercise = meta["exercise"]
    return Module(
        id=meta["id"], title=meta["title"], audience=meta["audience"], duration=meta["duration"],
        summary=meta.get("summary") or "", objectives=tuple(meta["objectives"]),
        cases=tuple(ModuleCase(cases[item["case"]], item["minutes"], item.get("focus") or "",
                               tuple(item.get("questions") or cases[item["case"]].discussion_questions))
                    for item in meta["cases"]),
        exercise=Exercise(exercise["title"], exercise["minutes"], exercise["task"], exercise.get("output") or ""),
        path=module_file.display_path,
    )


def module_summary_line(problems: list[Problem], files_checked: int) -> str:
    if not problems:
        return f"检查了 {files_checked} 个培训专题文件，没有发现问题。"
    files = len({p.path for p in problems})
    return f"检查了 {files_checked} 个培训专题文件，在 {files} 个文件中发现 {len(problems)} 个问题。"
