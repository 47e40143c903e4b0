"""The private MkDocs names (kb.site.mkdocs_private): used only on the MkDocs version they were
checked against, and this test fails on any other, so an upgrade is checked before it ships."""

import inspect

import mkdocs
from mkdocs import livereload
from mkdocs.commands import build

from kb.site import mkdocs_private


def test_the_installed_mkdocs_is_the_version_the_private_names_were_checked_against():
    assert mkdocs.__version__ == mkdocs_private.CHECKED_MKDOCS_VERSION, (
        f"MkDocs {mkdocs.__version__}: check every use in scripts/kb/site/mkdocs_private.py against it, "
        "then raise CHECKED_MKDOCS_VERSION")
    assert mkdocs_private.checked()


def test_the_page_building_steps_take_the_arguments_the_helper_passes():
    assert list(inspect.signature(build._populate_page).parameters)[:3] == ["page", "config", "files"]
    assert list(inspect.signature(build._build_page).parameters)[:5] == ["page", "config", "doc_files", "nav", "env"]


def test_the_reload_client_is_a_file_the_served_pages_load_with_its_numbers(tmp_path):
    client = mkdocs_private.reload_client()
    assert "livereload(+tag.dataset.epoch, +tag.dataset.requestId)" in client and "${" not in client
    assert list(inspect.signature(livereload.LiveReloadServer._inject_js_into_html).parameters) == [
        "self", "content", "epoch"]
    server = mkdocs_private.ReloadClientAsFile(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    page = server._inject_js_into_html(b"<html><body><p>x</p></body></html>", 12345).decode()
    assert page.startswith('<html><body><p>x</p><script src="/kb-livereload.js" data-epoch="12345" data-request-id="')
    assert page.endswith('"></script></body></html>') and page.count("<script") == 1
