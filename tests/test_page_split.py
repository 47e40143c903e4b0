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
    # the helper really built pages: a case page and pages in the navigation among them
    assert any(uri.startswith("cases/") and uri != "cases/index.md" for uri in share)
    assert "cases/index.md" in share or "practices/index.md" in share
    split, single = built_files(tmp_path / "split"), built_files(tmp_path / "single")
    assert sorted(split) == sorted(single)
    assert [name for name in split if split[name] != single[name]] == []


def helper_copy(docs_dir, tmp_path):
    """A copy of the rendered folder, one of the pages the helper builds and one the main process builds."""
    docs = tmp_path / "docs"
    shutil.copytree(docs_dir, docs)
    build(docs, tmp_path / "probe")
    share = page_split.last_share
    helper_page = next(uri for uri in share if uri.startswith("cases/") and uri != "cases/index.md")
    main_page = next(uri for uri in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
                     if uri.startswith("cases/") and uri not in share)
    return docs, helper_page, main_page


def test_a_broken_anchor_on_a_helper_page_fails_the_strict_build(docs_dir, tmp_path):
    docs, helper_page, _ = helper_copy(docs_dir, tmp_path)
    with (docs / helper_page).open("a", encoding="utf-8") as page:
        page.write("\n[失效的锚点](#no-such-anchor)\n")
    with pytest.raises(Abort, match="strict"):
        build(docs, tmp_path / "site")


def test_a_link_into_a_helper_page_is_checked_against_its_anchors(docs_dir, tmp_path):
    docs, helper_page, main_page = helper_copy(docs_dir, tmp_path)
    target = helper_page[len("cases/"):]  # both pages are in cases/
    with (docs / main_page).open("a", encoding="utf-8") as page:
        page.write(f"\n[做法一]({target}#practice-1)\n")
    build(docs, tmp_path / "good")  # an anchor the helper's page has
    with (docs / main_page).open("a", encoding="utf-8") as page:
        page.write(f"\n[不存在]({target}#no-such-anchor)\n")
    with pytest.raises(Abort, match="strict"):
        build(docs, tmp_path / "bad")
