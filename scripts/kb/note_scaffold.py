"""``make new-note CASE=<id>``: a teaching note to fill in, ``teaching/<id>.yml``.

Every field of :data:`kb.model.note.NOTE_FIELDS` is written with its help as a comment and
【待填写】 where the value goes (the validator reports each until it is written); the lesson
plan comes with five steps of a 90-minute session whose minutes already add up. A note that
exists is never overwritten: a second note for the same case is ``<id>--2.yml`` and so on.
"""

from __future__ import annotations

from pathlib import Path

from kb.check.note_rules import default_teaching_dir
from kb.check.placeholders import PLACEHOLDER
from kb.model.note import BASIS_FIELDS, NOTE_FIELDS, PLAN_FIELDS, STEP_FIELDS

DEFAULT_STEPS = ((15, "学员各自阅读"), (25, "小组讨论"), (15, "全班交流"), (20, "阅读与讨论"), (15, "教师讲授和总结"))


class NoteScaffoldError(Exception):
    pass


def note_path(teaching_dir: Path, case_id: str) -> Path:
    path, number = teaching_dir / f"{case_id}.yml", 2
    while path.exists():
        path, number = teaching_dir / f"{case_id}--{number}.yml", number + 1
    return path


def render_note_template(case_id: str) -> str:
    lines = ["# 教学说明（案例使用说明）：只给培训教师看，只出现在教师版（make teacher）中，公开网站不显示。",
             "# 只依据案例原文，用自己的话写；把每个“【待填写】”换成内容，可选的项目不需要就整项删掉。"]
    for spec in NOTE_FIELDS:
        need = "【必填】" if spec.required else "【可选，不需要就删掉】"
        lines.append(f"# {need}{spec.description}")
        if spec.name == "case":
            lines.append(f"case: {case_id}")
        elif spec.name == "basis":
            lines += ["basis:", f"  - title: {PLACEHOLDER}", f"    point: {PLACEHOLDER}",
                      f"  # title 例如 {BASIS_FIELDS[0].example}；point：{BASIS_FIELDS[1].description}"]
        elif spec.name == "plan":
            lines += ["plan:", f"  # {PLAN_FIELDS[0].description}；各步骤的分钟数加起来必须等于它",
                      f"  minutes: {sum(m for m, _ in DEFAULT_STEPS)}", f"  group_size: {PLACEHOLDER}",
                      f"  # {STEP_FIELDS[0].description}、{STEP_FIELDS[1].description}、{STEP_FIELDS[2].description}",
                      "  steps:"]
            for minutes, method in DEFAULT_STEPS:
                lines += [f"    - step: {PLACEHOLDER}", f"      minutes: {minutes}", f"      method: {method}"]
        elif spec.kind == "list":
            lines += [f"{spec.name}:", f"  - {PLACEHOLDER}"]
        else:
            lines.append(f"{spec.name}: {PLACEHOLDER}")
    return "\n".join(lines) + "\n"


def scaffold_note(cases_dir: Path, case_id: str, teaching_dir: Path | None = None) -> Path:
    case_id = case_id.strip()
    if not case_id:
        raise NoteScaffoldError("请指定案例编号，例如 make new-note CASE=hubei-xingshan-lianghui-liangping")
    if not (Path(cases_dir) / f"{case_id}.md").is_file():
        known = sorted(path.stem for path in Path(cases_dir).glob("*.md"))
        raise NoteScaffoldError(f"案例库中没有编号为“{case_id}”的案例（{Path(cases_dir).name}/{case_id}.md 不存在）；"
                                f"可用的编号：{'、'.join(known[:10]) or '（还没有案例）'}")
    teaching_dir = teaching_dir or default_teaching_dir(cases_dir)
    teaching_dir.mkdir(parents=True, exist_ok=True)
    path = note_path(teaching_dir, case_id)
    with path.open("x", encoding="utf-8") as out:  # never overwrite
        out.write(render_note_template(case_id))
    return path
