"""Web pages saved from a browser, parsed with BeautifulSoup (html.parser).

Scripts, styles and page furniture (``<nav>``, ``<header>``, ``<footer>``,
``<aside>``, forms) are left out and listed in ``dropped`` so the report can
say what was not read. Block elements become paragraphs; ``<br>`` breaks a line.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from kb.importer.readers import Paragraph, RawDocument

INVISIBLE = ("script", "style", "noscript", "template", "iframe", "svg")
FURNITURE = ("nav", "header", "footer", "aside", "form", "button", "select")
BLOCKS = ("p", "div", "section", "article", "li", "tr", "td", "th", "blockquote", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "center", "table", "ul", "ol", "main")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
BOLD = ("strong", "b")


def read(path: Path) -> RawDocument:
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup.find_all(INVISIBLE):
        element.decompose()
    if soup.head:
        soup.head.decompose()
    dropped = []
    for element in soup.find_all(FURNITURE):
        text = element.get_text(" ", strip=True)
        if text:
            dropped.append(text)
        element.decompose()
    headings = {_key(h.get_text("", strip=True)): HEADINGS[h.name] for h in soup.find_all(list(HEADINGS))}
    bold = {_key(b.get_text("", strip=True)) for b in soup.find_all(BOLD)}
    leads = _bold_leads(soup)
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(BLOCKS):
        block.insert_before("\n")
        block.append("\n")
    paragraphs = []
    for line in soup.get_text("").splitlines():
        key = _key(line)
        if not key:
            continue
        paragraphs.append(Paragraph(line, heading_level=headings.get(key, 0), bold=key in bold,
                                    bold_lead=leads.get(key, "") if key not in bold else ""))
    return RawDocument(path=path, format="html", paragraphs=paragraphs,
                       encoding=(soup.original_encoding or "utf-8").upper(), title=title,
                       hard_wrapped=True, dropped=dropped)


def _bold_leads(soup: BeautifulSoup) -> dict[str, str]:
    """Paragraph text -> the bold words that open it (``<p><strong>（一）…。</strong>…</p>``)."""
    leads = {}
    for element in soup.find_all(BOLD):
        parent = element.parent
        if parent is None or parent.name not in BLOCKS:
            continue
        before = "".join(str(s) for s in element.previous_siblings if isinstance(s, str))
        if before.strip() or any(getattr(s, "name", None) for s in element.previous_siblings):
            continue
        leads[_key(parent.get_text("", strip=True))] = element.get_text("", strip=True)
    return leads


def _key(text: str) -> str:
    return "".join(text.split())
