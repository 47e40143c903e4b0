"""The test library: the site every page-level check opens, and ``make screenshots`` shows.

It is the committed cases and training modules plus the labelled search fixtures
(``tests/fixtures/search``, never published), so that the views have more than two
cases to list. The draft preview adds, on a copy of the committed cases, one imported
draft that still has a problem and one file that cannot be read: the pages ``make serve``
shows while a contributor is still fixing a file (:mod:`kb.site.draft_preview`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from quality import ROOT

SEED_CASES = ROOT / "cases"
MODULES = ROOT / "modules"
TEACHING = ROOT / "teaching"  # teaching notes: only the 教师版 renders them
# The public address the test library's 教师版 is built for (a fixture: the project sets none).
FIXTURE_SITE_URL = "https://kb.example.org/"
SEARCH_FIXTURES = ROOT / "tests" / "fixtures" / "search"
# the case files of the test library, and their ids
LIBRARY_CASE_FILES = sorted([*SEED_CASES.glob("*.md"), *SEARCH_FIXTURES.glob("*.md")], key=lambda path: path.stem)
LIBRARY_CASE_IDS = [path.stem for path in LIBRARY_CASE_FILES]

# The cases and training module of the library that checks and page types name
XINGSHAN = "hubei-xingshan-lianghui-liangping"
WENGYUAN = "guangdong-wengyuan-lingtouyan"
MODULE = "rural-party-serving-the-people"

DRAFT_SOURCE = ROOT / "tests" / "fixtures" / "import" / "fixture-news-page.html"
UNREADABLE_FILE = "fixture-unreadable.md"


def copy_library(folder: Path) -> Path:
    """The test library in ``folder``: the committed cases and the labelled search fixtures
    in one cases folder, the committed training modules and teaching notes beside it; the cases folder."""
    shutil.copytree(MODULES, folder / "modules")
    shutil.copytree(TEACHING, folder / "teaching")
    cases = folder / "cases"
    cases.mkdir()
    for path in LIBRARY_CASE_FILES:
        shutil.copy(path, cases / path.name)
    return cases


def copy_draft_preview(folder: Path) -> tuple[Path, str]:
    """The committed cases and modules in ``folder``, with a draft imported from a test fixture
    whose summary the reviewer has not written yet, and a file whose YAML cannot be read;
    the cases folder and the draft's id."""
    from kb.importer import import_documents  # the importer's packages: make test, not make serve

    shutil.copytree(MODULES, folder / "modules")
    shutil.copytree(TEACHING, folder / "teaching")
    cases = folder / "cases"
    shutil.copytree(SEED_CASES, cases)
    before = set(cases.iterdir())
    import_documents(DRAFT_SOURCE, cases)
    (draft,) = set(cases.iterdir()) - before
    text = draft.read_text(encoding="utf-8")
    draft.write_text(re.sub(r"^summary: .*$", "summary: 【待填写】", text, count=1, flags=re.MULTILINE),
                     encoding="utf-8")
    (cases / UNREADABLE_FILE).write_text("---\nid: fixture-unreadable\ntitle: [没有闭合\n---\n", encoding="utf-8")
    return cases, draft.stem


def build_library_site(workdir: Path) -> Path:
    """The test library copied into ``workdir`` and built there as ``make build`` builds; the site."""
    copy_library(workdir)
    _build(workdir)
    return workdir / "site"


def build_draft_preview_site(workdir: Path) -> tuple[Path, str]:
    """The draft preview copied into ``workdir`` and built there as ``make serve`` shows it
    (``kb build --preview-drafts``); the site and the draft's id."""
    _, draft = copy_draft_preview(workdir)
    _build(workdir, "--preview-drafts")
    return workdir / "site", draft


def _build(workdir: Path, *options: str) -> None:
    """``python -m kb build`` of ``workdir/cases`` in a child process (as make build runs it), from
    ``workdir``: the banners name files as a contributor sees them (``cases/…``), whatever the folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "kb", "build", "--cases", "cases", "--site", "site",
                             "--docs", "docs", *options], cwd=workdir, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{workdir} 的构建失败：\n{result.stdout}{result.stderr}")
