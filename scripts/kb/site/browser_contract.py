"""The one contract between Python and the browser scripts, as the tests check it.

Logic the browser repeats (splitting a search query as the index reads text; proposing a
case id as ``make new`` does) takes every constant from data Python generates: search's
from ``search/core.js`` (:func:`kb.search.index.search_core`), the id's from
``assets/submit-data.js`` (:func:`kb.site.render.submit_pinyin.pinyin_data`). The
examples both sides must agree on are in ``tests/fixtures/contracts/``; pytest checks
Python against them (``tests/test_contracts.py``) and Node the browser scripts
(``tests/js/contracts.test.mjs``), which gets from :func:`contract_data` the same data
the site gets and Python's own answers. ``make contracts`` runs both.

``python -m kb.site.browser_contract`` prints :func:`contract_data` as JSON.
"""

from __future__ import annotations

import csv
import json
import sys
from functools import lru_cache
from pathlib import Path

from kb.model import ids, vocab
from kb.paths import ROOT
from kb.site.render.submit_pinyin import pinyin_data
from kb.search.index import search_core
from kb.search.tokens import dictionary_terms, traditional_map

FIXTURES = ROOT / "tests" / "fixtures" / "contracts"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def search_data() -> dict:
    """``search/core.js`` as an index of the fixture's dictionary would have it (one shard)."""
    table = "".join(t + s for t, s in sorted(traditional_map().items()))
    return {"v": "contract", "n": 0, "shards": 1, **search_core(dictionary_terms(fixture("search_text")["dictionary"]), table)}


@lru_cache(maxsize=1)
def gazetteer() -> list[str]:
    """Every county-level name of the gazetteer the importer uses (cpca's table), and the provinces."""
    import cpca

    with (Path(cpca.__file__).parent / "resources" / "pca.csv").open(encoding="utf-8") as handle:
        counties = sorted({row["qu"] for row in csv.DictReader(handle) if row["qu"]})
    return [*vocab.provinces(), *counties]


def contract_data() -> dict:
    """The browser's data, generated as for the site, and Python's answers over the whole gazetteer."""
    cases = fixture("ids")["cases"]
    return {
        "search": search_data(),
        "pinyin": pinyin_data([case["model"] for case in cases]),
        "placeSlugs": {name: ids.place_slug(name) for name in gazetteer()},
    }


if __name__ == "__main__":
    json.dump(contract_data(), sys.stdout, ensure_ascii=False, separators=(",", ":"))
