"""Reading and checking teaching notes (``teaching/*.yml``, :mod:`kb.model.note`).

Like training modules (:mod:`kb.check.module_rules`): every problem is a
:class:`kb.check.problems.Problem` with file, line, field and hint. A note must
name a case of the library, be named after it (``<case-id>.yml`` or
``<case-id>--<name>.yml``), and its lesson plan's steps must add up to its minutes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kb.check.load import CaseFile, case_paths, display_path, read_folder
from kb.check.module_load import folder_beside, load_yaml_file
from kb.check.placeholders import check_placeholders
from kb.check.problems import Problem
from kb.check.validate import _has_kind, check_fields
from kb.model.case import Case
from kb.model.note import BASIS_FIELDS, NOTE_FIELDS, PLAN_FIELDS, STEP_FIELDS, TeachingNote

NOTE_SUFFIXES = (".yml", ".yaml")
TEXT_LISTS = ("objectives", "questions", "analysis", "key_points", "board", "reading")


def default_teaching_dir(cases_dir: Path) -> Path:
    """The ``teaching`` folder beside the cases folder; ``KB_TEACHING_DIR`` names another."""
    return folder_beside(cases_dir, "teaching", "KB_TEACHING_DIR")


def not_a_note(path: Path) -> Problem:
    return Problem(display_path(path), 1, "文件", "not-a-note", f"“{path.name}”不是教学说明文件（教学说明以 .yml 结尾）",
                   "教学说明请保存为 teaching/<案例编号>.yml；其他文件请移出 teaching/ 文件夹")


def load_note_file(path: Path) -> CaseFile:
    return load_yaml_file(path, "教学说明")


def validate_notes(teaching_dir: Path, cases: list[Case], case_ids: set[str]) -> tuple[list[TeachingNote], list[Problem], int]:
    """Check every note file; a note whose case has problems of its own waits for that case."""
    if not teaching_dir.is_dir():
        return [], [], 0
    valid_ids = {case.id for case in cases}
    notes: list[TeachingNote] = []
    problems: list[Problem] = []
    paths = case_paths(teaching_dir)
    for note_file, read_problems in read_folder(paths, NOTE_SUFFIXES, load_note_file, not_a_note):
        problems.extend(read_problems)
        if note_file is None:
            continue
        file_problems = list(check_note_file(note_file, case_ids))
        problems.extend(file_problems)
        if not file_problems and note_file.meta["case"] in valid_ids:
            notes.append(TeachingNote.from_dict(note_file.meta, note_file.display_path))
    return notes, problems, len(paths)


def check_note_file(note_file: CaseFile, case_ids: set[str]) -> Iterator[Problem]:
    meta = note_file.meta
    yield from check_fields(note_file, meta, NOTE_FIELDS, ())
    for index, item in enumerate(meta.get("basis") if isinstance(meta.get("basis"), list) else []):
        yield from _record(note_file, item, BASIS_FIELDS, ("basis", index), "title: 《中国共产党农村基层组织工作条例》")
    plan = meta.get("plan")
    if isinstance(plan, dict):
        yield from check_fields(note_file, plan, PLAN_FIELDS, ("plan",))
        for index, step in enumerate(plan.get("steps") if isinstance(plan.get("steps"), list) else []):
            yield from _record(note_file, step, STEP_FIELDS, ("plan", "steps", index), "step: 学员阅读课堂版（A）")
        yield from check_plan_time(note_file, plan)
    for key in TEXT_LISTS:
        for index, item in enumerate(meta.get(key) if isinstance(meta.get(key), list) else []):
            if not isinstance(item, str) or not item.strip():
                yield Problem(note_file.display_path, note_file.line_of(key, index), f"{key}[{index}]",
                              "not-a-sentence", f"每一项应当是一句文字，现在是“{item}”",
                              "每项单独一行，以“- ”开头，后面写一句完整的话")
    yield from check_note_case(note_file, case_ids)
    yield from check_placeholders(note_file)


def _record(note_file: CaseFile, item: Any, specs, key_path: tuple, example: str) -> Iterator[Problem]:
    name = f"{'.'.join(str(k) for k in key_path[:-1])}[{key_path[-1]}]"
    if not isinstance(item, dict):
        yield Problem(note_file.display_path, note_file.line_of(*key_path), name, "item-not-mapping",
                      f"每一项应当写成带子字段的形式，现在是“{item}”", f"例如 - {example}，下一行缩进写其他子字段")
        return
    yield from check_fields(note_file, item, specs, key_path)


def check_note_case(note_file: CaseFile, case_ids: set[str]) -> Iterator[Problem]:
    case_id = note_file.meta.get("case")
    if not isinstance(case_id, str) or not case_id:
        return
    line = note_file.line_of("case")
    if case_id not in case_ids:
        close = difflib.get_close_matches(case_id, sorted(case_ids), n=1, cutoff=0.6)
        hint = f"是不是“{close[0]}”？" if close else "写 cases/ 中案例文件的文件名（不含 .md）"
        yield Problem(note_file.display_path, line, "case", "unknown-case", f"案例库中没有编号为“{case_id}”的案例", hint)
        return
    stem = note_file.path.stem
    if stem != case_id and not stem.startswith(case_id + "--"):
        yield Problem(note_file.display_path, line, "case", "note-filename",
                      f"教学说明的文件名“{note_file.path.name}”与所属案例“{case_id}”不一致",
                      f"把文件改名为 {case_id}.yml；同一案例的第二份说明写作 {case_id}--<作者或单位拼音>.yml")


def check_plan_time(note_file: CaseFile, plan: dict) -> Iterator[Problem]:
    """The steps of the lesson plan add up to the session's minutes."""
    total, steps = plan.get("minutes"), plan.get("steps")
    if not _has_kind(total, "number") or not isinstance(steps, list):
        return
    parts = [step.get("minutes") for step in steps if isinstance(step, dict)]
    if not parts or not all(_has_kind(p, "number") for p in parts):
        return
    if sum(parts) != total:
        yield Problem(note_file.display_path, note_file.line_of("plan", "minutes"), "plan.minutes", "plan-time",
                      f"课堂计划各步骤共 {sum(parts)} 分钟，与这节课的总时长 {total} 分钟不一致",
                      "调整各步骤的 minutes，使它们加起来等于 plan 的 minutes")


def note_summary_line(problems: list[Problem], files_checked: int) -> str:
    if not problems:
        return f"检查了 {files_checked} 个教学说明文件，没有发现问题。"
    files = len({p.path for p in problems})
    return f"检查了 {files_checked} 个教学说明文件，在 {files} 个文件中发现 {len(problems)} 个问题。"
