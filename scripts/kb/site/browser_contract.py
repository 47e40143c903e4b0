"""The one contract between Python and the browser scripts, as the tests check it.

Logic the browser repeats (splitting a search query as the index reads text; proposing a
case id as ``make new`` does; judging a case typed into the 投稿 form as ``make validate``
does) takes every constant from data Python generates: search's from ``search/core.js``
(:func:`kb.search.index.search_core`), the id's and the form's from ``assets/submit-data.js``
(:func:`kb.site.render.submit_page.submit_data`). The form is held to the validator on every
broken example of ``tests/fixtures/invalid/``: :func:`form_verdicts` gives each typed into the
form (:func:`form_values`) with the codes the validator reports for the file. The
examples both sides must agree on are in ``tests/fixtures/contracts/``; pytest checks
Python against them (``tests/test_contracts.py``) and Node the browser scripts
(``tests/js/contracts.test.mjs``), which gets from :func:`contract_data` the same data
the site gets and Python's own answers. ``make contracts`` runs both.

``python -m kb.site.browser_contract`` prints :func:`contract_data` as JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.model import ids, vocab
from kb.paths import ROOT
import frontmatter
import yaml

from kb.check.load import read_text
from kb.check.rules import NOT_IN_THE_FORM, RULES
from kb.check.validate import SECTION_RE, section_text, validate_cases
from kb.model.schema import build_schema
from kb.site.render.submit_page import BODY_SECTIONS, NOT_ASKED, submit_data
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


INVALID_CASES = ROOT / "tests" / "fixtures" / "invalid"
# Cases both must accept: the library's, and the valid examples.
VALID_CASES = [*sorted((ROOT / "cases").glob("*.md")), *sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.md"))]


class _TypedText(yaml.SafeLoader):
    """YAML as the form's inputs hold it: a date stays the text typed (an impossible date too)."""


_TypedText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _typed(value: Any) -> str:
    """A value as a contributor types it into a text input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _put(values: dict, name: str, value: Any, prop: dict) -> None:
    """The inputs of one field (``prop``: its JSON Schema) named as kb.site.render.submit_page names them."""
    kind, items = prop.get("type"), prop.get("items") or {}
    if kind == "array" and isinstance(value, list):
        if "enum" in items:  # a group of checkboxes
            values[name] = [_typed(item) for item in value]
        for index, item in enumerate(value if "enum" not in items else ()):
            if items.get("type") == "object" and isinstance(item, dict):
                for key, sub in item.items():
                    _put(values, f"{name}[{index}].{key}", sub, items["properties"].get(key, {}))
            else:
                values[f"{name}[{index}]"] = _typed(item)
    elif kind == "object" and isinstance(value, dict):
        for key, sub in value.items():
            _put(values, f"{name}.{key}", sub, prop["properties"].get(key, {}))
    else:
        values[name] = _typed(value)


def form_values(meta: dict, body: str) -> dict[str, str | list[str]]:
    """The values the 投稿 form holds when the case ``meta`` and ``body`` is typed into it: by input
    name, the text typed, or a checkbox group's ticked values; a field the form has no input for
    is left out, as the form would leave it."""
    properties = build_schema()["properties"]
    values: dict[str, str | list[str]] = {}
    for key, value in meta.items():
        if key in properties and key not in NOT_ASKED:
            _put(values, key, value, properties[key])
    sections = {match.group(1): section_text(body, match).strip("\n") for match in SECTION_RE.finditer(body)}
    for key, heading in BODY_SECTIONS.items():
        values[f"body.{key}"] = sections.get(heading, "")
    return values


def _read_typed(text: str) -> tuple[Any, str]:
    """A case file's frontmatter as the form's inputs hold it (:class:`_TypedText`), and its body."""
    head, body = frontmatter.YAMLHandler().split(text)
    return yaml.load(head, Loader=_TypedText), body


def _verdict(name: str, file_bytes: bytes, file_name: str, values: dict | None) -> dict[str, Any]:
    """``make validate``'s codes for ``file_bytes`` saved alone as ``file_name``, and the form's values of
    it. ``judged``: every code is one the form can meet (:data:`kb.check.rules.NOT_IN_THE_FORM`), so
    the form must report exactly these."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / file_name).write_bytes(file_bytes)
        codes = sorted({problem.code for problem in validate_cases(Path(folder))[1]})
    judged = values is not None and not any(code in NOT_IN_THE_FORM for code in codes)
    return {"file": name, "codes": codes, "values": values, "judged": judged}


def form_verdicts() -> list[dict[str, Any]]:
    """Every broken case of tests/fixtures/invalid/, and the valid cases, as typed into the form where
    the file can be read (:func:`_verdict`)."""
    verdicts = []
    for path in [*sorted(INVALID_CASES.iterdir()), *VALID_CASES]:
        try:
            meta, body = _read_typed(read_text(path))
            values = form_values(meta, body) if isinstance(meta, dict) else None
        except Exception:  # not UTF-8, no frontmatter, broken YAML: nothing the form could hold
            values = None
        verdicts.append(_verdict(path.relative_to(ROOT).as_posix(), path.read_bytes(), path.name, values))
    return verdicts


def body_verdicts() -> list[dict[str, Any]]:
    """The lines of ``form_body.json``, each in the 背景 section of a copy of the 兴山 case (:func:`_verdict`)."""
    seed_path = ROOT / "cases" / "hubei-xingshan-lianghui-liangping.md"
    seed = read_text(seed_path)
    meta, body = _read_typed(seed)
    background = next(match for match in SECTION_RE.finditer(body) if match.group(1) == BODY_SECTIONS["background"])
    start, end = background.end(), background.end() + len(section_text(body, background))
    verdicts = []
    for line in fixture("form_body")["background"]:
        changed = f"{body[:start]}\n\n{line}\n\n{body[end:]}"
        verdicts.append(_verdict(f"form_body.json: {line}", seed.replace(body, changed).encode("utf-8"), seed_path.name,
                                 form_values(meta, changed)))
    return verdicts


def contract_data() -> dict:
    """The browser's data, generated as for the site, and Python's answers over the whole gazetteer."""
    cases = fixture("ids")["cases"]
    return {
        "search": search_data(),
        "pinyin": pinyin_data([case["model"] for case in cases]),
        "placeSlugs": {name: ids.place_slug(name) for name in gazetteer()},
        "submit": submit_data(),
        "formVerdicts": [*form_verdicts(), *body_verdicts()],
        "formCodes": sorted(set(RULES) - set(NOT_IN_THE_FORM)),
    }


if __name__ == "__main__":
    json.dump(contract_data(), sys.stdout, ensure_ascii=False, separators=(",", ":"))
