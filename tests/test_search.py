"""The Pagefind search in a real Chromium, over the seed cases plus the
labelled search fixtures (tests/fixtures/search)."""

import shutil
from urllib.parse import quote

import pytest
import yaml

from conftest import SEED_CASES, WENGYUAN, XINGSHAN
from kb.bench.search_timing import quality
from sitebuild import ROOT, build_site, serve

FIXTURES = ROOT / "tests" / "fixtures" / "search"
RESULT_LINK = ".md-search-result__item a.md-search-result__link"
pytestmark = pytest.mark.slow  # every test searches a site built here from seeds and fixtures


@pytest.fixture(scope="module")
def search_site_url(tmp_path_factory):
    cases = tmp_path_factory.mktemp("search-cases")
    for path in [*SEED_CASES.glob("*.md"), *FIXTURES.glob("*.md")]:
        shutil.copy(path, cases / path.name)
    with serve(build_site(tmp_path_factory.mktemp("search-site"), cases)) as url:
        yield url


def result_hrefs(page):
    return page.locator(RESULT_LINK).evaluate_all("els => els.map(e => e.getAttribute('href'))")


def open_search(page, url, query):
    page.goto(f"{url}/?q={quote(query)}")
    page.wait_for_function("() => /找到|没有/.test(document.querySelector('.md-search-result__meta').textContent)")
    return result_hrefs(page)


def test_query_set_recall_at_5(browser, search_site_url):
    queries = yaml.safe_load((FIXTURES / "queries.yml").read_text(encoding="utf-8"))
    assert len(queries) >= 40
    measured = quality(browser, search_site_url, queries)
    assert measured.recall_at_5 >= 0.95, measured.misses


@pytest.mark.parametrize("query, case_id", [("理事会", XINGSHAN), ("议事角", "fixture-search-shequ"),
                                            ("夜校", "fixture-search-chayuan")])
def test_a_word_inside_a_longer_term_finds_the_case(page, search_site_url, query, case_id):
    hrefs = open_search(page, search_site_url, query)
    assert hrefs and f"/cases/{case_id}/" in hrefs[0], hrefs


def test_dictionary_term_has_no_prefix_false_positives(page, search_site_url):
    assert len(open_search(page, search_site_url, "一")) >= 3  # 一 alone is everywhere
    hrefs = open_search(page, search_site_url, "一肩挑")
    assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == [XINGSHAN]


def test_results_show_title_county_and_highlighted_excerpt(page, search_site_url):
    open_search(page, search_site_url, "贴息贷款")
    first = page.locator(".md-search-result__item").first
    assert "培育农村党员创业“领头雁”" in first.locator("h1").inner_text()
    assert first.locator(".kb-search__county").inner_text() == "翁源县"
    marks = first.locator("mark").all_inner_texts()
    assert marks and all(mark in "贴息贷款" for mark in marks), marks
    assert first.locator("script, img, iframe").count() == 0


def test_province_facet_narrows_the_results(page, search_site_url):
    assert len(open_search(page, search_site_url, "党员")) >= 3
    facet = page.locator('select[data-kb-facet="province"]')
    facet.wait_for(state="visible", timeout=15000)  # facets fill in once Pagefind has loaded its filters
    facet.select_option(label=[o for o in facet.locator("option").all_inner_texts() if o.startswith("广东省")][0])
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 1")
    assert f"/cases/{WENGYUAN}/" in result_hrefs(page)[0]


def test_keyboard_moves_through_results_and_opens_one(page, search_site_url):
    hrefs = open_search(page, search_site_url, "党员")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[1]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{hrefs[0]}")


def test_slash_opens_the_search_box(page, search_site_url):
    page.goto(search_site_url + "/guide/")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
