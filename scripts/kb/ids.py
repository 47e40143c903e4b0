"""Case ids from Chinese names: ``湖北省`` ``兴山县`` ``两会两评`` -> ``hubei-xingshan-lianghui-liangping``.

Ids are ASCII so they work in web addresses and file names on every system;
pinyin keeps them readable. The conversion uses pypinyin.

>>> case_id("湖北省", "兴山县", "两会两评")
'hubei-xingshan-lianghui-liangping'
>>> slug("Ｘ村 2009 年“两会”")
'x-cun-2009-nian-liang-hui'
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from kb import vocab

# Administrative suffixes dropped from place names (longest first).
PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
                  "省", "市", "县", "区", "旗", "盟")
NON_ID_RE = re.compile(r"[^a-z0-9]+")
MAX_TOPIC_SYLLABLES = 6


def slug(text: str, max_words: int | None = None) -> str:
    """Pinyin and ASCII words of ``text``, lower case, joined by hyphens."""
    text = unicodedata.normalize("NFKC", text)
    words = [NON_ID_RE.sub("-", w.lower()).strip("-") for w in lazy_pinyin(text, style=Style.NORMAL)]
    words = [part for w in words for part in w.split("-") if part]
    return "-".join(words[:max_words] if max_words else words)


def place_slug(name: str) -> str:
    """``湖北省`` -> ``hubei``; a province's short form is used when known."""
    short = vocab.provinces().get(name)
    if short:
        return slug(short[0]).replace("-", "")
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    return slug(name).replace("-", "")


def case_id(province: str, county: str, topic: str) -> str:
    """The id of a new case from its province, county and model name (or title)."""
    parts = [place_slug(province), place_slug(county), slug(topic, MAX_TOPIC_SYLLABLES)]
    return "-".join(part for part in parts if part)
