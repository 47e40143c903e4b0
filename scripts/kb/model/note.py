"""The teaching-note model (教学说明, a trainer's 案例使用说明): fields and the loaded note.

A note belongs to one case and is for trainers only: it lives in the top-level
``teaching/`` folder (``teaching/<case-id>.yml``, more notes for the same case as
``teaching/<case-id>--<name>.yml``), never in the case file, and only the 教师版
(``make teacher``, :mod:`kb.site.edition`) renders it. Its sections follow the
national template of a 案例使用说明: 适用对象与课程, 教学目的, 启发思考题, 分析思路,
政策与理论依据, 关键要点, 课堂计划 (steps with minutes), 板书设计 (optional), 推荐阅读,
and the author and unit. Read and checked by :mod:`kb.check.note_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.model.case import FieldSpec

# The question that ends the class version (A) when no note sets one (and always on the public site).
DEFAULT_DECISION_QUESTION = "如果你是当地党委负责同志，你会怎么做？"

NOTE_FIELDS = (
    FieldSpec("case", "string", True, "案例编号：这份教学说明所属的案例，即 cases/ 中的文件名（不含 .md）",
              "hubei-xingshan-lianghui-liangping"),
    FieldSpec("author", "string", True, "作者：写这份教学说明的人或集体", "案例库编写组"),
    FieldSpec("unit", "string", True, "单位：作者所在的单位", "基层党建创新案例库"),
    FieldSpec("audience", "string", True, "适用对象与课程：哪些班次、哪门课用", "村党组织书记培训班，“农村基层组织建设”专题课"),
    FieldSpec("objectives", "list", True, "教学目的：每条一句"),
    FieldSpec("questions", "list", True, "启发思考题：每条一个问题"),
    FieldSpec("decision_question", "string", False, "决策点提问：课堂版（A）最后请学员回答的问题（不写时用默认问题）"),
    FieldSpec("analysis", "list", True, "分析思路：讲授时的分析步骤，每条一句"),
    FieldSpec("basis", "list", True, "政策与理论依据：每项写 title 文件或理论的名称、point 与本案例的关系"),
    FieldSpec("key_points", "list", True, "关键要点：每条一句，含讲授时要如实说明的数据口径"),
    FieldSpec("plan", "mapping", True, "课堂计划：minutes 总分钟、group_size 分组、steps 步骤（每步 step 内容、minutes 分钟、method 方式）"),
    FieldSpec("board", "list", False, "板书设计：每条一行"),
    FieldSpec("reading", "list", True, "推荐阅读：每条一项文献或文件"),
)

BASIS_FIELDS = (
    FieldSpec("title", "string", True, "文件或理论的名称", "《中国共产党农村基层组织工作条例》"),
    FieldSpec("point", "string", True, "与本案例的关系：一句话"),
)

PLAN_FIELDS = (
    FieldSpec("minutes", "number", True, "这节课的总分钟数", "90"),
    FieldSpec("group_size", "string", False, "分组：每组几人", "每组 5—7 人"),
    FieldSpec("steps", "list", True, "步骤：每步写 step 内容、minutes 分钟、method 方式"),
)

STEP_FIELDS = (
    FieldSpec("step", "string", True, "这一步做什么"),
    FieldSpec("minutes", "number", True, "这一步用多少分钟", "15"),
    FieldSpec("method", "string", False, "方式：讲授、小组讨论、全班交流等"),
)

# Fields whose values are not note text: the case a note belongs to, and numbers.
REFERENCE_FIELDS = frozenset({"case"})


@dataclass(frozen=True)
class Basis:
    title: str
    point: str


@dataclass(frozen=True)
class Step:
    step: str
    minutes: int
    method: str = ""


@dataclass(frozen=True)
class Plan:
    minutes: int
    steps: tuple[Step, ...]
    group_size: str = ""


@dataclass(frozen=True)
class TeachingNote:
    case: str
    author: str
    unit: str
    audience: str
    objectives: tuple[str, ...]
    questions: tuple[str, ...]
    analysis: tuple[str, ...]
    basis: tuple[Basis, ...]
    key_points: tuple[str, ...]
    plan: Plan
    reading: tuple[str, ...]
    decision_question: str = ""
    board: tuple[str, ...] = ()
    path: str = ""

    @classmethod
    def from_dict(cls, meta: dict, path: str = "") -> "TeachingNote":
        """A note from a file that has passed :mod:`kb.check.note_rules`."""
        plan = meta["plan"]
        return cls(
            case=meta["case"], author=str(meta["author"]), unit=str(meta["unit"]), audience=str(meta["audience"]),
            objectives=tuple(meta["objectives"]), questions=tuple(meta["questions"]),
            analysis=tuple(meta["analysis"]), basis=tuple(Basis(str(b["title"]), str(b["point"])) for b in meta["basis"]),
            key_points=tuple(meta["key_points"]),
            plan=Plan(plan["minutes"], tuple(Step(str(s["step"]), s["minutes"], str(s.get("method") or ""))
                                             for s in plan["steps"]), str(plan.get("group_size") or "")),
            reading=tuple(meta["reading"]), decision_question=str(meta.get("decision_question") or ""),
            board=tuple(meta.get("board") or ()), path=path,
        )


def decision_question(notes: list[TeachingNote] | tuple[TeachingNote, ...]) -> str:
    """The question the class version (A) ends on: the first note's that sets one, else the default."""
    return next((note.decision_question for note in notes if note.decision_question), DEFAULT_DECISION_QUESTION)
