"""The glossary (术语): named mechanisms and terms, read from ``vocab/glossary.yml``.

Usage::

    from kb.model.glossary import glossary, terms_in
    terms = glossary()                      # {key: Term}, in file order
    terms_in(case_text(case), terms)        # keys of the terms a text mentions

A term is found in a text by its own spelling or any alias, literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.model.case import Case
from kb.paths import VOCAB_DIR
from kb.model.vocab import read_vocab


@dataclass(frozen=True)
class Term:
    key: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@lru_cache(maxsize=None)
def glossary(vocab_dir: Path = VOCAB_DIR) -> dict[str, Term]:
    """Glossary terms keyed by their ASCII key, in file order."""
    entries = read_vocab("glossary.yml", vocab_dir) or []
    return {entry["key"]: Term(entry["key"], entry["term"], " ".join(entry["definition"].split()),
                               tuple(entry.get("aliases") or ())) for entry in entries}


def spelling_pattern(terms: dict[str, Term]) -> re.Pattern[str]:
    """One regex matching every spelling; longer spellings win over their prefixes."""
    spellings = sorted({s for t in terms.values() for s in t.spellings}, key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in spellings))


def spelling_keys(terms: dict[str, Term]) -> dict[str, str]:
    """Every spelling mapped to the key of its term."""
    return {s: t.key for t in terms.values() for s in t.spellings}


def terms_in(text: str, terms: dict[str, Term]) -> tuple[str, ...]:
    """Keys of the terms ``text`` mentions, in glossary order."""
    keys = {key for key, term in terms.items() if any(s in text for s in term.spellings)}
    return tuple(key for key in terms if key in keys)


def case_text(case: Case) -> str:
    """All reader-visible text of a case: structured fields and the narrative."""
    parts = [case.title, case.model, case.summary, *case.background, *case.lessons, *case.tags, case.body]
    for practice in case.practices:
        parts += [practice.name, practice.summary]
    parts += [r.indicator for r in case.results]
    return "\n".join(parts)
