"""The real strict MkDocs build of the committed cases."""

import json
import os
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from conftest import LIBRARY_CASE_IDS, WENGYUAN, XINGSHAN
from kb.search.source import source_path

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "content"}
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def navigation_hosts() -> set[str]:
    """Hosts a reader may be sent to by clicking (never loaded by the page): the edit-link repository."""
    base = os.environ.get("KB_EDIT_URL_BASE", "")
    return {urlsplit(base).hostname} if base.startswith("https://") else set()


class _UrlCollector(HTMLParser):
    """URLs the page loads; a plain ``<a href>`` to an allowed host is navigation, not a load."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                urls = [part.split()[0] for part in value.split(",") if part.strip()]
                if tag == "a" and name == "href":
                    urls = [url for url in urls if urlsplit(url.strip()).hostname not in navigation_hosts()]
                self.urls.extend(urls)


def external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and parts.hostname not in LOCAL_HOSTS


def test_strict_build_has_every_page(site_dir):
    for page in ("index.html", "cases/index.html", "practices/index.html", "guide/index.html", "contributing/index.html",
                 f"cases/{XINGSHAN}/index.html", f"cases/{WENGYUAN}/index.html"):
        assert (site_dir / page).is_file(), page


def test_cases_are_not_in_the_sidebar(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    nav = home.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert XINGSHAN not in nav and WENGYUAN not in nav


def test_no_page_or_stylesheet_points_to_another_host(site_dir):
    offenders = []
    for path in site_dir.rglob("*.html"):
        collector = _UrlCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        offenders += [(path.name, url) for url in collector.urls if external(url)]
    for path in site_dir.rglob("*.css"):
        for match in CSS_URL_RE.finditer(path.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if external(url):
                offenders.append((path.name, url))
    assert offenders == []
    assert len(list(site_dir.rglob("*.html"))) >= 6  # the scan really read the pages


def test_search_index_holds_the_cases_with_their_domain_terms(site_dir):
    """The index (kb.search.index) holds exactly the case pages, with their
    dictionary terms and pinyin; its input file is kept outside MkDocs' docs folder, never published."""
    core = (site_dir / "search" / "core.js").read_text(encoding="utf-8")
    data = json.loads(core[core.index(",") + 1:core.rindex(")")])
    assert data["n"] == len(LIBRARY_CASE_IDS) and "户联理事会" in data["dictionary"]
    index = "".join(p.read_text(encoding="utf-8") for p in (site_dir / "search" / data["v"]).glob("i*.js"))
    assert all(f'"{token}":' in index for token in ("户联理事会", "关怀理事会", "lhlp", "lianghuiliangping"))
    cases = [(site_dir / "search" / data["v"] / f"d{n}.js").read_text(encoding="utf-8") for n in range(data["n"])]
    assert [f"cases/{case_id}/" in text for case_id, text in zip(LIBRARY_CASE_IDS, cases)] == [True] * data["n"]
    assert not (site_dir / "search" / "source.json").exists()
    rendered = site_dir.parent / "docs"  # quality.fixture_sites builds with --docs docs beside --site site
    assert source_path(rendered).is_file() and list(rendered.rglob("source.json")) == []


