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


def quality(browser, site_url: str, queries: list[dict], timeout_s: float = 60, home: str = "") -> Quality:
    """recall@5 and MRR of the results list shown for each query's shared link
    (``home``: as in :func:`first_search`)."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    found_at5, reciprocal, misses = 0, 0.0, []
    for item in queries:
        page.goto(f"{site_url}/{home}?q={quote(item['q'])}")
        try:
            page.wait_for_function(
                "() => { const m = document.querySelector('.md-search-result__meta');"
                " return m && /找到|没有/.test(m.textContent); }", timeout=timeout_s * 1000)
        except Exception:  # noqa: BLE001 - a query that never answers is a miss
            pass
        hrefs = page.locator(RESULT_LINK).evaluate_all("els => els.map(e => e.getAttribute('href'))")
        rank = next((i + 1 for i, href in enumerate(hrefs) if re.search(f"/cases/{item['expect']}[/.]", href)), None)
        if rank and rank <= 5:
            found_at5 += 1
        else:
            misses.append(item["q"])
        reciprocal += 1 / rank if rank else 0
    context.close()
    return Quality(found_at5 / len(queries), reciprocal / len(queries), misses)
