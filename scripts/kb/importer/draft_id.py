"""Draft case ids: the same rule as ``make new`` (:mod:`kb.model.ids`), from a guessed region."""

from __future__ import annotations

from kb.model import ids
from kb.importer.region import RegionGuess


def case_id(region: RegionGuess | None, model: str) -> str:
    if region:
        slug = ids.case_id(region.province, region.county, model)
    else:
        slug = ids.slug(model, ids.MAX_TOPIC_WORDS)
    return slug or "draft-case"
