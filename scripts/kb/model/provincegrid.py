"""URL keys and tile-grid map positions of the provinces (``vocab/province-grid.yml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.paths import VOCAB_DIR
from kb.model.vocab import read_vocab


@dataclass(frozen=True)
class ProvinceTile:
    name: str
    key: str
    row: int
    col: int


@lru_cache(maxsize=None)
def province_tiles(vocab_dir: Path = VOCAB_DIR) -> dict[str, ProvinceTile]:
    """Tiles keyed by the full province name (as written in ``region.province``)."""
    entries = read_vocab("province-grid.yml", vocab_dir)
    return {entry["name"]: ProvinceTile(**entry) for entry in entries}


def province_page(province: str) -> str:
    """Path of a province's region page, relative to the site's source folder."""
    return f"regions/{province_tiles()[province].key}.md"
