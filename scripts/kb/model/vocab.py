"""Controlled vocabularies, read from the data files in ``vocab/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kb.paths import VOCAB_DIR

# libyaml's parser when PyYAML has it (its wheels do): several times faster than the pure-Python
# one (the case-number ledger is read on every validation: 0.4 ms -> 0.05 ms)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_vocab(filename: str, vocab_dir: Path = VOCAB_DIR):
    """The parsed YAML of one vocabulary file (every reader of ``vocab/`` goes through here)."""
    return yaml.load((vocab_dir / filename).read_text(encoding="utf-8"), Loader=YAML_LOADER)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    gloss: str
    definition: str


@lru_cache(maxsize=None)
def categories(vocab_dir: Path = VOCAB_DIR) -> dict[str, Category]:
    """Practice categories keyed by their ASCII key, in file order."""
    entries = read_vocab("categories.yml", vocab_dir)
    return {entry["key"]: Category(**entry) for entry in entries}


@dataclass(frozen=True)
class EvidenceKind:
    """Where a figure comes from (``results[].evidence``): how far a reader can trust it."""

    key: str
    label: str
    definition: str


# How a figure without ``evidence`` is shown.
EVIDENCE_UNKNOWN_LABEL = "未注明"


@lru_cache(maxsize=None)
def evidence_kinds(vocab_dir: Path = VOCAB_DIR) -> dict[str, EvidenceKind]:
    """The evidence labels of figures keyed by their ASCII key, in file order."""
    entries = read_vocab("evidence.yml", vocab_dir)
    return {entry["key"]: EvidenceKind(**entry) for entry in entries}


def evidence_label(key: str) -> str:
    """``self-report`` -> ``县（单位）自述``; "" (not labelled) -> ``未注明``."""
    kind = evidence_kinds().get(key)
    return kind.label if kind else EVIDENCE_UNKNOWN_LABEL


@lru_cache(maxsize=None)
def provinces(vocab_dir: Path = VOCAB_DIR) -> dict[str, tuple[str, ...]]:
    """Full provincial-level names mapped to their common short forms."""
    data = read_vocab("provinces.yml", vocab_dir)
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
    entries = read_vocab("tags.yml", vocab_dir) or []
    return tuple(str(entry) for entry in entries)
