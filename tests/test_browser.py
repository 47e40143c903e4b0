"""What a reader sees in a real headless Chromium on 127.0.0.1."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from conftest import WENGYUAN, XINGSHAN


# The pages that are no page type of test_screens.py (which records every request of those, in every
# mode and width): each waits here for the network to fall idle, so late requests are seen too.
OWN_HOST_PAGES = [f"/cases/{WENGYUAN}/", "/guide/", "/training/", f"/print/cases/{XINGSHAN}/",
                  "/?q=%E4%B8%80%E8%82%A9%E6%8C%91", "/data/", "/contributing/", "/accessibility/"]


def test_pages_request_nothing_from_other_hosts(page, site_url):
    requested: list[str] = []

    def record(route):
        requested.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    page.route("**/*", record)
    seen, external = {}, {}
    for path in OWN_HOST_PAGES:
        page.goto(site_url + path, wait_until="networkidle")
        seen[path] = len(requested)
        external[path] = [url for url in requested if urlsplit(url).hostname != "127.0.0.1"]
        requested.clear()
    assert external == {path: [] for path in OWN_HOST_PAGES}
    assert seen[OWN_HOST_PAGES[0]] > 3  # the page, its styles and scripts were seen (the browser caches them later)


def test_case_page_shows_card_before_narrative(page, site_url):
    page.goto(f"{site_url}/cases/{WENGYUAN}/")
    warning = page.locator(".admonition.warning")
    assert "原文不完整" in warning.inner_text()
    card = page.locator(".case-card")
    assert "广东省韶关市翁源县" in card.inner_text()
    assert warning.bounding_box()["y"] < card.bounding_box()["y"]
    assert page.locator(".case-card table td", has_text="50多万元").count() == 1


def test_site_features_work_under_the_content_security_policy(page, site_url):
    """Search, the map, the sortable figures table and projector mode run with
    the policy in force, and the policy blocks nothing the site itself needs."""
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: blocked.append(str(error)))
    page.goto(f"{site_url}/?q=户联理事会")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.goto(f"{site_url}/regions/")
    page.locator("svg a").first.click()
    page.wait_for_url("**/regions/*/")
    page.goto(f"{site_url}/figures/")
    page.locator("th button").first.click()
    assert page.locator("th[aria-sort=ascending], th[aria-sort=descending]").count() == 1
    page.goto(f"{site_url}/cases/{XINGSHAN}/")
    page.get_by_role("button", name="投影模式").click()
    assert page.evaluate("document.body.classList.contains('kb-projector')")
    page.goto(f"{site_url}/print/cases/{XINGSHAN}/")
    assert blocked == []


def test_colour_scheme_toggle_switches_and_is_remembered(page, site_url):
    """The header's toggle (assets/theme-palette.js, in place of the theme's palette component):
    one visible button, a click switches the scheme and the browser's bar colour, and the
    choice holds on the next page."""
    visible_toggle = "form[data-kb-palette] label:not([hidden])"
    bar_colour = page.locator("meta[name=theme-color]")
    page.goto(f"{site_url}/cases/{XINGSHAN}/", wait_until="load")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert page.locator(visible_toggle).count() == 1
    assert page.locator(visible_toggle).get_attribute("title") == "切换到深色模式"
    expect(bar_colour).to_have_attribute("content", re.compile(r"^#[0-9a-f]{6}$"))  # set once the page is idle
    light = bar_colour.get_attribute("content")
    page.locator(visible_toggle).click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert page.locator(visible_toggle).get_attribute("title") == "切换到浅色模式"
    assert re.fullmatch(r"#[0-9a-f]{6}", bar_colour.get_attribute("content")) and bar_colour.get_attribute("content") != light
    expect(body).not_to_have_attribute("data-md-color-switching", "")  # transitions come back after the switch
    page.goto(f"{site_url}/glossary/", wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator(visible_toggle).get_attribute("title") == "切换到浅色模式"
