"""The catalogue of broken case files: one fixture (or more) per problem code.

``tests/fixtures/invalid/`` holds fixture files, each broken on purpose in one
way; ``tests/fixtures/invalid.yml`` says which code each must yield, on which
line. The real command line runs once over the whole folder (every fixture
has its own id, so the files do not disturb each other; the duplicate-id pair
is the exception, and is meant to be).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from kb.rules import RULES
from kb.validate import validate_cases
from sitebuild import ROOT, run_kb

FIXTURES = ROOT / "tests" / "fixtures"
INVALID = FIXTURES / "invalid"
EXPECTED: dict[str, list[dict]] = yaml.safe_load((FIXTURES / "invalid.yml").read_text(encoding="utf-8"))
CASES = [(code, entry) for code, entries in EXPECTED.items() for entry in entries]
ANNOTATION_RE = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),title=(?P<code>[a-z0-9-]+)::")


@pytest.fixture(scope="module")
def cli_run():
    return run_kb("validate", "--github", "--cases", str(INVALID))


@pytest.fixture(scope="module")
def api_problems():
    cases, problems, checked = validate_cases(INVALID)
    assert cases == [] and checked == len(list(INVALID.iterdir()))
    by_file = defaultdict(list)
    for problem in problems:
        by_file[problem.path.rsplit("/", 1)[-1]].append(problem)
    return by_file


@pytest.mark.parametrize("code, entry", CASES, ids=[entry["file"] for _, entry in CASES])
def test_fixture_yields_its_code_on_its_line(code, entry, api_problems):
    problems = api_problems[entry["file"]]
    matching = [p for p in problems if p.code == code]
    assert matching, problems
    assert matching[0].line == entry["line"]
    if "field" in entry:
        assert matching[0].field == entry["field"]
    assert matching[0].message and matching[0].hint
    assert {p.code for p in problems} <= {code, *entry.get("also", [])}, problems


@pytest.mark.parametrize("code, entry", CASES, ids=[entry["file"] for _, entry in CASES])
def test_cli_reports_fixture_with_file_line_and_code(code, entry, cli_run):
    path = f"tests/fixtures/invalid/{entry['file']}"
    lines = cli_run.stdout.splitlines()
    assert any(line.startswith(f"{path}:{entry['line']}: ") for line in lines)
    annotations = [m.groupdict() for m in map(ANNOTATION_RE.match, lines) if m]
    assert {"file": path, "line": str(entry["line"]), "code": code} in annotations


def test_cli_exits_nonzero_without_traceback(cli_run):
    assert cli_run.returncode == 1
    assert "Traceback" not in cli_run.stdout + cli_run.stderr and cli_run.stderr == ""
    files = len(list(INVALID.iterdir()))
    assert cli_run.stdout.splitlines()[-1] == f"检查了 {files} 个案例文件，在 {files} 个文件中发现 {files} 个问题。"


def test_every_rule_has_a_fixture_and_every_fixture_a_rule():
    assert set(EXPECTED) == set(RULES)
    listed = {entry["file"] for entries in EXPECTED.values() for entry in entries}
    assert listed == {path.name for path in INVALID.iterdir()}


def test_valid_fixtures_pass_including_bom_and_windows_line_ends():
    cases, problems, checked = validate_cases(FIXTURES / "valid")
    assert problems == [] and checked == len(cases) == 2
    assert (FIXTURES / "valid" / "fixture-bom-crlf.md").read_bytes().startswith(b"\xef\xbb\xbf---\r\n")


@pytest.mark.parametrize("fixture, expected", [
    ("number-with-unit.md", "tests/fixtures/invalid/number-with-unit.md:18: results[0].value: “92个”不是数字"
                            "（只写 92，单位“个”写在 unit 字段，原文写法可写在 as_stated 字段）"),
    ("province-short-form.md", "tests/fixtures/invalid/province-short-form.md:7: region.province: "
                               "“湖北”不是完整的省级名称（请写作“湖北省”）"),
    ("fullwidth-colon.md", "tests/fixtures/invalid/fullwidth-colon.md:4: title: 字段名 title 后面用了中文冒号“：”"
                           "（改为英文冒号加一个空格，例如 title: …）"),
    ("unknown-category.md", "tests/fixtures/invalid/unknown-category.md:14: practices[0].category: "
                            "分类“servise”不在做法分类表中（是不是“service”？）"),
])
def test_golden_messages(fixture, expected, cli_run):
    """The exact wording of a few messages, as a contributor reads them."""
    assert expected in cli_run.stdout.splitlines()
