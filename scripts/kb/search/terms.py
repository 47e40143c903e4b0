"""The domain dictionary: terms that search must treat as one word.

General dictionaries split terms such as 户联理事会 into 户联/理事会. The
terms come from the glossary, models, tags and quoted phrases of titles and
practice names. :mod:`kb.search.source` adds place names and
hands the dictionary to the search index (:mod:`kb.search.tokens` says how
it cuts text and queries).
"""

from __future__ import annotations

import re

from kb.model.glossary import glossary
from kb.model.case import Case
from kb.search.tokens import MAX_TERM_LENGTH

QUOTED_RE = re.compile(f"“([^”]{{2,{MAX_TERM_LENGTH}}})”")


def domain_terms(cases: list[Case]) -> list[str]:
    terms: set[str] = {t.term for t in glossary().values()}
    for case in cases:
        terms.add(case.model)
        terms.update(case.tags)
        for text in (case.title, *(p.name for p in case.practices)):
            for quoted in QUOTED_RE.findall(text):
                terms.update(part for part in re.split(r"[+＋、]", quoted) if len(part) >= 2)
    return sorted(t for t in terms if t and " " not in t)

