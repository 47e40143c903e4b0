"""Build the Pagefind search index of a built site (the last stage of ``python -m kb build``).

Runs after MkDocs (never as a MkDocs plugin), with the Pagefind
binary from the pinned ``pagefind[extended]`` wheel, whose extended build
segments Chinese. Only case pages are indexed (``data-pagefind-body`` in
``overrides/main.html``), and only case pages are read (``--glob``): about
half of the site's pages are print handouts and index views that search
never shows (at N=1,000 this took the indexing stage from 9.5 s to 8.9 s in
one run each). The index lands in ``SITE_DIR/pagefind``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CASE_PAGES = "cases/*/index.html"


def build_search_index(site_dir: Path, background: bool = False) -> None:
    """``background``: at low CPU priority (``make serve`` re-indexes after every
    rebuild, and must not slow the next rebuild a reader is waiting for)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", CASE_PAGES,
                             "--quiet"],
                            capture_output=True, text=True, preexec_fn=(lambda: os.nice(15)) if background else None)
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        raise RuntimeError(f"Pagefind 没能为 {site_dir} 建立搜索索引：\n{result.stdout}{result.stderr}")
