"""Cross-indexes of the collection: pure functions from cases to views.

Everything here is built in one pass over the cases (inverted indexes keyed by
category, province and glossary term), so the views grow linearly with the
number of cases. Ranking related cases scans only bounded slices of those
indexes (see :func:`related_cases`), never every pair of cases.

Usage::

    from kb.site.crossindex import build_index
    index = build_index(cases, vocab.categories(), glossary())
    index.practices_by_category["economy"]    # [PracticeRef, ...]
    index.related[case.id]                    # [Related, ...], best first
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from kb.model.glossary import Term, case_text, terms_in
from kb.model.case import Case, Practice
from kb.model.vocab import Category
from kb.site.incremental import per_case

# Scores of what two cases share; a named mechanism says more than a category.
SAME_PROVINCE_SCORE = 2
SHARED_TERM_SCORE = 2
SHARED_CATEGORY_SCORE = 1
RELATED_LIMIT = 5
# Each posting list contributes at most this many candidates per case: the
# neighbours of the case in the list (sorted by region), which keeps ranking
# linear when a category holds thousands of cases.
CANDIDATES_PER_KEY = 40


@dataclass(frozen=True)
class PracticeRef:
    """One practice of one case, with its 0-based position on the case page."""

    case: Case
    index: int
    practice: Practice


@dataclass(frozen=True)
class Related:
    case: Case
    score: int
    same_province: bool
    categories: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass
class CrossIndex:
    cases: list[Case]  # sorted by province, city, county, id
    practices_by_category: dict[str, list[PracticeRef]]
    cases_by_province: dict[str, list[Case]]
    terms_by_case: dict[str, tuple[str, ...]]
    cases_by_term: dict[str, list[Case]]
    cases_by_category: dict[str, list[Case]] = field(default_factory=dict)
    related: dict[str, list[Related]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # case id: place in ``cases``


def region_order(case: Case) -> tuple[str, str, str, str]:
    return (case.region.province, case.region.city, case.region.county, case.id)


def build_index(cases: list[Case], categories: dict[str, Category], terms: dict[str, Term]) -> CrossIndex:
    ordered = sorted(cases, key=region_order)
    by_category: dict[str, list[PracticeRef]] = {key: [] for key in categories}
    by_province: dict[str, list[Case]] = defaultdict(list)
    terms_by_case: dict[str, tuple[str, ...]] = {}
    by_term: dict[str, list[Case]] = {key: [] for key in terms}
    for case in ordered:
        by_province[case.region.province].append(case)
        for index, practice in enumerate(case.practices):
            for key in practice.categories:
                by_category[key].append(PracticeRef(case, index, practice))
        terms_by_case[case.id] = case_terms(case, terms)
        for key in terms_by_case[case.id]:
            by_term[key].append(case)
    index = CrossIndex(ordered, by_category, dict(by_province), terms_by_case, by_term)
    index.cases_by_category = _distinct_cases(by_category)
    index.position = {case.id: number for number, case in enumerate(ordered)}
    index.related = {case.id: related_cases(case, index) for case in ordered}
    return index


@per_case
def case_terms(case: Case, terms: dict[str, Term]) -> tuple[str, ...]:
    """The glossary terms a case mentions (remembered under ``make serve``: the text is long)."""
    return terms_in(case_text(case), terms)


def _distinct_cases(practices_by_category: dict[str, list[PracticeRef]]) -> dict[str, list[Case]]:
    """Cases per category, each case once, in region order."""
    result: dict[str, list[Case]] = {}
    for key, refs in practices_by_category.items():
        seen: dict[str, Case] = {}
        for ref in refs:
            seen.setdefault(ref.case.id, ref.case)
        result[key] = list(seen.values())
    return result


def related_cases(case: Case, index: CrossIndex, limit: int = RELATED_LIMIT) -> list[Related]:
    """Other cases ranked by what they share with ``case``; ties by region order."""
    by_category, position = index.cases_by_category, index.position  # position: region order
    shared_categories: dict[str, list[str]] = defaultdict(list)
    shared_terms: dict[str, list[str]] = defaultdict(list)
    same_province: set[str] = set()
    candidates: dict[str, Case] = {}
    for key in case.categories:
        for other in _neighbours(by_category[key], case, position):
            shared_categories[other.id].append(key)
            candidates[other.id] = other
    for key in index.terms_by_case[case.id]:
        for other in _neighbours(index.cases_by_term[key], case, position):
            shared_terms[other.id].append(key)
            candidates[other.id] = other
    for other in _neighbours(index.cases_by_province[case.region.province], case, position):
        same_province.add(other.id)
        candidates[other.id] = other

    def score(other_id: str) -> int:
        return (SAME_PROVINCE_SCORE * (other_id in same_province) + SHARED_TERM_SCORE * len(shared_terms[other_id])
                + SHARED_CATEGORY_SCORE * len(shared_categories[other_id]))

    # Only the best few become Related records: a case has hundreds of candidates.
    best = heapq.nsmallest(limit, candidates.values(), key=lambda other: (-score(other.id), position[other.id]))
    return [Related(other, score(other.id), other.id in same_province, tuple(shared_categories[other.id]),
                    tuple(shared_terms[other.id])) for other in best]


def _neighbours(postings: list[Case], case: Case, index_position: dict[str, int]) -> list[Case]:
    """Up to CANDIDATES_PER_KEY cases around ``case`` in a posting list, which is in region order
    (``index_position``; found by binary search)."""
    if len(postings) <= CANDIDATES_PER_KEY + 1:
        return [c for c in postings if c.id != case.id]
    at = bisect_left(postings, index_position[case.id], key=lambda other: index_position[other.id])
    start = max(0, min(at - CANDIDATES_PER_KEY // 2, len(postings) - CANDIDATES_PER_KEY - 1))
    return [c for c in postings[start:start + CANDIDATES_PER_KEY + 1] if c.id != case.id]

