"""The importer on real files: the seed, labelled test fixtures in tests/fixtures/import/
(one per heading style, encoding and boilerplate kind) and a .docx built here."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kb.importer import clean, import_documents
from kb.importer.figures import extract_figures
from kb.importer.region import resolve_place
from kb.importer.sections import section_name
from kb.check.load import load_case_file
from kb.model.case import SECTION_HEADINGS, Case
from kb.check.validate import SECTION_RE, validate_cases
from importcheck import FIXTURE_FILES, FIXTURES, SEED, expectation, lost_sentences, normalise, review_list
from sitebuild import ROOT


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Every fixture imported once, each into its own folder: {name: (report, [(path, CaseFile)])}."""
    results = {}
    for path in FIXTURE_FILES:
        out = tmp_path_factory.mktemp(path.stem)
        (report,) = import_documents(path, out, progress=False)
        drafts = [(case.target, load_case_file(case.target)) for case in report.cases]
        results[path.name] = (report, drafts, out)
    return results


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_round_trip_keeps_every_sentence(imported, path):
    """Every sentence of the case text is in a draft body; boilerplate is in none and is reported."""
    report, drafts, _ = imported[path.name]
    expected = expectation(path)
    assert lost_sentences(path, [case_file.body for _, case_file in drafts]) == []
    bodies = normalise("".join(case_file.body for _, case_file in drafts))
    removed = [normalise(item.text) for item in report.removed]
    for line in expected["boilerplate"]:
        assert normalise(line) not in bodies
        assert any(normalise(line) in item or item in normalise(line) for item in removed), line
    assert report.unclassified == expected["preamble"]


# What a draft may still lack: the fields its review list and the report count as left to fill.
# (An empty province is reported twice by the validator: missing, and not a province name.)
PLACEHOLDER_CODES = {"missing-field", "unfilled-placeholder", "unknown-province"}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_drafts_pass_the_validator_but_for_the_placeholders_they_report(imported, path):
    report, drafts, out = imported[path.name]
    cases, problems, checked = validate_cases(out)
    assert checked == len(drafts) > 0
    assert {p.code for p in problems} <= PLACEHOLDER_CODES, [p.format() for p in problems]
    for case_report in report.cases:
        fields = {p.field for p in problems if Path(p.path).name == case_report.target.name}
        assert len(fields) == case_report.placeholders, (case_report.target.name, fields)
    assert len(cases) == sum(case.placeholders == 0 for case in report.cases)
    assert {c.status for c in cases} <= {"draft", "incomplete"}


@pytest.mark.parametrize("path", [p for p in FIXTURE_FILES if p != SEED], ids=lambda p: p.name)
def test_fixture_structure(imported, path):
    report, drafts, _ = imported[path.name]
    expected = expectation(path)
    assert report.converted_traditional == bool(expected.get("traditional"))
    assert len(drafts) == len(expected["cases"])
    for want, (target, case_file), case_report in zip(expected["cases"], drafts, report.cases):
        meta = case_file.meta
        assert meta["title"] == want["title"]
        region = meta["region"]
        if want["region"]:
            assert [region["province"], region.get("city"), region["county"]] == want["region"]
        else:  # left empty: the review list at the top of the draft says why
            assert region["county"] == "" and want["region_reason"] in review_list(target)[0]
        assert case_report.region_note.startswith("由正文推断") == want["inferred"]
        assert meta["status"] == want["status"]
        assert case_report.sections_found == want["sections"]
        assert [p["name"] for p in meta["practices"]] == want["practices"]
        figures = {(r["value"], r["unit"], r.get("as_stated", "")) for r in meta["results"]}
        assert {tuple(f) for f in want["figures"]} <= figures
        for minor in want.get("minor_headings", []):
            assert f"**{minor}**" in case_file.body
        for text in want.get("body_contains", []):
            assert text in case_file.body
        if "source_note_contains" in want:
            assert want["source_note_contains"] in meta["source"]["note"]
        if "source_date" in want:
            assert str(meta["source"]["date"]) == want["source_date"]


def committed_case(case_id: str) -> Case:
    case_file = load_case_file(ROOT / "cases" / f"{case_id}.md")
    return Case.from_dict(case_file.meta, case_file.body)


def sections_of(body: str) -> dict[str, str]:
    matches = list(SECTION_RE.finditer(body))
    return {m.group(1): normalise(body[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(body)])
            for i, m in enumerate(matches)}


@pytest.mark.parametrize("case_id", ["hubei-xingshan-lianghui-liangping", "guangdong-wengyuan-lingtouyan"])
def test_seed_reproduces_committed_case(imported, case_id):
    report, drafts, _ = imported[SEED.name]
    by_id = {case_file.meta["id"]: case_file for _, case_file in drafts}
    assert set(by_id) == {"hubei-xingshan-lianghui-liangping", "guangdong-wengyuan-lingtouyan"}
    draft_file = by_id[case_id]
    draft = Case.from_dict(draft_file.meta, draft_file.body)
    committed = committed_case(case_id)
    assert draft.region == committed.region
    assert draft.title == committed.title
    assert [p.name for p in draft.practices] == [p.name for p in committed.practices]
    assert len(draft.practices) == 5
    figures = {(r.value, r.unit, r.as_stated) for r in draft.results}
    assert {(r.value, r.unit, r.as_stated) for r in committed.results} <= figures
    assert sections_of(draft.body) == sections_of(committed.body)
    assert "“155”" in draft.body or case_id != "hubei-xingshan-lianghui-liangping"
    intro = lambda body: normalise(body[: SECTION_RE.search(body).start()])  # noqa: E731
    assert intro(draft.body) == intro(committed.body)
    assert draft.status == ("incomplete" if committed.status == "incomplete" else "draft")
    assert draft.source.publisher == "冰豆网" and draft.source.date == "2023-02-01"


def test_docx_with_heading_styles_and_bold_runs(tmp_path):
    document = docx.Document()
    document.add_paragraph("浙江安吉县：推行“两山”党建联盟（测试样例）", style="Title")
    document.add_paragraph("安吉县组建“两山”党建联盟，联盟成员单位48个。")
    document.add_heading("一、案例背景", level=1)
    document.add_paragraph("村企之间资源分散，合作不紧密。")
    document.add_heading("二、主要做法", level=1)
    document.add_paragraph().add_run("（一）组建党建联盟。").bold = True
    document.add_paragraph("由镇党委牵头，村企党组织共同参加。")
    lead = document.add_paragraph()
    lead.add_run("（二）共建共享资源。").bold = True
    lead.add_run("联盟成员共享场地、人才和项目。")
    document.add_heading("三、取得的成效", level=1)
    document.add_paragraph("带动村集体增收500万元，吸纳就业两千余人。")
    document.add_heading("四、启示", level=1)
    document.add_paragraph("资源整合要靠党建引领。")
    source = tmp_path / "fixture-built-in-test.docx"
    document.save(source)
    out = tmp_path / "out"

    (report,) = import_documents(source, out, progress=False)

    assert report.format == "docx" and len(report.cases) == 1
    case_file = load_case_file(report.cases[0].target)
    meta = case_file.meta
    assert meta["title"] == "推行“两山”党建联盟（测试样例）"
    assert meta["region"] == {"province": "浙江省", "city": "湖州市", "county": "安吉县"}
    assert [p["name"] for p in meta["practices"]] == ["组建党建联盟", "共建共享资源"]
    assert "### （二）共建共享资源。\n\n联盟成员共享场地、人才和项目。" in case_file.body
    figures = {(r["value"], r["unit"], r.get("as_stated", "")) for r in meta["results"]}
    assert {(48, "个", ""), (500, "万元", ""), (2000, "人", "两千余人")} <= figures
    assert [m.group(1) for m in SECTION_RE.finditer(case_file.body)] == list(SECTION_HEADINGS)
    assert validate_cases(out)[1] == []


def test_never_overwrites_without_force(tmp_path):
    (first,) = import_documents(SEED, tmp_path, progress=False)
    assert all(case.written for case in first.cases)
    target = first.cases[0].target
    target.write_text("reviewer's edits", encoding="utf-8")

    (second,) = import_documents(SEED, tmp_path, progress=False)
    assert not any(case.written for case in second.cases)
    assert "已存在" in second.cases[0].skipped_reason and "--force" in second.cases[0].skipped_reason
    assert target.read_text(encoding="utf-8") == "reviewer's edits"

    (forced,) = import_documents(SEED, tmp_path, force=True, progress=False)
    assert all(case.written for case in forced.cases)
    assert target.read_text(encoding="utf-8").startswith("---\n")


@pytest.mark.parametrize("line, kind", [
    ("上传人:b****7 文档编号:8789482 上传时间:2023-02-01 格式:DOCX 页数:13 大小:29.01KB", "上传信息"),
    ("第3页 / 共13页", "页码条"),
    ("全国基层党建创新典型案例2.docx_第3页", "页码条"),
    ("- 12 -", "页码条"),
    ("12", "页码条"),
    ("展开阅读全文", "下载和阅读提示"),
    ("下载 相关 举报", "下载和阅读提示"),
    ("还剩5页未读，继续阅读", "付费提示"),
    ("开通VIP会员，免费下载本文档", "付费提示"),
    ("未完,全文共3250字", "截断提示"),
    ("中国共产党新闻网>>党建>>基层党建", "面包屑"),
    ("分享到：", "分享提示"),
    ("（责编：张三、李四）", "责编和来源"),
    ("来源：人民网-中国共产党新闻网", "责编和来源"),
    ("copyright@ 2008-2022 冰豆网网站版权所有", "版权和备案"),
    ("经营许可证编号:鄂ICP备2022015515号-1", "版权和备案"),
    ("首页 | 遂昌新闻 | 松阳新闻 | 龙泉新闻", "导航栏"),
    ("兴山新闻 ｜ 秭归新闻", "导航栏"),
    ("记者 李晓文 通讯员 周一鸣", "责编和来源"),
    ("文/图 王五", "责编和来源"),
    ("原创 寿宁县委组织部 红色寿宁 2024-11-05 18:30", "公众号信息"),
    ("点击“阅读原文”查看更多", "下载和阅读提示"),
    ("主办：中共遂昌县委宣传部", "版权和备案"),
])
def test_boilerplate_kinds(line, kind):
    assert clean.boilerplate_kind(line) == kind


@pytest.mark.parametrize("line", [
    "兴山县92个村(居委会)中,有集体经济收入的只有32个。",
    "党员积分管理办法在全县推行。",
    "群众联系我们的党员更方便了。",
    "推广农村党建“两会两评”模式",
    "文明实践站",
    "记者了解到，全县已建成站点12个。",
    "一、背景和起因",
    "党员 群众 干部",
])
def test_case_text_is_not_boilerplate(line):
    assert clean.boilerplate_kind(line) is None


def test_html_remnants_are_removed_and_recorded():
    from kb.importer.readers import Paragraph

    kept, removed = clean.strip_markup_remnants([Paragraph("集体经济<br>薄弱&nbsp;群众")])
    assert [p.text for p in kept] == ["集体经济", "薄弱 群众"]
    assert [r.text for r in removed] == ["<br>", "&nbsp;"]


@pytest.mark.parametrize("scraped, restored", [
    ("家庭联产承包,综合配套改革:", "家庭联产承包，综合配套改革："),
    ("(党员、理事回避)评议", "（党员、理事回避）评议"),
    ("支部抓协会(合作社)---协会(合作社)带产业", "支部抓协会（合作社）——协会（合作社）带产业"),
    ("实施“155 ”工程", "实施“155”工程"),
    ("实施“155\xa0”工程", "实施“155”工程"),
    ("占51%,35岁以下", "占51%，35岁以下"),
    ("会议于10:30开始,投入1,000元", "会议于10:30开始，投入1,000元"),
])
def test_restore_fullwidth(scraped, restored):
    assert clean.restore_fullwidth(scraped) == restored


@pytest.mark.parametrize("heading, section", [
    ("一、背景", "背景"), ("一、基本情况", "背景"), ("一、案例背景", "背景"), ("一、背景和起因", "背景"),
    ("一、起初动因", "背景"), ("二、主要做法", "主要做法"), ("二、主要措施及做法", "主要做法"),
    ("二、主要做法和成效", "主要做法"), ("二、主要做法:", "主要做法"), ("三、初步成效", "成效"),
    ("三、取得的成效", "成效"), ("四、启示", "启示"), ("四、经验启示", "启示"), ("四、工作启示", "启示"),
    ("(三)初步成效", "成效"), ("一、服务群众缺“配套”。", None), ("成效明显。", None),
])
def test_section_headings(heading, section):
    assert section_name(heading) == section


@pytest.mark.parametrize("text, figure", [
    ("全县建立关怀理事会92个", ("建立关怀理事会", 92, "个", "")),
    ("银行提供贷款512万元", ("银行提供贷款", 512, "万元", "")),
    ("政府贴息50多万元", ("政府贴息", 50, "万元", "50多万元")),
    ("覆盖率达40%以上", ("覆盖率", 40, "%", "40%以上")),
    ("三个月就修通了道路", ("就修通了道路", 3, "个月", "三个月")),
    ("带动两万人就业", ("带动", 20000, "人", "两万人")),
    ("村民互换劳力21.2万人次", ("村民互换劳力", 21.2, "万人次", "")),
])
def test_figures(text, figure):
    indicator, value, unit, as_stated = figure
    found = extract_figures(text)
    assert [(f.value, f.unit, f.as_stated) for f in found] == [(value, unit, as_stated)]
    assert indicator in found[0].indicator


@pytest.mark.parametrize("text", ["按25-30户的规模", "每人3至5万元", "党的十七大", "2009年春", "增选一名支委",
                                  "要服务几十家农户"])
def test_not_figures(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize("place, full", [
    ("湖北兴山", ("湖北省", "宜昌市", "兴山县")), ("广东翁源", ("广东省", "韶关市", "翁源县")),
    ("内蒙古杭锦旗", ("内蒙古自治区", "鄂尔多斯市", "杭锦旗")), ("浙江建德市", ("浙江省", "杭州市", "建德市")),
])
def test_gazetteer_resolves_header_places(place, full):
    region = resolve_place(place)
    assert (region.province, region.city, region.county) == full


@pytest.mark.parametrize("words", ["兴山县委认识到", "死者家属感激地说", "全国基层党建创新典型案例"])
def test_sentences_are_not_places(words):
    assert resolve_place(words) is None


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "没有找到案例正文"),
    ("only-boilerplate.txt", "展开阅读全文\n第1页 / 共2页\n".encode(), "没有找到案例正文"),
    ("broken.docx", b"not a zip file", "不是有效的 .docx 文件"),
    ("slides.pptx", b"x", "不支持的文件类型"),
    ("报告.pdf", b"%PDF-1.4", "另存为 .txt"),
    ("旧版.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
])
def test_unusable_files_are_reported_not_drafted(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    (report,) = import_documents(source, tmp_path / "out", progress=False)
    assert message in report.error and not report.ok
    assert "未导入" in report.format_text()
    assert list((tmp_path / "out").iterdir()) == []


def test_the_review_table_never_goes_into_the_case_library(tmp_path, monkeypatch):
    """cases/ holds case files only (make validate reports anything else), so a report for
    drafts written there goes to build/; elsewhere it sits beside the drafts."""
    from kb.importer import pipeline, write_review_table

    library, build = tmp_path / "cases", tmp_path / "build"
    library.mkdir()
    monkeypatch.setenv("KB_CASES_DIR", str(library))
    monkeypatch.setattr(pipeline, "BUILD_DIR", build)
    reports = import_documents(FIXTURES / "fixture-runin-report.txt", library, progress=False)
    target, table = write_review_table(reports, library)
    assert target == build / "导入报告.md" and not list(library.glob("导入报告*"))
    assert "| fixture-runin-report.txt | hunan-liuyang-siyi-liang-gongkai.md | 湖南省长沙市浏阳市（中） | 4 |" in table
    elsewhere = tmp_path / "drafts"
    import_documents(FIXTURES / "fixture-runin-report.txt", elsewhere, progress=False)
    assert write_review_table(reports, elsewhere)[0] == elsewhere / "导入报告.md"


def test_drafts_written_inside_the_source_folder_are_not_imported_again(tmp_path):
    sources = tmp_path / "原稿"
    sources.mkdir()
    (sources / "fixture-runin-report.txt").write_bytes((FIXTURES / "fixture-runin-report.txt").read_bytes())
    first = import_documents(sources, sources / "drafts", progress=False)
    second = import_documents(sources, sources / "drafts", progress=False)
    assert [r.path.name for r in first] == [r.path.name for r in second] == ["fixture-runin-report.txt"]
