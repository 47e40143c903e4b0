"""`make validate` is the build's gate: whatever it accepts, the strict build builds (issue 24).

* A property, checked fast: Hypothesis mutates the seed cases where the build is fragile (how the
  body marks its practices: ``###``, bold leads, a list, plain text; how many practices the front
  matter lists; links, anchors, images, ``{ … }`` and odd headings in the body). Whenever
  ``validate_cases`` accepts the library, the mutated case's page, converted and checked by MkDocs'
  own page code (tests/pagecheck.py), gives no warning and has the anchor of every practice the
  index views link to.
* The filled drafts of every import fixture, checked the same way.
* The real path, in one real strict build (``python -m kb build`` in a child process, as ``make
  build``): the form's downloaded files (a plain-text, a bold-lead, a list and other 主要做法) put
  into a cases folder, a copy of the 兴山 case whose practices are bold leads, the importer's drafts
  of every fixture with their placeholders filled as a reviewer fills them, and one case carrying
  every body construct the validator accepts, beside copies of the committed cases; ``make
  validate`` accepts the folder, the build succeeds, and the form's pages show every value typed.

Every case file written here is a test fixture (测试虚构, or a labelled copy of a committed case),
written only into temporary folders.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import SEED_CASES, WENGYUAN, XINGSHAN
from kb.check.validate import validate_cases
from kb.model import vocab
from kb.site.generate import generate
from kb.site.render.case_page import practice_anchor, render_case_page
from pagecheck import PageCheck
from sitebuild import ROOT, build_site, run_kb

SEED_TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEED_CASES.glob("*.md"))}
FIXTURE_LABEL = "# Test fixture (not a real case): written by tests/test_build_gate.py into a temporary folder\n"

# Body constructs around links, anchors, images, attribute lists and headings. Some the build
# accepts, some it refuses; the validator must refuse every one the build refuses.
SNIPPETS = [
    "[做法](#practice-1)", "[做法](#practice-9)", "[背景](#背景)", "[引言](#引言)", "[没有](#不存在的位置)",
    "[做法原文](#practice-1-text)", "[来源](#来源)", "[百分号](#%E8%83%8C%E6%99%AF)",
    f"[兴山](../cases/{XINGSHAN}.md)", f"[兴山](../cases/{XINGSHAN}.md#practice-2)", f"[兴山]({XINGSHAN}.md#practice-99)",
    f"[翁源]({WENGYUAN}.md#背景)", "[全部案例](index.md)", "[首页](../index.md)", "[说明](../guide.md)",
    "[说明的某处](../guide.md#不存在的位置)", "[分类](../practices/index.md#service)", "[分类](../practices/index.md#nope)",
    "[地区](../regions/index.md)", "[地区](../regions/)", "[绝对](/guide/)", "[网站](www.example.com)",
    "[外站](https://example.com/a.md#x)", "[邮件](mailto:someone@example.com)", "<someone@example.com>",
    "<https://example.com>", "[空]()", "[井号](#)", "[点](.)", "[上一级](..)", "[文件](资料.pdf)",
    "[引用][r]\n\n[r]: missing.md", "[引用][r]\n\n[r]: #practice-1", "![图](../assets/images/x.jpg)",
    "![图](https://example.com/x.png)", "![图](/x.png)", "{ #practice-1 }", "{ .kb-chip }", "{ 注 }", "{: #x }",
    "文字{注}文字", "### 测试插入的小标题", "### practice-1", "#### 测试四级标题", "## 主要做法", "## 测试附录",
    "# 测试一级标题", "[TOC]", "**一、测试加粗段首**", "1. 测试列表项", "- 测试列表项", "> 测试引用",
    "`[代码](#nope)`", "    [缩进代码](#nope)", "```\n[围栏](#nope)\n```", "| a | b |\n| - | - |\n| [表](#nope) | x |",
    '!!! note "提示"\n    [提示里](#nope)', "<div>[html](#nope)</div>", "[链接](%E8%83%8C%E6%99%AF.md)",
    "[链接](<../guide.md>)", "[带标题](../guide.md \"标题\")", "[链接](../guide.md?a=1#x)",
]
PRACTICE_STYLES = ["heading", "bold", "numbered", "bullets", "plain", "some-headings", "extra-heading"]


def labelled(text: str) -> str:
    """``text`` with the test-fixture label as the front matter's first line."""
    return text.replace("---\n", "---\n" + FIXTURE_LABEL, 1)


def split(text: str) -> tuple[str, str]:
    """Front matter (with its closing ---) and body."""
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[:end], text[end:]


def restyle_practices(body: str, style: str, keep: list[bool] | None = None) -> str:
    """The ``###`` lines under ``## 主要做法`` written as ``style``, as a source or a contributor may."""
    start = body.index("## 主要做法")
    end = body.index("\n## ", start + 1)
    number = iter(range(1, 100))
    flags = iter(keep or [])

    def restyle(match: re.Match) -> str:
        text = match.group(1)
        return {"heading": f"### {text}", "bold": f"**{text}**", "numbered": f"{next(number)}. {text}",
                "bullets": f"- {text}", "plain": text,
                "some-headings": f"### {text}" if next(flags, True) else f"**{text}**",
                "extra-heading": f"### {text}"}[style]
    section = re.sub(r"^### (.+)$", restyle, body[start:end], flags=re.MULTILINE)
    if style == "extra-heading":
        section += "\n\n### 测试插入的小标题\n\n测试插入的段落。\n"
    return body[:start] + section + body[end:]


def with_practices(front: str, count: int) -> str:
    """The front matter with ``count`` practices: the first ones kept, or labelled test ones added."""
    meta = yaml.safe_load(front.strip().strip("-"))
    practices = meta["practices"]
    meta["practices"] = (practices[:count] if count <= len(practices) else
                         practices + [{"name": f"测试追加的做法{n}", "category": "service", "summary": "测试追加的做法概括。"}
                                      for n in range(count - len(practices))])
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def insert(body: str, snippet: str, line: int, inline: bool) -> str:
    lines = body.split("\n")
    line = min(line, len(lines) - 1)
    if inline and lines[line].strip() and not lines[line].startswith("#"):
        lines[line] += snippet
    else:
        lines.insert(line, "\n" + snippet + "\n")
    return "\n".join(lines)


@st.composite
def seed_mutation(draw) -> tuple[str, str]:
    case_id = draw(st.sampled_from(sorted(SEED_TEXTS)))
    front, body = split(SEED_TEXTS[case_id])
    style = draw(st.sampled_from(PRACTICE_STYLES))
    body = restyle_practices(body, style, draw(st.lists(st.booleans(), min_size=5, max_size=5)))
    count = draw(st.sampled_from([None, 1, 2, 7]))
    if count is not None:
        front = with_practices(front, count)
    for _ in range(draw(st.integers(0, 3))):
        body = insert(body, draw(st.sampled_from(SNIPPETS)), draw(st.integers(0, body.count("\n"))), draw(st.booleans()))
    return case_id, front + body


@pytest.fixture(scope="module")
def page_check(tmp_path_factory) -> PageCheck:
    """The committed cases' site, rendered (not built), and MkDocs' page checks over it."""
    root = tmp_path_factory.mktemp("gate")
    generate(cases_dir=SEED_CASES, out_dir=root / "docs")
    return PageCheck(root / "docs", root / "site")


def accepted_page_problems(cases_dir: Path, case_ids: list[str], check: PageCheck) -> list[str] | None:
    """None if ``validate_cases`` refuses the folder; else what the strict build would say about the
    pages of ``case_ids``: MkDocs' warnings, and the anchors of practices the index views link to
    (``practice-N`` for every practice of the front matter, kb.site.render.links) that a page lacks."""
    cases, problems, _ = validate_cases(cases_dir)
    if problems:
        return None
    found = []
    for case in cases:
        if case.id in case_ids:
            warnings, anchors = check.warnings(f"cases/{case.id}.md", render_case_page(case, vocab.categories()))
            found += warnings
            found += [f"{case.id}: no anchor #{practice_anchor(i)}" for i in range(len(case.practices))
                      if practice_anchor(i) not in anchors]
    return found


def test_the_page_check_sees_what_the_strict_build_sees(page_check):
    """The shortcut's premises: the rendered site is clean; the index views link into a case page
    only at its practices' anchors; and a broken link on a case page is a warning here."""
    assert page_check.all_warnings() == []
    cases = {case.id: case for case in validate_cases(SEED_CASES)[0]}
    linked = set()
    for page in page_check.docs_dir.rglob("*.md"):
        linked |= set(re.findall(r"cases/([a-z0-9-]+)\.md#([^)\s]+)\)", page.read_text(encoding="utf-8")))
    assert linked and {anchor for _, anchor in linked} <= {practice_anchor(i) for case in cases.values()
                                                           for i in range(len(case.practices))}
    for case_id, anchor in linked:
        assert int(anchor.split("-")[1]) <= len(cases[case_id].practices)
    text = (page_check.docs_dir / "cases" / f"{WENGYUAN}.md").read_text(encoding="utf-8")
    warnings, _ = page_check.warnings(f"cases/{WENGYUAN}.md", text + "\n[坏](#no-such-place) [坏](/x) [坏](nope.md)\n")
    page_check.warnings(f"cases/{WENGYUAN}.md", text)
    assert len(warnings) == 3, warnings


def test_cases_whose_body_does_not_mark_its_practices_are_accepted_and_build(page_check, tmp_path):
    """The issue's cases, each alone: the 兴山 case with bold leads, and the seeds' practices as
    plain text, a list, fewer headings than practices, more practices than headings."""
    for case_id in SEED_TEXTS:
        for style in PRACTICE_STYLES:
            for count in (None, 7) if style == "plain" else (None,):
                front, body = split(SEED_TEXTS[case_id])
                front = with_practices(front, count) if count else front
                cases_dir = tmp_path / f"{case_id}-{style}-{count}"
                cases_dir.mkdir()
                for other, text in SEED_TEXTS.items():
                    (cases_dir / f"{other}.md").write_text(text, encoding="utf-8")
                (cases_dir / f"{case_id}.md").write_text(front + restyle_practices(body, style, [True, False] * 3),
                                                          encoding="utf-8")
                assert accepted_page_problems(cases_dir, [case_id], page_check) == [], (case_id, style, count)


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutation=seed_mutation())
def test_every_seed_mutation_validate_accepts_builds(page_check, tmp_path, mutation):
    case_id, text = mutation
    for other, seed in SEED_TEXTS.items():
        (tmp_path / f"{other}.md").write_text(seed, encoding="utf-8")
    (tmp_path / f"{case_id}.md").write_text(text, encoding="utf-8")
    problems = accepted_page_problems(tmp_path, [case_id], page_check)
    event("accepted by validate" if problems is not None else "refused by validate")  # --hypothesis-show-statistics
    assert not problems, problems


# --- the importer's drafts, filled as a reviewer fills them --------------------------------------

def fill_placeholders(text: str) -> str:
    """What a reviewer does to the placeholders the importer leaves (the review list names them):
    the 【待填写】 items get a (labelled) sentence, an empty province and county get a value."""
    text = re.sub(r"^(\s*- )【待填写】.*$", r"\1测试填写：审核人按原文补写的一句（测试用，不是原文内容）。", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s*province: )(''|\"\")\s*$", r"\1浙江省", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s*county: )(''|\"\")\s*$", r"\1测试县", text, flags=re.MULTILINE)
    return text


@pytest.fixture(scope="module")
def filled_drafts(tmp_path_factory) -> dict[str, str]:
    """The importer's drafts of every import fixture, filled: {id: file text}. The drafts of the seed
    source, which has the committed cases' ids, are renamed ``<id>-draft``."""
    from importcheck import FIXTURES
    from kb.importer import import_documents

    out = tmp_path_factory.mktemp("drafts")
    import_documents(FIXTURES, out, progress=False)
    drafts = {}
    for path in sorted(out.glob("*.md")):
        case_id = path.stem + ("-draft" if path.stem in SEED_TEXTS else "")
        text = fill_placeholders(path.read_text(encoding="utf-8"))
        drafts[case_id] = labelled(re.sub(r"^id: .*$", f"id: {case_id}", text, count=1, flags=re.MULTILINE))
    return drafts


def write_library(cases_dir: Path, files: dict[str, str]) -> Path:
    """Copies of the committed cases (and modules beside) and ``files`` ({id: text}) in ``cases_dir``."""
    shutil.copytree(SEED_CASES, cases_dir)
    shutil.copytree(SEED_CASES.parent / "modules", cases_dir.parent / "modules")
    for case_id, text in files.items():
        (cases_dir / f"{case_id}.md").write_text(text, encoding="utf-8")
    return cases_dir


def test_every_filled_draft_is_accepted_and_builds(filled_drafts, tmp_path):
    """The library with every filled draft, rendered, and every page checked by MkDocs' page code."""
    assert len(filled_drafts) >= 15
    cases_dir = write_library(tmp_path / "cases", filled_drafts)
    _, problems, _ = validate_cases(cases_dir)
    assert [p.format() for p in problems] == []  # filling the placeholders is all a draft needs
    generate(cases_dir=cases_dir, out_dir=tmp_path / "docs")
    assert PageCheck(tmp_path / "docs", tmp_path / "site").all_warnings() == []
