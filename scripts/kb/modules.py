"""Training modules (培训专题): small YAML files in ``modules/``.

A module names a theme, its audience, the total time, learning objectives,
an ordered list of cases (minutes, focus and questions for each) and a
suggested group exercise. Loading and checking follow the case files: every
problem is a :class:`kb.problems.Problem` with file, line, field and hint.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.load import CaseFile, case_paths, display_path, parse_yaml_with_lines, read_folder, read_text
from kb.model import ID_PATTERN, Case, FieldSpec
from kb.problems import Problem
from kb.validate import _has_kind, check_fields

MODULE_FIELDS = (
    FieldSpec("id", "string", True, "专题编号：小写英文字母、数字和连字符，与文件名相同", "rural-party-serving-the-people"),
    FieldSpec("title", "string", True, "专题名称", "农村基层党组织如何联系服务群众"),
    FieldSpec("audience", "string", True, "培训对象", "乡镇党委书记、村党组织书记"),
    FieldSpec("duration", "number", True, "总时长（分钟）", "120"),
    FieldSpec("summary", "string", False, "专题简介，一段话"),
    FieldSpec("objectives", "list", True, "学习目标：每条一句"),
    FieldSpec("cases", "list", True, "按讲授顺序排列的案例：每项写 case 案例编号、minutes 分钟，可选 focus 重点、questions 讨论题"),
    FieldSpec("exercise", "mapping", True, "小组练习：title 名称、minutes 分钟、task 任务，可选 output 成果要求"),
)

MODULE_CASE_FIELDS = (
    FieldSpec("case", "string", True, "案例编号，即 cases/ 中的文件名（不含 .md）", "hubei-xingshan-lianghui-liangping"),
    FieldSpec("minutes", "number", True, "这个案例用多少分钟", "45"),
    FieldSpec("focus", "string", False, "讲这个案例时的重点"),
    FieldSpec("questions", "list", False, "本专题用的讨论题；不写则用案例文件中的 discussion_questions"),
)

EXERCISE_FIELDS = (
    FieldSpec("title", "string", True, "练习名称", "为本村设计一个联系服务群众的机制"),
    FieldSpec("minutes", "number", True, "练习用多少分钟", "30"),
    FieldSpec("task", "string", True, "练习任务：学员分组要做什么"),
    FieldSpec("output", "string", False, "每组交出的成果"),
)


@dataclass(frozen=True)
class ModuleCase:
    case: Case
    minutes: int
    focus: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Exercise:
    title: str
    minutes: int
    task: str
    output: str = ""


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    audience: str
    duration: int
    summary: str
    objectives: tuple[str, ...]
    cases: tuple[ModuleCase, ...]
    exercise: Exercise
    path: str = ""

    @property
    def spare_minutes(self) -> int:
        """Time left for opening and closing once the cases and exercise are placed."""
        return self.duration - sum(item.minutes for item in self.cases) - self.exercise.minutes


def default_modules_dir(cases_dir: Path) -> Path:
    """The ``modules`` folder beside the cases folder (``modules/`` for ``cases/``),
    so a fixture or benchmark cases folder never meets modules naming the seed
    cases; ``KB_MODULES_DIR`` names another folder."""
    return Path(os.environ.get("KB_MODULES_DIR") or Path(cases_dir).parent / "modules")


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


def not_a_module(path: Path) -> Problem:
    return Problem(display_path(path), 1, "文件", "not-a-module", f"“{path.name}”不是培训专题文件（专题文件以 .yml 结尾）",
                   "专题请保存为 modules/<编号>.yml；其他文件请移出 modules/ 文件夹")


def load_module_file(path: Path) -> CaseFile:
    """A module file read like a case's frontmatter, with the line of every key."""
    text = read_text(path)
    meta, key_lines = parse_yaml_with_lines(text, path, first_line=1)
    return CaseFile(path=path, meta=meta, body="", body_line=1 + text.count("\n"), key_lines=key_lines)


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
