"""The cross-index views in the real strict build: pages at their URLs, in the navigation, and
linked where a reader expects them. (That every link, raw HTML and the SVG map included, resolves
to a built file and anchor is test_quality's one link check, quality.link_check.)"""

import json
from html.parser import HTMLParser
from pathlib import Path

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
