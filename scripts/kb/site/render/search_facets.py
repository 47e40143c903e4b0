"""What the search index learns about a case besides its text.

Pagefind segments Chinese with its own general-purpose dictionary, which
splits domain terms (户联理事会 → 户/联/理事/会) and matches every word by
prefix, so 一肩挑 alone would also match pages that merely contain 一. The
domain dictionary (:mod:`kb.site.render.search_terms`) is therefore applied on
both sides: here, every dictionary term found in a case becomes a hidden
``term`` filter value of its page; in the browser, ``kb-search.js`` finds the
dictionary terms in a query and requires them through that filter. Province,
practice category and status become filters too (the facets of the search).

The data travels in the case page's front matter under ``kb_search``; the
theme override ``overrides/main.html`` turns it into ``data-pagefind-*``
attributes.
"""

from __future__ import annotations

import functools
import json

import ahocorasick

from kb.model.case import STATUS_LABELS, Case
from kb.site.render.search_terms import QUOTED_RE, domain_terms
from kb.model.vocab import Category

# Longest dictionary term looked for; longer terms are rare and still found
# through Pagefind's own word index.
MAX_TERM_LENGTH = 12


def terms_in(text: str, dictionary: frozenset[str]) -> list[str]:
    """Dictionary terms that occur in ``text``, including terms inside longer ones.

    One pass of an Aho–Corasick automaton (pyahocorasick) over the text: cost
    grows with the text, not with the dictionary (which grows with the collection).
    """
    automaton = _automaton(dictionary)
    if not len(automaton):
        return []
    return sorted({term for _, term in automaton.iter(text)})


@functools.lru_cache(maxsize=4)
def _automaton(dictionary: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for term in dictionary:
        if 2 <= len(term) <= MAX_TERM_LENGTH:
            automaton.add_word(term, term)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def case_search_data(case: Case, categories: dict[str, Category], dictionary: frozenset[str]) -> dict:
    text = "\n".join([case.title, case.model, case.summary, *case.tags,
                      *(p.name + p.summary for p in case.practices), case.body])
    return {
        "county": case.region.county,
        "province": case.region.province,
        "status": STATUS_LABELS[case.status],
        "categories": [categories[key].label for key in case.categories],
        "terms": terms_in(text, dictionary),
    }


def search_dictionary(cases: list[Case]) -> frozenset[str]:
    """The domain terms (models, tags, quoted practice names) plus place names,
    which readers search for and general segmenters often cut."""
    places = {part for case in cases for part in (case.region.city, case.region.county) if len(part) >= 2}
    return frozenset(domain_terms(cases)) | places | quoted_terms(cases)


def quoted_terms(cases: list[Case]) -> set[str]:
    """Short quoted phrases of the structured fields (“三化”, “双带”, “四联”):
    the sources quote their coined terms. The body is left out so the
    dictionary stays a few terms per case."""
    terms: set[str] = set()
    for case in cases:
        for text in (case.summary, *case.background, *(p.summary for p in case.practices)):
            terms.update(term for term in QUOTED_RE.findall(text) if 2 <= len(term) <= 8)
    return terms


def render_query_dictionary(dictionary: frozenset[str]) -> str:
    """The dictionary as the browser loads it (``search/terms.json``)."""
    return json.dumps(sorted(dictionary), ensure_ascii=False, separators=(",", ":"))
