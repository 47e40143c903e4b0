"""The catalogues of broken files: one fixture (or more) per problem code.

``tests/fixtures/invalid/`` holds case files and ``tests/fixtures/invalid-modules/``
training-module files, each broken on purpose in one way; ``invalid.yml`` and
``invalid-modules.yml`` say which code each must yield, on which line and
field. The real command line runs once over each folder (every fixture has
its own id, so the files do not disturb each other; the duplicate-id and duplicate-number pairs are
the exception, and is meant to be). The module fixtures name the valid
fixture cases in ``tests/fixtures/valid/``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from kb.check.library import check_library
from kb.check.rules import RULES
from kb.check.validate import validate_cases
from sitebuild import ROOT, kb_command

FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid"
ANNOTATION_RE = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),title=(?P<code>[a-z0-9-]+)::")


@dataclass(frozen=True)
class Catalogue:
    """A folder of broken fixture files and the case folder the command checks with it."""

    name: str
    cases_dir: Path
    modules_dir: Path | None = None  # None: the folder holds case files
    teaching_dir: Path | None = None  # a folder of teaching notes (then the folder holds notes)

    @property
    def folder(self) -> Path:
        return FIXTURES / self.name

    @property
    def expected(self) -> dict[str, list[dict]]:
        return yaml.safe_load((FIXTURES / f"{self.name}.yml").read_text(encoding="utf-8"))

    @property
    def env(self) -> dict[str, str]:
        if self.teaching_dir:
            return {"KB_TEACHING_DIR": str(self.teaching_dir)}
        return {"KB_MODULES_DIR": str(self.modules_dir)} if self.modules_dir else {}

    def summary(self) -> list[str]:
        """The closing lines of ``kb validate``: each fixture file has exactly one problem."""
        files = len(list(self.folder.iterdir()))
        broken = f"在 {files} 个文件中发现 {files} 个问题。"
        if self.teaching_dir is not None:
            return [f"检查了 {files} 个教学说明文件，{broken}",
                    f"检查了 {len(list(self.cases_dir.iterdir()))} 个案例文件，没有发现问题。"]
        if self.modules_dir is None:
            return [f"检查了 {files} 个案例文件，{broken}"]
        return [f"检查了 {files} 个培训专题文件，{broken}",
                f"检查了 {len(list(self.cases_dir.iterdir()))} 个案例文件，没有发现问题。"]


CASE_FILES = Catalogue("invalid", cases_dir=FIXTURES / "invalid")
MODULE_FILES = Catalogue("invalid-modules", cases_dir=VALID, modules_dir=FIXTURES / "invalid-modules")
NOTE_FILES = Catalogue("invalid-notes", cases_dir=VALID, teaching_dir=FIXTURES / "invalid-notes")
CATALOGUES = (CASE_FILES, MODULE_FILES, NOTE_FILES)
ENTRIES = [(catalogue, code, entry) for catalogue in CATALOGUES
           for code, entries in catalogue.expected.items() for entry in entries]
ENTRY_IDS = [f"{catalogue.name}/{entry['file']}" for catalogue, _, entry in ENTRIES]


@pytest.fixture(scope="module")
def cli_runs():
    return {catalogue.name: kb_command("validate", "--github", "--cases", str(catalogue.cases_dir), **catalogue.env)
            for catalogue in CATALOGUES}


@pytest.fixture(scope="module")
def api_problems():
    """Problems by catalogue and file name, from the library check the command runs."""
    by_file = defaultdict(list)
    for catalogue in CATALOGUES:
        check = check_library(catalogue.cases_dir, catalogue.modules_dir, catalogue.teaching_dir)
        files = len(list(catalogue.folder.iterdir()))
        if catalogue.teaching_dir is not None:
            assert check.case_problems == [] and check.notes == [] and check.notes_checked == files
        elif catalogue.modules_dir is None:
            assert check.cases == [] and check.cases_checked == files
        else:
            assert check.case_problems == [] and check.modules == [] and check.modules_checked == files
        for problem in check.problems:
            by_file[catalogue.name, problem.path.rsplit("/", 1)[-1]].append(problem)
    return by_file


@pytest.mark.parametrize("catalogue, code, entry", ENTRIES, ids=ENTRY_IDS)
def test_fixture_yields_its_code_on_its_line(catalogue, code, entry, api_problems):
    problems = api_problems[catalogue.name, entry["file"]]
    matching = [p for p in problems if p.code == code]
    assert matching, problems
    assert matching[0].line == entry["line"]
    if "field" in entry:
        assert matching[0].field == entry["field"]
    assert matching[0].message and matching[0].hint
    assert {p.code for p in problems} <= {code, *entry.get("also", [])}, problems


@pytest.mark.parametrize("catalogue, code, entry", ENTRIES, ids=ENTRY_IDS)
def test_cli_reports_fixture_with_file_line_field_and_code(catalogue, code, entry, cli_runs):
    path = f"tests/fixtures/{catalogue.name}/{entry['file']}"
    lines = cli_runs[catalogue.name].stdout.splitlines()
    where = f"{path}:{entry['line']}: " + (f"{entry['field']}: " if "field" in entry else "")
    assert any(line.startswith(where) for line in lines), where
    annotations = [m.groupdict() for m in map(ANNOTATION_RE.match, lines) if m]
    assert {"file": path, "line": str(entry["line"]), "code": code} in annotations


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=[c.name for c in CATALOGUES])
def test_cli_exits_nonzero_without_traceback(catalogue, cli_runs):
    result = cli_runs[catalogue.name]
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr and result.stderr == ""
    assert [line for line in result.stdout.splitlines() if line.startswith("检查了")] == catalogue.summary()


def test_every_rule_has_a_fixture_and_every_fixture_a_rule():
    assert set(CASE_FILES.expected) | set(MODULE_FILES.expected) | set(NOTE_FILES.expected) == set(RULES)
    for catalogue in CATALOGUES:
        listed = {entry["file"] for entries in catalogue.expected.values() for entry in entries}
        assert listed == {path.name for path in catalogue.folder.iterdir()}, catalogue.name


def test_valid_fixtures_pass_including_bom_and_windows_line_ends():
    cases, problems, checked = validate_cases(VALID)
    assert problems == [] and checked == len(cases) == 2
    assert (VALID / "fixture-bom-crlf.md").read_bytes().startswith(b"\xef\xbb\xbf---\r\n")


@pytest.mark.parametrize("catalogue, expected", [
    (CASE_FILES, "tests/fixtures/invalid/number-with-unit.md:18: results[0].value: “92个”不是数字"
                 "（只写 92，单位“个”写在 unit 字段，原文写法可写在 as_stated 字段）"),
    (CASE_FILES, "tests/fixtures/invalid/province-short-form.md:7: region.province: "
                 "“湖北”不是完整的省级名称（请写作“湖北省”）"),
    (CASE_FILES, "tests/fixtures/invalid/fullwidth-colon.md:4: title: 字段名 title 后面用了中文冒号“：”"
                 "（改为英文冒号加一个空格，例如 title: …）"),
    (CASE_FILES, "tests/fixtures/invalid/unknown-category.md:14: practices[0].category: "
                 "分类“servise”不在做法分类表中（是不是“service”？）"),
    (CASE_FILES, "tests/fixtures/invalid/unknown-evidence.md:20: results[0].evidence: "
                 "数据出处“县（单位）自述”不在出处表 vocab/evidence.yml 中"
                 "（“县（单位）自述”是出处的名称，这里写它的 key：self-report；各出处的含义见 vocab/evidence.yml）"),
    (MODULE_FILES, "tests/fixtures/invalid-modules/unknown-case.yml:9: cases[0].case: "
                   "案例库中没有编号为“fixture-minimall”的案例（是不是“fixture-minimal”？）"),
    (MODULE_FILES, "tests/fixtures/invalid-modules/over-time.yml:5: duration: "
                   "各案例和小组练习共 50 分钟，超过总时长 40 分钟（加长 duration，或减少各项的 minutes）"),
], ids=lambda value: value.rsplit("/", 1)[-1].split(":")[0] if isinstance(value, str) else value.name)
def test_golden_messages(catalogue, expected, cli_runs):
    """The exact wording of a few messages, as a contributor reads them."""
    assert expected in cli_runs[catalogue.name].stdout.splitlines()
