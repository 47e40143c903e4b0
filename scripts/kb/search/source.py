"""What search knows about the library: one record per case, the dictionary, the facets.

The generator writes it all into one file, ``source.json``, beside the rendered folder
(:func:`source_path`: not in it, so MkDocs never sees it), which :mod:`kb.search.index`
turns into the search index of the site.
The same file feeds the published site and the offline bundle (only the case
addresses differ: ``cases/<id>/`` or ``cases/<id>.html``), so both search the
same pages with the same dictionary.

Search reads a case's fields, never its rendered page: the source-file line,
links and addresses on the page are not what a query matches.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kb.model.case import CASE_FIELDS, NESTED_FIELDS, SEARCH_NAME, SEARCH_TEXT, STATUS_LABELS, Case
from kb.model.glossary import glossary
from kb.model.trust import review_state
from kb.model.vocab import Category
from kb.site.incremental import digest, per_value
from kb.search.terms import QUOTED_RE, domain_terms

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


def source_path(rendered_dir: Path) -> Path:
    """Where the generator writes ``source.json`` for the pages it renders into ``rendered_dir``:
    beside that folder (``build/docs`` → ``build/docs.search-source.json``), outside MkDocs' docs folder."""
    rendered_dir = Path(rendered_dir)
    return rendered_dir.with_name(rendered_dir.name + ".search-source.json")


@per_value(key=digest)
def plain_text(markdown: str) -> str:
    for pattern, replacement in MARKUP_RES:
        markdown = pattern.sub(replacement, markdown)
    return "\n".join(line.strip() for line in markdown.splitlines() if line.strip())


def case_record(case: Case, categories: dict[str, Category], url: str) -> dict:
    """``heavy``: title, model, places, tags (what a case is called); ``fields``: the
    structured summary; ``body``: the source text. The index weighs them in that order."""
    return {
        "id": case.id,
        "url": url,
        "title": case.title,
        "region": case.region.label,
        "model": case.model,
        "status": STATUS_LABELS[case.status],
        "review": review_state(case).label,
        "province": case.region.province,
        "categories": [categories[key].label for key in case.categories],
        "heavy": searched_texts(case, SEARCH_NAME),
        "fields": searched_texts(case, SEARCH_TEXT),
        "body": plain_text(case.body),
    }


def searched_texts(case: Case, surface: str) -> list[str]:
    """The texts of every field declared to be searched this way (:data:`kb.model.case.CASE_FIELDS`),
    in the declaration's order: a practice as “name：summary”, a result by its indicator, any other
    record (the region) by its text sub-fields."""
    texts: list[str] = []
    for spec in CASE_FIELDS:
        if surface not in spec.shows:
            continue
        value = getattr(case, spec.name)
        if spec.name == "practices":
            texts += [f"{p.name}：{p.summary}" for p in value]
        elif spec.name == "results":
            texts += [r.indicator for r in value]
        elif spec.name in NESTED_FIELDS:
            records = value if isinstance(value, tuple) else (value,)
            texts += [getattr(record, sub.name) for record in records for sub in NESTED_FIELDS[spec.name]
                      if sub.kind == "string"]
        elif isinstance(value, tuple):
            texts += [str(item) for item in value]
        elif value not in (None, ""):
            texts.append(str(value))
    return texts


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
    """``source.json``: the input of :mod:`kb.search.index`."""
    from kb.site.urls import page_url

    def url(case: Case) -> str:
        return page_url(f"cases/{case.id}.md")

    source = {
        "dictionary": sorted(search_dictionary(cases)),
        "suggestions": suggestions(cases, categories),
        "records": [case_record(case, categories, url(case)) for case in sorted(cases, key=lambda c: c.id)],
    }
    return json.dumps(source, ensure_ascii=False, separators=(",", ":"))
