"""Link a page to its PDF only when ``make pdf`` made that PDF from the current handout.

``make pdf`` prints every handout page (``print/<kind>/<id>/index.html``) to
``build/pdf/<kind>/<id>.pdf`` and stores the SHA-256 of the handout's
HTML next to it. The generator ships a PDF, and the 下载 PDF link on the
case or module page, only when that digest matches the handout it renders
now, so an edited case never links to a stale PDF.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.site.render.print_page import print_page_path
from kb.site.urls import to_root

MARKER_RE = re.compile(r"<!-- kb:pdf ((?:cases|modules|packets)/[a-z0-9-]+) -->")
# The kinds of print page that ``make pdf`` prints (the tray's packet is made in the browser).
PRINTED_KINDS = ("cases", "modules", "packets")


def pdf_cache_dir(docs_dir: Path) -> Path:
    """Where printed handouts are kept between builds: beside the rendered folder (``build/docs`` ->
    ``build/pdf``), so a build into another folder (a test's, the benchmark's) neither links nor
    overwrites the PDFs ``make pdf`` made."""
    return Path(docs_dir).parent / "pdf"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cached_pdf(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"{key}.pdf"


def stamp_path(pdf: Path) -> Path:
    return pdf.with_suffix(".sha256")


def is_current(cache_dir: Path, key: str, handout: bytes | None) -> bool:
    """Whether ``make pdf`` printed ``key`` from exactly this handout."""
    stamp = stamp_path(cached_pdf(cache_dir, key))
    return handout is not None and stamp.is_file() and stamp.read_text().strip() == digest(handout)


def attach_pdfs(files: dict[str, bytes], cache_dir: Path, *, printing: bool = False) -> int:
    """Replace each page's PDF marker by a link, or by nothing; add the up-to-date PDFs.

    ``printing``: this build prints every handout after MkDocs (``make pdf``),
    so every marker becomes a link and the PDFs are added then. Otherwise a
    link appears only where the cached PDF matches its handout. The link is
    plain HTML (MkDocs would refuse a Markdown link to a PDF it cannot see yet), from the page's URL
    (:func:`kb.site.urls.to_root`).
    Returns how many pages got a link.
    """
    attached = 0
    for relative, data in list(files.items()):
        if not relative.endswith(".md") or b"<!-- kb:pdf " not in data:
            continue

        def replace(match: re.Match) -> str:
            nonlocal attached
            key = match.group(1)
            if not printing:
                if not is_current(cache_dir, key, files.get(print_page_path(key))):
                    return ""
                files[f"pdf/{key}.pdf"] = cached_pdf(cache_dir, key).read_bytes()
            attached += 1
            label = "下载阅读材料 PDF" if key.startswith("packets/") else "下载 PDF"
            return f'<a class="md-button" href="{to_root(relative)}pdf/{key}.pdf">{label}</a>'

        files[relative] = MARKER_RE.sub(replace, data.decode("utf-8")).encode("utf-8")
    return attached
