"""The cross-index views in the real strict build: pages at their URLs, and
every link — including those in raw HTML and the SVG map, which MkDocs does
not check — resolving to a built file and anchor."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import LIBRARY_CASE_IDS, WENGYUAN, XINGSHAN

VIEWS = ("practices", "matrix", "regions", "regions/hubei", "regions/guangdong", "figures", "glossary", "data")


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(path: Path) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def target_file(site_dir: Path, url_path: str) -> Path:
    path = site_dir / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") else path


def test_views_are_built_and_in_the_navigation(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    nav = home.split('<nav class="md-nav md-nav--primary"')[1].split('<div class="md-content"')[0]
    content = home.split('<article')[1]
    for view in VIEWS:
        assert (site_dir / view / "index.html").is_file(), view
    for view in ("practices", "matrix", "regions", "figures", "glossary", "data"):
        assert f'href="{view}/" class="md-nav__link"' in nav, view
        assert f'href="{view}/"' in content, view  # an entry point on the home page itself
    assert "regions/hubei" not in nav


def test_every_link_in_the_site_resolves(site_dir):
    pages = {"/" + p.relative_to(site_dir).as_posix(): parse(p) for p in site_dir.rglob("*.html")}
    broken, checked = [], 0
    for page_path, collector in pages.items():
        for href in collector.links:
            url = urlsplit(urljoin(page_path, href))
            if url.scheme or url.netloc:
                continue
            checked += 1
            target = target_file(site_dir, url.path)
            if not target.is_file():
                broken.append((page_path, href))
            elif url.fragment and target.suffix == ".html":
                if unquote(url.fragment) not in pages["/" + target.relative_to(site_dir).as_posix()].ids:
                    broken.append((page_path, href))
    assert broken == []
    assert checked > 200  # map tiles, matrix cells, glossary and related links were all seen


def test_map_links_every_province_to_its_page(site_dir):
    regions = parse(site_dir / "regions" / "index.html")
    assert {"hubei/", "guangdong/", "xizang/"} <= set(regions.links)
    html = (site_dir / "regions" / "index.html").read_text(encoding="utf-8")
    svg = html.split('<div class="kb-map">')[1].split("</svg>")[0]
    assert 'aria-labelledby="kb-map-title kb-map-desc"' in svg and "湖北 1 个案例（湖北省）" in svg
    assert svg.count("<a ") == 34 and svg.count("<title") == 1 + 34
    empty = (site_dir / "regions" / "xizang" / "index.html").read_text(encoding="utf-8")
    assert "西藏自治区暂未收录案例" in empty


def test_case_pages_link_terms_and_related_cases(site_dir):
    html = (site_dir / "cases" / XINGSHAN / "index.html").read_text(encoding="utf-8")
    assert html.count('href="../../glossary/#yijiantiao"') == 1
    assert 'href="../../glossary/#gongcheng-155"' in html
    related = html.split('id="related"')[1]
    assert f'href="../{WENGYUAN}/"' in related
    glossary = (site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "kb-term" not in glossary


def test_open_data_files_are_published(site_dir):
    records = json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))
    required = {"id", "title", "model", "region", "summary", "background", "practices", "results", "lessons",
                "source", "status", "url"}
    assert sorted(r["id"] for r in records) == LIBRARY_CASE_IDS
    for record in records:
        assert required <= set(record) and all(record[k] not in ("", None) for k in required - {"lessons"})
        assert (site_dir / record["url"] / "index.html").is_file()
    assert (site_dir / "data" / "practices.csv").read_bytes().startswith(b"\xef\xbb\xbfcase_id,")
    assert (site_dir / "data" / "figures.csv").read_bytes().startswith(b"\xef\xbb\xbfcase_id,")
