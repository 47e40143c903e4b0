"""schema.org JSON-LD on each case page: what a search engine or a citation manager reads.

Written as a data block (``<script type="application/ld+json">``): browsers never run it,
so the site's CSP (``script-src 'self'``) is unchanged. Case text goes into the JSON, and
JSON alone could still close the element (a title containing ``</script>``), so ``<``,
``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (still the same JSON
strings): nothing from a case can end the block or start markup.

The stable case number (``serial``, shown as ``JC-0001``: :mod:`kb.model.numbers`) identifies
the case with its id; a case not yet numbered has its id alone.
"""

from __future__ import annotations

import json

from kb.model.case import Case
from kb.model.numbers import number_label
from kb.model.trust import CONTENT_LICENCE, review_state
from kb.site.history import Revision
from kb.site.incremental import per_case

JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def case_json_ld(case: Case, revisions: tuple[Revision, ...] | None = None) -> dict:
    region = case.region
    place = {"@type": "Place", "name": region.label,
             "address": {"@type": "PostalAddress", "addressCountry": "CN", "addressRegion": region.province,
                         "addressLocality": region.county}}
    source = {"@type": "CreativeWork", "name": case.source.title}
    if case.source.publisher:
        source["publisher"] = {"@type": "Organization", "name": case.source.publisher}
    if case.source.date:
        source["datePublished"] = case.source.date
    if case.source.url:
        source["url"] = case.source.url
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title,
        "name": case.title,
        "alternateName": case.model,
        "description": case.summary,
        "identifier": [number_label(case.serial), case.id] if case.serial else case.id,
        "inLanguage": "zh-CN",
        "spatialCoverage": place,
        "isBasedOn": source,
        "license": CONTENT_LICENCE["path"],
        "creativeWorkStatus": review_state(case).label,
    }
    if case.added:
        data["dateCreated"] = case.added
    if revisions:
        data["dateModified"] = revisions[0].date
    if case.year:
        data["temporalCoverage"] = f"{case.year}/.."
    if case.tags:
        data["keywords"] = list(case.tags)
    return data


def json_ld_text(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


@per_case
def render_structured_data(case: Case, revisions: tuple[Revision, ...] | None) -> str:
    """The page's data block, a raw HTML block of its own in the page's Markdown."""
    return f'<script type="application/ld+json">{json_ld_text(case_json_ld(case, revisions))}</script>'
