"""Link a page to its PDF only when ``make pdf`` made that PDF from the current handout.

``make pdf`` prints every handout page (``print/<kind>/<id>.md``) to
``build/pdf/<kind>/<id>.pdf`` and stores the SHA-256 of the handout's
Markdown next to it. The generator ships a PDF, and the 下载 PDF link on the
case or module page, only when that digest matches the handout it renders
now, so an edited case never links to a stale PDF.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.paths import BUILD_DIR

PDF_CACHE_DIR = BUILD_DIR / "pdf"
MARKER_RE = re.compile(r"<!-- kb:pdf ((?:cases|modules)/[a-z0-9-]+) -->")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cached_pdf(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"{key}.pdf"


def stamp_path(pdf: Path) -> Path:
    return pdf.with_suffix(".sha256")


def attach_pdfs(files: dict[str, bytes], cache_dir: Path = PDF_CACHE_DIR) -> int:
    """Replace each page's PDF marker by a link (PDF up to date) or nothing; add the PDFs.

    Pages with markers live one folder deep (cases/, training/), hence ``../pdf/``.
    Returns how many PDFs were attached.
    """
    attached = 0
    for relative, data in list(files.items()):
        if not relative.endswith(".md") or b"<!-- kb:pdf " not in data:
            continue

        def replace(match: re.Match) -> str:
            nonlocal attached
            key = match.group(1)
            handout = files.get(f"print/{key}.md")
            pdf = cached_pdf(cache_dir, key)
            stamp = stamp_path(pdf)
            if handout is None or not stamp.is_file() or stamp.read_text().strip() != digest(handout):
                return ""
            files[f"pdf/{key}.pdf"] = pdf.read_bytes()
            attached += 1
            return f"[下载 PDF](../pdf/{key}.pdf){{ .md-button }}"

        files[relative] = MARKER_RE.sub(replace, data.decode("utf-8")).encode("utf-8")
    return attached
