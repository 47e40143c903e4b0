"""Stable case numbers (案例号): issued once when a case is accepted, never changed, never reused.

The ledger ``vocab/case-numbers.yml`` lists every number ever issued and the case it went to;
a withdrawn case's line stays, so its number is never issued again. A case shows its number as
``JC-0001`` (:func:`number_label`) on its page, handouts, PDFs and data. ``make new``, the 投稿
form and the importer's drafts write the next free number (:func:`next_free_number`);
:mod:`kb.check.number_rules` checks that numbers are unique and not taken.
"""

from __future__ import annotations

from pathlib import Path

from kb.model.vocab import read_vocab
from kb.paths import VOCAB_DIR

LEDGER_PATH = VOCAB_DIR / "case-numbers.yml"
PREFIX = "JC"  # 基层


def number_label(number: int | None) -> str:
    return f"{PREFIX}-{int(number):04d}" if number else ""


def ledger(path: Path = LEDGER_PATH) -> dict[int, str]:
    """Every number issued, with the id of the case it went to."""
    if not path.is_file():
        return {}
    entries = read_vocab(path.name, path.parent) or []
    return {int(entry["serial"]): str(entry["id"]) for entry in entries}


def numbers_in_folder(cases_dir: Path) -> set[int]:
    """The ``serial:`` lines of the case files in ``cases_dir`` (read as text: drafts need not parse)."""
    found = set()
    for path in Path(cases_dir).glob("*.md"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            value = value.split("#")[0].strip()  # a draft's number line carries a comment
            if key.strip() == "serial" and value.isdigit():
                found.add(int(value))
                break
    return found


def next_free_number(cases_dir: Path | None = None, path: Path = LEDGER_PATH) -> int:
    """One more than the highest number issued (in the ledger) or written in a case file."""
    used = set(ledger(path)) | (numbers_in_folder(cases_dir) if cases_dir and Path(cases_dir).is_dir() else set())
    return max(used, default=0) + 1
