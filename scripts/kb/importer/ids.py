"""Case ids such as ``hubei-xingshan-lianghui-liangping`` from region and model name."""

from __future__ import annotations

import logging
import re

from kb import vocab
from kb.importer.region import RegionGuess

MAX_MODEL_WORDS = 4


def case_id(region: RegionGuess | None, model: str) -> str:
    parts = []
    if region:
        province = vocab.provinces().get(region.province, ())
        parts.append(_pinyin(province[0] if province else region.province))
        county = region.county
        parts.append(_pinyin(county[:-1] if len(county) > 2 and county[-1] in "县市区旗" else county))
    parts += _model_words(model)
    slug = "-".join(p for p in parts if p)
    return slug or "draft-case"


def _model_words(model: str) -> list[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = [_pinyin(word) for word in jieba.lcut(model)]
    return [w for w in words if w][:MAX_MODEL_WORDS]


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(text)).lower())
