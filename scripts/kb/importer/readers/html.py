"""Web pages saved from a browser, parsed with BeautifulSoup (html.parser).

Scripts, styles and page furniture (``<nav>``, ``<header>``, ``<footer>``,
``<aside>``, forms, and link strips: a block that is nothing but two or more
links, such as a county news site's ``兴山新闻 | 秭归新闻`` bar or a list of
related articles) are left out and listed in ``dropped`` so the report can say
what was not read. Block elements become paragraphs; ``<br>`` breaks a line.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from kb.importer.readers import Paragraph, RawDocument

INVISIBLE = ("script", "style", "noscript", "template", "iframe", "svg")
FURNITURE = ("nav", "header", "footer", "aside", "form", "button", "select")
BLOCKS = ("p", "div", "section", "article", "li", "tr", "td", "th", "blockquote", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "center", "table", "ul", "ol", "main")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
LINK_STRIP_SHARE = 0.8  # of a block's text in links (separators such as | not counted)
SEPARATORS = re.compile(r"[\s|｜·•/／>»\-－—]+")
BOLD = ("strong", "b")


def read(path: Path) -> RawDocument:
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup.find_all(INVISIBLE):
        element.decompose()
    if soup.head:
        soup.head.decompose()
    dropped = []
    for element in soup.find_all(FURNITURE) + _link_strips(soup):
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


def _link_strips(soup: BeautifulSoup) -> list:
    """Blocks outside any furniture element made of two or more links and nothing else."""
    strips: list = []
    inside: set[int] = set()
    for element in soup.find_all(BLOCKS):
        if any(id(parent) in inside for parent in element.parents) or element.find_parent(FURNITURE):
            continue
        links = element.find_all("a")
        if len(links) < 2:
            continue
        text = SEPARATORS.sub("", element.get_text(""))
        linked = sum(len(SEPARATORS.sub("", link.get_text(""))) for link in links)
        if text and linked / len(text) >= LINK_STRIP_SHARE:
            strips.append(element)
            inside.add(id(element))
    return strips


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
