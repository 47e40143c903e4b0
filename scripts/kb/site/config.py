"""Derived MkDocs configs: the project's ``mkdocs.yml`` with other folders.

Tests, the benchmark and the offline bundle build the site into their own
folders. They write a small config that ``INHERIT``s the project's, so the
build stays the project's own; relative paths in it (``custom_dir``, hooks)
would resolve against the derived config's folder, so they are repeated here
as absolute paths.

Usage::

    config.write_text(derived_config(docs_dir, site_dir), encoding="utf-8")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kb.paths import ROOT

PROJECT_CONFIG = ROOT / "mkdocs.yml"
OVERRIDES_DIR = ROOT / "overrides"
HOOK = ROOT / "hooks" / "generate_pages.py"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring its ``!!python/...`` tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def project_config() -> dict[str, Any]:
    return yaml.load(PROJECT_CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def derived_config(docs_dir: Path, site_dir: Path, *, hook: bool = True, extra: tuple[str, ...] = ()) -> str:
    """A config inheriting the project's, building ``docs_dir`` into ``site_dir``.

    ``extra`` lines are appended verbatim (top-level YAML keys).
    """
    lines = [f"INHERIT: {PROJECT_CONFIG}", f"docs_dir: {docs_dir}", f"site_dir: {site_dir}",
             "theme:", "  name: material", f"  custom_dir: {OVERRIDES_DIR}",
             *(["hooks:", f"  - {HOOK}"] if hook else ["hooks: []"]), *extra]
    return "\n".join(lines) + "\n"
