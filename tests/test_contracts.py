"""Python's half of the contract with the browser scripts (kb.site.browser_contract), and the
Node half run once (tests/js/): the same examples of tests/fixtures/contracts/ on both sides.
`make contracts` runs this file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import ahocorasick
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import SEED_CASES
from sitebuild import kb_command
from kb.check.validate import validate_cases
from kb.model import ids, vocab
from kb.model.case import ID_PATTERN
from kb.paths import DOCS_DIR, ROOT
from kb.site.browser_contract import contract_data, fixture, search_data
from kb.search.source import case_record, search_dictionary
from kb.search.index import case_tokens
from kb.search.tokens import CJK, FNV_OFFSET, FNV_PRIME, QUOTES, dictionary_terms, fnv1a, normalize, runs

SEARCH = fixture("search_text")
NODE = shutil.which("node")


def index_tokens(text: str, terms: set[str], field: str = "body") -> set[str]:
    """The tokens the index holds for a case whose ``field`` is ``text``."""
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    if terms:
        automaton.make_automaton()
    record = {"heavy": [], "fields": [], "body": "", field: [text] if field != "body" else text}
    return set(case_tokens(record, automaton)[0])


@pytest.mark.parametrize(("text", "normalized"), SEARCH["normalize"])
def test_text_is_normalized_as_the_fixture_says(text, normalized):
    assert normalize(text) == normalized


@pytest.mark.parametrize(("text", "expected"), SEARCH["runs"])
def test_text_is_cut_into_the_fixtures_runs(text, expected):
    assert runs(text) == expected


@pytest.mark.parametrize(("token", "expected"), SEARCH["fnv1a"])
def test_tokens_hash_as_the_fixture_says(token, expected):
    assert fnv1a(token) == expected


@pytest.mark.parametrize(("query", "tokens"), SEARCH["tokens"])
def test_the_browsers_tokens_of_a_query_are_in_the_index_of_a_case_called_so(query, tokens):
    """A case whose name is the query is found: the index holds every token the browser searches for."""
    assert set(tokens) <= index_tokens(query, dictionary_terms(SEARCH["dictionary"]), field="heavy")


@pytest.mark.parametrize("case", fixture("ids")["cases"], ids=lambda case: case["id"])
def test_make_new_proposes_the_fixtures_id(case):
    assert ids.case_id(case["province"], case["county"], case["model"]) == case["id"]


@pytest.mark.skipif(not NODE, reason="needs Node.js (make system-deps)")
def test_the_browser_scripts_keep_the_same_contract_in_node(tmp_path):
    """tests/js/contracts.test.mjs: Node's built-in runner, the site's scripts as they are. The data
    Node would get from ``python -m kb.site.browser_contract`` is computed here (KB_CONTRACT_DATA),
    and the case files the form accepted are validated here (KB_FORM_ACCEPTED), by the command
    ``make validate`` runs (:func:`kb.cli.main`): no Python started by Node."""
    data, accepted = tmp_path / "contract.json", tmp_path / "accepted"
    data.write_text(json.dumps(contract_data(), ensure_ascii=False), encoding="utf-8")
    accepted.mkdir()
    result = subprocess.run([NODE, "--test", "--test-reporter=spec", "tests/js/"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, KB_PYTHON=sys.executable, KB_CONTRACT_DATA=str(data),
                                     KB_FORM_ACCEPTED=str(accepted)))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert list(accepted.glob("form-accepted-*.md")), "Node wrote none of the files the form accepted"
    validation = kb_command("validate", "--cases", str(accepted))
    assert validation.returncode == 0, f"make validate refuses files the form accepted:\n{validation.stdout}{validation.stderr}"


def test_the_browser_scripts_hold_no_copy_of_the_shared_constants():
    """The constants come from the generated data (search/core.js, assets/submit-data.js) or the
    page (the id pattern, data-kb-id-pattern)."""
    scripts = "\n".join((DOCS_DIR / "assets" / name).read_text(encoding="utf-8")
                        for name in ("kb-search.js", "submit-id.js", "submit-check.js", "submit-form.js", "kb-tray.js", "kb-compare.js"))
    copies = [ID_PATTERN.strip("^$"), QUOTES, f"{FNV_OFFSET:x}", f"{FNV_PRIME:x}".lstrip("0"), CJK.encode("unicode_escape").decode()[:6],
              "\\u4E00-\\u9FD5", "\\u4e00", "零〇一二三四五六七八九十", "“”‘’「」『』"]
    assert [copy for copy in copies if copy.lower() in scripts.lower()] == []


# --- for any substring of a case's text, the browser's tokens are tokens of that text -----------

@pytest.fixture(scope="module")
def seed_texts():
    cases = validate_cases(SEED_CASES)[0]
    categories = vocab.categories()
    terms = dictionary_terms(search_dictionary(cases))
    texts = [normalize(case_record(case, categories, "").get("body")) for case in cases]
    return terms, [(text, index_tokens(text, terms)) for text in texts]


@pytest.fixture(scope="module")
def node_splitter(seed_texts):
    """One Node process splits every example's query (tests/js/split-queries.mjs)."""
    if not NODE:
        pytest.skip("needs Node.js (make system-deps)")
    terms = seed_texts[0]
    core = {**search_data(), **{"dictionary": sorted(terms), "maxTerm": max(map(len, terms))}}
    process = subprocess.Popen([NODE, str(ROOT / "tests" / "js" / "split-queries.mjs")], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, encoding="utf-8")
    process.stdin.write(json.dumps(core, ensure_ascii=False) + "\n")

    def split(query: str) -> list[str]:
        process.stdin.write(json.dumps(query, ensure_ascii=False) + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield split
    process.stdin.close()
    process.wait(timeout=10)


EDGE_RE = re.compile(f"^[{CJK}]{{2}}.*[{CJK}]{{2}}$", re.DOTALL)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_passage_of_a_case_is_split_into_tokens_its_index_holds(seed_texts, node_splitter, data):
    """Whatever a reader copies from a case and searches for finds that case. The passage starts
    and ends with two Chinese characters: a word cut at the passage's edge (``lianghu`` of
    ``lianghui``, 委 of 两委 alone) is not a word of the case."""
    _, texts = seed_texts
    text, tokens = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(text) - 4))
    passage = text[start:start + data.draw(st.integers(4, 60))]
    assume(EDGE_RE.match(passage))
    assert set(node_splitter(passage)) <= tokens, passage


def test_the_pinyin_tables_kept_in_the_cache_are_the_packages_own(tmp_path, monkeypatch):
    """The id proposal's tables (pypinyin's readings, jieba's dictionary and patterns) are read from
    the packages once and kept in build/cache/ (submit_pinyin._tables): what a later build loads
    from there equals what the packages give; a cache file that cannot be read is read again."""
    from kb.site.render import submit_pinyin

    monkeypatch.setattr(submit_pinyin, "CACHE_DIR", tmp_path)
    submit_pinyin._tables.cache_clear()
    try:
        read = submit_pinyin._tables()
        [kept] = tmp_path.glob("submit-pinyin-*.marshal")
        submit_pinyin._tables.cache_clear()
        assert submit_pinyin._tables() == read
        assert read["dictionary"]["common"] and read["dictionary"]["rare"] and read["readings"]["phrases"]
        kept.write_bytes(b"\x00 not marshal")  # a broken cache file: read from the packages (here: stand-ins) again
        again = {"readings": {"chars": {}, "phrases": {}}, "dictionary": {"common": {}, "rare": {}, "total": 1}, "patterns": {}}
        for reader, part in [("_read_readings", "readings"), ("_read_dictionary", "dictionary"), ("_jieba_patterns", "patterns")]:
            monkeypatch.setattr(submit_pinyin, reader, lambda part=part: again[part])
        submit_pinyin._tables.cache_clear()
        assert submit_pinyin._tables() == again
        submit_pinyin._tables.cache_clear()
        assert submit_pinyin._tables() == again  # and written again
    finally:
        submit_pinyin._tables.cache_clear()
