"""What the browser needs to propose a case id as ``make new`` does (:mod:`kb.model.ids`).

``make new`` segments the model name with jieba and writes each word in
pypinyin's pinyin. Both libraries are Python, and their full data (jieba's
dictionary, pypinyin's phrases) is megabytes, so the 投稿 page gets a cut-down
copy, made here at build time from the same installed libraries:

* ``chars``: the default reading of every common character (pypinyin), grouped
  by syllable;
* ``phrases``: only the phrases pypinyin reads differently from their
  characters' default readings (长沙 is chang-sha, not zhang-sha);
* ``words``: jieba's dictionary words of up to 4 characters down to
  :data:`WORD_FREQUENCY`, grouped by log frequency, and the rarer
  ones that occur in the library's titles, model names and practice names (农村党员) (jieba keeps rarer words and an HMM for unknown ones;
  the browser joins leftover single characters in pairs instead), with
  ``total`` for jieba's route probabilities;
* ``provinces``: each province's short forms (its slug is its first short form's);
* ``patterns``: the regular expressions the two sides share, taken from where ``make new``
  gets them: jieba's Han blocks and the runs its HMM handles, and :data:`kb.model.ids.NON_ID_RE`
  (the browser holds no copy; ``make contracts`` tests the two sides on the same examples).

Read from pypinyin's and jieba's tables directly, without loading jieba's segmenter (seconds).

``docs/assets/submit-id.js`` applies them the way jieba and pypinyin do. The
id stays editable; ``tests/test_submit.py`` measures how often the two agree.
"""

from __future__ import annotations

import importlib.util
import math
import re
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from kb.model import vocab
from kb.model.ids import MAX_TOPIC_WORDS, NON_ID_RE, PLACE_SUFFIXES
from kb.site.incremental import per_value

WORD_FREQUENCY = 100
LOG_PRECISION = 1  # decimals of ln(frequency) kept: words are grouped by it, which keeps the file small
COMMON_CHARACTERS = (0x4E00, 0x9FA5)
DICTIONARY_LINE_RE = re.compile(r"^(\S+) (\d+)", re.MULTILINE)  # jieba's dict.txt: word frequency [tag]  # the range jieba's segmenter treats as Han (its re_han_default)


def pinyin_data(library_text: Iterable[str] = ()) -> dict[str, Any]:
    """The data for ``submit-id.js``; ``library_text``: names and titles from the library, whose
    rarer dictionary words are kept too (model names use the library's own vocabulary)."""
    total = _jieba_words()[1]
    return {**_readings(), "words": _words_by_log_frequency(_library_words(library_text)),
            "logTotal": round(math.log(total), 6)}


@lru_cache(maxsize=1)
def _readings() -> dict[str, Any]:
    """What ``lazy_pinyin`` gives, read from pypinyin's tables directly (calling it for every
    character and phrase takes seconds): a character's first reading; a phrase's own readings."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    chars: dict[str, list[str]] = {}
    default: dict[str, str] = {}
    for code in range(COMMON_CHARACTERS[0], COMMON_CHARACTERS[1] + 1):
        readings = PINYIN_DICT.get(code)
        if readings:
            reading = _plain(readings.split(",")[0])
            default[chr(code)] = reading
            chars.setdefault(reading, []).append(chr(code))
    phrases = {}
    for phrase, readings in PHRASES_DICT.items():
        reading = [_plain(options[0]) for options in readings]
        if reading != [default.get(c, c) for c in phrase]:
            phrases[phrase] = " ".join(reading)
    return {
        "chars": {reading: "".join(found) for reading, found in chars.items()},
        "phrases": phrases,
        "provinces": {name: list(short) for name, short in vocab.provinces().items()},
        "suffixes": list(PLACE_SUFFIXES),
        "maxTopicWords": MAX_TOPIC_WORDS,
        "patterns": _patterns(),
    }


def _patterns() -> dict[str, str]:
    """jieba's patterns (``jieba.cut``'s Han blocks; the Han runs and the letter and digit runs
    of its HMM) and the id's separator, as JavaScript reads them: these use no syntax the two
    languages read differently."""
    import jieba
    import jieba.finalseg

    return {"hanBlock": jieba.re_han_default.pattern, "han": jieba.finalseg.re_han.pattern,
            "skip": jieba.finalseg.re_skip.pattern, "nonId": NON_ID_RE.pattern}


@lru_cache(maxsize=None)
def _plain(syllable: str) -> str:
    """``zhǎng`` -> ``zhang``, as ``lazy_pinyin``'s normal style writes it (ü as v)."""
    from pypinyin.contrib.tone_convert import to_normal

    return to_normal(syllable)


@lru_cache(maxsize=1)
def _jieba_words() -> tuple[dict[str, str], int]:
    """Every word of jieba's dictionary with its frequency (as text: most are never used), and
    their total. Read with one regular expression: a Python loop over its 349,000 lines takes seconds."""
    package = Path(importlib.util.find_spec("jieba").origin).parent  # without importing jieba
    text = (package / "dict.txt").read_text(encoding="utf-8")
    frequencies = dict(DICTIONARY_LINE_RE.findall(text))
    return frequencies, sum(map(int, frequencies.values()))


def _library_words(texts: Iterable[str]) -> frozenset[str]:
    """Dictionary words of 2–4 characters that occur in ``texts`` (whatever their frequency)."""
    return frozenset().union(*map(_dictionary_words_in, texts))


@per_value
def _dictionary_words_in(text: str) -> frozenset[str]:
    frequencies = _jieba_words()[0]
    return frozenset(text[start:end] for start in range(len(text) - 1)
                     for end in range(start + 2, min(start + 4, len(text)) + 1) if text[start:end] in frequencies)


@per_value
def _words_by_log_frequency(keep: frozenset[str]) -> dict[str, str]:
    """``{"6.2": "word word …"}``: the dictionary words of up to four characters down to
    :data:`WORD_FREQUENCY`, grouped by the natural logarithm of their frequency (what jieba's route adds up)."""
    groups: dict[str, list[str]] = {}
    for word, text in _jieba_words()[0].items():
        if len(word) <= 4 and (word in keep or int(text) >= WORD_FREQUENCY):
            groups.setdefault(f"{math.log(int(text)):.{LOG_PRECISION}f}", []).append(word)
    return {key: " ".join(words) for key, words in groups.items()}
