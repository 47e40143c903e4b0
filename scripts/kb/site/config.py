"""The project's ``mkdocs.yml``, read as data by the code that needs its settings
outside MkDocs (the print handouts' Markdown extensions and policy, the offline
variant's scripts, the benchmark's baseline navigation)."""

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
