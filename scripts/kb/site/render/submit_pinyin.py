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

Read from pypinyin's and jieba's tables directly, without loading jieba's segmenter (seconds),
once per version of the two packages and of this module: what is read is kept in
``build/cache/`` (:func:`_tables`; reading the tables takes 0.5 s, which every build paid).

``docs/assets/submit-id.js`` applies them the way jieba and pypinyin do. The
id stays editable; ``tests/test_submit.py`` measures how often the two agree.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import marshal
import math
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from kb.model import vocab
from kb.model.ids import MAX_TOPIC_WORDS, NON_ID_RE, PLACE_SUFFIXES
from kb.paths import BUILD_DIR
from kb.site.incremental import digest, per_value

CACHE_DIR = BUILD_DIR / "cache"

WORD_FREQUENCY = 100
LOG_PRECISION = 1  # decimals of ln(frequency) kept: words are grouped by it, which keeps the file small
COMMON_CHARACTERS = (0x4E00, 0x9FA5)  # the characters given readings: CJK Unified Ideographs as Unicode 1.1 had them
DICTIONARY_LINE_RE = re.compile(r"^(\S+) (\d+)", re.MULTILINE)  # jieba's dict.txt: word frequency [tag]


def pinyin_data(library_text: Iterable[str] = ()) -> dict[str, Any]:
    """The data for ``submit-id.js``; ``library_text``: names and titles from the library, whose
    rarer dictionary words are kept too (model names use the library's own vocabulary)."""
    tables = _tables()
    return {**tables["readings"],
            "provinces": {name: list(short) for name, short in vocab.provinces().items()},
            "suffixes": list(PLACE_SUFFIXES),
            "maxTopicWords": MAX_TOPIC_WORDS,
            "patterns": {**tables["patterns"], "nonId": NON_ID_RE.pattern},
            "words": _words_by_log_frequency(_library_words(library_text)),
            "logTotal": round(math.log(tables["dictionary"]["total"]), 6)}


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    """pypinyin's readings (:func:`_read_readings`), jieba's dictionary (:func:`_read_dictionary`) and
    patterns (:func:`_jieba_patterns`), read once per version of pypinyin, jieba and this module and kept
    in :data:`CACHE_DIR` (marshal: plain values only; 0.1 s to load, against 0.5 s to read the packages'
    tables and 0.2 s to import jieba, which loads its HMM's tables).
    A cache that cannot be read or written is read from the packages again."""
    versions = [importlib.metadata.version(name) for name in ("pypinyin", "jieba")]
    path = CACHE_DIR / f"submit-pinyin-{digest(repr(versions).encode() + Path(__file__).read_bytes()).hex()}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tables = {"readings": _read_readings(), "dictionary": _read_dictionary(), "patterns": _jieba_patterns()}
    _write_whole(path, marshal.dumps(tables))
    return tables


def _write_whole(path: Path, data: bytes) -> None:
    """``path`` written whole or not at all (builds running side by side may write it at once); a
    folder that cannot be written leaves it unwritten."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}-", delete=False)
    except OSError:
        return
    try:
        with out:
            out.write(data)
        os.replace(out.name, path)
    except OSError:
        Path(out.name).unlink(missing_ok=True)


def _read_readings() -> dict[str, Any]:
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
    return {"chars": {reading: "".join(found) for reading, found in chars.items()}, "phrases": phrases}


def _jieba_patterns() -> dict[str, str]:
    """jieba's patterns (``jieba.cut``'s Han blocks; the Han runs and the letter and digit runs
    of its HMM), as JavaScript reads them (with the id's separator, NON_ID_RE): these use no
    syntax the two languages read differently."""
    import jieba
    import jieba.finalseg

    return {"hanBlock": jieba.re_han_default.pattern, "han": jieba.finalseg.re_han.pattern,
            "skip": jieba.finalseg.re_skip.pattern}


@lru_cache(maxsize=None)
def _plain(syllable: str) -> str:
    """``zhǎng`` -> ``zhang``, as ``lazy_pinyin``'s normal style writes it (ü as v)."""
    from pypinyin.contrib.tone_convert import to_normal

    return to_normal(syllable)


def _read_dictionary() -> dict[str, Any]:
    """jieba's dictionary, read with one regular expression (a Python loop over its 349,000 lines takes
    seconds): ``common``, the words of up to four characters down to :data:`WORD_FREQUENCY` grouped by
    the natural logarithm of their frequency (what jieba's route adds up), ``{"6.2": "word word …"}``;
    ``rare``, each rarer word of 2–4 characters with its group (kept where the library uses it);
    ``total``, the sum of every frequency."""
    package = Path(importlib.util.find_spec("jieba").origin).parent  # without importing jieba
    text = (package / "dict.txt").read_text(encoding="utf-8")
    common: dict[str, list[str]] = {}
    rare: dict[str, str] = {}
    total = 0
    for word, frequency in dict(DICTIONARY_LINE_RE.findall(text)).items():
        count = int(frequency)
        total += count
        if len(word) > 4:
            continue
        group = f"{math.log(count):.{LOG_PRECISION}f}"
        if count >= WORD_FREQUENCY:
            common.setdefault(group, []).append(word)
        elif len(word) >= 2:
            rare[word] = group
    return {"common": {group: " ".join(words) for group, words in common.items()}, "rare": rare, "total": total}


def _library_words(texts: Iterable[str]) -> frozenset[str]:
    """The rarer dictionary words (2–4 characters, under :data:`WORD_FREQUENCY`) that occur in ``texts``."""
    return frozenset().union(*map(_rare_words_in, texts))


@per_value
def _rare_words_in(text: str) -> frozenset[str]:
    rare = _tables()["dictionary"]["rare"]
    return frozenset(text[start:end] for start in range(len(text) - 1)
                     for end in range(start + 2, min(start + 4, len(text)) + 1) if text[start:end] in rare)


@per_value
def _words_by_log_frequency(keep: frozenset[str]) -> dict[str, str]:
    """``{"6.2": "word word …"}``: the common words' groups, with the rare words of ``keep`` added to theirs."""
    dictionary = _tables()["dictionary"]
    groups = dict(dictionary["common"])
    for word in sorted(keep):
        group = dictionary["rare"][word]
        groups[group] = f"{groups[group]} {word}" if group in groups else word
    return groups
