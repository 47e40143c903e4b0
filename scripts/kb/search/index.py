"""Build the search index of the site (``python -m kb build`` runs it beside MkDocs).

One index and one search script for the published site and the offline
bundle opened from ``file://``: every file is a script that hands its data to
``docs/assets/kb-search.js`` (``kbSearchData(key, data)``), and a page can load
a script from ``file://`` where it cannot fetch. The input is
``source.json`` beside the rendered folder, which the generator wrote
(:func:`kb.search.source.source_path`); it is not published. The index needs nothing MkDocs makes, so
:func:`kb.site.build.build_site` runs it in a second process while MkDocs runs.

Files in ``SITE_DIR/search/``:

``core.js``
    what every query needs first: the dictionary, the Traditional → Simplified
    character table, the constants of :mod:`kb.search.tokens` (``text``), the number of cases and of index shards, the version folder.
``<version>/i<k>.js``
    index shard ``k``: token → ``[doc, weight, doc gap, weight, …]``; a token is
    in shard ``fnv1a(token) % shards``, so a query loads only the shards of
    its own tokens. ``"~" + pinyin`` → the dictionary terms it spells, to highlight.
``<version>/d<n>.js``
    case ``n``: address, title, region, model, status and the text passages are cut from.
``<version>/facets.js``, ``<version>/suggest.js``
    province, category and status of every case; suggestions for a search without results.

The version folder is a hash of the content: a rebuilt index never mixes with
files a browser cached from the previous one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import operator
import os
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import ahocorasick
from pypinyin import Style, lazy_pinyin

from kb.search.tokens import (bigrams, browser_constants, dictionary_terms, fnv1a, is_word, normalize, split_runs,
                                traditional_map)

# How much an occurrence counts, by where it is: what a case is called, its structured summary, its source text.
WEIGHTS = {"heavy": 30, "fields": 5, "body": 1}
PINYIN_SPANS = 6
CASES_PER_SHARD = 4  # index shards grow with the library, so one shard stays a few KB


def build_search_index(source_path: Path, search_dir: Path, background: bool = False) -> None:
    """Index ``source_path`` (``source.json`` beside the rendered folder) into ``search_dir``.

    ``background``: in a child process at low CPU priority (``make serve`` re-indexes
    after every rebuild, and must not slow the next rebuild a reader is waiting for)."""
    if background:
        finish_indexing(start_indexing(source_path, search_dir, niceness=15))
        return
    source_path = Path(source_path)
    if not source_path.is_file():
        raise RuntimeError(f"没能建立搜索索引：缺少 {source_path}（应由生成页面的步骤写出）")
    source = json.loads(source_path.read_text(encoding="utf-8"))
    write_index(Path(search_dir), index_files(source))


def start_indexing(source_path: Path, search_dir: Path, niceness: int = 0) -> subprocess.Popen:
    """:func:`build_search_index` in a child process, started now; :func:`finish_indexing` waits for it.
    ``python -m kb build`` indexes this way while MkDocs runs (the index reads the rendered
    records, never the built pages), so the two stages share the machine's cores."""
    return subprocess.Popen([sys.executable, "-m", "kb.search.index", str(source_path), str(search_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=(lambda: os.nice(niceness)) if niceness else None)


def finish_indexing(process: subprocess.Popen) -> float:
    """Wait for the child; the seconds it spent indexing."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"没能建立搜索索引（{' '.join(process.args[-2:])}）：\n{stdout}{stderr}")
    return float(stdout.split()[-1])


def write_index(search_dir: Path, files: dict[str, str]) -> None:
    version = files["core.js"].split('"v":"', 1)[1].split('"', 1)[0]
    search_dir.mkdir(parents=True, exist_ok=True)
    for old in search_dir.iterdir():
        if old.is_dir() and old.name != version:
            shutil.rmtree(old)
    (search_dir / version).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (search_dir / name).write_text(text, encoding="utf-8")


def shard_count(cases: int) -> int:
    """A power of two near cases / CASES_PER_SHARD, at least 8."""
    return max(8, 1 << max(0, math.ceil(math.log2(max(1, cases / CASES_PER_SHARD)))))


@functools.lru_cache(maxsize=None)
def pinyin_tokens(term: str) -> tuple[str, ...]:
    """Full pinyin and initials of a dictionary term: for 两会两评 lianghuiliangping,
    lhlp, and every run of two syllables or more (lianghui, liangping, huiliang …),
    so "lianghui liangping" finds it too; terms longer than ``PINYIN_SPANS``
    syllables give their starts only (a few tokens, not dozens)."""
    syllables = lazy_pinyin(term, style=Style.NORMAL, errors="ignore")
    if len(syllables) != len(term) or not all(s.isascii() and s.isalpha() for s in syllables):
        return ()
    starts = range(len(syllables) - 1) if len(syllables) <= PINYIN_SPANS else [0]
    tokens = {"".join(syllables[i:j]) for i in starts for j in range(i + 2, len(syllables) + 1)}
    tokens.add("".join(s[0] for s in syllables))
    return tuple(sorted(t for t in tokens if is_word(t)))


def case_tokens(record: dict, automaton: ahocorasick.Automaton) -> tuple[Counter, list[str]]:
    """Token → weight for one case, and the dictionary terms it contains.

    A field's texts are cut into runs at once and its Chinese runs joined by a
    line break (which no token contains): pairs, characters and terms are then
    counted over one string at C speed, not run by run."""
    weights: Counter = Counter()
    found: Counter = Counter()
    for field, weight in WEIGHTS.items():
        texts = record[field] if isinstance(record[field], list) else [record[field]]
        chinese, ascii_runs = split_runs("\n".join(normalize(text) for text in texts))
        joined = "\n".join(chinese)
        tokens = Counter(bigrams(joined))
        # single characters: only what a case is called, and lone ones
        tokens.update(joined if field == "heavy" else [run for run in chinese if len(run) == 1])
        tokens.update(run for run in ascii_runs if is_word(run))
        for token, count in tokens.items():
            if "\n" not in token:
                weights[token] += count * weight
        if len(automaton):
            for term, count in Counter(term for _, term in automaton.iter(joined)).items():
                found[term] += count * weight
    for term, weight in found.items():
        if len(term) > 2:
            weights[term] += weight  # two-character terms are already pairs
        for token in pinyin_tokens(term):
            weights[token] = max(weights[token], weight)
    return weights, list(found)


def index_files(source: dict) -> dict[str, str]:
    """Every file of ``search/``, by its path relative to that folder."""
    records = source["records"]
    terms = dictionary_terms(source["dictionary"])
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    if len(automaton):
        automaton.make_automaton()

    postings: dict[str, list[int]] = defaultdict(list)  # doc, weight, doc, weight … (docs as gaps below)
    spellings: dict[str, set[str]] = defaultdict(set)
    for doc, record in enumerate(records):
        weights, found = case_tokens(record, automaton)
        for token, weight in weights.items():
            entry = postings[token]
            entry.append(doc)
            entry.append(weight)
        for term in found:
            for token in pinyin_tokens(term):
                spellings[token].add(term)
    for entry in postings.values():
        docs = entry[0::2]
        entry[2::2] = map(operator.sub, docs[1:], docs)

    shards = shard_count(len(records))
    shard_data: list[dict] = [{} for _ in range(shards)]
    for token in sorted(postings):
        shard_data[fnv1a(token) % shards][token] = postings[token]
    for token, spelled_terms in spellings.items():
        shard_data[fnv1a(token) % shards]["~" + token] = sorted(spelled_terms)

    chars = set("".join(postings))  # a Traditional character matters only if its Simplified one is indexed
    table = "".join(t + s for t, s in sorted(traditional_map().items()) if s in chars)
    body = {f"i{k}.js": data for k, data in enumerate(shard_data)}
    body.update({f"d{n}.js": {"u": r["url"], "t": r["title"], "r": r["region"], "m": r["model"],
                              "s": r["status"], "v": r["review"], "x": "\n".join([*r["fields"][:1], r["body"]])}
                 for n, r in enumerate(records)})
    body["facets.js"] = facets(records)
    body["suggest.js"] = source["suggestions"]
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    digest.update(table.encode("utf-8"))
    digest.update(" ".join(sorted(terms)).encode("utf-8"))
    version = digest.hexdigest()[:12]

    files = {f"{version}/{name}": script(f"{version}/{name[:-3]}", data) for name, data in body.items()}
    files["core.js"] = script("core", {"v": version, "n": len(records), "shards": shards, **search_core(terms, table)})
    return files


def search_core(terms: set[str], table: str) -> dict:
    """What ``kb-search.js`` needs to split a query: the dictionary, the character table
    and the constants of :mod:`kb.search.tokens` (the tests give Node the same)."""
    return {"maxTerm": max(map(len, terms), default=2), "dictionary": sorted(terms), "t2s": table,
            "text": browser_constants()}


# The facets search results can be narrowed by, and the key of the record (kb.search.source) holding
# their value; a key in the plural holds a list of values.
# kb-search.js reads the names and order from facets.js; overrides/partials/kb-search.html has one
# <select data-kb-facet> per facet (tests/test_search.py checks the two agree).
FACETS = {"province": "province", "category": "categories", "status": "status", "review": "review"}


def facets(records: list[dict]) -> dict:
    """Each facet's values (review states in their own order, the others sorted), and for every case
    the positions of its values, one list per facet in the order of ``order``."""
    from kb.model.trust import REVIEW_STATES

    def values_of(record: dict, name: str) -> list[str]:
        value = record[FACETS[name]]
        return value if isinstance(value, list) else [value]

    present = {name: {v for r in records for v in values_of(r, name)} for name in FACETS}
    names = {name: [s for s in REVIEW_STATES if s in present[name]] if name == "review" else sorted(present[name])
             for name in FACETS}
    position = {name: {value: i for i, value in enumerate(values)} for name, values in names.items()}
    docs = [[[position[name][v] for v in values_of(r, name)] for name in FACETS] for r in records]
    return {"order": list(FACETS), "names": names, "docs": docs}


def script(key: str, data) -> str:
    """A data file as a script: JSON is a JavaScript expression, and json.dumps escapes
    every quote and backslash, so no text from a case can end the string it is in."""
    return f"kbSearchData({json.dumps(key)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


if __name__ == "__main__":  # the child process of start_indexing
    started = time.perf_counter()
    build_search_index(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{time.perf_counter() - started:.3f}")
