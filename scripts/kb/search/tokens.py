"""How search reads text: the index side of the one search contract.

The browser (``docs/assets/kb-search.js``, the same file online and in the
offline bundle) splits a query with exactly these steps, using the
dictionary and character table the index was built with (both travel in
``search/core.js``):

The constants both halves share (the quote marks, the ranges of Chinese
characters, the hash that picks an index shard, the limits of a query) are
defined here only: :func:`browser_constants` hands them to the browser in
``search/core.js``, and ``tests/fixtures/contracts/`` holds the examples both
sides are tested on (``make contracts``).

1. Unicode NFKC (full-width letters, digits and punctuation become their
   ASCII forms), ASCII letters lower-cased, Traditional characters mapped to
   Simplified one by one (:func:`traditional_map`, from OpenCC's ``t2s``), and
   quotation marks dropped, so 村“两委” = 村"两委" = 村两委.
2. The text is cut into runs of Chinese characters and runs of ASCII letters
   and digits; everything else separates runs.
3. A Chinese run is matched against the dictionary, longest term first from
   left to right (``MAX_TERM_LENGTH``); the pieces between terms become
   character pairs (bigrams). An ASCII run is one word.

The index therefore holds, for every case, each dictionary term that occurs
in it (all of them, also terms inside longer terms), each character pair, and
each ASCII word of two letters or more: whatever a query is split into occurs
in every case that contains the query. Pinyin (full, and initials) of the
dictionary terms a case contains are ASCII words of that case too.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Longest dictionary term; the browser reads it from search/core.js.
MAX_TERM_LENGTH = 12
# Quotation marks are dropped rather than treated as separators: 村“两委” is 村两委.
QUOTES = "\"'`“”‘’「」『』〝〞〟《》〈〉«»‹›"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(f"[{CJK}]+|[a-z0-9]+")
CHINESE_RUN_RE = re.compile(f"[{CJK}]+")
ASCII_RUN_RE = re.compile("[a-z0-9]+")
CJK_RUN_RE = re.compile(f"^[{CJK}]+$")
DIGITS_RE = re.compile(r"^[0-9]+$")
# An ASCII run is a word of search from this many characters (and not only digits).
MIN_WORD = 2
# 32-bit FNV-1a: a token is in index shard fnv1a(token) % shards.
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
# What the browser searches of a query: its first MAX_QUERY characters (after step 1),
# at most MAX_TOKENS different tokens.
MAX_QUERY = 64
MAX_TOKENS = 16
# OpenCC converts phrases; the browser gets a character table, so only
# one-to-one character mappings are kept (兩→两, 會→会, 評→评).
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@functools.lru_cache(maxsize=1)
def traditional_map() -> dict[str, str]:
    """Traditional → Simplified, one character to one character (OpenCC ``t2s``).

    Built at site build time; the browser gets it in ``search/core.js``.
    """
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = "".join(chr(code) for start, end in CJK_RANGES for code in range(start, end + 1))
    converted = converter.convert(chars)
    if len(converted) != len(chars):  # a character became two: convert one by one
        return {c: s for c in chars if len(s := converter.convert(c)) == 1 and s != c}
    return {c: s for c, s in zip(chars, converted) if s != c}


@functools.lru_cache(maxsize=1)
def _translation() -> tuple[dict[str, str], re.Pattern]:
    """What step 1 replaces after NFKC, and a pattern of those characters: ``str.translate``
    with a table of thousands looks up every character of a text; the pattern finds the few."""
    table = dict(traditional_map())
    table.update({c: c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
    table.update({q: "" for q in QUOTES})
    return table, re.compile("[" + "".join(map(re.escape, sorted(table))) + "]")


def normalize(text: str) -> str:
    """Step 1 of the contract (see the module docstring)."""
    table, pattern = _translation()
    return pattern.sub(lambda match: table[match.group()], unicodedata.normalize("NFKC", text))


def runs(text: str) -> list[str]:
    """Step 2: runs of Chinese characters and runs of ASCII letters and digits, of normalized text."""
    return RUN_RE.findall(text)


def split_runs(text: str) -> tuple[list[str], list[str]]:
    """:func:`runs` as two lists, the Chinese runs and the ASCII ones (the two kinds share no character)."""
    return CHINESE_RUN_RE.findall(text), ASCII_RUN_RE.findall(text)


def is_chinese(run: str) -> bool:
    return bool(CJK_RUN_RE.match(run))


def is_word(run: str) -> bool:
    """An ASCII run that search uses: two characters or more, not only digits."""
    return len(run) >= MIN_WORD and not DIGITS_RE.match(run)


def bigrams(run: str) -> list[str]:
    return list(map(str.__add__, run, run[1:]))


def dictionary_terms(dictionary: frozenset[str] | set[str]) -> set[str]:
    """The dictionary as search uses it: normalized, Chinese only, 2 to ``MAX_TERM_LENGTH`` characters."""
    terms = (normalize(term) for term in dictionary)
    return {term for term in terms if 2 <= len(term) <= MAX_TERM_LENGTH and is_chinese(term)}


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over the code points: the shard of an index token."""
    value = FNV_OFFSET
    for char in token:
        value = ((value ^ ord(char)) * FNV_PRIME) & 0xFFFFFFFF
    return value


def browser_constants() -> dict:
    """The constants of this contract as ``docs/assets/kb-search.js`` reads them (``core.text``
    of ``search/core.js``): the browser holds no copy of its own."""
    return {"quotes": QUOTES, "chinese": CJK, "minWord": MIN_WORD, "fnvOffset": FNV_OFFSET,
            "fnvPrime": FNV_PRIME, "maxQuery": MAX_QUERY, "maxTokens": MAX_TOKENS}
