"""Trust a reader can see: the review trail and its state, rights, 修订记录, JSON-LD (issue 28).

``make review`` appends a review with the fingerprint of the case's facts; the case page,
the case list and search show the state; a change of the facts makes it 修改后待复核,
which ``make validate`` reports without failing. Case files here are copies of the
committed cases in temporary folders (never cases/ itself) or marked test fixtures.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEED_CASES, XINGSHAN, WENGYUAN
from kb.check.library import check_library
from kb.check.load import load_case_file
from kb.model import vocab
from kb.model.case import Case
from kb.model.trust import REVIEW_STATES, STALE, facts_fingerprint, review_state
from kb.review_entry import insert_review
from kb.search.index import FACETS, facets
from kb.search.source import case_record
from kb.site import history as history_module
from kb.site.history import UNAVAILABLE, case_history
from kb.site.render.case_list import render_case_list
from kb.site.render.case_trust import NO_HISTORY, render_case_trust
from kb.site.render.structured_data import case_json_ld, render_structured_data
from sitebuild import ROOT, kb_command

REVIEW = ("--stage", "核实", "--by", "兴山县委组织部（测试）", "--checked", "原文核对,数据核对", "--date", "2026-12-07")


@pytest.fixture
def library(tmp_path) -> Path:
    """A copy of the committed cases, to review and edit."""
    folder = tmp_path / "cases"
    shutil.copytree(SEED_CASES, folder)
    return folder


def loaded(folder: Path, case_id: str = XINGSHAN) -> Case:
    check = check_library(folder)
    return next(case for case in check.cases if case.id == case_id)


def review(folder: Path, case_id: str = XINGSHAN, *args: str):
    return kb_command("review", "--cases", str(folder), "--case", case_id, *(args or REVIEW))


def test_the_fingerprint_covers_the_facts_and_only_them(library):
    case = loaded(library)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", facts_fingerprint(case))
    assert facts_fingerprint(dataclasses.replace(case, summary="测试用的另一段概括。")) == facts_fingerprint(case)
    changed = dataclasses.replace(case, results=(dataclasses.replace(case.results[0], value=93), *case.results[1:]))
    assert facts_fingerprint(changed) != facts_fingerprint(case)
    moved = dataclasses.replace(case, region=dataclasses.replace(case.region, county="测试县"))
    assert facts_fingerprint(moved) != facts_fingerprint(case)


def test_make_review_appends_the_entry_and_leaves_the_rest_of_the_file_alone(library):
    path = library / f"{XINGSHAN}.md"
    before = path.read_text(encoding="utf-8")
    result = review(library)
    assert result.returncode == 0, result.stderr
    assert "已核实" in result.stdout
    after = path.read_text(encoding="utf-8")
    head, closing, body = before.partition("\n---\n")
    assert after.startswith(head + "\n") and after.endswith(closing + body)  # every line before kept as it was
    added = after[len(head) + 1: len(after) - len(closing + body)]
    assert added.startswith("reviews:\n  - stage: 核实\n    by: 兴山县委组织部（测试）\n    date: 2026-12-07\n")
    case = loaded(library)
    assert case.reviews[-1].fingerprint == facts_fingerprint(case)
    state = review_state(case)
    assert (state.label, state.last.by) == ("已核实", "兴山县委组织部（测试）")
    # a second review goes at the end of the same list
    assert review(library, XINGSHAN, "--stage", "专家审核", "--by", "专家组: 测试", "--checked", "授权核对").returncode == 0
    case = loaded(library)
    assert [r.stage for r in case.reviews] == ["核实", "专家审核"] and case.reviews[-1].by == "专家组: 测试"
    assert review_state(case).label == "专家审核"


def test_the_page_shows_the_review_and_after_a_changed_figure_asks_for_another(library):
    assert review(library).returncode == 0
    case = loaded(library)
    page = render_case_trust(case, None)
    assert "已核实" in page and "兴山县委组织部（测试）" in page and NO_HISTORY in page
    path = library / f"{XINGSHAN}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("    value: 92\n", "    value: 93\n", 1), encoding="utf-8")
    case = loaded(library)
    assert review_state(case).label == STALE
    assert STALE in render_case_trust(case, None)
    result = kb_command("validate", "--cases", str(library), "--github")
    assert result.returncode == 0, result.stdout
    warning = next(line for line in result.stdout.splitlines() if "needs-re-review" not in line and STALE in line)
    assert warning.startswith(f"{path.as_posix()}:") and "提醒：" in warning and "make review" in warning
    assert re.search(rf"^::warning file=.*{XINGSHAN}\.md,line=\d+,title=needs-re-review::", result.stdout, re.M)
    assert "另有 1 个提醒（不影响检查通过）。" in result.stdout


@pytest.mark.parametrize("args, words", [
    (("--stage", "终审", "--by", "测试单位", "--checked", "原文核对"), "审核阶段“终审”不在可选值中"),
    (("--stage", "核实", "--by", " ", "--checked", "原文核对"), "请写明审核单位"),
    (("--stage", "核实", "--by", "测试单位", "--checked", "原文"), "核对内容“原文”不在可选值中"),
    (("--stage", "核实", "--by", "测试单位", "--checked", ""), "请写明核对了什么"),
    (("--stage", "核实", "--by", "测试单位", "--checked", "原文核对", "--date", "2026-13-01"), "不是存在的日期"),
])
def test_a_bad_request_is_refused_in_chinese_and_changes_nothing(library, args, words):
    path = library / f"{XINGSHAN}.md"
    before = path.read_bytes()
    result = review(library, XINGSHAN, *args)
    assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_an_unknown_case_is_named_with_the_nearest_id(library):
    result = review(library, "hubei-xingshan")
    assert result.returncode == 1
    assert "找不到案例“hubei-xingshan”" in result.stderr and XINGSHAN in result.stderr


def test_a_case_with_problems_is_not_reviewed(library):
    path = library / f"{XINGSHAN}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("    value: 92\n", "    value: 92个\n", 1), encoding="utf-8")
    before = path.read_bytes()
    result = review(library)
    assert result.returncode == 1 and "先按上面的提示修好" in result.stderr and "number-with-unit" not in result.stderr
    assert path.read_bytes() == before


def test_make_review_runs_through_make(library):
    done = subprocess.run(["make", "--no-print-directory", "review", f"CASE={WENGYUAN}", "STAGE=初审", "BY=测试单位",
                           "CHECKED=原文核对", f"KB_CASES_DIR={library}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert review_state(loaded(library, WENGYUAN)).label == "已初审"


def test_insert_review_keeps_crlf_and_an_existing_list_with_its_indent():
    text = "---\r\nid: x\r\nreviews:\r\n- stage: 初审\r\n  by: 甲\r\n# a comment\r\nstatus: draft\r\n---\r\n\r\n正文\r\n"
    entry = {"stage": "核实", "by": "乙: 丙", "date": "2026-12-07", "checked": ["原文核对"], "fingerprint": "sha256:00"}
    out = insert_review(text, entry)
    assert out == text.replace("  by: 甲\r\n", "  by: 甲\r\n- stage: 核实\r\n  by: \"乙: 丙\"\r\n  date: 2026-12-07\r\n"
                                              "  checked: [原文核对]\r\n  fingerprint: sha256:00\r\n")


def test_case_list_and_search_carry_the_state_and_filter_by_it(library):
    assert review(library).returncode == 0
    check = check_library(library)
    listing = render_case_list(check.cases, vocab.categories())
    assert 'data-kb-filter="审核"' in listing and f'data-kb-filter-order="{"|".join(REVIEW_STATES)}"' in listing
    assert "| 已核实 |" in listing and "| 未审核 |" in listing
    records = [case_record(case, vocab.categories(), f"cases/{case.id}/") for case in check.cases]
    found = facets(records)
    assert found["order"] == list(FACETS) and found["names"]["review"] == ["未审核", "已核实"]
    review_at = found["order"].index("review")
    states = {record["id"]: found["names"]["review"][doc[review_at][0]] for record, doc in zip(records, found["docs"])}
    assert states == {XINGSHAN: "已核实", WENGYUAN: "未审核"}
    partial = (ROOT / "overrides" / "partials" / "kb-search.html").read_text(encoding="utf-8")
    assert re.findall(r'data-kb-facet="(\w+)"', partial) == list(FACETS)
    assert "FACETS = [" not in (ROOT / "docs" / "assets" / "kb-search.js").read_text(encoding="utf-8").replace(
        "let FACETS = [];", "")


def test_revision_history_is_the_real_commits_of_the_file_from_one_git_log(monkeypatch):
    calls = []
    real_run = subprocess.run

    def counting(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(history_module.subprocess, "run", counting)
    paths = [f"cases/{XINGSHAN}.md", f"cases/{WENGYUAN}.md"] + [f"cases/missing-{n}.md" for n in range(500)]
    history = case_history(paths)
    assert len(calls) == 3  # the top folder, HEAD, one git log: not one per case
    logged = real_run(["git", "log", "--no-merges", "--format=%ad %s", "--date=short", "--", f"cases/{XINGSHAN}.md"], cwd=ROOT,
                      capture_output=True, text=True, check=True).stdout.splitlines()
    assert [f"{r.date} {r.message}" for r in history.of(f"cases/{XINGSHAN}.md")] == logged
    assert logged and history.of("cases/missing-1.md") == ()


def test_a_folder_without_git_history_says_so(tmp_path):
    folder = tmp_path / "zip" / "cases"
    shutil.copytree(SEED_CASES, folder)
    assert case_history([str(folder / f"{XINGSHAN}.md")]) is UNAVAILABLE
    case = loaded(folder)
    assert NO_HISTORY in render_case_trust(case, None)


def test_json_ld_is_a_data_block_nothing_in_a_case_can_close(library):
    case = loaded(library)
    hostile = dataclasses.replace(case, title="测试</script><script>alert(1)</script>&lt;", summary="<!-- 测试 -->")
    block = render_structured_data(hostile, None)
    inner = block.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner)["headline"] == hostile.title  # the same text, escaped only for HTML
    data = case_json_ld(case)
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/" and XINGSHAN in data["identifier"]
    assert data["spatialCoverage"]["address"]["addressLocality"] == "兴山县"


def test_json_ld_carries_the_stable_case_number_when_the_case_has_one(library):
    case = dataclasses.replace(loaded(library), serial=1)  # the trainer's edition's number (issue 27)
    assert case_json_ld(case)["identifier"] == ["JC-0001", XINGSHAN]
    assert case_json_ld(dataclasses.replace(case, serial=None))["identifier"] == XINGSHAN


def test_the_built_pages_carry_the_footer_licence_and_a_parsable_json_ld(site_dir):
    from kb.model.trust import FOOTER_LICENCE

    pages = list(site_dir.rglob("*.html"))
    assert [p for p in pages if "/print/" not in p.as_posix() and FOOTER_LICENCE not in p.read_text(encoding="utf-8")] == []
    page = (site_dir / "cases" / XINGSHAN / "index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(block)["spatialCoverage"]["name"] == "湖北省宜昌市兴山县"
    assert "修订记录" in page and "审核与修订" in page


def test_the_repository_states_its_licences():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    content = (ROOT / "LICENSE-content").read_text(encoding="utf-8")
    assert "CC BY 4.0" in content and "原发布者" in content


def test_make_serve_reuses_the_history_while_head_is_the_same_commit(monkeypatch):
    from kb.site.incremental import RebuildMemory, new_round

    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(history_module.subprocess, "run",
                        lambda command, *a, **k: (calls.append(command[3]), real_run(command, *a, **k))[1])
    memory = RebuildMemory()
    with memory.in_use():
        new_round()  # each rebuild starts a round (kb.site.generate)
        first = case_history([f"cases/{XINGSHAN}.md"])
        new_round()
        again = case_history([f"cases/{XINGSHAN}.md"])
    assert first == again and first.of(f"cases/{XINGSHAN}.md")
    assert calls == ["rev-parse", "rev-parse", "-c", "rev-parse", "rev-parse"]  # git log once: HEAD did not move


def test_the_case_list_filters_by_review_state_and_hides_emptied_provinces(page, site_url):
    page.goto(site_url + "/cases/")
    select = page.locator(".kb-filterable .kb-table-filter select")
    select.wait_for(state="visible")
    options = select.locator("option").all_inner_texts()
    assert options[0].startswith("全部（") and options[1].startswith("未审核（")
    # one case reviewed since the page was built: its row is the only one of its province
    province = page.evaluate("""() => {
        const row = document.querySelector('.kb-filterable table tbody tr');
        const cells = [...row.closest('table').tHead.rows[0].cells].map(c => c.textContent.trim());
        row.cells[cells.indexOf('审核')].textContent = '已核实';
        let block = row.closest('table');
        while (block.parentElement.children.length === 1) block = block.parentElement;
        return block.previousElementSibling.textContent.trim();
    }""")
    select.select_option("未审核")
    total = int(options[0].removeprefix("全部（").removesuffix("）"))
    assert page.locator(".kb-table-filter__status").inner_text() == f"显示 {total - 1} 项，共 {total} 项"
    assert page.get_by_role("heading", name=province, exact=True).is_hidden()
    select.select_option("")
    assert page.get_by_role("heading", name=province, exact=True).is_visible()
