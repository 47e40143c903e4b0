"""``make pdf``: print every handout page of the built site to an A4 PDF.

Runs inside ``python -m kb build --pdf`` after MkDocs. Each handout
(``print/cases/<id>`` and ``print/modules/<id>``) and each module's reading
packet (``print/packets/<id>``, :mod:`kb.site.render.packet`) is opened from the built
site by headless Chromium and printed with the page's own ``@page`` size;
fonts are the system's (Debian fonts-noto-cjk). The PDFs are kept in
``build/pdf`` with the digest of the handout they were made from, so an
unchanged handout is not printed again, and later builds without ``--pdf``
still ship and link them while they match (see :mod:`kb.site.pdf_links`).
"""

from __future__ import annotations

from pathlib import Path

from kb.browser import CHROMIUM, CHROMIUM_ARGS
from kb.paths import GENERATED_DOCS_DIR, ROOT
import shutil

from kb.site.pdf_links import PRINTED_KINDS, cached_pdf, digest, is_current, pdf_cache_dir, stamp_path
from kb.site.render.print_page import print_page_path


def handout_keys(docs_dir: Path) -> list[str]:
    """``cases/<id>``, ``modules/<id>`` and ``packets/<id>`` for every generated handout
    and module reading packet (not the tray's packet, which the reader's browser fills)."""
    keys = (path.parent.relative_to(docs_dir / "print").as_posix() for path in (docs_dir / "print").rglob("index.html"))
    return sorted(key for key in keys if key.split("/")[0] in PRINTED_KINDS)


def publish_pdfs(site_dir: Path = ROOT / "site", docs_dir: Path = GENERATED_DOCS_DIR,
                 cache_dir: Path | None = None) -> list[Path]:
    """Print the handouts whose PDF is missing or stale, then copy every PDF into ``site_dir/pdf``;
    ``cache_dir``: the rendered folder's (:func:`kb.site.pdf_links.pdf_cache_dir`) unless told."""
    cache_dir = cache_dir or pdf_cache_dir(docs_dir)
    keys = handout_keys(docs_dir)
    stale = [key for key in keys if not is_current(cache_dir, key, (docs_dir / print_page_path(key)).read_bytes())]
    if stale:
        render_pdfs(site_dir, docs_dir, cache_dir, keys=stale)
    published = []
    for key in keys:
        target = site_dir / "pdf" / f"{key}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached_pdf(cache_dir, key), target)
        published.append(target)
    return published


def render_pdfs(site_dir: Path = ROOT / "site", docs_dir: Path = GENERATED_DOCS_DIR,
                cache_dir: Path | None = None, browser=None, keys: list[str] | None = None) -> list[Path]:
    """Print the handouts (``keys``, or all); ``browser`` is an open Playwright browser, or None to launch Chromium."""
    cache_dir = cache_dir or pdf_cache_dir(docs_dir)
    keys = handout_keys(docs_dir) if keys is None else keys
    if browser is not None:
        return print_handouts(browser, site_dir, docs_dir, cache_dir, keys)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return print_handouts(browser, site_dir, docs_dir, cache_dir, keys)
        finally:
            browser.close()


def print_handouts(browser, site_dir: Path, docs_dir: Path, cache_dir: Path, keys: list[str]) -> list[Path]:
    made: list[Path] = []
    page = browser.new_page()
    for key in keys:
        html = site_dir / print_page_path(key)
        if not html.is_file():
            raise FileNotFoundError(f"没有找到讲义页面 {html}，请先运行 make build")
        pdf = cached_pdf(cache_dir, key)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        page.goto(html.as_uri())
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        stamp_path(pdf).write_text(digest((docs_dir / print_page_path(key)).read_bytes()) + "\n")
        made.append(pdf)
    page.close()
    return made
