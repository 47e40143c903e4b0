"""A case field is declared once (kb.model.case.CASE_FIELDS) and reaches every place from there.

The fixture adds a field to the declaration in-process, then follows it: the
validator, the parsed case, the JSON Schema, the 投稿 form and its data, make new's
output, the importer's draft, cases.json, the comparison data, the search source
and the guide's field table. A place that keeps its own list of fields fails here.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys

import pytest

import kb.check.validate
import kb.search.source
import kb.site.render.compare
import kb.site.render.contributing
import kb.site.render.data_tables
import kb.site.render.open_data
import kb.site.render.submit_page
from conftest import SEED_CASES, XINGSHAN
from importcheck import FIXTURES
from kb.check.load import load_case_file
from kb.check.placeholders import PLACEHOLDER
from kb.importer import import_documents
from kb.importer.draft import FIELD_LINES
from kb.model import vocab
from kb.model.case import (CASE_FIELDS, COMPARE, NESTED_FIELDS, NESTED_RECORDS, SEARCH_NAME, SEARCH_TEXT, SURFACES,
                           Case, FieldSpec)
from kb.model.schema import build_schema
from kb.scaffold import TEMPLATE_PATH, scaffold
from test_scaffold import fill_placeholders

# Fictitious, test-only fields: one required text, shown on the comparison and searched; one optional
# list, shown nowhere but where every field goes; one optional list of records (like ``reviews``), shown
# on the comparison and searched among what a case is called.
SHOWN = FieldSpec("pilot_note", "string", True, "试点说明：测试用的虚构字段，每个案例都要写", "测试用的虚构值",
                  shows=(COMPARE, SEARCH_TEXT))
HIDDEN = FieldSpec("pilot_marks", "list", False, "试点标记：测试用的虚构字段，可以不写")
RECORDS = FieldSpec("pilot_reviews", "list", False, "试点审核：测试用的虚构字段，每项写 reviewer 审核人",
                    shows=(COMPARE, SEARCH_NAME))
RECORD_FIELDS = (FieldSpec("reviewer", "string", True, "审核人：测试用的虚构子字段"),)
VALUES = {SHOWN.name: "测试用的虚构试点值", HIDDEN.name: ["测试用的虚构标记"],
          RECORDS.name: [{"reviewer": "测试用的虚构审核人"}]}
# How make new leaves each blank for the contributor.
BLANK = {SHOWN.name: f" {PLACEHOLDER}", HIDDEN.name: f"\n  - {PLACEHOLDER}",
         RECORDS.name: f"\n  - reviewer: {PLACEHOLDER}"}
SEARCHED = {SHOWN.name: "测试用的虚构试点值", RECORDS.name: "测试用的虚构审核人"}
ATTRIBUTE_TYPES = {"string": str, "list": tuple}
INTERNAL_ATTRIBUTES = ("body", "path", "extra")


@pytest.fixture(params=[SHOWN, HIDDEN, RECORDS], ids=lambda spec: spec.name)
def declared(request, monkeypatch) -> FieldSpec:
    """One more field in the declaration, wherever a module imported it, and a Case with its
    attribute (the typed attribute is the one other line a new field needs, see
    test_case_attributes_follow_the_declaration); for the list of records, its sub-fields and
    their dataclass."""
    spec = request.param
    if spec is RECORDS:
        monkeypatch.setitem(NESTED_FIELDS, spec.name, RECORD_FIELDS)
        monkeypatch.setitem(NESTED_RECORDS, spec.name, dataclasses.make_dataclass(
            "PilotReview", [(sub.name, str) for sub in RECORD_FIELDS], frozen=True))
    extended = dataclasses.make_dataclass("Case", [(spec.name, ATTRIBUTE_TYPES[spec.kind], dataclasses.field(
        default_factory=ATTRIBUTE_TYPES[spec.kind]))], bases=(Case,), frozen=True)
    fields = CASE_FIELDS + (spec,)
    swaps = ((CASE_FIELDS, fields, "CASE_FIELDS"), (Case, extended, "Case"))
    for module in kb_modules():
        for original, replacement, name in swaps:
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, replacement)
    yield spec
    for module in kb_modules():  # a module first imported during the test took the extended ones
        for original, replacement, name in swaps:
            if getattr(module, name, None) is replacement:
                setattr(module, name, original)  # not monkeypatch: its undo would put the replacement back


def kb_modules() -> list:
    return [module for name, module in list(sys.modules.items()) if name.startswith("kb.")]


def as_data(value):
    """A parsed value as frontmatter data: tuples as lists, records as mappings."""
    if isinstance(value, tuple):
        return [as_data(item) for item in value]
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def filled_case(tmp_path, spec: FieldSpec):
    """make new's file for a fictitious case, filled the way a contributor would, through the validator."""
    path = scaffold(tmp_path, province="湖北省", county="兴山县", title="测试用案例：虚构", model="两会两评")
    text = path.read_text(encoding="utf-8")
    assert f"\n{spec.name}:{BLANK[spec.name]}\n" in text, "make new has no blank for the field"
    text = fill_placeholders(text)
    value = json.dumps(VALUES[spec.name], ensure_ascii=False)
    path.write_text(re.sub(rf"^{spec.name}:.*(\n  .*)*$", f"{spec.name}: {value}", text, flags=re.MULTILINE),
                    encoding="utf-8")
    cases, problems, _ = kb.check.validate.validate_cases(tmp_path)
    assert problems == []
    return cases[0]


def test_the_validator_checks_a_declared_field(declared):
    case_file = load_case_file(SEED_CASES / f"{XINGSHAN}.md")
    problems = list(kb.check.validate.check_case_file(case_file))
    assert [p.field for p in problems if p.code == "missing-field"] == ([declared.name] if declared.required else [])
    case_file.meta[declared.name] = [{"reviwer": "测试"}] if declared is RECORDS else {"测试": "测试"}
    problems = {(p.code, p.field) for p in kb.check.validate.check_case_file(case_file)}
    if declared is RECORDS:  # each record's sub-fields are checked
        assert {("missing-field", "pilot_reviews[0].reviewer"), ("unknown-field", "pilot_reviews[0].reviwer")} <= problems
    else:
        assert ("wrong-type", declared.name) in problems


def test_the_json_schema_and_the_form_have_a_declared_field(declared):
    schema = build_schema()
    assert schema["properties"][declared.name]["description"] == declared.description
    assert (declared.name in schema["required"]) == declared.required
    page = kb.site.render.submit_page.render_submit_page()
    main, optional = page.split("<legend>可选信息")
    group = (main if declared.required else optional.split("<legend>正文")[0])
    assert f'data-field="{declared.name}"' in group or f'data-list="{declared.name}"' in group
    assert f">{declared.label}<" in group
    data = kb.site.render.submit_page.render_submit_data()
    assert f'"{declared.name}":{{"name":"{declared.name}"' in data


def test_the_guide_lists_a_declared_field(declared):
    assert f"| `{declared.name}` |" in kb.site.render.contributing.render_field_tables()


def test_make_new_writes_a_declared_field_and_the_filled_case_holds_it(declared, tmp_path):
    case = filled_case(tmp_path, declared)
    assert as_data(getattr(case, declared.name)) == VALUES[declared.name]
    assert case.extra == {}


def test_a_declared_field_reaches_cases_json_the_comparison_and_search(declared, tmp_path):
    case = filled_case(tmp_path, declared)
    assert json.loads(kb.site.render.open_data.case_json(case))[declared.name] == VALUES[declared.name]
    compared = kb.site.render.compare.compare_record(case, vocab.categories())
    assert compared.get(declared.name) == (VALUES[declared.name] if COMPARE in declared.shows else None)
    searched = kb.search.source.case_record(case, vocab.categories(), "cases/x/")
    for surface, weight in ((SEARCH_NAME, "heavy"), (SEARCH_TEXT, "fields")):
        assert (SEARCHED.get(declared.name) in searched[weight]) == (surface in declared.shows)
    # the data tables (site CSVs and make release): a column of cases.csv, or a list of records left to a table of its own
    cases_table = kb.site.render.data_tables.tables()[0]
    assert (declared.name in [c.name for c in cases_table.columns]) == (declared.name not in NESTED_FIELDS)
    if declared.name not in NESTED_FIELDS:
        row = dict(zip([c.name for c in cases_table.columns], cases_table.rows([case], {})[0]))
        assert row[declared.name] == ";".join(VALUES[declared.name]) if declared.kind == "list" else VALUES[declared.name]


def test_an_imported_draft_has_a_placeholder_for_a_declared_required_field(declared, tmp_path):
    (report,) = import_documents(FIXTURES / "fixture-holdout-experience.txt", tmp_path, progress=False)
    draft = report.cases[0].target.read_text(encoding="utf-8")
    assert (f"\n{declared.name}: {PLACEHOLDER}\n" in draft) == declared.required


# --- the declaration and the code that cannot be derived from it stay in step --------------------

def test_case_attributes_follow_the_declaration():
    attributes = {f.name: f for f in dataclasses.fields(Case) if f.name not in INTERNAL_ATTRIBUTES}
    assert list(attributes) == [spec.name for spec in CASE_FIELDS], \
        "each field of CASE_FIELDS needs one attribute of Case, in the same order"
    for spec in CASE_FIELDS:
        has_default = attributes[spec.name].default is not dataclasses.MISSING \
            or attributes[spec.name].default_factory is not dataclasses.MISSING
        assert has_default != spec.required, f"Case.{spec.name}: an optional field has a default, a required one not"
    for name, record in NESTED_RECORDS.items():
        assert {f.name for f in dataclasses.fields(record)} == {spec.name for spec in NESTED_FIELDS[name]}


def test_surfaces_are_known_and_written_fields_declared():
    assert {surface for spec in CASE_FIELDS for surface in spec.shows} <= set(SURFACES)
    declared = {spec.name for spec in CASE_FIELDS}
    assert set(FIELD_LINES) <= declared, "the draft writes a field the model does not declare"
    frontmatter = TEMPLATE_PATH.read_text(encoding="utf-8").split("---\n")[1]
    assert set(re.findall(r"^(\w+):", frontmatter, re.MULTILINE)) <= declared, \
        "templates/case.md has a field the model does not declare"

