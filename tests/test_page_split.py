"""MkDocs on two cores (kb.site.page_split): the helper's pages are the pages one
process builds, and its checks count like the main process's."""

import shutil

import pytest
from mkdocs.exceptions import Abort

from kb.site import page_split
from kb.site.build import note_rendered, run_mkdocs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def docs_dir(site_dir):
    return site_dir.parent / "docs"  # the rendered folder of the shared seed build


def build(docs_dir, site_dir, split=True):
    """MkDocs alone on an already rendered folder (the hook would render the cases again)."""
    note_rendered(docs_dir)
    run_mkdocs(docs_dir, site_dir, split=split)


def built_files(site_dir):
    return {path.relative_to(site_dir).as_posix(): path.read_bytes()
            for path in site_dir.rglob("*") if path.is_file()}


def test_split_build_equals_the_one_process_build(docs_dir, tmp_path):
    build(docs_dir, tmp_path / "split")
    share = list(page_split.last_share)
    build(docs_dir, tmp_path / "single", split=False)
    assert share and all(uri.startswith("cases/") for uri in share)  # the helper really built case pages
    split, single = built_files(tmp_path / "split"), built_files(tmp_path / "single")
    assert sorted(split) == sorted(single)
    assert [name for name in split if split[name] != single[name]] == []
    assert "cases/" + share[0][len("cases/"):-len(".md")] + "/index.html" in split


def helper_copy(docs_dir, tmp_path):
    """A copy of the rendered folder, and the path of a page the helper builds."""
    docs = tmp_path / "docs"
    shutil.copytree(docs_dir, docs)
    build(docs, tmp_path / "probe")
    return docs, page_split.last_share[0]


def test_a_broken_anchor_on_a_helper_page_fails_the_strict_build(docs_dir, tmp_path):
    docs, helper_page = helper_copy(docs_dir, tmp_path)
    with (docs / helper_page).open("a", encoding="utf-8") as page:
        page.write("\n[失效的锚点](#no-such-anchor)\n")
    with pytest.raises(Abort, match="strict"):
        build(docs, tmp_path / "site")


def test_a_link_into_a_helper_page_is_checked_against_its_anchors(docs_dir, tmp_path):
    docs, helper_page = helper_copy(docs_dir, tmp_path)
    target = helper_page[len("cases/"):]
    with (docs / "cases" / "index.md").open("a", encoding="utf-8") as page:
        page.write(f"\n[做法一](../cases/{target}#practice-1)\n")
    build(docs, tmp_path / "good")  # an anchor the helper's page has
    with (docs / "cases" / "index.md").open("a", encoding="utf-8") as page:
        page.write(f"\n[不存在](../cases/{target}#no-such-anchor)\n")
    with pytest.raises(Abort, match="strict"):
        build(docs, tmp_path / "bad")
