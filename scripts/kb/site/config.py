"""The project's ``mkdocs.yml``, read as data by the code that needs its settings
outside MkDocs (the print handouts' Markdown extensions and policy, the offline
variant's scripts, the benchmark's baseline navigation, the Markdown extension tests)."""

from __future__ import annotations

from typing import Any

import yaml

from kb.paths import ROOT

PROJECT_CONFIG = ROOT / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring its ``!!python/...`` tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def project_config() -> dict[str, Any]:
    return yaml.load(PROJECT_CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def markdown_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The site's Markdown extensions as ``markdown.Markdown`` takes them: names in order, and
    the options of those that have any (options given as ``!!python/...`` tags are left out)."""
    names, configs = [], {}
    for item in project_config()["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = {key: value for key, value in options.items() if value is not None}
    return names, configs
