"""Guess a practice's category from the taxonomy in ``vocab/categories.yml``.

The guess counts which category's definition shares the most words (jieba
segmentation) with the practice's heading and first paragraph. It is only a
starting point: the draft marks it as guessed for the reviewer.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from kb.model import vocab

# Words every definition shares; they say nothing about the category.
COMMON = frozenset({"党组织", "党员", "群众", "例如", "以及", "基层", "工作", "农村", "村", "社区", "组织", "发挥"})


def guess_category(text: str) -> str:
    words = _words(text)
    scores = {key: len(words & keywords) for key, keywords in _keywords().items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return next(iter(vocab.categories()))
    return next(key for key, score in scores.items() if score == best)


@lru_cache(maxsize=1)
def _keywords() -> dict[str, frozenset[str]]:
    return {key: _words(category.label + category.definition) for key, category in vocab.categories().items()}


def _words(text: str) -> frozenset[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return frozenset(w for w in jieba.lcut(text) if len(w) >= 2 and w not in COMMON)
