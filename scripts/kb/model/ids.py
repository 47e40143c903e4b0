"""Case ids from Chinese names: ``湖北省`` ``兴山县`` ``两会两评`` -> ``hubei-xingshan-lianghui-liangping``.

Ids are ASCII so they work in web addresses and file names on every system;
pinyin keeps them readable. The conversion uses pypinyin.

>>> case_id("湖北省", "兴山县", "两会两评")
'hubei-xingshan-lianghui-liangping'
"""

from __future__ import annotations

import logging
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from kb.model import vocab

# Administrative suffixes dropped from place names (longest first).
PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
                  "省", "市", "县", "区", "旗", "盟")
NON_ID_RE = re.compile(r"[^a-z0-9]+")
MAX_TOPIC_WORDS = 4


def slug(text: str, max_words: int | None = None) -> str:
    """Pinyin of ``text`` word by word (segmented by jieba), lower case, joined by hyphens."""
    import jieba  # loads its dictionary on first use; only needed here

    jieba.setLogLevel(logging.WARNING)

    text = unicodedata.normalize("NFKC", text)
    words = ["".join(lazy_pinyin(word, style=Style.NORMAL)).lower() for word in jieba.cut(text)]
    words = [part for word in words for part in NON_ID_RE.split(word) if part]
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
    parts = [place_slug(province), place_slug(county), slug(topic, MAX_TOPIC_WORDS)]
    return "-".join(part for part in parts if part)
