"""What a case body would put into a page: script, links, images.

The body is rendered with Python-Markdown (the site's renderer, with raw HTML
left on) and the resulting HTML is inspected, so "is this a link?" is
answered by the renderer rather than by a pattern. The site escapes raw HTML
and strips unsafe URLs anyway (:mod:`kb.site.render.safe_text`, :mod:`kb.site.mdext.sanitize`);
these checks make the contributor remove them from the case itself.

Each finding is reported on every body line where its source text occurs.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
from markdown.util import AMP_SUBSTITUTE

from kb.check.load import CaseFile
from kb.site.mdext.sanitize import is_unsafe_url
from kb.paths import DOCS_DIR
from kb.site.config import markdown_extensions, project_config
from kb.site.render.safe_text import narrative
from kb.check.problems import Problem, short_value
from kb.check.rules import MESSAGES, say

UNSAFE_TAGS = {"script", "iframe", "object", "embed", "style", "frame", "frameset", "applet", "base", "meta", "link"}
# Case pages are generated into cases/ of the site; docs/ supplies everything else.
PAGE_FOLDER = "cases"
IMAGE_FOLDER_HINT = MESSAGES["external-image"][1]
LINK_HINT = MESSAGES["unrecognized-link"][1]


class _Elements(HTMLParser):
    """Start tags and their attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, [(name, value or "") for name, value in attrs]))


_renderer = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "admonition"])


def rendered_elements(body: str) -> list[tuple[str, list[tuple[str, str]]]]:
    _renderer.reset()
    return _elements(_renderer.convert(body))


def _elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


_site_converter: markdown.Markdown | None = None


def site_html(text: str) -> str:
    """``text`` converted as MkDocs converts the site's pages (before its link rewriting): the
    extensions of mkdocs.yml exactly as MkDocs configures them (kb.site.config.markdown_extensions)."""
    global _site_converter
    if _site_converter is None:
        names, configs = markdown_extensions(as_mkdocs=True)
        _site_converter = markdown.Markdown(extensions=names, extension_configs=configs)
    return _site_converter.reset().convert(text)


def check_markup(case_file: CaseFile, case_ids: set[str]) -> list[Problem]:
    """All markup problems of one case; ``case_ids`` are the cases a link may point to."""
    if not any(mark in case_file.body for mark in "<[{:"):
        return []
    found: dict[tuple[str, int, str], Problem] = {}
    for tag, attrs in rendered_elements(case_file.body):
        for problem in _element_problems(case_file, tag, attrs, case_ids):
            found.setdefault((problem.code, problem.line, problem.message), problem)
    # The links as the case page has them (raw HTML shown as text: safe_text.narrative), which the
    # strict build checks: ``[a](<b.md>)`` there links to ``&lt;b.md>``.
    for tag, attrs in _elements(site_html(narrative(case_file.body))):
        url = dict(attrs).get({"a": "href", "img": "src"}.get(tag, ""), "").strip()
        for problem in _url_problems(case_file, tag, url, case_ids) if url else ():
            found.setdefault((problem.code, problem.line, problem.message), problem)
    lines = {problem.line for problem in found.values()}
    for problem in _attribute_lists(case_file):  # a line with { onclick=… } has its problem already
        if problem.line not in lines:
            found.setdefault((problem.code, problem.line, problem.message), problem)
    return sorted(found.values(), key=lambda p: p.line)


# The body as the case page converts it (kb.site.render.safe_text.narrative), with and without attr_list.
_STRUCTURE = ["tables", "fenced_code", "md_in_html", "admonition"]
_with_attributes = markdown.Markdown(extensions=[*_STRUCTURE, "attr_list"])
_without_attributes = markdown.Markdown(extensions=_STRUCTURE)
BRACES_RE = re.compile(r"\{[^{}\n]*\}")


def _attribute_lists(case_file: CaseFile) -> Iterator[Problem]:
    """``{ … }`` that attr_list takes as attributes: its text vanishes from the page, and it could set
    an id the page already has (``{ #practice-1 }``), a class or a link."""
    if not BRACES_RE.search(case_file.body):
        return
    text = narrative(case_file.body)
    if _with_attributes.reset().convert(text) != _without_attributes.reset().convert(text):
        yield from _at_lines(case_file, BRACES_RE, "attribute-list", *say("attribute-list"))


def _element_problems(case_file: CaseFile, tag: str, attrs: list[tuple[str, str]],
                      case_ids: set[str]) -> Iterator[Problem]:
    if tag in UNSAFE_TAGS:
        yield from _at_lines(case_file, re.compile(rf"<\s*{tag}\b", re.IGNORECASE), "unsafe-html-tag",
                             *say("unsafe-html-tag", tag=tag))
    for name, value in attrs:
        if name.startswith("on"):
            yield from _at_lines(case_file, re.compile(rf"\b{re.escape(name)}\s*=", re.IGNORECASE),
                                 "unsafe-html-attribute", *say("unsafe-html-attribute", name=name))
    url_attr = {"a": "href", "img": "src"}.get(tag)
    url = dict(attrs).get(url_attr or "", "").strip()
    if url_attr and url:
        yield from _url_problems(case_file, tag, url, case_ids)


def _url_problems(case_file: CaseFile, tag: str, url: str, case_ids: set[str]) -> Iterator[Problem]:
    what = "图片" if tag == "img" else "链接"
    if is_unsafe_url(url):
        yield from at_lines(case_file, url, "unsafe-url", *say("unsafe-url", what=what, url=short_value(url)))
        return
    parts = urlsplit(url)
    if tag == "img" and (parts.scheme or parts.netloc):
        yield from at_lines(case_file, url, "external-image", *say("external-image", url=short_value(url)))
        return
    if parts.scheme or parts.netloc or AMP_SUBSTITUTE in url:
        return
    if url.startswith(("/", "\\")):  # MkDocs leaves such a link as it is, and warns
        if tag == "a":
            yield from at_lines(case_file, url, "unrecognized-link",
                                *say("unrecognized-link", url=short_value(url), first=url[0]))
        else:
            yield from at_lines(case_file, url, "missing-image", f"图片“{short_value(url)}”在仓库中找不到", IMAGE_FOLDER_HINT)
        return
    if not parts.path:
        return  # a place on the same page: kb.check.anchors
    # where the strict build looks for the target (mkdocs.structure.pages): relative to the page's source
    target = posixpath.normpath(posixpath.join(PAGE_FOLDER, unquote(parts.path)))
    if tag == "img" and not _in_docs(target):
        yield from at_lines(case_file, url, "missing-image",
                            f"图片“{short_value(url)}”在仓库中找不到", IMAGE_FOLDER_HINT)
    elif tag == "a" and not site_file_exists(target, case_ids):
        if not posixpath.splitext(parts.path)[1]:  # no file name: MkDocs' "unrecognized relative link"
            yield from at_lines(case_file, url, "unrecognized-link", say("unrecognized-link.no-file", url=short_value(url))[0],
                                LINK_HINT)
        else:
            yield from at_lines(case_file, url, "missing-link-target",
                                f"链接指向的“{short_value(url)}”不存在", LINK_HINT)


def site_file_exists(target: str, case_ids: set[str]) -> bool:
    """Whether ``target`` (a path in the built site's source folder) is a page or file of the site:
    a case, a page of the site's navigation, or a file of docs/."""
    folder, name = posixpath.split(target)
    if folder == PAGE_FOLDER and name != "index.md":
        return name.endswith(".md") and name[: -len(".md")] in case_ids
    return target in navigation_pages() or _in_docs(target)


@functools.lru_cache(maxsize=1)
def navigation_pages() -> frozenset[str]:
    """The pages of mkdocs.yml's navigation (hand-written or generated), by source path."""
    def walk(items: object) -> Iterator[str]:
        for item in items if isinstance(items, list) else []:
            for value in (item.values() if isinstance(item, dict) else [item]):
                yield from walk(value) if isinstance(value, list) else [value]
    return frozenset(walk(project_config().get("nav")))


def _in_docs(target: str) -> bool:
    if target == ".." or target.startswith(("../", "/")):
        return False
    path = (DOCS_DIR / target).resolve()
    return path.is_relative_to(DOCS_DIR.resolve()) and path.is_file()


def at_lines(case_file: CaseFile, text: str, code: str, message: str, hint: str) -> Iterator[Problem]:
    """The problem on each body line containing ``text`` (the body's first line when none does)."""
    yield from _at_lines(case_file, re.compile(re.escape(text.replace("&lt;", "<"))), code,
                         message.replace("&lt;", "<"), hint)


def _at_lines(case_file: CaseFile, pattern: re.Pattern, code: str, message: str, hint: str) -> Iterator[Problem]:
    """The problem on each body line matching ``pattern`` (the body's first line when none does)."""
    lines = [offset for offset, line in enumerate(case_file.body.split("\n")) if pattern.search(line)]
    for offset in lines or [0]:
        yield Problem(case_file.display_path, case_file.body_line + offset, "正文", code, message, hint)
