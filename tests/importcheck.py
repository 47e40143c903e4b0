"""The import fixtures (tests/fixtures/import/) and how a draft is checked against them:
the round trip (no sentence of the source lost) and the answer key (county, practice
names, figures). Shared by test_import.py (Python API) and test_import_fixtures.py
(``make import``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import yaml
from bs4 import BeautifulSoup, Comment

from kb.importer.traditional import simplified
from sitebuild import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEED = FIXTURES / "seed-000_4d9ba10b11190ad5.txt"
FIXTURE_FILES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expect.yml"))


def expectation(path: Path) -> dict:
    return yaml.safe_load(path.with_name(path.stem + ".expect.yml").read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """Compare text regardless of punctuation width, whitespace, Markdown markers and script."""
    text = simplified(unicodedata.normalize("NFKC", text))
    text = re.sub(r"[-—–－]+", "-", text).replace("。", ".")
    return re.sub(r"[\s*#>\\]", "", text)


def source_lines(path: Path, encoding: str) -> list[str]:
    """The source's text as its author sees it (read here independently of the importer)."""
    if encoding == "docx":
        return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]
    if encoding == "html":
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        for element in soup.find_all(["script", "style", "head"]):
            element.decompose()
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        return soup.get_text("\n").splitlines()
    return path.read_bytes().decode(encoding).splitlines()


def fragments(line: str) -> list[str]:
    return [f for f in re.split(r"(?<=[。！？!?])", line) if normalise(f).strip("，。、：；！？,.:;!?“”")]


def lost_sentences(path: Path, bodies: list[str]) -> list[str]:
    """Sentences of the source's case text that are in none of the draft bodies."""
    expected = expectation(path)
    joined = normalise("".join(bodies))
    not_case_text = [normalise(t) for key in ("boilerplate", "structure", "preamble", "exempt")
                     for t in expected.get(key) or []]
    lost = []
    for line in source_lines(path, expected["encoding"]):
        if normalise(line) and any(normalise(line) in other for other in not_case_text):
            continue
        for inline in expected["boilerplate"]:  # remnants such as &nbsp; sit inside a line
            line = line.replace(inline, "")
        for fragment in fragments(line):
            key = normalise(fragment)
            if key not in joined and not any(key in other for other in not_case_text):
                lost.append(fragment)
    return lost


def review_list(draft: Path) -> list[str]:
    """The numbered review items at the top of a draft file (YAML comments)."""
    return re.findall(r"^#\s+\d+\. (.+)$", draft.read_text(encoding="utf-8"), re.MULTILINE)


@dataclass(frozen=True)
class AnswerKey:
    """What a fixture's case is, by a person: county (or why it is empty), title, practice names, figures."""

    title: str
    region: tuple  # (province, city, county); () when the county must stay empty
    region_reason: str  # words the review list must give when the county is empty
    practices: tuple[str, ...]
    figures: frozenset[tuple]  # (value, unit, as_stated)


def answer_keys(path: Path) -> list[AnswerKey]:
    """The keys of a fixture's cases, in document order. The seed's keys are the cases a
    person wrote from it (cases/); every other fixture's key is in its .expect.yml."""
    if path == SEED:
        from kb.check.load import load_case_file

        metas = [load_case_file(ROOT / "cases" / f"{case_id}.md").meta
                 for case_id in ("hubei-xingshan-lianghui-liangping", "guangdong-wengyuan-lingtouyan")]
        return [AnswerKey(m["title"], (m["region"]["province"], m["region"].get("city"), m["region"]["county"]), "",
                          tuple(p["name"] for p in m["practices"]),
                          frozenset((r["value"], r["unit"], r.get("as_stated", "")) for r in m["results"]))
                for m in metas]
    return [AnswerKey(case["title"], tuple(case["region"]), case.get("region_reason", ""), tuple(case["practices"]),
                      frozenset(tuple(f) for f in case["figures"]))
            for case in expectation(path)["cases"]]


@dataclass(frozen=True)
class Score:
    county_right: bool  # the key's county, or empty with the key's reason in the review list
    practice_recall: float
    figure_recall: float


def score(key: AnswerKey, meta: dict, draft: Path) -> Score:
    region = meta["region"]
    if key.region:
        county_right = (region["province"], region.get("city"), region["county"]) == key.region
    else:
        county_right = region["county"] == "" and any(key.region_reason in item for item in review_list(draft))
    names = {_name(p["name"]) for p in meta["practices"]}
    found = {(r["value"], r["unit"], r.get("as_stated", "")) for r in meta["results"]}
    return Score(county_right,
                 sum(_name(name) in names for name in key.practices) / len(key.practices),
                 len(key.figures & found) / len(key.figures))


def _name(text: str) -> str:
    return normalise(text).strip("，。、：；！？,.:;!?")
