"""Check case files and return every problem found. Never raises on bad input.

Reads as a checklist: one ``check_*`` function per rule family, each yielding
:class:`kb.check.problems.Problem` with the file line it concerns.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kb.model import ids, vocab
from kb.check.anchors import check_anchors
from kb.check.markup import check_markup
from kb.check.placeholders import check_placeholders
from kb.check.values import check_text_items, check_unknown_subfields, value_type_problem
from kb.check.load import CaseFile, case_paths, display_path, load_case_file, read_folder
from kb.model.case import (CASE_FIELDS, ID_PATTERN, NESTED_FIELDS, SECTION_HEADINGS, STATUS_LABELS, Case,
                      FieldSpec)
from kb.check.problems import Problem, field_name as _field_name, short_value as _short
from kb.check.rules import say
from kb.check.teaching_rules import check_teaching
from kb.check.number_rules import check_numbers
from kb.check.trust_rules import check_trust

SECTION_RE = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
# Case pages are generated as cases/<id>.md beside the list of all cases, cases/index.md.
RESERVED_IDS = {"index"}
KIND_LABELS = {"string": "文字", "number": "数字", "list": "列表", "mapping": "带子字段的对象", "date": "日期"}


def _checked_file(path: Path, linkable_ids: frozenset[str]) -> tuple[CaseFile | None, list[Problem], Case | None]:
    """One case file read and checked on its own: ``(file, problems, case)``; file is None
    if unreadable, case None unless the file has no problem of its own.

    Under ``make serve`` the library is checked again after every edit; a file whose size and
    modification time are unchanged gives the same result, so the rebuild's memory keeps it
    (:mod:`kb.site.incremental`). The result holds the very same Case object, so the renderers
    can reuse what they made of it."""
    from kb.site.incremental import memory_in_use

    memory, key = memory_in_use(), None
    if memory is not None:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size, linkable_ids)
        if key in memory.file_results:
            return memory.file_results[key]
    case_file, problems = next(read_folder([path], (".md",), load_case_file, not_a_case))
    case = None
    if case_file is not None:
        problems = list(check_case_file(case_file)) + list(check_markup(case_file, linkable_ids))
        if not problems:
            case = Case.from_dict(case_file.meta, case_file.body, case_file.display_path)
    if memory is not None:
        memory.file_results[key] = (case_file, problems, case)
    return case_file, problems, case


def validate_cases(cases_dir: Path) -> tuple[list[Case], list[Problem], int]:
    """Load and check every file in ``cases_dir``.

    Returns the valid cases, all problems, and how many files were checked.
    A file with any problem is not returned as a case: callers that build the
    site must refuse to build rather than drop it.
    """
    cases: list[Case] = []
    problems: list[Problem] = []
    loaded: list[CaseFile] = []
    paths = case_paths(cases_dir)
    linkable_ids = frozenset(path.stem for path in paths if path.suffix == ".md")
    for path in paths:
        case_file, file_problems, case = _checked_file(path, linkable_ids)
        problems.extend(file_problems)
        if case_file is None:
            continue
        loaded.append(case_file)
        if case is not None:
            cases.append(case)
    problems.extend(check_unique_ids(loaded))
    problems.extend(check_numbers(loaded))  # kb.check.number_rules
    failed = {p.path for p in problems}
    cases = [c for c in cases if c.path not in failed]
    anchor_problems = check_anchors(cases, loaded)  # needs the rendered pages, so only of valid cases
    problems.extend(anchor_problems)
    failed = {p.path for p in anchor_problems}
    return [c for c in cases if c.path not in failed], problems, len(paths)


def not_a_case(path: Path) -> Problem:
    return Problem(display_path(path), 1, "文件", "not-a-case", f"“{path.name}”不是案例文件（案例文件以 .md 结尾）",
                   "案例请保存为 cases/<编号>.md；其他文件请移出 cases/ 文件夹")


def check_case_file(case_file: CaseFile) -> Iterator[Problem]:
    """All per-file rules, in the order a contributor would fix them."""
    yield from check_fields(case_file, case_file.meta, CASE_FIELDS, ())
    meta = case_file.meta
    nested = [spec for spec in CASE_FIELDS if spec.name in NESTED_FIELDS]
    for spec in nested:  # the sub-fields of region and source
        if spec.kind == "mapping" and isinstance(meta.get(spec.name), dict):
            yield from check_fields(case_file, meta[spec.name], NESTED_FIELDS[spec.name], (spec.name,))
            if spec.name == "region":
                yield from check_province(case_file)
    for spec in nested:  # then those of each practice and result
        if spec.kind == "list" and isinstance(meta.get(spec.name), list):
            for index, item in enumerate(meta[spec.name]):
                yield from check_list_item(case_file, spec.name, index, item)
    yield from check_id(case_file)
    yield from check_status(case_file)
    yield from check_categories(case_file)
    yield from check_tags(case_file)
    yield from check_evidence(case_file)
    yield from check_text_items(case_file)
    yield from check_unknown_subfields(case_file)
    yield from check_placeholders(case_file)
    yield from check_sections(case_file)
    yield from check_teaching(case_file)
    yield from check_trust(case_file)


def check_fields(case_file: CaseFile, data: dict[str, Any], specs: tuple[FieldSpec, ...],
                 prefix: tuple[Any, ...]) -> Iterator[Problem]:
    """Required fields present and non-empty; every field of the right type."""
    for spec in specs:
        name = _field_name(prefix + (spec.name,))
        if spec.name not in data or data[spec.name] is None or data[spec.name] == "":
            if spec.required and not (spec.name == "lessons" and data.get("status") == "incomplete"
                                      and spec.name in data):
                example = say("missing-field.example", name=spec.name, example=spec.example)[0] if spec.example else ""
                yield Problem(case_file.display_path, case_file.line_of(*prefix), name, "missing-field",
                              *say("missing-field", name=spec.name, description=spec.description, example=example))
            continue
        value = data[spec.name]
        if not _has_kind(value, spec.kind):
            line = case_file.line_of(*prefix, spec.name)
            yield value_type_problem(case_file, spec, value, name, line, Problem(
                case_file.display_path, line, name, "wrong-type",
                *say("wrong-type", kind=KIND_LABELS[spec.kind], value=_short(value), hint=type_hint(spec))))
        elif spec.kind == "list" and spec.required and not value and spec.name != "lessons":
            yield Problem(case_file.display_path, case_file.line_of(*prefix, spec.name), name, "empty-list",
                          *say("empty-list", description=spec.description))


def check_list_item(case_file: CaseFile, list_key: str, index: int, item: Any) -> Iterator[Problem]:
    if not isinstance(item, dict):
        first = NESTED_FIELDS[list_key][0].name
        yield Problem(case_file.display_path, case_file.line_of(list_key, index), f"{list_key}[{index}]",
                      "item-not-mapping", f"每一项应当写成带子字段的形式，现在是“{_short(item)}”",
                      f"例如 - {first}: …，下一行缩进写其他子字段")
        return
    yield from check_fields(case_file, item, NESTED_FIELDS[list_key], (list_key, index))


def check_id(case_file: CaseFile) -> Iterator[Problem]:
    case_id = case_file.meta.get("id")
    if not isinstance(case_id, str) or not case_id:
        return
    line = case_file.line_of("id")
    if not case_id.isascii():
        yield Problem(case_file.display_path, line, "id", "id-not-ascii",
                      *say("id-not-ascii", id=case_id, slug=ids.slug(case_id)))
    elif case_id != case_id.lower():
        yield Problem(case_file.display_path, line, "id", "id-uppercase",
                      *say("id-uppercase", id=case_id, lower=case_id.lower()))
    elif not re.match(ID_PATTERN, case_id):
        yield Problem(case_file.display_path, line, "id", "bad-id",
                      *say("bad-id", id=case_id))
    elif case_id in RESERVED_IDS:
        yield Problem(case_file.display_path, line, "id", "reserved-id", *say("reserved-id", id=case_id))
    if case_id != case_file.path.stem:
        yield Problem(case_file.display_path, line, "id", "id-filename-mismatch",
                      f"编号“{case_id}”与文件名“{case_file.path.name}”不一致",
                      f"把文件改名为 {case_id}.md，或把 id 改为 {case_file.path.stem}")


def check_status(case_file: CaseFile) -> Iterator[Problem]:
    status = case_file.meta.get("status")
    if isinstance(status, str) and status not in STATUS_LABELS:
        yield Problem(case_file.display_path, case_file.line_of("status"), "status", "unknown-status",
                      *say("unknown-status", status=status, suggestion=_suggest(status, STATUS_LABELS, "可选：")))
    if status == "incomplete" and not case_file.meta.get("incomplete_note"):
        yield Problem(case_file.display_path, case_file.line_of("status"), "incomplete_note",
                      "missing-incomplete-note", *say("missing-incomplete-note"))


def check_province(case_file: CaseFile) -> Iterator[Problem]:
    province = case_file.meta["region"].get("province")
    if not isinstance(province, str) or province in vocab.provinces():
        return
    full = vocab.province_for_short_name(province)
    line = case_file.line_of("region", "province")
    if full:
        yield Problem(case_file.display_path, line, "region.province", "province-short-form",
                      f"“{province}”不是完整的省级名称", f"请写作“{full}”")
    else:
        yield Problem(case_file.display_path, line, "region.province", "unknown-province",
                      *say("unknown-province", province=province,
                           suggestion=_suggest(province, vocab.provinces(), "请写完整名称，如：")))


def check_categories(case_file: CaseFile) -> Iterator[Problem]:
    practices = case_file.meta.get("practices")
    if not isinstance(practices, list):
        return
    known = vocab.categories()
    for index, practice in enumerate(practices):
        if not isinstance(practice, dict):
            continue
        also = practice.get("also") or []
        keys = [("category", ("category",), practice.get("category"))]
        keys += [(f"also[{i}]", ("also", i), key) for i, key in enumerate(also if isinstance(also, list) else [])]
        for field, key_path, key in keys:
            if isinstance(key, str) and key not in known:
                yield Problem(case_file.display_path, case_file.line_of("practices", index, *key_path),
                              f"practices[{index}].{field}", "unknown-category",
                              *say("unknown-category", key=key, suggestion=_suggest(key, _category_choices(known), "可用：")))
        if isinstance(also, list) and len(also) > 2:
            yield Problem(case_file.display_path, case_file.line_of("practices", index, "also"),
                          f"practices[{index}].also", "too-many-categories",
                          *say("too-many-categories", count=len(also)))


def check_tags(case_file: CaseFile) -> Iterator[Problem]:
    tags = case_file.meta.get("tags")
    known = vocab.tags()
    for index, tag in enumerate(tags if isinstance(tags, list) else []):
        if isinstance(tag, str) and tag not in known:
            yield Problem(case_file.display_path, case_file.line_of("tags", index), f"tags[{index}]", "unknown-tag",
                          *say("unknown-tag", tag=tag, suggestion=_suggest(tag, dict.fromkeys(known), "可用：")))


def check_evidence(case_file: CaseFile) -> Iterator[Problem]:
    """``results[].evidence`` is a key of ``vocab/evidence.yml`` (where the figure comes from)."""
    results = case_file.meta.get("results")
    known = vocab.evidence_kinds()
    for index, result in enumerate(results if isinstance(results, list) else []):
        evidence = result.get("evidence") if isinstance(result, dict) else None
        if isinstance(evidence, str) and evidence and evidence not in known:
            by_label = {kind.label: key for key, kind in known.items()}
            suggestion = (say("unknown-evidence.label", evidence=evidence, key=by_label[evidence])[0] if evidence in by_label
                          else _suggest(evidence, {key: kind.label for key, kind in known.items()}, "可用："))
            yield Problem(case_file.display_path, case_file.line_of("results", index, "evidence"),
                          f"results[{index}].evidence", "unknown-evidence",
                          *say("unknown-evidence", evidence=evidence, suggestion=suggestion))


def check_sections(case_file: CaseFile) -> Iterator[Problem]:
    """The body keeps the narrative under ## 背景, ## 主要做法, ## 成效, ## 启示."""
    found = {m.group(1): m for m in SECTION_RE.finditer(case_file.body)}
    incomplete = case_file.meta.get("status") == "incomplete"
    for heading in SECTION_HEADINGS:
        match = found.get(heading)
        if match is None:
            if not incomplete:
                yield Problem(case_file.display_path, case_file.body_line, "正文", "missing-section",
                              f"正文缺少“## {heading}”一节",
                              f"单独一行写 ## {heading}，下面放原文相应部分；原文确实缺失时写 status: incomplete 并说明")
            continue
        text = section_text(case_file.body, match)
        if not text.strip() and not incomplete:
            line = case_file.body_line + case_file.body.count("\n", 0, match.start())
            yield Problem(case_file.display_path, line, "正文", "empty-section",
                          *say("empty-section", heading=heading))


def check_unique_ids(case_files: list[CaseFile]) -> Iterator[Problem]:
    by_id: dict[str, list[CaseFile]] = defaultdict(list)
    for case_file in case_files:
        if isinstance(case_file.meta.get("id"), str):
            by_id[case_file.meta["id"]].append(case_file)
    for case_id, files in by_id.items():
        for case_file in files[1:]:
            yield Problem(case_file.display_path, case_file.line_of("id"), "id", "duplicate-id",
                          f"编号“{case_id}”已被 {files[0].display_path} 使用", "每个案例的编号必须不同，请改一个")


def section_text(body: str, match: re.Match) -> str:
    """The text under the heading ``match`` (of :data:`SECTION_RE`), up to the next section."""
    following = SECTION_RE.search(body, match.end())
    return body[match.end(): following.start() if following else len(body)]


def _has_kind(value: Any, kind: str) -> bool:
    import datetime as dt
    if kind == "string":
        return isinstance(value, str)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list)
    if kind == "mapping":
        return isinstance(value, dict)
    if kind == "date":
        return isinstance(value, (dt.date, str))
    raise ValueError(kind)


def type_hint(spec: FieldSpec) -> str:
    if spec.kind == "number":
        return "只写阿拉伯数字，例如 92；单位写在 unit 字段，“多”“余”等写在 as_stated 字段"
    if spec.kind == "list":
        return "每项单独一行，以“- ”开头"
    if spec.kind == "mapping":
        return "下一行起缩进两个空格写各个子字段"
    if spec.kind == "date":
        return "写成 2026-11-28 的形式"
    return f"例如 {spec.name}: {spec.example}" if spec.example else "写成一段文字"


def _category_choices(known: dict[str, vocab.Category]) -> dict[str, str]:
    return {key: category.label for key, category in known.items()}


def _suggest(value: str, choices: dict[str, Any], lead: str) -> str:
    """Name the nearest valid choice, or list them all when none is close."""
    labels = {key: key for key in choices}
    for key, label in choices.items():
        if isinstance(label, str):
            labels[label] = key
    close = difflib.get_close_matches(str(value), list(labels), n=1, cutoff=0.5)
    if close:
        key = labels[close[0]]
        return say("suggest.close", key=key)[0]
    return lead + "、".join(choices)
