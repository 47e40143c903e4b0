"""Links to a place on a page (``#…``) in case bodies: the place must exist in the built site.

MkDocs' strict build stops when a link names a place (an ``id``) that its target page lacks.
Which ids a case page has is known only once it is rendered: its headings' ids come from the
heading text (the site's slugify), its practices' ids from the front matter. So this check renders
the case page of every case whose body links to a place, converts it with the site's Markdown
extensions exactly as MkDocs configures them (:func:`kb.site.config.markdown_extensions`), and
looks each link's place up among the ids of its target, as MkDocs does after the build.

It runs over the whole library (a link may point into another case) after every file passed its
own checks (:func:`kb.check.validate.validate_cases`); a link whose target page does not exist is
:mod:`kb.check.markup`'s to report.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from kb.check.load import CaseFile
from kb.check.markup import PAGE_FOLDER, at_lines, navigation_pages, site_html
from kb.check.problems import Problem, short_value
from kb.model import vocab
from kb.model.case import Case
from kb.paths import DOCS_DIR

ANCHOR_HINT = ("去掉 # 及其后面的部分，只链接到页面；或改成页面上确有的位置：案例的第 N 项做法写 #practice-N，"
               "某一节写该节标题，例如 #背景")


class _Page(HTMLParser):
    """The ids of an HTML page (and ``<a name>``, which MkDocs counts too), and its links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def case_page_html(case: Case) -> str:
    """The HTML MkDocs makes of ``case``'s page (its Markdown, less the page metadata)."""
    from kb.site.render.case_page import render_case_page

    return site_html(render_case_page(case, vocab.categories()).split("---\n", 2)[2])


def check_anchors(cases: list[Case], case_files: list[CaseFile]) -> list[Problem]:
    """Every link with a ``#place`` in the bodies of ``cases`` whose place its target page lacks."""
    files = {case_file.display_path: case_file for case_file in case_files}
    pages = _Ids({case.id: case for case in cases})
    problems: list[Problem] = []
    for case in cases:
        if "#" not in case.body or "[" not in case.body or case.path not in files:
            continue
        for url in dict.fromkeys(_body_links(case)):
            problems += _anchor_problems(files[case.path], case, url, pages)
    return problems


def _body_links(case: Case) -> list[str]:
    """The links of ``case``'s narrative as it is on its page (escaped, anchored: render_narrative)."""
    from kb.site.render.case_page import render_narrative

    return _Page(site_html(render_narrative(case))).links


def _anchor_problems(case_file: CaseFile, case: Case, url: str, pages: "_Ids") -> Iterator[Problem]:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.fragment or url.startswith(("/", "\\")):
        return
    target = (posixpath.normpath(posixpath.join(PAGE_FOLDER, unquote(parts.path))) if parts.path
              else f"{PAGE_FOLDER}/{case.id}.md")
    ids = pages.of(target)
    if ids is None or parts.fragment in ids:  # no such page: kb.check.markup reports it
        return
    page = "本页" if not parts.path else f"“{short_value(parts.path)}”页"
    yield from at_lines(case_file, "#" + parts.fragment, "missing-anchor",
                        f"链接“{short_value(url)}”指向的位置“#{short_value(parts.fragment)}”在{page}上不存在", ANCHOR_HINT)


class _Ids:
    """The ids of the site's pages that a case body may link into, worked out when first asked."""

    def __init__(self, cases: dict[str, Case]) -> None:
        self.cases = cases
        self.known: dict[str, frozenset[str] | None] = {}

    def of(self, target: str) -> frozenset[str] | None:
        """The ids of the page ``target``; None if it is not a page of the site; an empty set for a
        generated page whose places are not known here (a link to a place on it is refused)."""
        if target not in self.known:
            self.known[target] = self._find(target)
        return self.known[target]

    def _find(self, target: str) -> frozenset[str] | None:
        folder, name = posixpath.split(target)
        if folder == PAGE_FOLDER and name.endswith(".md") and name[:-3] in self.cases:
            return frozenset(_Page(case_page_html(self.cases[name[:-3]])).ids)
        if target == "practices/index.md":
            return frozenset(vocab.categories())  # one section per category, ``{ #key }``
        path = DOCS_DIR / target
        if target.endswith(".md") and not target.startswith("../") and path.is_file():
            return frozenset(_Page(site_html(path.read_text(encoding="utf-8"))).ids)
        return frozenset() if target in navigation_pages() else None
