"""The editor JSON Schema: generated from the model, committed, and in step."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest

from conftest import SEED_CASES
from kb.check.load import load_case_file
from kb.model.case import CASE_FIELDS, NESTED_FIELDS
from kb.model.schema import SCHEMA_PATH, schema_text
from sitebuild import ROOT

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/case.schema.json"


def as_json(value):
    """Frontmatter as an editor sees it: dates are text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_committed_schema_is_up_to_date():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "运行 make schema 并提交 schema/case.schema.json"


@pytest.mark.parametrize("path", sorted(SEED_CASES.glob("*.md")) + [ROOT / "templates" / "case.md"],
                         ids=lambda p: p.name)
def test_cases_and_template_point_editors_at_the_schema(path):
    assert path.read_text(encoding="utf-8").split("\n")[1] == SCHEMA_COMMENT
    assert (path.parent / "../schema/case.schema.json").resolve() == SCHEMA_PATH


def test_seed_cases_satisfy_the_schema_and_broken_fixtures_do_not():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    for path in sorted(SEED_CASES.glob("*.md")):
        assert list(validator.iter_errors(as_json(load_case_file(path).meta))) == [], path
    for fixture, wrong in [("number-with-unit.md", "value"), ("unknown-category.md", "category"),
                           ("province-short-form.md", "province"), ("unknown-tag.md", "tags")]:
        meta = as_json(load_case_file(ROOT / "tests" / "fixtures" / "invalid" / fixture).meta)
        errors = list(validator.iter_errors(meta))
        assert errors and wrong in errors[0].json_path, (fixture, errors)


def test_template_mentions_every_field():
    template = (ROOT / "templates" / "case.md").read_text(encoding="utf-8")
    specs = list(CASE_FIELDS) + [spec for table in NESTED_FIELDS.values() for spec in table]
    assert [spec.name for spec in specs if not re.search(rf"\b{spec.name}\b", template)] == []
