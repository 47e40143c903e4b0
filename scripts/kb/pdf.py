"""``make pdf``: print every handout page of the built site to an A4 PDF.

Each handout (``print/cases/<id>`` and ``print/modules/<id>``) is opened from
the built site by headless Chromium and printed with the page's own
``@page`` size; fonts are the system's (Debian fonts-noto-cjk). The PDFs go to
``build/pdf`` with the digest of the handout Markdown they were made from;
the next build ships them and links them (see :mod:`kb.pdf_links`).
"""

from __future__ import annotations

from pathlib import Path

from kb.browser import CHROMIUM, CHROMIUM_ARGS
from kb.paths import GENERATED_DOCS_DIR, ROOT
from kb.pdf_links import PDF_CACHE_DIR, cached_pdf, digest, stamp_path


def handout_keys(docs_dir: Path) -> list[str]:
    """``cases/<id>`` and ``modules/<id>`` for every generated handout page."""
    return sorted(path.relative_to(docs_dir / "print").with_suffix("").as_posix()
                  for path in (docs_dir / "print").rglob("*.md"))


def built_page(site_dir: Path, key: str) -> Path:
    """The built HTML of ``print/<key>`` under either MkDocs URL style."""
    directory_style = site_dir / "print" / key / "index.html"
    return directory_style if directory_style.is_file() else site_dir / "print" / f"{key}.html"


def render_pdfs(site_dir: Path = ROOT / "site", docs_dir: Path = GENERATED_DOCS_DIR,
                cache_dir: Path = PDF_CACHE_DIR, browser=None) -> list[Path]:
    """Print every handout; ``browser`` is an open Playwright browser, or None to launch Chromium."""
    if browser is not None:
        return print_handouts(browser, site_dir, docs_dir, cache_dir)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return print_handouts(browser, site_dir, docs_dir, cache_dir)
        finally:
            browser.close()


def print_handouts(browser, site_dir: Path, docs_dir: Path, cache_dir: Path) -> list[Path]:
    made: list[Path] = []
    page = browser.new_page()
    for key in handout_keys(docs_dir):
        html = built_page(site_dir, key)
        if not html.is_file():
            raise FileNotFoundError(f"没有找到讲义页面 {html}，请先运行 make build")
        pdf = cached_pdf(cache_dir, key)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        page.goto(html.as_uri())
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        stamp_path(pdf).write_text(digest((docs_dir / "print" / f"{key}.md").read_bytes()) + "\n")
        made.append(pdf)
    page.close()
    return made
