"""``make offline``: the whole site as a zip that works from ``file://``.

The offline variant is built by the one build path (:func:`kb.site.build.build_site`
with ``offline=True``): the project's ``mkdocs.yml`` with file-friendly links
(``use_directory_urls: false``) and without Pagefind, which fetches its index
and so fails on ``file://``. Instead every page loads ``assets/offline-index.js`` (an
inverted index built here from the built pages, segmented by jieba with the
same domain dictionary as the online search) and ``assets/offline-search.js``
(a search box in the header). The zip unpacks to one folder; readers open
``index.html`` in it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from kb.paths import BUILD_DIR, ROOT
from kb.site.generate import jieba_dict_path
from kb.site.config import project_config

BUNDLE_NAME = "基层党建案例库"
OFFLINE_DIR = BUILD_DIR / "offline"
ASSETS_DIR = Path(__file__).resolve().parent / "offline_assets"
TERM_RE = re.compile(r"[\w\u4e00-\u9fff]")


class BundleExists(Exception):
    pass


# Pagefind fetches its index, which browsers refuse from file://.
ONLINE_ONLY_SCRIPTS = {"assets/kb-search.js"}


def bundle_path(dist_dir: Path, date: dt.date) -> Path:
    return dist_dir / f"{BUNDLE_NAME}-{date.isoformat()}.zip"


def offline_overrides() -> dict:
    """MkDocs settings of the offline variant: file-friendly links, and the
    bundle's own search in place of Pagefind's."""
    scripts = [script for script in project_config().get("extra_javascript") or []
               if script not in ONLINE_ONLY_SCRIPTS]
    return {"use_directory_urls": False,
            "extra_javascript": [*scripts, "assets/offline-index.js", "assets/offline-search.js"]}


def build_offline_site(workdir: Path = OFFLINE_DIR, cases_dir: Path | None = None) -> Path:
    """Build the offline variant into ``workdir/site`` (through :func:`kb.site.build.build_site`)."""
    from kb.site.build import build_site

    return build_site(cases_dir, workdir / "site", workdir / "docs", offline=True).site_dir


def write_offline_search(site_dir: Path, docs_dir: Path) -> None:
    """The bundle's search: the index as a script file, and the search box script."""
    index = build_offline_index(site_dir, jieba_dict_path(docs_dir))
    (site_dir / "assets" / "offline-index.js").write_text(
        "window.KB_OFFLINE_INDEX = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n",
        encoding="utf-8")
    shutil.copyfile(ASSETS_DIR / "offline-search.js", site_dir / "assets" / "offline-search.js")


class _PageText(HTMLParser):
    """The title, description and article text of one built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = self.description = ""
        self.parts: list[str] = []
        self._article_depth = 0
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content") or ""
        if self._article_depth:
            self._article_depth += tag not in VOID_TAGS
            self._in_h1 = self._in_h1 or tag == "h1"
        elif tag == "article" and "md-content__inner" in (attributes.get("class") or ""):
            self._article_depth = 1

    def handle_endtag(self, tag):
        if self._article_depth and tag not in VOID_TAGS:
            self._article_depth -= 1
            if tag == "h1":
                self._in_h1 = False

    def handle_data(self, data):
        if self._article_depth:
            self.parts.append(data)
            if self._in_h1:
                self.title += data.strip()


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def indexed_pages(site_dir: Path) -> list[Path]:
    """Content pages; handouts repeat their case and the 404 page says nothing."""
    return sorted(p for p in site_dir.rglob("*.html")
                  if p.name != "404.html" and not p.relative_to(site_dir).as_posix().startswith("print/"))


def build_offline_index(site_dir: Path, user_dict: Path) -> dict:
    """``docs``: title, address and summary per page; ``terms``: term → [[doc, count], …]."""
    import jieba

    jieba.setLogLevel(60)
    # A tokenizer of its own: the domain dictionary must not change how the rest
    # of the process segments (case ids in kb.model.ids use jieba's default one).
    tokenizer = jieba.Tokenizer()
    if user_dict.is_file():  # written by the generator (kb.site.generate.jieba_dict_path)
        tokenizer.load_userdict(str(user_dict))
    docs: list[dict] = []
    terms: dict[str, list[list[int]]] = {}
    for number, path in enumerate(indexed_pages(site_dir)):
        page = _PageText()
        page.feed(path.read_text(encoding="utf-8"))
        text = " ".join(" ".join(page.parts).split())
        docs.append({"t": page.title or path.stem, "u": path.relative_to(site_dir).as_posix(),
                     "s": (page.description or text)[:90]})
        counts = Counter(term.lower() for term in tokenizer.cut_for_search(text + " " + page.title)
                         if TERM_RE.search(term))
        for term, count in counts.items():
            terms.setdefault(term, []).append([number, count + (5 if term in page.title.lower() else 0)])
    return {"docs": docs, "terms": terms}


def write_bundle(site_dir: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{BUNDLE_NAME}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(target)
    return target


def make_offline_bundle(dist_dir: Path = ROOT / "dist", force: bool = False, date: dt.date | None = None,
                        workdir: Path = OFFLINE_DIR, cases_dir: Path | None = None) -> Path:
    target = bundle_path(dist_dir, date or dt.date.today())
    if target.exists() and not force:
        raise BundleExists(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} 已经存在，没有覆盖"
                           "（确需重新生成请运行 make offline FORCE=1）")
    return write_bundle(build_offline_site(workdir, cases_dir), target)
