"""Draft case ids: the same rule as ``make new`` (:mod:`kb.model.ids`), from a guessed region.

Never from the input's file name: a file called ``hsin-04-xxcounty.txt`` says
nothing about the case. Without a title the id is the region (when known),
``draft`` and a short fingerprint of the case text, so importing the same text
again finds the same file (and does not overwrite it without ``--force``).
"""

from __future__ import annotations

import hashlib

from kb.importer.region import RegionGuess
from kb.model import ids


def case_id(region: RegionGuess | None, model: str, text: str) -> str:
    province, county = (region.province, region.county) if region else ("", "")
    if model:
        slug = ids.case_id(province, county, model)
        if slug:
            return slug
    fingerprint = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return "-".join(part for part in (ids.case_id(province, county, ""), "draft", fingerprint) if part)
