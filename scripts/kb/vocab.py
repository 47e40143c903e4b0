"""Controlled vocabularies, read from the data files in ``vocab/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kb.paths import VOCAB_DIR


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    gloss: str
    definition: str


@lru_cache(maxsize=None)
def categories(vocab_dir: Path = VOCAB_DIR) -> dict[str, Category]:
    """Practice categories keyed by their ASCII key, in file order."""
    entries = yaml.safe_load((vocab_dir / "categories.yml").read_text(encoding="utf-8"))
    return {entry["key"]: Category(**entry) for entry in entries}


@lru_cache(maxsize=None)
def provinces(vocab_dir: Path = VOCAB_DIR) -> dict[str, tuple[str, ...]]:
    """Full provincial-level names mapped to their common short forms."""
    data = yaml.safe_load((vocab_dir / "provinces.yml").read_text(encoding="utf-8"))
    return {name: tuple(short) for name, short in data.items()}


def province_for_short_name(short: str) -> str | None:
    """``湖北`` -> ``湖北省``; None when the text is no known short form."""
    for name, shorts in provinces().items():
        if short in shorts:
            return name
    return None


@lru_cache(maxsize=None)
def tags(vocab_dir: Path = VOCAB_DIR) -> tuple[str, ...]:
    """The tags a case may carry, in file order."""
    entries = yaml.safe_load((vocab_dir / "tags.yml").read_text(encoding="utf-8")) or []
    return tuple(str(entry) for entry in entries)
