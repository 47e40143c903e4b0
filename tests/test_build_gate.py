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

import html
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
from kb.model import ids, vocab
from kb.site.generate import generate
from kb.site.render.case_page import practice_anchor, render_case_page
from pagecheck import PageCheck
from sitebuild import BuildFailed, build_site, run_kb

SEED_TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEED_CASES.glob("*.md"))}
FIXTURE_LABEL = "# Test fixture written by tests/test_build_gate.py into a temporary folder (测试用，不是新案例)\n"

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
    "![图](https://example.com/x.png)", "![图](/x.png)", "{ #practice-1 }", "{ .kb-chip }", "{ 注 }", "{: #x }", "测试段落\n{ 注 }", "测试段落\n{ #practice-2 }",
    "### 测试标题 { #practice-3 }", "[链接](../guide.md){ .kb-chip }", "[链接](../guide.md){ href=nope.md }",
    "文字{注}文字", "### 测试插入的小标题", "### practice-1", "#### 测试四级标题", "## 主要做法", "## 测试附录",
    "# 测试一级标题", "[TOC]", "**一、测试加粗段首**", "1. 测试列表项", "- 测试列表项", "> 测试引用",
    "`[代码](#nope)`", "    [缩进代码](#nope)", "```\n[围栏](#nope)\n```", "| a | b |\n| - | - |\n| [表](#nope) | x |",
    '!!! note "提示"\n    [提示里](#nope)', "<div>[html](#nope)</div>", "[链接](%E8%83%8C%E6%99%AF.md)",
    "[链接](<../guide.md>)", "[带标题](../guide.md \"标题\")", "[链接](../guide.md?a=1#x)",
]
PRACTICE_STYLES = ["heading", "bold", "numbered", "bullets", "plain", "some-headings", "extra-heading"]


def labelled(text: str) -> str:
    """``text`` with the test-fixture label as the front matter's first line, without a case number
    (a copy of a committed case must not take its number: duplicate-number)."""
    text = re.sub(r"^serial: .*\n", "", text, count=1, flags=re.MULTILINE)
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


# --- every body construct the validator accepts, in one case ------------------------------------

SNIPPET_CASE = f"{WENGYUAN}-ceshi"


def with_snippets(snippets: list[str], case_id: str = WENGYUAN) -> str:
    """The 翁源 case with ``snippets`` as paragraphs at the end of its body, as ``case_id``."""
    text = SEED_TEXTS[WENGYUAN].rstrip("\n") + "".join(f"\n\n{snippet}" for snippet in snippets) + "\n"
    return labelled(text.replace(f"id: {WENGYUAN}\n", f"id: {case_id}\n", 1))


@pytest.fixture(scope="module")
def snippet_case(tmp_path_factory) -> tuple[list[str], str]:
    """The snippets ``validate_cases`` accepts (each alone, in a copy of the 翁源 case), and one case
    file carrying all of them."""
    accepted = []
    for number, snippet in enumerate(SNIPPETS):
        cases_dir = tmp_path_factory.mktemp("snippet")
        write_library(cases_dir / "cases", {SNIPPET_CASE: with_snippets([snippet], SNIPPET_CASE)})
        if not validate_cases(cases_dir / "cases")[1]:
            accepted.append(snippet)
    return accepted, with_snippets(accepted, SNIPPET_CASE)


def test_the_body_constructs_validate_accepts_build_together(snippet_case, page_check, tmp_path):
    accepted, text = snippet_case
    assert 20 <= len(accepted) < len(SNIPPETS)  # the validator refuses some and accepts many
    assert {"[绝对](/guide/)", "[没有](#不存在的位置)", "测试段落\n{ 注 }", "[网站](www.example.com)"}.isdisjoint(accepted)
    # checked in the 翁源 case's place (page_check's folder has its page; the real build has both)
    cases_dir = write_library(tmp_path / "cases", {WENGYUAN: with_snippets(accepted)})
    assert accepted_page_problems(cases_dir, [WENGYUAN], page_check) == []


# --- the real path: form, copy, drafts and the committed cases in one real strict build ----------

# 主要做法 as a contributor may type it into the form; the plain text one is downloaded with the button.
FORM_BODIES = {
    "plain": "测试虚构原文：大事先商量，办完请群众打分。",
    "bold": "**一、先议后办**\n\n测试虚构原文：大事先商量。\n\n**二、办后评议**\n\n测试虚构原文：办完请群众打分。",
    "list": "1. 先议后办：测试虚构原文，大事先商量。\n2. 办后评议：测试虚构原文，办完请群众打分。",
    "bullets": "- 先议后办：测试虚构原文，大事先商量。\n- 办后评议：测试虚构原文，办完请群众打分。",
    "one-heading": "### 先议后办\n\n测试虚构原文：大事先商量。\n\n测试虚构原文：办完请群众打分。",
    "headings": "### 先议后办\n\n测试虚构原文：大事先商量。\n\n### 办后评议\n\n测试虚构原文：办完请群众打分。",
    "links": "测试虚构原文：见[背景](#背景)和[第二项做法](#practice-2)，办完请群众打分。",
}


@pytest.fixture(scope="module")
def form_files(browser, site_url, tmp_path_factory) -> dict[str, tuple[str, str]]:
    """The files the 投稿 form writes for each 主要做法 of FORM_BODIES: {id: (style, text)}. The plain
    text one is downloaded with the button under the id the form proposes; the others are the
    form's preview (the same text, test_submit.py) under ids of their own."""
    from test_submit import FIXTURE, fill_form, open_form

    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    open_form(page, site_url + "/submit/")
    fill_form(page, FIXTURE)
    proposed = ids.case_id(FIXTURE["region.province"], FIXTURE["region.county"], FIXTURE["model"])
    files = {}
    for style, body in FORM_BODIES.items():
        page.locator('[name="body.practices"]').fill(body)
        if style == "plain":
            assert page.input_value('[name="id"]') == proposed  # proposed as make new does
            with page.expect_download() as download_info:
                page.locator("#kb-submit-download").click()
            assert download_info.value.suggested_filename == f"{proposed}.md"
            path = tmp_path_factory.mktemp("download") / download_info.value.suggested_filename
            download_info.value.save_as(path)
            text = path.read_text(encoding="utf-8")
            assert page.input_value("#kb-submit-preview") == text  # 复制 and the preview hold the same text
            files[proposed] = (style, text)
        else:
            case_id = f"{proposed}-{style}"
            page.locator('[name="id"]').fill(case_id)
            # each file a case of its own: the next free numbers after the one the form proposed
            page.locator('[name="serial"]').fill(str(int(page.input_value('[name="serial"]')) + 1))
            assert page.locator("#kb-submit-problems li").count() == 0  # the form would download it
            files[case_id] = (style, page.input_value("#kb-submit-preview"))
    context.close()
    return files


XINGSHAN_BOLD = f"{XINGSHAN}-jiacu"


def xingshan_with_bold_leads() -> str:
    """A copy of the 兴山 case whose practices are bold leads (``**一、…**``) instead of ``###``."""
    front, body = split(SEED_TEXTS[XINGSHAN])
    text = labelled(front + restyle_practices(body, "bold"))
    return text.replace(f"id: {XINGSHAN}\n", f"id: {XINGSHAN_BOLD}\n", 1)


@pytest.fixture(scope="module")
def real_library(form_files, filled_drafts, snippet_case, tmp_path_factory):
    """``make validate`` and ``make build`` (python -m kb, in child processes) of one cases folder:
    copies of the committed cases, the form's files, the 兴山 copy with bold leads, the filled
    drafts and the case of accepted body constructs. (validate's result, the site or BuildFailed)."""
    root = tmp_path_factory.mktemp("real-path")
    files = {case_id: text for case_id, (_, text) in form_files.items()}
    files |= {XINGSHAN_BOLD: xingshan_with_bold_leads(), SNIPPET_CASE: snippet_case[1], **filled_drafts}
    cases_dir = write_library(root / "cases", files)
    validated = run_kb("validate", "--cases", str(cases_dir))
    try:
        site = build_site(root / "build", cases_dir)
    except BuildFailed as failed:
        return validated, failed
    return validated, site


def test_what_make_validate_accepts_make_build_builds(real_library, form_files, filled_drafts):
    validated, site = real_library
    assert validated.returncode == 0, validated.stdout + validated.stderr
    cases = len(SEED_TEXTS) + len(form_files) + len(filled_drafts) + 2
    assert f"检查了 {cases} 个案例文件，没有发现问题。" in validated.stdout
    assert not isinstance(site, BuildFailed), str(site)
    for case_id in [*form_files, XINGSHAN_BOLD, SNIPPET_CASE, *filled_drafts]:
        html = (site / "cases" / case_id / "index.html").read_text(encoding="utf-8")
        assert 'id="practice-1"' in html, case_id


def shown_text(path: Path) -> str:
    text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).split())


def test_the_form_pages_show_every_value(real_library, form_files):
    from test_submit import FIXTURE, SELECTS

    _, site = real_library
    assert not isinstance(site, BuildFailed), str(site)
    values = [value for name, value in FIXTURE.items()
              if not name.startswith("body.") and name not in SELECTS and not name.endswith(".unit")
              and name not in ("results[1].value", "results[2].value", "background[0]", "lessons[0]")]
    records = {c["id"]: c for c in json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))}
    for case_id, (style, _) in form_files.items():
        shown = shown_text(site / "cases" / case_id / "index.html")
        typed = {key: FIXTURE[key] for key in ("body.background", "body.results", "body.lessons")}
        typed["body.practices"] = FORM_BODIES[style]
        words = [re.sub(r"^(#+ |\d+\. |- )|\*\*|\[|\]\([^)]*\)", "", line) for text in typed.values()
                 for line in text.split("\n") if line]
        squeezed = shown.replace(" ", "")  # a link or emphasis inside a sentence is set off by spaces above
        missing = [value for value in values + words + ["50多万元", "96.5%", "湖北省"]
                   if value not in shown and value.replace(" ", "") not in squeezed]
        assert missing == [], (style, missing)
        # background and lessons items are not on the case page (its narrative carries them): the data download has them
        record = records[case_id]
        assert record["background"] == [FIXTURE["background[0]"]] and record["lessons"] == [FIXTURE["lessons[0]"]]
        assert record["results"][1]["value"] == 50 and record["results"][1]["as_stated"] == "50多万元"


def test_every_practice_of_the_bold_lead_copy_has_its_place_on_the_page(real_library):
    _, site = real_library
    assert not isinstance(site, BuildFailed), str(site)
    page = (site / "cases" / XINGSHAN_BOLD / "index.html").read_text(encoding="utf-8")
    practices = yaml.safe_load(split(SEED_TEXTS[XINGSHAN])[0].strip().strip("-"))["practices"]
    for number in range(1, len(practices) + 1):
        assert page.count(f'id="practice-{number}"') == 1
        assert f'href="#practice-{number}-text"' not in page  # no narrative heading to link to
    regions = (site / "regions" / "hubei" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../cases/{XINGSHAN_BOLD}/#practice-5"' in regions


# --- should validation ever miss something: the build's warning, in Chinese, names the case file --

def test_a_warning_the_validator_missed_is_a_chinese_problem_of_the_case_file(tmp_path, monkeypatch, capsys):
    """A validator with a gap (its anchor check switched off) lets a broken link through; `make build`
    (the command line, in this process) then reports MkDocs' warning as a problem of the case file,
    with its line, in Chinese, and as a GitHub annotation (the pull-request check's build step)."""
    import kb.check.validate
    from kb import cli
    from kb.check.load import display_path

    monkeypatch.setattr(kb.check.validate, "check_anchors", lambda cases, files: [])
    text = SEED_TEXTS[WENGYUAN].replace("## 成效\n", "## 成效\n\n见[不存在的位置](#no-such-place)。\n", 1)
    cases_dir = write_library(tmp_path / "cases", {WENGYUAN: text})
    line = text.split("\n").index("见[不存在的位置](#no-such-place)。") + 1
    code = cli.main(["build", "--cases", str(cases_dir), "--site", str(tmp_path / "site"),
                     "--docs", str(tmp_path / "docs"), "--github"])
    out = capsys.readouterr()
    path = display_path(cases_dir / f"{WENGYUAN}.md")
    assert code == 1
    assert f"{path}:{line}: 正文: 正文中的链接“#no-such-place”指向的位置“#no-such-place”在本页上不存在" in out.err
    assert "网站没有生成" in out.err and "Aborted" not in out.err + out.out and "Traceback" not in out.err
    assert f"::error file={path},line={line},title=missing-anchor::" in out.out


def test_mkdocs_warnings_about_case_pages_name_the_case_file():
    from kb.site.mkdocs_warnings import translate

    cases_dir = SEED_CASES
    index_view = translate(f"Doc file 'practices/index.md' contains a link '../cases/{XINGSHAN}.md#practice-1', but the doc "
                           f"'cases/{XINGSHAN}.md' does not contain an anchor '#practice-1'.", cases_dir)
    assert index_view.path == f"cases/{XINGSHAN}.md" and "practices/index.md" in index_view.message
    unrecognized = translate(f"Doc file 'cases/{WENGYUAN}.md' contains an unrecognized relative link '../guide/', "
                             "it was left as is.", cases_dir)
    assert unrecognized.code == "unrecognized-link" and "../guide/" in unrecognized.message
    other = translate(f"Doc file 'cases/{WENGYUAN}.md' says something new.", cases_dir)
    assert other.path == f"cases/{WENGYUAN}.md" and other.code == "build-warning" and "something new" in other.message
    assert translate("Doc file 'guide.md' contains a link 'x.md', but the target 'x.md' is not found among "
                     "documentation files.", cases_dir) is None  # the maintainers' page: passed on as it is


def test_the_validators_markdown_is_the_markdown_mkdocs_configures():
    """kb.check converts bodies with markdown_extensions(as_mkdocs=True): MkDocs' own list and options."""
    from mkdocs.config import load_config

    from kb.site.config import PROJECT_CONFIG, markdown_extensions

    config = load_config(config_file=str(PROJECT_CONFIG), docs_dir=str(SEED_CASES.parent / "docs"))
    names, configs = markdown_extensions(as_mkdocs=True)
    assert names == config.markdown_extensions
    assert configs.keys() == config.mdx_configs.keys()
    ours, theirs = dict(configs["toc"]), dict(config.mdx_configs["toc"])
    ours_slug, their_slug = ours.pop("slugify"), theirs.pop("slugify")
    assert ours == theirs
    for heading in ("一、服务群众缺“配套”。", "（一）结合产业发展，选准帮扶对象。", "Practice 1 A/B", "背景"):
        assert ours_slug(heading, "-") == their_slug(heading, "-")
