"""The 投稿 page (``/submit/``): a form that writes a case file, generated from the case model.

Every input comes from the model's field tables (:mod:`kb.model.case`) and the
generated JSON Schema (:mod:`kb.model.schema`): a field added to the model
appears here with its Chinese description, an enum in the schema becomes a
choice, an optional field is marked 可选. Each input's ``name`` is the
frontmatter path it fills (``results[0].value``); the four body sections are
``body.背景``'s English names (``body.background`` …).

The browser side (``docs/assets/submit-form.js``, its judgement in ``submit-check.js``) needs data the page cannot
fetch from ``file://`` (the offline bundle), so it is written as a script,
``assets/submit-data.js``: the schema, the field descriptions, the category
definitions, the problem wordings of :data:`kb.check.rules.MESSAGES`, the
pinyin the id needs (:mod:`kb.site.render.submit_pinyin`) and, when the site is
published with ``KB_EDIT_URL_BASE``, GitHub's new-file address.

Nothing here comes from a case; every text is still escaped for its place.
"""

from __future__ import annotations

import json
from html import escape
from collections.abc import Iterable
from typing import Any

from kb.check.lint import KEY_LIKE_PATTERN
from kb.check.markup import UNSAFE_TAGS
from kb.check.placeholders import PLACEHOLDER
from kb.check.rules import MESSAGES
from kb.check.teaching_rules import MAX_QUESTIONS, MIN_QUESTIONS
from kb.check.validate import KIND_LABELS, RESERVED_IDS, type_hint
from kb.check.values import CHINESE_NUMERAL_RE, DIGITS_ONLY_RE, NUMBER_WITH_UNIT_RE
from kb.model import vocab
from kb.model.case import CASE_FIELDS, Case, ID_PATTERN, NESTED_FIELDS, SECTION_HEADINGS, STATUS_LABELS, FieldSpec
from kb.model.schema import build_schema
from kb.model.trust import GRANTED, RIGHTS
from kb.site.render.edit_link import new_file_url
from kb.site.render.page_meta import front_matter
from kb.site.render.submit_pinyin import pinyin_data
from kb.model.numbers import ledger

PAGE_PATH = "submit/index.md"
DATA_PATH = "assets/submit-data.js"
SCRIPTS = ("assets/vendor/cfworker-json-schema.js", DATA_PATH, "assets/submit-id.js", "assets/submit-check.js",
           "assets/submit-form.js")
# Body sections: the input name after ``body.`` for each fixed heading, in order.
BODY_SECTIONS = dict(zip(("background", "practices", "results", "lessons"), SECTION_HEADINGS))
BODY_HINTS = {
    "background": "粘贴来源原文的背景部分，保留原文措辞。",
    "practices": "粘贴来源原文的主要做法部分；每项做法用单独一行“### 做法名称”开头，名称与上面的做法名称一致。",
    "results": "粘贴来源原文的成效部分；数字与原文完全一致。",
    "lessons": "粘贴来源原文的启示部分；原文没有时留空，并把整理状态选为“原文不完整”。",
}
FIGURE_NOTE = "原文写“50多万元”“6000余人次”的，这里写 50多 或 50多万元，单位写 万元，原文写法会自动照录到 as_stated。"
# Text fields that hold a paragraph rather than a line.
PARAGRAPH_FIELDS = {"summary", "incomplete_note", "note", "worked", "change"}
# Declared fields the form does not ask for, and why (said on the page instead).
NOT_ASKED = {"reviews": "审核记录（reviews）不在这里填写：案例收入后，审核人对照来源核对，再用 make review 添加。"}
# The id is proposed from these (as ``make new`` does) and shown after them.
ID_SOURCES = ("region.province", "region.county", "model")


def render_submit_files(cases: Iterable[Case] = ()) -> dict[str, str]:
    """The page and its data script, by path in the MkDocs source folder; and the 使用反馈 form,
    the same form for a case file's ``uses`` (:mod:`kb.site.render.feedback_page`)."""
    from kb.site.render.feedback_page import PAGE_PATH as FEEDBACK_PATH, render_feedback_page

    cases = list(cases)
    return {PAGE_PATH: render_submit_page(), DATA_PATH: render_submit_data(cases),
            FEEDBACK_PATH: render_feedback_page(cases)}


# --- the page ---------------------------------------------------------------------------

def render_submit_page() -> str:
    schema = build_schema()
    props = schema["properties"]
    required = set(schema["required"])
    top = {spec.name: spec for spec in CASE_FIELDS}
    main = [name for name in top if name in required and name not in ("id", "status")]
    optional = [name for name in top if name not in required and name not in NOT_ASKED]
    parts = ['<form id="kb-submit" class="kb-submit" novalidate>',
             '<fieldset class="kb-submit__group"><legend>案例信息</legend>']
    for name in main:
        parts.append(_field(top[name], props[name], name, name in required))
        if name == "region":
            parts.append(_id_field(props["id"], top["id"]))
    parts.append(_field(top["status"], props["status"], "status", True))
    parts.append("</fieldset>")
    parts.append('<fieldset class="kb-submit__group"><legend>可选信息（不需要的可以不填）</legend>')
    parts += [_field(top[name], props[name], name, False) for name in optional]
    parts += [f'<p class="kb-field__hint">{escape(note)}</p>' for note in NOT_ASKED.values()]
    parts.append("</fieldset>")
    parts.append(_body_fields())
    parts.append(render_outputs())
    parts.append("</form>")
    intro = [
        front_matter(title="投稿", description="填写表单，下载一个能通过检查的案例文件，再提交到案例库"), "",
        "# 投稿：用表单写一个案例", "",
        "按下面的表单逐项填写，表单会边填边检查，用与自动检查相同的话指出问题。填好后点“下载案例文件”，"
        "得到一个 `.md` 案例文件，再按[贡献指南](../contributing.md)的说明提交；网站设置了仓库地址时，"
        "也可以直接点“在 GitHub 上提交”。填写的内容只保存在这台电脑的浏览器里（关掉网页也不会丢失），"
        "不会发送到任何地方；点“清空”可以删掉。", "",
        "带“必填”的项目必须填写。数字与原文完全一致；不编造、不补写，原文没有的内容留空。", "",
        '<noscript><p class="kb-submit__noscript">投稿表单需要浏览器运行本网站的脚本。'
        '也可以按贡献指南中“只用浏览器新增案例（不用表单）”的方法新增案例。</p></noscript>', "",
    ]
    return "\n".join(intro) + "\n" + "\n".join(parts) + "\n\n" + scripts_html() + "\n"


def scripts_html(root: str = "../") -> str:
    """The form's scripts, as files (the CSP forbids inline script), on this page only; after the
    form, which they look up. ``root``: the site root from the page; the 投稿 page is
    ``submit/index.html`` online and offline alike, so one level up is the site root in both."""
    return "\n".join(f'<script src="{root}{path}"></script>' for path in SCRIPTS)


def field_html(spec: FieldSpec, prop: dict[str, Any], name: str, required: bool) -> str:
    """The inputs of one declared field (named by its frontmatter path), as the form shows it."""
    return _field(spec, prop, name, required)


def _field(spec: FieldSpec, prop: dict[str, Any], name: str, required: bool) -> str:
    kind = prop.get("type")
    if kind == "object":
        return _mapping(spec, prop, name, required)
    if kind == "array":
        item = prop.get("items") or {}
        if "enum" in item:
            return _choices(spec, name, item["enum"], required, prop.get("maxItems"))
        if item.get("type") == "object":
            return _list(spec, name, required, lambda index: _mapping_item(spec, item, name, index))
        return _list(spec, name, required, lambda index: _line(spec, prop, f"{name}[{index}]", index))
    return _single(spec, prop, name, required)


def _dom_id(name: str) -> str:
    return "f-" + name.replace("[", "-").replace("]", "").replace(".", "-")


def _hint(spec: FieldSpec, required: bool) -> str:
    need = "必填" if required else "可选"
    return f'<span class="kb-field__need">（{need}）</span>'


def _control(spec: FieldSpec, prop: dict[str, Any], name: str, described: str) -> str:
    attrs = f'id="{_dom_id(name)}" name="{escape(name)}" aria-describedby="{described}"'
    if "enum" in prop:
        labels = _enum_labels(spec.name, prop["enum"])
        options = ['<option value="">请选择</option>']
        options += [f'<option value="{escape(value)}">{escape(labels.get(value, value))}</option>'
                    for value in prop["enum"]]
        return f'<select {attrs}>{"".join(options)}</select>'
    if spec.name in PARAGRAPH_FIELDS:
        return f'<textarea {attrs} rows="3"></textarea>'
    if prop.get("type") == "number":
        return f'<input {attrs} type="text" inputmode="decimal" autocomplete="off">'
    if prop.get("format") == "date":
        return f'<input {attrs} type="date">'
    return f'<input {attrs} type="text" autocomplete="off">'


def _enum_labels(field: str, values: list[str]) -> dict[str, str]:
    if field == "category":
        return {key: f"{category.label}（{key}）" for key, category in vocab.categories().items()}
    if field == "status":
        return {key: f"{label}（{key}）" for key, label in STATUS_LABELS.items()}
    if field == "rights":
        return {key: f"{key}：{meaning}" for key, meaning in RIGHTS.items()}
    return {}


def _single(spec: FieldSpec, prop: dict[str, Any], name: str, required: bool, item_label: str = "") -> str:
    """One input with its label, description and error line; ``item_label`` ("第 {n} 条") for list items."""
    dom = _dom_id(name)
    extra = ""
    if spec.name == "category":
        extra = f'<p class="kb-field__definition" id="{dom}-definition" data-definition-for="{escape(name)}"></p>'
    if spec.kind == "number":
        note = FIGURE_NOTE if spec.name == "value" else "只写阿拉伯数字。"
        extra = (f'<p class="kb-field__note" id="{dom}-figure" data-figure-for="{escape(name)}" '
                 f'data-figure-note="{escape(note)}">{escape(note)}</p>')
    described = f"{dom}-hint {dom}-error" + (f" {dom}-definition" if spec.name == "category" else "") \
        + (f" {dom}-figure" if spec.kind == "number" else "")
    return (f'<div class="kb-field" data-field="{escape(name)}">'
            f'<label for="{dom}">{_label_text(spec, item_label)}{_hint(spec, required)}</label>'
            f'<p class="kb-field__hint" id="{dom}-hint">{escape(spec.name)}：{escape(spec.description)}</p>'
            f'{_control(spec, prop, name, described)}{extra}'
            f'<p class="kb-field__error" id="{dom}-error" data-error-for="{escape(name)}" hidden></p></div>')


def _label_text(spec: FieldSpec, item_label: str) -> str:
    if not item_label:
        return escape(spec.label)
    return f'<span data-item-label="{escape(item_label)}">{escape(item_label.replace("{n}", "1"))}</span>'


def _id_field(prop: dict[str, Any], spec: FieldSpec) -> str:
    dom = _dom_id("id")
    return (f'<div class="kb-field" data-field="id">'
            f'<label for="{dom}">案例编号{_hint(spec, True)}</label>'
            f'<p class="kb-field__hint" id="{dom}-hint">id：{escape(spec.description)}。'
            f'填好省、县和模式简称后自动生成（与 make new 的规则相同），可以修改；下载的文件名就是 编号.md。</p>'
            f'<input id="{dom}" name="id" type="text" autocomplete="off" spellcheck="false" '
            f'pattern="{escape(prop.get("pattern", ID_PATTERN))}" aria-describedby="{dom}-hint {dom}-error">'
            f'<p class="kb-field__error" id="{dom}-error" data-error-for="id" hidden></p></div>')


def _mapping(spec: FieldSpec, prop: dict[str, Any], name: str, required: bool) -> str:
    inner = prop.get("required", [])
    specs = {s.name: s for s in NESTED_FIELDS.get(spec.name, ())}
    fields = [_field(specs[key], sub, f"{name}.{key}", key in inner) for key, sub in prop["properties"].items()]
    return (f'<fieldset class="kb-submit__mapping" data-field="{escape(name)}">'
            f'<legend>{escape(spec.label)}{_hint(spec, required)}</legend>{"".join(fields)}</fieldset>')


def _mapping_item(spec: FieldSpec, item: dict[str, Any], name: str, index: int) -> str:
    inner = item.get("required", [])
    specs = {s.name: s for s in NESTED_FIELDS.get(spec.name, ())}
    fields = [_field(specs[key], sub, f"{name}[{index}].{key}", key in inner)
              for key, sub in item["properties"].items()]
    legend = f"{spec.label} 第 {{n}} 项"
    return (f'<fieldset class="kb-list__item" data-item><legend data-item-label="{escape(legend)}">'
            f'{escape(legend.replace("{n}", str(index + 1)))}</legend>{"".join(fields)}{_remove_button()}</fieldset>')


def _line(spec: FieldSpec, prop: dict[str, Any], name: str, index: int) -> str:
    item = dict(prop.get("items") or {"type": "string"})
    field = _single(spec, item, name, False, item_label=spec.label + " 第 {n} 条")
    return f'<div class="kb-list__item" data-item>{field}{_remove_button()}</div>'


def _remove_button() -> str:
    return '<button type="button" class="md-button kb-list__remove" data-remove>删除这一项</button>'


def _list(spec: FieldSpec, name: str, required: bool, item) -> str:
    dom = _dom_id(name)
    definitions = _category_definitions() if spec.name == "practices" else ""
    return (f'<fieldset class="kb-list" data-list="{escape(name)}" aria-describedby="{dom}-hint {dom}-error">'
            f'<legend>{escape(spec.label)}{_hint(spec, required)}</legend>'
            f'<p class="kb-field__hint" id="{dom}-hint">{escape(spec.name)}：{escape(spec.description)}</p>'
            f'{definitions}<div class="kb-list__items">{item(0)}</div>'
            f'<p class="kb-field__error" id="{dom}-error" data-error-for="{escape(name)}" hidden></p>'
            f'<button type="button" class="md-button kb-list__add" data-add>添加一项（{escape(spec.label)}）</button>'
            f'</fieldset>')


def _choices(spec: FieldSpec, name: str, values: list[str], required: bool, most: int | None) -> str:
    dom = _dom_id(name)
    labels = _enum_labels("category" if spec.name == "also" else spec.name, values)
    boxes = [f'<label class="kb-choice"><input type="checkbox" name="{escape(name)}" value="{escape(value)}">'
             f' {escape(labels.get(value, value))}</label>' for value in values]
    limit = f"，至多 {most} 个" if most else ""
    return (f'<fieldset class="kb-choices" data-field="{escape(name)}" aria-describedby="{dom}-error">'
            f'<legend>{escape(spec.label)}{_hint(spec, required)}</legend>'
            f'<p class="kb-field__hint">{escape(spec.name)}：{escape(spec.description)}{limit}</p>'
            f'{"".join(boxes)}'
            f'<p class="kb-field__error" id="{dom}-error" data-error-for="{escape(name)}" hidden></p></fieldset>')


def _category_definitions() -> str:
    rows = "".join(f"<dt>{escape(c.label)}（{escape(key)}）</dt><dd>{escape(c.definition)}</dd>"
                   for key, c in vocab.categories().items())
    return f'<details class="kb-submit__definitions"><summary>各做法分类的定义</summary><dl>{rows}</dl></details>'


def _body_fields() -> str:
    parts = ['<fieldset class="kb-submit__group"><legend>正文：来源原文，按固定标题分节</legend>',
             '<p class="kb-field__hint">正文只用文字和 Markdown，不要粘贴网页代码（HTML）。</p>']
    for key, heading in BODY_SECTIONS.items():
        name = f"body.{key}"
        dom = _dom_id(name)
        parts.append(f'<div class="kb-field" data-field="{name}">'
                     f'<label for="{dom}">## {escape(heading)}<span class="kb-field__need">（必填）</span></label>'
                     f'<p class="kb-field__hint" id="{dom}-hint">{escape(BODY_HINTS[key])}</p>'
                     f'<textarea id="{dom}" name="{name}" rows="8" aria-describedby="{dom}-hint {dom}-error"></textarea>'
                     f'<p class="kb-field__error" id="{dom}-error" data-error-for="{name}" hidden></p></div>')
    parts.append("</fieldset>")
    return "".join(parts)


def render_outputs(github: bool = True, what: str = "案例文件") -> str:
    """The status line, problem list, buttons and preview of the form's output (``what`` it writes)."""
    github = ('<a class="md-button" id="kb-submit-github" href="#kb-submit" target="_blank" rel="noopener">'
              '在 GitHub 上提交</a>') if github and new_file_url() else ""
    return ('<div class="kb-submit__output">'
            '<p id="kb-submit-status" class="kb-submit__status" role="status" aria-live="polite"></p>'
            '<ul id="kb-submit-problems" class="kb-submit__problems" hidden></ul>'
            '<div class="kb-submit__actions">'
            f'<button type="button" class="md-button md-button--primary" id="kb-submit-download">下载{what}</button>'
            '<button type="button" class="md-button" id="kb-submit-copy">复制</button>'
            f'{github}'
            '<button type="button" class="md-button" id="kb-submit-clear">清空</button></div>'
            f'<label for="kb-submit-preview" class="kb-submit__preview-label">{what}预览（下载和复制的就是这段文字）</label>'
            '<textarea id="kb-submit-preview" class="kb-submit__preview" rows="12" readonly></textarea>'
            '</div>')


# --- the data script --------------------------------------------------------------------

def render_submit_data(cases: Iterable[Case] = ()) -> str:
    return ("/* Generated by kb.site.render.submit_page from the case model, the vocabularies and\n"
            "   kb.check.rules; read by submit-check.js and submit-form.js. Do not edit. */\n"
            "window.KB_SUBMIT_DATA = " + json.dumps(submit_data(cases), ensure_ascii=False, separators=(",", ":")) + ";\n")


def submit_data(cases: Iterable[Case] = ()) -> dict[str, Any]:
    """What the form's scripts know: the schema, field descriptions, problem wordings, vocabularies."""
    return {
        "schema": build_schema(),
        "fields": _field_specs(),
        "kindLabels": KIND_LABELS,
        "messages": MESSAGES,
        "categories": {key: {"label": c.label, "definition": c.definition} for key, c in vocab.categories().items()},
        "provinces": {name: list(short) for name, short in vocab.provinces().items()},
        "sections": BODY_SECTIONS,
        "placeholder": PLACEHOLDER,
        "unsafeTags": sorted(UNSAFE_TAGS),
        "idPattern": ID_PATTERN,
        "reservedIds": sorted(RESERVED_IDS),
        "evidence": {key: kind.label for key, kind in vocab.evidence_kinds().items()},
        "questionCount": [MIN_QUESTIONS, MAX_QUESTIONS],
        "figurePatterns": {"digits": DIGITS_ONLY_RE.pattern, "withUnit": NUMBER_WITH_UNIT_RE.pattern,
                           "chineseNumeral": CHINESE_NUMERAL_RE.pattern},
        "keyLike": KEY_LIKE_PATTERN,
        "idSources": ID_SOURCES,
        "rightsChoices": "、".join(RIGHTS),
        "grantedRights": GRANTED,
        "newFileUrl": new_file_url(),
        "pinyin": pinyin_data(_names(cases)),
        "nextNumber": next_free_number_of(cases),
    }


def next_free_number_of(cases: Iterable[Case]) -> int:
    """The number a new case gets (:func:`kb.model.numbers.next_free_number`, from the cases read)."""
    return max({*ledger(), *(case.serial for case in cases if case.serial)}, default=0) + 1


def _names(cases: Iterable[Case]) -> list[str]:
    """The short texts of the library that model names resemble (for the id's word segmentation)."""
    names: list[str] = []
    for case in cases:
        names += [case.title, case.model, *(practice.name for practice in case.practices)]
    return names


def _field_specs() -> dict[str, dict[str, Any]]:
    """Description, example and kind of every field by its dotted name (``results.value``)."""
    specs = {spec.name: spec for spec in CASE_FIELDS}
    specs.update({f"{parent}.{spec.name}": spec for parent, table in NESTED_FIELDS.items() for spec in table})
    return {name: {"name": spec.name, "kind": spec.kind, "description": spec.description, "example": spec.example,
                   "typeHint": type_hint(spec)} for name, spec in specs.items()}
