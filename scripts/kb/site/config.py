"""The project's ``mkdocs.yml``, read as data by the code that needs its settings
outside MkDocs (the print handouts' Markdown extensions and policy, the offline
variant's scripts, the benchmark's baseline navigation, the Markdown extension tests)."""

from __future__ import annotations

import copy
import functools
import importlib
from typing import Any

import yaml

from kb.paths import ROOT

PROJECT_CONFIG = ROOT / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring its ``!!python/...`` tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


# The ``!!python/object/apply:`` callables mkdocs.yml may name and :class:`_SiteLoader` calls, as MkDocs does.
_CALLABLES = {"pymdownx.slugs.slugify"}


class _SiteLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the callables of :data:`_CALLABLES` (the headings' slugify),
    ignoring every other ``!!python/...`` tag."""


def _apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if not suffix.startswith("object/apply:") or suffix.split(":", 1)[1] not in _CALLABLES:
        return None
    module, _, name = suffix.split(":", 1)[1].rpartition(".")
    arguments = loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else {}
    return getattr(importlib.import_module(module), name)(*arguments.get("args", ()), **arguments.get("kwds", {}))


_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/", _apply)

# The extensions MkDocs always loads before the configured ones (its MarkdownExtensions option's builtins).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def project_config() -> dict[str, Any]:
    """``mkdocs.yml`` as data (a copy the caller may change). Parsed once per version of the file:
    every case page asks for the site's name (its citation), and the pure-Python YAML parser took
    15 ms a time, nine tenths of rendering a case page; an edit under ``make serve`` is read again."""
    stat = PROJECT_CONFIG.stat()
    return copy.deepcopy(_parsed_config(stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=1)
def _parsed_config(mtime_ns: int, size: int) -> dict[str, Any]:
    return yaml.load(PROJECT_CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def markdown_extensions(*, as_mkdocs: bool = False) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The site's Markdown extensions as ``markdown.Markdown`` takes them: names in order, and
    the options of those that have any (options given as ``!!python/...`` tags are left out).

    ``as_mkdocs``: exactly as MkDocs configures them for the site's pages (its built-in extensions
    first, the headings' slugify of mkdocs.yml), so that a page converted here has the ids and
    links it has in the built site (kb.check.anchors); checked against MkDocs in tests/test_build_gate.py."""
    loader = _SiteLoader if as_mkdocs else _ConfigLoader
    items = yaml.load(PROJECT_CONFIG.read_text(encoding="utf-8"), Loader=loader)["markdown_extensions"]
    names, configs = list(MKDOCS_BUILTIN_EXTENSIONS) if as_mkdocs else [], {}
    for item in items:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = {key: value for key, value in options.items() if value is not None}
    return names, configs
