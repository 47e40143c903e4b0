"""make release: a versioned Frictionless Data Package that `frictionless validate` accepts, whose
columns and Chinese descriptions come from the field declaration, with the licences and a CHANGELOG
of the cases added, changed and withdrawn since the previous release (issue 28)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_CASES, WENGYUAN, XINGSHAN
from kb.data_release import write_release
from kb.model.case import NESTED_FIELDS, PRACTICE_FIELDS, RESULT_FIELDS
from kb.model.trust import CONTENT_LICENCE
from kb.site.render.data_tables import tables
from sitebuild import ROOT, kb_command

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def frictionless_validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=folder,
                          capture_output=True, text=True)


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(SEED_CASES, folder)
    return folder


def rows(folder: Path, table: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / f"{table}.csv").read_text(encoding="utf-8-sig"))))


def test_a_release_is_a_valid_data_package_with_its_codebook_and_licences(library, tmp_path):
    kb_command("review", "--cases", str(library), "--case", XINGSHAN, "--stage", "核实", "--by", "测试单位",
               "--checked", "原文核对")
    result = kb_command("release", "--cases", str(library), "--out", str(tmp_path / "dist"), "--version", "2026.12.01")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "dist" / "2026.12.01"
    assert sorted(p.name for p in folder.iterdir()) == ["CHANGELOG.md", "LICENSE", "LICENSE-content", "cases.csv",
                                                       "datapackage.json", "figures.csv", "practices.csv", "reviews.csv"]
    validated = frictionless_validate(folder)
    report = json.loads(validated.stdout)
    assert validated.returncode == 0 and report["valid"], validated.stdout[:3000]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "2026.12.01" and package["licenses"][0]["name"] == CONTENT_LICENCE["name"]
    schemas = {resource["name"]: resource["schema"] for resource in package["resources"]}
    described = {field["name"]: field["description"] for field in schemas["practices"]["fields"]}
    assert all(described[spec.name].startswith(spec.description) for spec in PRACTICE_FIELDS)
    assert {spec.name for spec in RESULT_FIELDS} <= {field["name"] for field in schemas["figures"]["fields"]}
    assert {spec.name for spec in NESTED_FIELDS["reviews"]} <= {field["name"] for field in schemas["reviews"]["fields"]}
    assert all(field["description"] and not field["description"].isascii()
               for schema in schemas.values() for field in schema["fields"])
    assert [row["case_id"] for row in rows(folder, "reviews")] == [XINGSHAN]
    assert {row["id"]: row["review_state"] for row in rows(folder, "cases")} == {XINGSHAN: "已核实", WENGYUAN: "未审核"}
    assert "这是第一个版本：新增 2 个案例" in (folder / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_changelog_lists_added_changed_and_withdrawn_cases(library, tmp_path):
    out = tmp_path / "dist"
    write_release(library, out, version="2026.12.01")
    path = library / f"{XINGSHAN}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("    value: 92\n", "    value: 93\n", 1), encoding="utf-8")
    (library / f"{WENGYUAN}.md").unlink()
    fixture = (ROOT / "tests" / "fixtures" / "valid" / "fixture-minimal.md").read_text(encoding="utf-8")
    (library / "fixture-minimal.md").write_text(fixture, encoding="utf-8")
    report = write_release(library, out, version="2026.12.02")
    log = report.changelog
    assert "自上一版 2026.12.01 以来：新增 1 个案例，修改 1 个，撤下 1 个" in log
    added, changed, withdrawn = (log.split(f"## {h}\n")[1].split("##")[0] for h in ("新增", "修改", "撤下"))
    assert "fixture-minimal" in added and XINGSHAN in changed and WENGYUAN in withdrawn
    assert frictionless_validate(out / "2026.12.02").returncode == 0


def test_a_release_is_never_overwritten_without_force(library, tmp_path):
    out = tmp_path / "dist"
    assert kb_command("release", "--cases", str(library), "--out", str(out), "--version", "2026.12.01").returncode == 0
    again = kb_command("release", "--cases", str(library), "--out", str(out), "--version", "2026.12.01")
    assert again.returncode == 1 and "已经发布过" in again.stderr and "FORCE=1" in again.stderr
    bad = kb_command("release", "--cases", str(library), "--out", str(out), "--version", "v1")
    assert bad.returncode == 1 and "版本号“v1”的格式不对" in bad.stderr
    assert kb_command("release", "--cases", str(library), "--out", str(out), "--version", "2026.12.01",
                      "--force").returncode == 0


def test_the_data_page_describes_every_column_from_the_same_schema():
    from kb.check.library import check_library
    from kb.model import vocab
    from kb.site.crossindex import build_index
    from kb.model.glossary import glossary
    from kb.site.render.open_data import render_data_page

    check = check_library(SEED_CASES)
    page = render_data_page(build_index(check.cases, vocab.categories(), glossary()), "2026.12.01")
    for table in tables():
        assert f"## {table.name}.csv" in page
        for column in table.columns:
            assert f"| {column.name} | {column.type} |" in page
    assert "releases/2026.12.01/datapackage.json" in page


def site_data(cases_dir: Path) -> dict[str, bytes]:
    """The data files the site renders for ``cases_dir`` and the release ledger beside it."""
    from kb.check.library import check_library
    from kb.data_release import releases
    from kb.model import vocab
    from kb.model.glossary import glossary
    from kb.site.crossindex import build_index
    from kb.site.render.open_data import render_open_data

    check = check_library(cases_dir)
    categories = vocab.categories()
    return render_open_data(build_index(check.cases, categories, glossary()), categories, releases(cases_dir))


def test_the_site_publishes_the_newest_release_while_the_cases_match_it(library, tmp_path):
    """Release packages are build output (dist/ is not committed); the ledger beside the cases records
    each release, and the site makes the newest one's package again while no case changed since."""
    write_release(library, tmp_path / "dist", version="2026.12.01")
    assert "2026.12.01" in (library.parent / "data-releases.yml").read_text(encoding="utf-8")
    files = site_data(library)
    published = tmp_path / "published"
    published.mkdir()
    for name, data in files.items():
        if name.startswith("data/releases/2026.12.01/"):
            (published / name.rsplit("/", 1)[1].removesuffix(".txt")).write_bytes(data)
    for name in ("datapackage.json", "cases.csv", "CHANGELOG.md"):  # the package make release wrote, again
        assert (published / name).read_bytes() == (tmp_path / "dist" / "2026.12.01" / name).read_bytes(), name
    assert frictionless_validate(published).returncode == 0
    assert "releases/2026.12.01/datapackage.json" in files["data/index.md"].decode("utf-8")

    path = library / f"{XINGSHAN}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("    value: 92\n", "    value: 93\n", 1), encoding="utf-8")
    files = site_data(library)
    assert not any(name.startswith("data/releases/") for name in files)
    page = files["data/index.md"].decode("utf-8")
    assert "最新发布的版本是 **2026.12.01**。此后有 1 个案例新增、修改或撤下" in page and XINGSHAN in page


def test_the_committed_ledger_reads():
    from kb.data_release import releases, version_key

    found = releases(SEED_CASES)
    assert found and [version_key(r.version) for r in found] == sorted(version_key(r.version) for r in found)
    assert all(r.cases and all(len(digest) == 64 for _, digest in r.cases.values()) for r in found)


def test_make_release_runs_through_make(library, tmp_path):
    done = subprocess.run(["make", "--no-print-directory", "release", "VERSION=2026.12.01", f"OUT={tmp_path / 'dist'}",
                           f"KB_CASES_DIR={library}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert frictionless_validate(tmp_path / "dist" / "2026.12.01").returncode == 0
