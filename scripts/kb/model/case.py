"""The case model: fields, vocabularies of fixed values, and body headings.

Defined once here. Each case field is declared once, in :data:`CASE_FIELDS`
(nested ones in :data:`NESTED_FIELDS`): its name, kind, whether required, its
Chinese label and help, and where it shows. From that declaration come the
parsing into :class:`Case` (:meth:`Case.from_dict`), the validator's required
and type checks, the editor JSON Schema and so the 投稿 form, ``make new``'s
template, the importer's draft, ``cases.json``, the comparison data, the search
source and the contributor guide's field tables. ``scripts/README.md`` has the
checklist for adding a field; ``tests/test_case_fields.py`` adds one and
follows it to every place.

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


# Where a field shows, beyond the places every declared field reaches (the parsed
# case, the validator, the JSON Schema and the form, cases.json, the guide's field
# tables; make new's template and the importer's draft write every required field).
COMPARE = "compare"          # compare/data/<id>.js: the comparison table and the reading packet
SEARCH_NAME = "search-name"  # search: what a case is called (weighs most)
SEARCH_TEXT = "search-text"  # search: the structured summary
SURFACES = (COMPARE, SEARCH_NAME, SEARCH_TEXT)


@dataclass(frozen=True)
class FieldSpec:
    """One frontmatter field: its name, JSON type, whether required, meaning, where it shows.

    ``description`` is the Chinese help; its part before the first colon or comma
    is the field's short Chinese label (:attr:`label`)."""

    name: str
    kind: str  # "string", "number", "list", "mapping", "date"
    required: bool
    description: str
    example: str = ""
    shows: tuple[str, ...] = ()  # some of SURFACES

    @property
    def label(self) -> str:
        """The short Chinese name of a field: its description up to the first colon or comma (all
        of it when that part names another field, as in “status 为 incomplete 时，说明……”)."""
        short = self.description.split("：")[0].split("，")[0]
        return self.description if short[:1].isascii() else short


# Top-level frontmatter fields. Nested fields are listed in their own tables.
CASE_FIELDS = (
    FieldSpec("id", "string", True, "案例编号：小写英文字母、数字和连字符，与文件名相同", "hubei-xingshan-lianghui-liangping",
              shows=(COMPARE,)),
    FieldSpec("title", "string", True, "案例标题", "推广农村党建“两会两评”模式",
              shows=(COMPARE, SEARCH_NAME)),
    FieldSpec("model", "string", True, "创新做法的简称（模式名）", "两会两评",
              shows=(COMPARE, SEARCH_NAME)),
    FieldSpec("region", "mapping", True, "所在地区：province 省级（完整名称）、city 地级（可选）、county 县级",
              shows=(COMPARE, SEARCH_NAME)),
    FieldSpec("summary", "string", True, "一段话概括案例，用自己的话写",
              shows=(COMPARE, SEARCH_TEXT)),
    FieldSpec("background", "list", True, "背景：这项创新要解决的问题，每条一句",
              shows=(COMPARE, SEARCH_TEXT)),
    FieldSpec("practices", "list", True, "主要做法：每项写 name 名称、category 分类、summary 一句话概括",
              shows=(COMPARE, SEARCH_TEXT)),
    FieldSpec("results", "list", True, "成效数据：每项写 indicator 指标、value 数值、unit 单位，数字与原文一致",
              shows=(COMPARE, SEARCH_TEXT)),
    FieldSpec("lessons", "list", True, "启示：每条一句；原文缺失时可为空列表并标 status: incomplete",
              shows=(COMPARE, SEARCH_TEXT)),
    FieldSpec("source", "mapping", True, "来源：title 标题，可选 url、publisher、date、note",
              shows=(COMPARE,)),
    FieldSpec("status", "string", True, "状态：complete 完整、incomplete 原文不完整、draft 草稿", "complete",
              shows=(COMPARE,)),
    FieldSpec("incomplete_note", "string", False, "status 为 incomplete 时，说明原文缺了什么"),
    FieldSpec("domain", "string", False, "领域，如 农村、城市社区、机关", "农村"),
    FieldSpec("year", "number", False, "创新做法开始实施的年份（原文写明时才填）", "2009"),
    FieldSpec("added", "date", False, "收入本案例库的日期", "2026-11-28"),
    FieldSpec("tags", "list", False, "标签：关键词列表",
              shows=(SEARCH_NAME,)),
    # Teaching fields (培训用), see kb/check/teaching_rules.py for their rules
    FieldSpec("learning_objectives", "list", False, "学习目标：学员学完本案例应能做到什么，每条一句",
              shows=(COMPARE,)),
    FieldSpec("discussion_questions", "list", False, "讨论题：3—5 个让学员权衡案例做法的开放问题",
              shows=(COMPARE,)),
    # The trainer's edition (kb/model/note.py: teaching notes live in teaching/, never in a case file)
    FieldSpec("serial", "number", False, "案例号：收入案例库时分配的流水号，登记在 vocab/case-numbers.yml，永不更改、永不重复使用；"
              "make new 和投稿表单填好下一个空号", "1"),
    FieldSpec("uses", "list", False, "使用记录：每次课堂使用写 date 日期、audience 班次或培训对象、minutes 分钟，"
              "可选 module 培训专题、worked 效果好的地方、change 要改进的地方"),
    # Trust (kb/model/trust.py): who checked the case against its source, and when
    FieldSpec("reviews", "list", False, "审核记录：每项写 stage 阶段、by 审核单位、date 日期、checked 核对内容、"
              "fingerprint 审核时案例事实的指纹；用 make review 添加，不要手写"),
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

USE_FIELDS = (
    FieldSpec("date", "date", True, "使用日期", "2026-12-01"),
    FieldSpec("audience", "string", True, "班次或培训对象", "县委党校村党组织书记培训班"),
    FieldSpec("minutes", "number", True, "用了多少分钟", "50"),
    FieldSpec("module", "string", False, "所用的培训专题编号（modules/ 中的文件名）"),
    FieldSpec("worked", "string", False, "效果好的地方（只在教师版显示）"),
    FieldSpec("change", "string", False, "下次要改进的地方（只在教师版显示）"),
)

SOURCE_FIELDS = (
    FieldSpec("title", "string", True, "来源文献标题"),
    FieldSpec("url", "string", False, "原文网址"),
    FieldSpec("publisher", "string", False, "发布者或刊载网站"),
    FieldSpec("date", "date", False, "发布日期"),
    FieldSpec("note", "string", False, "关于来源和整理方式的说明"),
    FieldSpec("rights", "string", False, "使用权利：公开发布（已公开发布的文本，为教学和研究引用）、单位授权（案例单位授权收录，"
              "另写 rights_by、rights_date）、自行撰写（投稿人自己写的）；status 为 complete 时必填", "公开发布"),
    FieldSpec("rights_by", "string", False, "授权单位：rights 为 单位授权 时，写授权的单位或部门", "兴山县委组织部"),
    FieldSpec("rights_date", "date", False, "授权日期：rights 为 单位授权 时，写授权的日期", "2026-11-28"),
)

REVIEW_FIELDS = (
    FieldSpec("stage", "string", True, "审核阶段：初审、核实 或 专家审核", "核实"),
    FieldSpec("by", "string", True, "审核单位：单位或角色，不必写个人姓名", "县委组织部"),
    FieldSpec("date", "date", True, "审核日期", "2026-12-07"),
    FieldSpec("checked", "list", True, "核对内容：原文核对、数据核对、授权核对 中的一项或几项", "[原文核对, 数据核对]"),
    FieldSpec("fingerprint", "string", True, "事实指纹：审核时地区、做法、成效、来源的 SHA-256，由 make review 计算"),
)

NESTED_FIELDS = {
    "region": REGION_FIELDS,
    "practices": PRACTICE_FIELDS,
    "results": RESULT_FIELDS,
    "source": SOURCE_FIELDS,
    "uses": USE_FIELDS,
    "reviews": REVIEW_FIELDS,
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
class Use:
    """One classroom use of a case (使用记录)."""
    date: str
    audience: str
    minutes: float
    module: str = ""
    worked: str = ""
    change: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    publisher: str = ""
    date: str = ""
    note: str = ""
    rights: str = ""
    rights_by: str = ""
    rights_date: str = ""


@dataclass(frozen=True)
class Review:
    stage: str
    by: str
    date: str
    checked: tuple[str, ...]
    fingerprint: str


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
    serial: int | None = None  # the stable case number (kb.model.numbers)
    uses: tuple[Use, ...] = ()
    reviews: tuple[Review, ...] = ()
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
        """Build a case from frontmatter that has already passed validation: each declared field
        parsed by its kind (:func:`parse_field`), every other key kept in ``extra``."""
        declared = {spec.name: parse_field(spec, field_value(meta, spec)) for spec in CASE_FIELDS}
        return cls(**declared, body=body, path=path, extra={k: v for k, v in meta.items() if k not in declared})


# The dataclass each nested field's items are parsed into.
NESTED_RECORDS: dict[str, type] = {"region": Region, "practices": Practice, "results": Result, "source": Source,
                                   "uses": Use,
                                   "reviews": Review}


def field_value(data: dict[str, Any], spec: FieldSpec) -> Any:
    """The value of a field in ``data``. A required field that is not there raises ``KeyError``:
    the draft preview (:mod:`kb.site.draft_preview`) shows no page for a file not yet shaped like a case."""
    if spec.required and spec.name not in data:
        raise KeyError(spec.name)
    return data.get(spec.name)


def parse_field(spec: FieldSpec, value: Any) -> Any:
    """A validated frontmatter value as the model holds it: text for strings and dates ("" when
    missing), a tuple for lists, the nested dataclass for region, practices, results and source."""
    if spec.name in NESTED_RECORDS:
        def parse_record(data: dict[str, Any]) -> Any:
            return NESTED_RECORDS[spec.name](**{sub.name: parse_field(sub, field_value(data, sub))
                                                for sub in NESTED_FIELDS[spec.name]})
        return parse_record(value) if spec.kind == "mapping" else tuple(parse_record(item) for item in value or ())
    if spec.kind == "list":
        return tuple(value or ())
    if spec.kind == "number":
        return value
    return _text(value)


def _text(value: Any) -> str:
    """Dates parsed by YAML come back as ``datetime.date``; keep them as ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)
