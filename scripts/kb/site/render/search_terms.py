"""The domain dictionary: terms that search must treat as one word.

General dictionaries split terms such as 户联理事会 into 户联/理事会. The
terms come from the glossary, models, tags and quoted phrases of titles and
practice names. Online, :mod:`kb.site.render.search_facets` builds on them for
Pagefind; offline, ``build/jieba_user_dict.txt`` keeps them whole when
:mod:`kb.site.offline` segments the bundle's index with jieba.
"""

from __future__ import annotations

import re

from kb.model.glossary import glossary
from kb.model.case import Case

QUOTED_RE = re.compile(r"“([^”]{2,12})”")


def domain_terms(cases: list[Case]) -> list[str]:
    terms: set[str] = {t.term for t in glossary().values()}
    for case in cases:
        terms.add(case.model)
        terms.update(case.tags)
        for text in (case.title, *(p.name for p in case.practices)):
            for quoted in QUOTED_RE.findall(text):
                terms.update(part for part in re.split(r"[+＋、]", quoted) if len(part) >= 2)
    return sorted(t for t in terms if t and " " not in t)


def render_jieba_user_dict(cases: list[Case]) -> str:
    """One ``word frequency`` line per term; a high frequency keeps it whole."""
    return "".join(f"{term} 200000\n" for term in domain_terms(cases))
