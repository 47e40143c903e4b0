"""MkDocs on two cores (kb.site.page_split): the helper's pages are the pages one
process builds, and its checks count like the main process's.

The builds run in processes forked, one per build, from a child that has only imported
MkDocs and kb (one interpreter's start-up and imports instead of one per build): each
build's process has built nothing before, and runs no other thread, so it forks its
helper as ``python -m kb build`` does (page_split.can_split)."""

import json
import posixpath
import re
import shutil
import subprocess
import sys

import pytest

from kb.site import page_split
from kb.site.config import project_config
from sitebuild import IN_FORKED_PROCESS, ROOT, kb_env

pytestmark = pytest.mark.slow

# MkDocs alone on an already rendered folder. The child imports what a build imports, then for
# each line "docs site split|single out" forks a process that runs the build, writes the pages the
# helper built to ``out`` and what it printed to ``out.log``, and answers with its exit status.
BUILDER = IN_FORKED_PROCESS + """
import json, os, sys, threading
from mkdocs.exceptions import Abort
from kb.site.build import run_mkdocs
import jinja2, material, pymdownx.slugs, mkdocs.commands.build, mkdocs.config.defaults, mkdocs.structure.pages, mkdocs.theme
import kb.site.page_split, kb.site.plugin
for line in sys.stdin:
    docs, site, split, out = json.loads(line)
    assert threading.active_count() == 1  # the build's process must be free to fork its helper

    def build():
        log = os.open(out + ".log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(log, 1), os.dup2(log, 2)
        try:
            share = run_mkdocs(docs, site, split=split == "split")
        except Abort as abort:  # a SystemExit that prints nothing
            print(f"Abort: {abort}", file=sys.stderr)
            return 1
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(share, handle)

    print(in_forked_process(build), flush=True)
"""


@pytest.fixture(scope="module")
def docs_dir(site_dir):
    return site_dir.parent / "docs"  # the rendered folder of the shared library build


@pytest.fixture(scope="module")
def builder():
    """``run(docs_dir, site_dir, split)``: one MkDocs build in a fresh process (BUILDER): its exit
    status, what it printed, and the pages its helper built."""
    child = subprocess.Popen([sys.executable, "-c", BUILDER], cwd=ROOT, env=kb_env(), text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(docs_dir, site_dir, split=True) -> tuple[int, str, list[str] | None]:
        out = site_dir.parent / f"{site_dir.name}.share.json"
        child.stdin.write(json.dumps([str(docs_dir), str(site_dir), "split" if split else "single", str(out)]) + "\n")
        child.stdin.flush()
        status = child.stdout.readline()
        assert status, "the builder stopped"
        printed = (out.parent / f"{out.name}.log").read_text(encoding="utf-8")
        return int(status), printed, json.loads(out.read_text(encoding="utf-8")) if out.exists() else None

    yield run
    child.stdin.close()
    assert child.wait(timeout=60) == 0


def build(builder, docs_dir, site_dir, split=True) -> list[str]:
    """The pages the helper built."""
    status, printed, share = builder(docs_dir, site_dir, split)
    assert status == 0, printed[-3000:]
    return share


def failed_build(builder, docs_dir, site_dir) -> str:
    """MkDocs' output of a build that must fail."""
    status, printed, _ = builder(docs_dir, site_dir)
    assert status != 0, "the build should have failed"
    return printed


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
def split_build(builder, docs_dir, tmp_path_factory):
    """The library build's pages built on two cores: the site folder and the pages the helper built."""
    site = tmp_path_factory.mktemp("split") / "site"
    return site, build(builder, docs_dir, site)


def test_split_build_equals_the_one_process_build(builder, docs_dir, split_build, tmp_path):
    split_site, share = split_build
    assert build(builder, docs_dir, tmp_path / "single", split=False) == []
    # the helper really built pages: a case page and pages in the navigation among them
    # (which pages, follows from their sizes: kb.site.page_split.helper_share)
    in_nav = {next(iter(item.values())) for item in project_config()["nav"]}
    assert any(uri.startswith("cases/") and uri not in in_nav for uri in share)
    assert in_nav & set(share)
    split, single = built_files(split_site), built_files(tmp_path / "single")
    assert sorted(split) == sorted(single)
    assert [name for name in split if split[name] != single[name]] == []


LINK_RE = re.compile(r"\]\(([^)\s#]+\.md)#([^)\s]+)\)")


def links_into_helper_pages(docs_dir, share) -> list[str]:
    """Links with an anchor, on the pages the main process builds, into pages the helper builds."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        if uri not in share:
            for target, anchor in LINK_RE.findall(path.read_text(encoding="utf-8")):
                if posixpath.normpath(posixpath.join(posixpath.dirname(uri), target)) in share:
                    found.append(f"{uri} -> {target}#{anchor}")
    return found


@pytest.fixture(scope="module")
def broken_build(builder, docs_dir, split_build, tmp_path_factory):
    """A copy of the rendered folder with two broken anchors, built on two cores: one of the pages
    the helper builds links to an anchor of its own it does not have; one the main process builds
    links to an anchor that page does not have. The helper's page, the main process's page, and
    MkDocs' output."""
    folder = tmp_path_factory.mktemp("broken")
    docs = folder / "docs"
    shutil.copytree(docs_dir, docs)
    _, share = split_build
    helper_page = next(uri for uri in share if uri.startswith("cases/") and uri != "cases/index.md")
    main_page = next(uri for uri in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
                     if uri.startswith("cases/") and uri not in share)
    with (docs / helper_page).open("a", encoding="utf-8") as page:
        page.write("\n[失效的锚点](#no-such-anchor)\n")
    with (docs / main_page).open("a", encoding="utf-8") as page:
        page.write(f"\n[不存在]({helper_page[len('cases/'):]}#no-such-target)\n")  # both pages are in cases/
    output = failed_build(builder, docs, folder / "site")
    return helper_page, main_page, output


def warnings_of(output: str, page: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING") and f"'{page}'" in line.split(" contains ")[0]]


def test_a_broken_anchor_on_a_helper_page_fails_the_strict_build(broken_build):
    helper_page, _, output = broken_build
    assert any("#no-such-anchor" in line for line in warnings_of(output, helper_page)), output
    # both warnings count: the helper's as the main process's
    assert "Abort: Aborted with 2 warnings in strict mode" in output


def test_a_link_into_a_helper_page_is_checked_against_its_anchors(docs_dir, split_build, broken_build):
    _, share = split_build
    # anchors the helper's pages have: the library's own links into them passed the strict split build
    assert links_into_helper_pages(docs_dir, share)
    helper_page, main_page, output = broken_build
    assert any("no-such-target" in line for line in warnings_of(output, main_page)), output
    assert "Abort: Aborted with 2 warnings in strict mode" in output
