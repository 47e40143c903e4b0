"""The case model: fields, vocabularies of fixed values, and body headings.

Defined once here; the validator, the page renderer, the editor JSON Schema
and the contributor guide all read from this module.

English names for the Chinese concepts:

    background  背景      problems the innovation answered
    practices   主要做法  what the county did, one entry per practice
    results     成效      figures, exactly as the source states them
    lessons     启示      lessons the source draws
    source      来源      where the text comes from
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Body headings, in order. ``## 背景`` etc. must appear in every case body.
SECTION_HEADINGS = ("背景", "主要做法", "成效", "启示")

# status values and how the site names them
STATUS_LABELS = {
    "complete": "完整",
    "incomplete": "原文不完整",
    "draft": "草稿（待审核）",
}

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class FieldSpec:
    """One frontmatter field: its name, JSON type, whether required, meaning."""

    name: str
    kind: str  # "string", "number", "list", "mapping", "date"
    required: bool
    description: str
    example: str = ""


# Top-level frontmatter fields. Nested fields are listed in their own tables.
CASE_FIELDS = (
    FieldSpec("id", "string", True, "案例编号：小写英文字母、数字和连字符，与文件名相同", "hubei-xingshan-lianghui-liangping"),
    FieldSpec("title", "string", True, "案例标题", "推广农村党建“两会两评”模式"),
    FieldSpec("model", "string", True, "创新做法的简称（模式名）", "两会两评"),
    FieldSpec("region", "mapping", True, "所在地区：province 省级（完整名称）、city 地级（可选）、county 县级"),
    FieldSpec("summary", "string", True, "一段话概括案例，用自己的话写"),
    FieldSpec("background", "list", True, "背景：这项创新要解决的问题，每条一句"),
    FieldSpec("practices", "list", True, "主要做法：每项写 name 名称、category 分类、summary 一句话概括"),
    FieldSpec("results", "list", True, "成效数据：每项写 indicator 指标、value 数值、unit 单位，数字与原文一致"),
    FieldSpec("lessons", "list", True, "启示：每条一句；原文缺失时可为空列表并标 status: incomplete"),
    FieldSpec("source", "mapping", True, "来源：title 标题，可选 url、publisher、date、note"),
    FieldSpec("status", "string", True, "状态：complete 完整、incomplete 原文不完整、draft 草稿", "complete"),
    FieldSpec("incomplete_note", "string", False, "status 为 incomplete 时，说明原文缺了什么"),
    FieldSpec("domain", "string", False, "领域，如 农村、城市社区、机关", "农村"),
    FieldSpec("year", "number", False, "创新做法开始实施的年份（原文写明时才填）", "2009"),
    FieldSpec("added", "date", False, "收入本案例库的日期", "2026-11-28"),
    FieldSpec("tags", "list", False, "标签：关键词列表"),
    # Teaching fields (培训用), see kb/check/teaching_rules.py for their rules
    FieldSpec("learning_objectives", "list", False, "学习目标：学员学完本案例应能做到什么，每条一句"),
    FieldSpec("discussion_questions", "list", False, "讨论题：3—5 个让学员权衡案例做法的开放问题"),
    FieldSpec("teaching_notes", "string", False, "教学提示：只给培训教师看，出现在培训专题页和教师讲义上，不出现在公开的案例页"),
)

REGION_FIELDS = (
    FieldSpec("province", "string", True, "省级行政区完整名称", "湖北省"),
    FieldSpec("city", "string", False, "地级行政区名称", "宜昌市"),
    FieldSpec("county", "string", True, "县级行政区名称（县、市、区、旗）", "兴山县"),
)

PRACTICE_FIELDS = (
    FieldSpec("name", "string", True, "做法名称，与正文“主要做法”下的小标题一致"),
    FieldSpec("category", "string", True, "主分类，取 vocab/categories.yml 中的 key", "service"),
    FieldSpec("also", "list", False, "附加分类（至多两个）", "[organization, culture]"),
    FieldSpec("summary", "string", True, "一句话概括这项做法"),
)

RESULT_FIELDS = (
    FieldSpec("indicator", "string", True, "指标：这个数字统计的是什么", "建立关怀理事会"),
    FieldSpec("value", "number", True, "数值：只写数字", "92"),
    FieldSpec("unit", "string", True, "单位", "个"),
    FieldSpec("as_stated", "string", False, "原文写法，数字带“多”“余”等时照录", "50多万元"),
    FieldSpec("note", "string", False, "说明：统计口径、时间等"),
    FieldSpec("evidence", "string", False,
              "数据出处：这个数字从哪里来，取 vocab/evidence.yml 中的 key——self-report 县（单位）自述、"
              "statistics 统计数据、evaluation 第三方评估、media 媒体报道；来源是县（单位）自己的经验材料时写 "
              "self-report，不清楚时不写（显示为“未注明”）", "self-report"),
)

SOURCE_FIELDS = (
    FieldSpec("title", "string", True, "来源文献标题"),
    FieldSpec("url", "string", False, "原文网址"),
    FieldSpec("publisher", "string", False, "发布者或刊载网站"),
    FieldSpec("date", "date", False, "发布日期"),
    FieldSpec("note", "string", False, "关于来源和整理方式的说明"),
)

NESTED_FIELDS = {
    "region": REGION_FIELDS,
    "practices": PRACTICE_FIELDS,
    "results": RESULT_FIELDS,
    "source": SOURCE_FIELDS,
}


@dataclass(frozen=True)
class Region:
    province: str
    county: str
    city: str = ""

    @property
    def label(self) -> str:
        return "".join(part for part in (self.province, self.city, self.county) if part)


@dataclass(frozen=True)
class Practice:
    name: str
    category: str
    summary: str
    also: tuple[str, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        """The primary category first, then the additional ones."""
        return (self.category, *self.also)


@dataclass(frozen=True)
class Result:
    indicator: str
    value: float
    unit: str
    as_stated: str = ""
    note: str = ""
    evidence: str = ""  # a key of vocab/evidence.yml; "" when the case does not say

    @property
    def figure(self) -> str:
        """The figure as the source writes it, e.g. ``92个`` or ``50多万元``."""
        if self.as_stated:
            return self.as_stated
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{value}{self.unit}"


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    publisher: str = ""
    date: str = ""
    note: str = ""


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    model: str
    region: Region
    summary: str
    background: tuple[str, ...]
    practices: tuple[Practice, ...]
    results: tuple[Result, ...]
    lessons: tuple[str, ...]
    source: Source
    status: str
    body: str
    path: str = ""
    incomplete_note: str = ""
    domain: str = ""
    year: int | None = None
    added: str = ""
    tags: tuple[str, ...] = ()
    learning_objectives: tuple[str, ...] = ()
    discussion_questions: tuple[str, ...] = ()
    teaching_notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category any practice of this case carries, in first-seen order."""
        seen: dict[str, None] = {}
        for practice in self.practices:
            for key in practice.categories:
                seen.setdefault(key, None)
        return tuple(seen)

    @classmethod
    def from_dict(cls, meta: dict[str, Any], body: str, path: str = "") -> "Case":
        """Build a case from frontmatter that has already passed validation."""
        known = {spec.name for spec in CASE_FIELDS}
        return cls(
            id=meta["id"],
            title=meta["title"],
            model=meta["model"],
            region=Region(**{k: v for k, v in meta["region"].items() if v is not None}),
            summary=meta["summary"],
            background=tuple(meta["background"]),
            practices=tuple(
                Practice(p["name"], p["category"], p["summary"], tuple(p.get("also") or ()))
                for p in meta["practices"]
            ),
            results=tuple(
                Result(r["indicator"], r["value"], r["unit"], r.get("as_stated") or "", r.get("note") or "",
                       r.get("evidence") or "")
                for r in meta["results"]
            ),
            lessons=tuple(meta["lessons"] or ()),
            source=Source(**{k: _text(v) for k, v in meta["source"].items()}),
            status=meta["status"],
            body=body,
            path=path,
            incomplete_note=meta.get("incomplete_note") or "",
            domain=meta.get("domain") or "",
            year=meta.get("year"),
            added=_text(meta.get("added") or ""),
            tags=tuple(meta.get("tags") or ()),
            learning_objectives=tuple(meta.get("learning_objectives") or ()),
            discussion_questions=tuple(meta.get("discussion_questions") or ()),
            teaching_notes=meta.get("teaching_notes") or "",
            extra={k: v for k, v in meta.items() if k not in known},
        )


def _text(value: Any) -> str:
    """Dates parsed by YAML come back as ``datetime.date``; keep them as ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)
