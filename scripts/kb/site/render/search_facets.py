"""What search knows about the library: one record per case, the dictionary, the facets.

The generator writes it all into one file, ``search/source.json`` of the
rendered folder, which :mod:`kb.site.search_index` turns into the search index
of the site (the file itself is not published).
The same file feeds the published site and the offline bundle (only the case
addresses differ: ``cases/<id>/`` or ``cases/<id>.html``), so both search the
same pages with the same dictionary.

Search reads a case's fields, never its rendered page: the source-file line,
links and addresses on the page are not what a query matches.
"""

from __future__ import annotations

import json
import re

from kb.model.case import STATUS_LABELS, Case
from kb.model.glossary import glossary
from kb.model.vocab import Category
from kb.site.incremental import digest, per_value
from kb.site.render.search_terms import QUOTED_RE, domain_terms

SOURCE_PATH = "search/source.json"
PLACE_SUFFIX_RE = re.compile(r"(?:自治县|自治州|自治旗|新区|地区|县|市|区|旗|州|盟|省)$")
# Markdown markup left out of the text search reads and shows.
MARKUP_RES = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),          # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),       # links: their text only
    (re.compile(r"<[^>]*>"), ""),                         # HTML tags
    (re.compile(r"\{[:.#][^}]*\}"), ""),                  # attribute lists
    (re.compile(r"^\s{0,3}(?:#{1,6}|[-*+]|\d+\.|>|!!!|\?\?\?)\s*", re.MULTILINE), ""),
    (re.compile(r"[*_`~]{1,3}"), ""),
]


@per_value(key=digest)
def plain_text(markdown: str) -> str:
    for pattern, replacement in MARKUP_RES:
        markdown = pattern.sub(replacement, markdown)
    return "\n".join(line.strip() for line in markdown.splitlines() if line.strip())


def case_record(case: Case, categories: dict[str, Category], url: str) -> dict:
    """``heavy``: title, model, places, tags (what a case is called); ``fields``: the
    structured summary; ``body``: the source text. The index weighs them in that order."""
    practices = [f"{p.name}：{p.summary}" for p in case.practices]
    return {
        "id": case.id,
        "url": url,
        "title": case.title,
        "region": case.region.label,
        "model": case.model,
        "status": STATUS_LABELS[case.status],
        "province": case.region.province,
        "categories": [categories[key].label for key in case.categories],
        "heavy": [case.title, case.model, case.region.province, case.region.city, case.region.county, *case.tags],
        "fields": [case.summary, *case.background, *practices, *case.lessons,
                   *(r.indicator for r in case.results)],
        "body": plain_text(case.body),
    }


def search_dictionary(cases: list[Case]) -> frozenset[str]:
    """The domain terms (glossary, models, tags, quoted practice names) plus place
    names, with and without 县/市/区, which readers search for and general segmenters cut."""
    places = {part for case in cases
              for part in (case.region.province, case.region.city, case.region.county) if part}
    places |= {PLACE_SUFFIX_RE.sub("", place) for place in places}
    aliases = {alias for term in glossary().values() for alias in term.aliases}
    return frozenset(t for t in set(domain_terms(cases)) | places | aliases | quoted_terms(cases) if len(t) >= 2)


def quoted_terms(cases: list[Case]) -> set[str]:
    """Short quoted phrases of the structured fields (“三化”, “双带”, “四联”):
    the sources quote their coined terms. The body is left out so the
    dictionary stays a few terms per case."""
    terms: set[str] = set()
    for case in cases:
        for text in (case.summary, *case.background, *(p.summary for p in case.practices)):
            terms.update(term for term in QUOTED_RE.findall(text) if 2 <= len(term) <= 8)
    return terms


def suggestions(cases: list[Case], categories: dict[str, Category]) -> list[str]:
    """What a search without results offers instead: glossary terms, categories, models."""
    seen: dict[str, None] = {}
    for label in [*(t.term for t in glossary().values()), *(c.label for c in categories.values()),
                  *sorted({case.model for case in cases})]:
        seen.setdefault(label, None)
    return list(seen)


def render_search_source(cases: list[Case], categories: dict[str, Category]) -> str:
    """``search/source.json``: the input of :mod:`kb.site.search_index`."""
    from kb.site.urls import page_url

    def url(case: Case) -> str:
        return page_url(f"cases/{case.id}.md")

    source = {
        "dictionary": sorted(search_dictionary(cases)),
        "suggestions": suggestions(cases, categories),
        "records": [case_record(case, categories, url(case)) for case in sorted(cases, key=lambda c: c.id)],
    }
    return json.dumps(source, ensure_ascii=False, separators=(",", ":"))
