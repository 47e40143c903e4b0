"""MkDocs on two cores (kb.site.page_split): the helper's pages are the pages one
process builds, and its checks count like the main process's."""

import json
import shutil
import subprocess
import sys

import pytest

from kb.site import page_split
from kb.site.config import project_config
from sitebuild import ROOT, kb_env

pytestmark = pytest.mark.slow

# MkDocs alone on an already rendered folder, in a child process: the helper is forked
# only by a process without other threads (page_split.can_split).
MKDOCS_ONLY = """
import json, sys
from mkdocs.exceptions import Abort
from kb.site.build import run_mkdocs
docs, site, split = sys.argv[1:]
try:
    share = run_mkdocs(docs, site, split=split == "split")
except Abort as abort:  # a SystemExit that prints nothing
    sys.exit(f"Abort: {abort}")
print(json.dumps(share))
"""


@pytest.fixture(scope="module")
def docs_dir(site_dir):
    return site_dir.parent / "docs"  # the rendered folder of the shared library build


def run_mkdocs_child(docs_dir, site_dir, split=True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", MKDOCS_ONLY, str(docs_dir), str(site_dir),
                           "split" if split else "single"], cwd=ROOT, env=kb_env(), capture_output=True, text=True)


def build(docs_dir, site_dir, split=True) -> list[str]:
    """The pages the helper built."""
    result = run_mkdocs_child(docs_dir, site_dir, split)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def failed_build(docs_dir, site_dir) -> str:
    """MkDocs' output of a build that must fail."""
    result = run_mkdocs_child(docs_dir, site_dir)
    assert result.returncode != 0, "the build should have failed"
    return result.stderr


def test_a_thread_of_this_process_rules_the_fork_out():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert page_split.can_split() is False
    finally:
        stop.set()
        thread.join()


def built_files(site_dir):
    return {path.relative_to(site_dir).as_posix(): path.read_bytes()
            for path in site_dir.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def split_build(docs_dir, tmp_path_factory):
    """The library build's pages built on two cores: the site folder and the pages the helper built."""
    site = tmp_path_factory.mktemp("split") / "site"
    return site, build(docs_dir, site)


def test_split_build_equals_the_one_process_build(docs_dir, split_build, tmp_path):
    split_site, share = split_build
    assert build(docs_dir, tmp_path / "single", split=False) == []
    # the helper really built pages: a case page and pages in the navigation among them
    # (which pages, follows from their sizes: kb.site.page_split.helper_share)
    in_nav = {next(iter(item.values())) for item in project_config()["nav"]}
    assert any(uri.startswith("cases/") and uri not in in_nav for uri in share)
    assert in_nav & set(share)
    split, single = built_files(split_site), built_files(tmp_path / "single")
    assert sorted(split) == sorted(single)
    assert [name for name in split if split[name] != single[name]] == []


def helper_copy(docs_dir, split_build, tmp_path):
    """A copy of the rendered folder, one of the pages the helper builds and one the main process builds."""
    docs = tmp_path / "docs"
    shutil.copytree(docs_dir, docs)
    _, share = split_build
    helper_page = next(uri for uri in share if uri.startswith("cases/") and uri != "cases/index.md")
    main_page = next(uri for uri in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
                     if uri.startswith("cases/") and uri not in share)
    return docs, helper_page, main_page


def test_a_broken_anchor_on_a_helper_page_fails_the_strict_build(docs_dir, split_build, tmp_path):
    docs, helper_page, _ = helper_copy(docs_dir, split_build, tmp_path)
    with (docs / helper_page).open("a", encoding="utf-8") as page:
        page.write("\n[失效的锚点](#no-such-anchor)\n")
    output = failed_build(docs, tmp_path / "site")
    assert "no-such-anchor" in output and "Abort: Aborted with 1 warnings in strict mode" in output


def test_a_link_into_a_helper_page_is_checked_against_its_anchors(docs_dir, split_build, tmp_path):
    docs, helper_page, main_page = helper_copy(docs_dir, split_build, tmp_path)
    target = helper_page[len("cases/"):]  # both pages are in cases/
    with (docs / main_page).open("a", encoding="utf-8") as page:
        page.write(f"\n[做法一]({target}#practice-1)\n")
    build(docs, tmp_path / "good")  # an anchor the helper's page has
    with (docs / main_page).open("a", encoding="utf-8") as page:
        page.write(f"\n[不存在]({target}#no-such-anchor)\n")
    output = failed_build(docs, tmp_path / "bad")
    assert "no-such-anchor" in output and "Abort: Aborted with 1 warnings in strict mode" in output
