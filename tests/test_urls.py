"""One function for a page's URL (kb.site.urls), MkDocs' rule for both URL styles."""

import pytest

from kb.site.urls import page_url, to_root, url_style


@pytest.mark.parametrize("directory_urls, expected", [
    (True, ["./", "cases/", "cases/x/", "regions/hubei/", "hubei/", "../../", "./"]),
    (False, ["index.html", "cases/index.html", "cases/x.html", "regions/hubei.html", "hubei.html", "../", "./"]),
])
def test_page_urls_follow_the_url_style_the_render_is_for(directory_urls, expected):
    with url_style(directory_urls):
        assert [page_url("index.md"), page_url("cases/index.md"), page_url("cases/x.md"),
                page_url("regions/hubei.md"), page_url("regions/hubei.md", from_page="regions/index.md"),
                to_root("cases/x.md"), to_root("index.md")] == expected
    assert page_url("cases/x.md") == "cases/x/"  # the published site's style outside a render
