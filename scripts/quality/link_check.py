"""Find internal links and anchors in a built site that do not resolve.

Usage::

    from quality.link_check import broken_links
    assert broken_links(Path("site")) == []
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                   ("iframe", "src"), ("image", "href"), ("use", "href")}
BASE = "http://site.invalid/"


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name"):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name, value in attrs:
            if (tag, name) in LINK_ATTRIBUTES and value:
                self.links.append(value)


@lru_cache(maxsize=None)
def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def resolve(site_dir: Path, page: Path, link: str) -> tuple[Path | None, str]:
    """The file a link from ``page`` points to and its fragment; None for other hosts."""
    page_url = BASE + page.relative_to(site_dir).as_posix()
    target = urlsplit(urljoin(page_url, link))
    if f"{target.scheme}://{target.netloc}/" != BASE:
        return None, ""
    path = site_dir / unquote(target.path[len("/"):])
    if target.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(target.fragment)


def broken_links(site_dir: Path) -> list[BrokenLink]:
    _parse.cache_clear()
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        for link in _parse(page).links:
            if link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            target, fragment = resolve(site_dir, page, link)
            if target is None:
                continue
            if not target.is_file():
                broken.append(BrokenLink(page.relative_to(site_dir).as_posix(), link, "文件不存在"))
            elif fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(BrokenLink(page.relative_to(site_dir).as_posix(), link, "锚点不存在"))
    return broken
