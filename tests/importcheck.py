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


def lost_sentences(path: Path, bodies: list[str], complete_only: bool = False) -> list[str]:
    """Sentences of the source's case text that are in none of the draft bodies; with
    ``complete_only``, only sentences that end with a full stop (for keys that do not list
    the page's noise lines, which are rightly dropped)."""
    expected = expectation(path)
    joined = normalise("".join(bodies))
    not_case_text = [normalise(t) for key in ("boilerplate", "structure", "preamble", "exempt")
                     for t in expected.get(key) or []]
    lost = []
    for line in source_lines(path, expected["encoding"]):
        if normalise(line) and any(normalise(line) in other for other in not_case_text):
            continue
        for inline in expected.get("boilerplate") or []:  # remnants such as &nbsp; sit inside a line
            line = line.replace(inline, "")
        for fragment in fragments(line):
            if complete_only and not fragment.strip().endswith("。"):
                continue
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


# The unseen-text benchmark (issue 29): fixtures written after the importer was tuned on the ones
# above, split before any rule change into a training split (rules may be tuned on its failures)
# and a held-out split (only ever scored, to accept or reject a rule).
UNSEEN = ROOT / "tests" / "fixtures" / "import-unseen"
SPLITS = ("train", "heldout")


def split_files(split: str) -> list[Path]:
    return sorted(p for p in (UNSEEN / split).iterdir() if not p.name.endswith(".expect.yml"))


def report_rows(out: Path) -> dict[str, list[Path]]:
    """The import report table's rows as {source file name: [draft file, …]}."""
    drafts: dict[str, list[Path]] = {}
    for line in (out / "导入报告.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 7 and cells[1].endswith(".md"):
            drafts.setdefault(cells[0], []).append(out / cells[1])
    return drafts


@dataclass(frozen=True)
class SplitScore:
    texts: int
    county_right: int
    county_wrong: int  # a county stated that is not the key's
    county_empty: int  # left empty where the key has a county (or without the key's reason)
    practice_recall: float  # mean over the texts
    title_right: int
    figure_recall: float  # mean over the texts

    def row(self, split: str) -> str:
        return (f"| {split} | {self.texts} | {self.county_right} | {self.county_wrong} | {self.county_empty} | "
                f"{self.practice_recall:.2f} | {self.title_right}/{self.texts} | {self.figure_recall:.2f} |")


SPLIT_TABLE_HEAD = ("| split | texts | county right | county wrong | county empty | practice recall | title | "
                    "figure recall |\n| --- | --- | --- | --- | --- | --- | --- | --- |")


def score_split(split: str, drafts: dict[str, list[Path]]) -> SplitScore:
    """One split scored against its keys; each text has one case, compared with its first draft."""
    from kb.check.load import load_case_file

    right = wrong = empty = titles = 0
    practices: list[float] = []
    figures: list[float] = []
    for path in split_files(split):
        (key,) = answer_keys(path)
        made = drafts.get(path.name, [])
        if not made:
            empty += 1
            practices.append(0.0)
            figures.append(0.0)
            continue
        meta = load_case_file(made[0]).meta
        result = score(key, meta, made[0])
        county = meta["region"]["county"]
        right += result.county_right
        wrong += bool(county) and not result.county_right
        empty += not county and not result.county_right
        titles += meta["title"] == key.title
        practices.append(result.practice_recall)
        figures.append(result.figure_recall)
    count = len(practices)
    return SplitScore(count, right, wrong, empty, sum(practices) / count, titles, sum(figures) / count)
