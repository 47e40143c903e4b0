"""The training-module model (培训专题): fields and the loaded module.

A module names a theme, its audience, the total time, learning objectives,
an ordered list of cases (minutes, focus and questions for each) and a
suggested group exercise. Module files live in ``modules/*.yml``; they are
read by :mod:`kb.check.module_load` and checked by :mod:`kb.check.module_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.model.case import Case, FieldSpec

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
