"""What the search index learns about a case besides its text.

Pagefind segments Chinese with its own general-purpose dictionary, which
splits domain terms (户联理事会 → 户/联/理事/会) and matches every word by
prefix, so 一肩挑 alone would also match pages that merely contain 一. The
domain dictionary (:mod:`kb.render.search_terms`) is therefore applied on
both sides: here, every dictionary term found in a case becomes a hidden
``term`` filter value of its page; in the browser, ``kb-search.js`` finds the
dictionary terms in a query and requires them through that filter. Province,
practice category and status become filters too (the facets of the search).

The data travels in the case page's front matter under ``kb_search``; the
theme override ``overrides/main.html`` turns it into ``data-pagefind-*``
attributes.
"""

from __future__ import annotations

import json

from kb.model import STATUS_LABELS, Case
from kb.vocab import Category

# Longest dictionary term looked for; longer terms are rare and still found
# through Pagefind's own word index.
MAX_TERM_LENGTH = 12


def terms_in(text: str, dictionary: frozenset[str]) -> list[str]:
    """Dictionary terms that occur in ``text``, including terms inside longer ones.

    One pass over the text with set look-ups: cost grows with the text, not
    with the size of the dictionary (which grows with the collection).
    """
    found: set[str] = set()
    lengths = sorted({len(term) for term in dictionary if len(term) <= MAX_TERM_LENGTH})
    for start in range(len(text)):
        for length in lengths:
            piece = text[start:start + length]
            if len(piece) < length:
                break
            if piece in dictionary:
                found.add(piece)
    return sorted(found)


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


def render_search_front_matter(case: Case, categories: dict[str, Category], dictionary: frozenset[str]) -> str:
    """One front-matter line (JSON is valid YAML and needs no escaping rules of its own)."""
    data = case_search_data(case, categories, dictionary)
    return "kb_search: " + json.dumps(data, ensure_ascii=False)


def render_query_dictionary(dictionary: frozenset[str]) -> str:
    """The dictionary as the browser loads it (``search/terms.json``)."""
    return json.dumps(sorted(dictionary), ensure_ascii=False, separators=(",", ":"))
