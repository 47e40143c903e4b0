"""Search as a reader meets it: headless Chromium on 127.0.0.1, cold cache."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from kb.browser import CHROMIUM, CHROMIUM_ARGS
from kb.site.serve import serve  # noqa: F401 - the benchmark serves sites like the tests do

RESULT_LINK = ".md-search-result__item a.md-search-result__link"


@dataclass
class FirstSearch:
    seconds: float        # navigation start of /?q=… to the first result on screen
    search_bytes: int     # bytes transferred for search (index, engine, dictionary), gzip as served
    page_bytes: int       # every byte the page transferred, search included
    first_url: str


@dataclass
class Quality:
    recall_at_5: float
    mrr: float
    misses: list[str]


@contextlib.contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_search_file(url: str) -> bool:
    """The project's index (search/, kb-search.js) or the baseline's (search/, its worker)."""
    return any(part in url for part in ("/search/", "/kb-search.js", "/workers/search"))


def first_search(browser, site_url: str, query: str, runs: int = 3, timeout_s: float = 300,
                 home: str = "") -> FirstSearch:
    """The median of ``runs`` cold searches (each in a fresh context with an empty cache).
    ``home``: the home page's file name (``index.html`` in the offline bundle opened from file://)."""
    samples = sorted((_cold_search(browser, site_url, query, timeout_s, home) for _ in range(runs)),
                     key=lambda sample: sample.seconds)
    return samples[len(samples) // 2]


def _cold_search(browser, site_url: str, query: str, timeout_s: float, home: str) -> FirstSearch:
    """A fresh context (empty cache) opens a shared search link."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    responses = []
    context.on("response", lambda response: responses.append(response))  # the search worker's fetches too
    page.goto(f"{site_url}/{home}?q={quote(query)}")
    page.wait_for_selector(RESULT_LINK, timeout=timeout_s * 1000)
    seconds = page.evaluate("performance.now()") / 1000
    first_url = page.locator(RESULT_LINK).first.get_attribute("href")
    # bytes on the wire (gzip, as the publishing host serves them), not decoded sizes
    sizes = [(r.url, r.request.sizes()["responseBodySize"]) for r in responses if r.status == 200]
    context.close()
    return FirstSearch(seconds, sum(n for url, n in sizes if is_search_file(url)), sum(n for _, n in sizes), first_url)


# Queries typed into one open page's search box, one after another, each followed by Enter (the
# box's input event, then the form's submit, as a reader typing and pressing Enter: the search runs
# without waiting for the pause after typing); for each, the result links once the count line
# answers. The one way the query set is run: by the benchmark (quality) and by tests/test_search.py.
TYPE_QUERIES = """async ({queries, timeout, link}) => {
    const input = document.querySelector('input.md-search__input');
    const form = input.form;
    const meta = document.querySelector('.md-search-result__meta');
    const list = document.querySelector('.md-search-result__list');
    const shown = [];
    for (const query of queries) {
        meta.textContent = '';
        list.replaceChildren();
        input.value = query;
        input.dispatchEvent(new Event('input'));
        form.requestSubmit();
        const start = performance.now();
        while (!/找到|没有/.test(meta.textContent) && performance.now() - start < timeout) {
            await new Promise(resolve => setTimeout(resolve, 10));
        }
        shown.push([...list.querySelectorAll(link)].map(a => a.getAttribute('href')));
    }
    return shown;
}"""


def typed_results(page, queries: list[str], timeout_s: float = 15) -> list[list[str]]:
    """The result links shown for each query typed into the open page's search box (a query that
    does not answer within ``timeout_s`` shows what was there: nothing)."""
    return page.evaluate(TYPE_QUERIES, {"queries": queries, "timeout": timeout_s * 1000, "link": RESULT_LINK})


def rank_of(hrefs: list[str], case_id: str) -> int | None:
    """1-based place of the case among the result links, or None."""
    return next((rank for rank, href in enumerate(hrefs, start=1)
                 if re.search(f"(?:^|/)cases/{re.escape(case_id)}[/.]", href)), None)


def quality(browser, site_url: str, queries: list[dict], timeout_s: float = 60, home: str = "") -> Quality:
    """recall@5 and MRR of the results shown for each query typed into the search box of the
    home page (``home``: as in :func:`first_search`)."""
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{home}")
        shown = typed_results(page, [item["q"] for item in queries], timeout_s)
    finally:
        context.close()
    return quality_of(queries, shown)


def quality_of(queries: list[dict], shown: list[list[str]]) -> Quality:
    """recall@5 and MRR of ``shown`` (result links per query) against each query's ``expect``."""
    ranks = [rank_of(hrefs, item["expect"]) for item, hrefs in zip(queries, shown)]
    misses = [item["q"] for item, rank in zip(queries, ranks) if not rank or rank > 5]
    return Quality(1 - len(misses) / len(queries), sum(1 / rank for rank in ranks if rank) / len(queries), misses)
