"""Where a page is on the site: one function, :func:`page_url`, by MkDocs' own rule.

MkDocs puts the page made from ``cases/x.md`` at ``cases/x/`` (``use_directory_urls: true``,
the published site) or at ``cases/x.html`` (false: the offline bundle, opened from ``file://``).
It rewrites the Markdown links of the pages itself; every other link — raw HTML in a page,
the print handouts, the data files the site's scripts read — asks :func:`page_url`, which asks
MkDocs (:class:`mkdocs.structure.files.File`).

The URL style is the site's being rendered: :func:`kb.site.generate.generate` sets it for the
whole render (:func:`url_style`, a context variable), so the renderers do not pass it along.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_directory_urls: ContextVar[bool] = ContextVar("kb_directory_urls", default=True)


@contextlib.contextmanager
def scoped(variable: ContextVar[T], value: T) -> Iterator[None]:
    """``variable`` is ``value`` for the block: a setting of one render (the URL style here, the
    edition in :mod:`kb.site.edition`), never of the process."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


def url_style(directory_urls: bool) -> contextlib.AbstractContextManager[None]:
    """Render the block's pages for MkDocs' ``use_directory_urls``."""
    return scoped(_directory_urls, directory_urls)


def page_url(src_uri: str, *, from_page: str | None = None) -> str:
    """The URL of the page made from ``src_uri`` (``cases/x.md``), from the site root, or with
    ``from_page`` (another source path) relative to that page."""
    return _page_url(src_uri, from_page, _directory_urls.get())


def to_root(src_uri: str) -> str:
    """The relative URL of the site root from the page made from ``src_uri`` (``../../``, ``../``, ``./``)."""
    from mkdocs.utils import get_relative_url

    return get_relative_url("./", page_url(src_uri))


@functools.lru_cache(maxsize=4096)
def _page_url(src_uri: str, from_page: str | None, directory_urls: bool) -> str:
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    url = File(src_uri, src_dir=None, dest_dir="", use_directory_urls=directory_urls).url
    if from_page is None:
        return url
    return get_relative_url(url, File(from_page, src_dir=None, dest_dir="", use_directory_urls=directory_urls).url)


def public_page_url(src_uri: str) -> str:
    """The URL of a page on the published site (directory URLs), from its root, whatever the style
    being rendered: the address a citation or a QR code prints, also in the offline bundle.
    A handout's ``print/.../index.html`` is its folder."""
    if src_uri.endswith("/index.html"):
        return src_uri[: -len("index.html")]
    return _page_url(src_uri, None, True)
