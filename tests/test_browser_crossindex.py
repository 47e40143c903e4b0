"""The cross-index views in a real headless Chromium: sorting the figures
table, following the map (test_browser.py checks that they request nothing from other hosts)."""


# the test library's figures: 18 of the seed cases, one of each search fixture
FIGURES = 22


def values_column(page) -> list[float]:
    return [float(text) for text in page.locator(".kb-sortable tbody tr td:nth-child(3)").all_inner_texts()]


def test_figures_table_sorts_with_header_buttons(page, site_url):
    page.goto(f"{site_url}/figures/")
    header = page.locator(".kb-sortable th", has=page.locator("button", has_text="数值"))
    button = header.locator("button")
    assert header.get_attribute("aria-sort") == "none"
    original = values_column(page)
    assert len(original) == FIGURES and original != sorted(original)
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert values_column(page) == sorted(original)
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert values_column(page) == sorted(original, reverse=True)
    assert page.locator(".kb-sortable tbody tr").first.inner_text().startswith("兴山县\t网络农户\t42840")


def test_figures_table_is_readable_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/figures/")
    assert page.locator(".kb-sortable tbody tr").count() == FIGURES
    # the sort buttons and the choice of 出处 are in the page (nothing jumps when the script starts)
    # but only shown where script runs: here each header shows its plain text, and says it
    assert page.locator(".kb-sortable th button").count() == 7
    assert page.locator(".kb-sortable th button:visible, .kb-table-filter:visible").count() == 0
    assert page.get_by_role("button").filter(has_text="数值").count() == 0
    assert page.get_by_role("columnheader", name="数值", exact=True).is_visible()
    context.close()


def test_map_tile_leads_to_the_province_page(page, site_url):
    page.goto(f"{site_url}/regions/")
    page.locator('.kb-map a[aria-label="广东 1 个案例（广东省）"]').click()
    page.wait_for_url("**/regions/guangdong/")
    assert "翁源县" in page.locator("article").inner_text()
