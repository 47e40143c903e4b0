"""The importer's judgement, piece by piece: the gazetteer resolves every county-level unit;
a county is taken only on evidence; run-in practices; figures in PDF text."""

from __future__ import annotations

from collections import Counter

import pytest

from kb.importer import clean
from kb.importer.county import find_county, opening_sentences
from kb.importer.figures import extract_figures
from kb.importer.region import county_units, places_in, resolve_place, short_forms, subject_short_form
from kb.importer.runin import split_items
from kb.model import vocab

UNITS = county_units()


def province_short(province: str) -> str:
    return vocab.provinces()[province][0]


def test_the_gazetteer_has_the_directly_administered_units():
    labels = {unit.label for unit in UNITS}
    for label in ("湖北省仙桃市", "湖北省天门市", "湖北省潜江市", "湖北省神农架林区", "河南省济源市",
                  "新疆维吾尔自治区石河子市", "新疆维吾尔自治区五家渠市", "海南省琼海市", "海南省定安县"):
        assert label in labels
    assert len(UNITS) > 2800


def test_every_county_level_unit_resolves_from_its_full_name():
    wrong = []
    for unit in UNITS:
        region = resolve_place(unit.province + unit.city + unit.county)
        if region is None or (region.province, region.city, region.county) != (unit.province, unit.city, unit.county):
            wrong.append((unit.label, region))
    assert wrong == []


def test_every_county_level_unit_resolves_from_a_province_and_county_header():
    """``湖北兴山``, ``河南济源``, ``新疆石河子``: the short forms a compilation's headers use,
    wherever the name is unique within its province."""
    in_province = Counter((unit.province, form) for unit in UNITS for form in [unit.county] + short_forms(unit.county))
    wrong, checked = [], 0
    for unit in UNITS:
        if unit.province not in vocab.provinces():
            continue
        for form in [unit.county] + short_forms(unit.county):
            if in_province[(unit.province, form)] > 1:
                continue  # 朝阳区 in 北京 and 长春: the city must be named
            checked += 1
            region = resolve_place(province_short(unit.province) + form)
            if region is None or (region.province, region.county) != (unit.province, unit.county):
                wrong.append((province_short(unit.province) + form, unit.label, region))
    assert wrong == []
    assert checked > 5000


@pytest.mark.parametrize("text", ["乡村振兴", "新城区建设", "推进开发区改造", "市、乡和县三级", "建德市场监管局",
                                  "城区和郊区", "鼓楼区", "文安驿镇"])
def test_words_that_contain_place_names_are_not_places(text):
    assert [p.county for p in places_in(text) if p.county] == []


@pytest.mark.parametrize("text, label", [
    ("兴山县委认识到", "湖北省宜昌市兴山县"), ("湖北兴山", "湖北省宜昌市兴山县"),
    ("近年来，湖北省武汉市江岸区以党建引领", "湖北省武汉市江岸区"), ("西安市新城区", "陕西省西安市新城区"),
    ("北京市朝阳区", "北京市朝阳区"), ("长春市朝阳区", "吉林省长春市朝阳区"), ("湖北仙桃", "湖北省仙桃市"),
])
def test_firm_places(text, label):
    assert [p.county.label for p in places_in(text) if p.county] == [label]


def test_a_county_name_ends_a_run_of_place_names():
    # 文安 (河北文安县) is the start of the town's name 文安驿镇 here, not a second county
    assert [(p.text, p.firm) for p in places_in("延川县文安驿镇以院坝会为载体")] == [("延川县", True), ("文安", False)]


@pytest.mark.parametrize("text, county", [
    ("长阳推行“屋场会”让矛盾化解在家门口", "长阳土家族自治县"), ("松桃坚持党建引领，推行“寨管家”。", "松桃苗族自治县"),
    ("互助组建立了台账。", None), ("振兴乡村推行积分制。", None), ("河南推行“三单”管理。", None),
    ("本溪推行积分制。", None),  # 本溪 is a prefecture city as well as the autonomous county
    ("今年以来，长阳推行屋场会。", None),  # not the subject the sentence opens with
])
def test_an_autonomous_county_by_its_short_form_only_as_the_subject(text, county):
    unit = subject_short_form(text)
    assert (unit.county if unit else None) == county


def test_a_short_form_inside_a_word_gives_no_province_either():
    found = find_county(None, "文安驿镇：“红色院坝会”开出新气象", ["镇党委每月召开院坝会。"], ["镇党委每月召开院坝会。"])
    assert found.region is None and found.province == ""
    assert find_county(None, "湖北某地推行“屋场会”", ["镇党委召开会议。"], ["镇党委召开会议。"]).province == "湖北省"


def test_the_short_form_subject_decides_the_county_and_page_noise_is_skipped():
    found = find_county(None, "“寨管家”让苗寨治理更有温度", ["原创 某某组工 2024-10-11 08:00", "松桃坚持党建引领。"],
                        ["松桃坚持党建引领。"])
    assert found.region.county == "松桃苗族自治县" and found.confidence == "中"


def test_a_header_decides_the_county():
    header = resolve_place("湖北兴山")
    found = find_county(header, "推广“两会两评”模式", ["秭归县委认为……"], ["秭归县", "秭归县", "秭归县"])
    assert found.region == header and found.confidence == "高"
    assert any("秭归县" in candidate for candidate in found.candidates)


def test_the_title_decides_before_the_text():
    found = find_county(None, "寿宁县推行“一村一法律顾问”", ["为推动基层治理法治化，县司法局……"],
                        ["学习借鉴了安吉县的做法。"])
    assert found.region.county == "寿宁县" and found.confidence == "高" and not found.region.inferred


def test_a_place_the_title_learns_from_is_not_the_case_place():
    found = find_county(None, "学习浙江安吉经验 推动我县乡村振兴", ["近年来，我县组织干部外出考察。"],
                        ["近年来，我县组织干部外出考察。"])
    assert found.region is None


def test_a_title_and_an_opening_that_disagree_leave_the_county_empty():
    found = find_county(None, "兴山县推行“两会两评”", ["近年来，秭归县学习兴山做法。"], ["近年来，秭归县学习兴山做法。"])
    assert found.region is None and "不能确定" in found.basis


def test_the_subject_of_the_first_sentences():
    found = find_county(None, "“红色代办”让群众办事不出村",
                        ["本报讯（记者 李某 通讯员 周某）近年来，遂昌县推行“红色代办”。"],
                        ["本报讯（记者 李某 通讯员 周某）近年来，遂昌县推行“红色代办”。", "代办员412名。"])
    assert found.region.county == "遂昌县" and found.confidence == "中" and found.region.inferred


def test_a_place_in_the_byline_is_not_the_subject():
    found = find_county(None, "“红色代办”让群众办事不出村", ["秭归讯（通讯员 王某）近日，县委组织部召开会议。"],
                        ["秭归讯（通讯员 王某）近日，县委组织部召开会议。"])
    assert found.region is None


@pytest.mark.parametrize("paragraph, opening", [
    ("本报讯（记者 李某 通讯员 周某）近年来，遂昌县推行代办。", "近年来，遂昌县推行代办。"),
    ("秭归讯 近日，县委组织部召开会议。", "近日，县委组织部召开会议。"),
    ("新华社北京3月5日电（记者 王某）近日，兴山县召开会议。", "近日，兴山县召开会议。"),
    ("兴山县通讯设施建设加快。", "兴山县通讯设施建设加快。"),
])
def test_the_opening_without_its_byline(paragraph, opening):
    assert opening_sentences([paragraph]) == opening


def test_a_county_that_recurs():
    texts = ["近年来，我县推行代办服务。", "会宁县选聘代办员1260名。", "会宁县把代办纳入考核。",
             "会宁县的做法借鉴了安定区的经验。"]
    found = find_county(None, "创新“村级代办”机制", texts[:1], texts)
    assert found.region.county == "会宁县" and found.confidence == "中"
    assert "由正文推断" in found.basis and "3 次" in found.basis


def test_a_county_named_once_in_passing_is_not_enough():
    texts = ["近年来，我县推行代办服务。", "学习借鉴了安吉县“两山”党建联盟的做法。"]
    found = find_county(None, "创新“村级代办”机制", texts[:1], texts)
    assert found.region is None and found.confidence == ""
    assert found.candidates == ("浙江省湖州市安吉县（正文 1 次）",)


def test_a_hidden_county_stays_empty_even_when_others_are_named():
    texts = ["近年来，辽宁省XX县大力推进乡村振兴。", "安吉县", "安吉县", "安吉县"]
    found = find_county(None, "XX县“三链融合”推动乡村振兴", texts[:1], texts)
    assert found.region is None and "XX县" in found.basis
    assert found.province == "辽宁省"


def test_two_counties_at_the_start_and_neither_recurs():
    texts = ["兴山县与秭归县开展结对共建。", "两县共建了产业园。"]
    found = find_county(None, "结对共建", texts, texts)
    assert found.region is None and "几个县" in found.basis


@pytest.mark.parametrize("text, names", [
    ("主要做法：一是建立党员联户机制，由村党支部牵头；二是规范议事程序，每月开会；三是强化结果公开。",
     ["一是建立党员联户机制，", "二是规范议事程序，", "三是强化结果公开。"]),
    ("首先，建立顾问队伍，从律师中遴选。其次，明确服务内容，每月坐班。最后，完善考核机制，群众评价。",
     ["首先，建立顾问队伍，", "其次，明确服务内容，", "最后，完善考核机制，"]),
    ("（一）建强代办队伍，按照标准选聘代办员。（二）规范代办流程，推行四步流程。",
     ["（一）建强代办队伍，", "（二）规范代办流程，"]),
    ("（一）结合产业发展，选准帮扶对象。翁源县按照“一户一策”帮扶。", ["（一）结合产业发展，选准帮扶对象。"]),
    ("①建立产业合作社，统一销售；②选派党员技术员，开展指导；③推行订单种植，稳定收益。",
     ["①建立产业合作社，", "②选派党员技术员，", "③推行订单种植，"]),
    ("【选准中心户】按照程序选出中心户。", ["【选准中心户】"]),
    ("二是规范议事程序，村级重大事项严格按照程序进行，全年开展督查3轮，对不规范的村及时整改。",
     ["二是规范议事程序，"]),
])
def test_run_in_items(text, names):
    before, items = split_items(text)
    assert [item.heading for item in items] == names
    assert before + "".join(item.heading + item.text for item in items) == text.replace(" ", "")


@pytest.mark.parametrize("text", ["全县统一是关键，唯一是指……", "首先要明确的是，这项工作很重要。", "最后，全县上下形成合力。",
                                  "打通服务群众“最后一公里”"])
def test_words_that_look_like_markers_are_not_items(text):
    assert split_items(text) is None


def test_parallel_paragraph_leads_are_practices_only_in_the_practices():
    from kb.importer.outline import HEADING, outline_case
    from kb.importer.readers import Paragraph

    def headings(lines: list[str]) -> dict[str, list[str]]:
        outline = outline_case([Paragraph(line) for line in lines])
        return {name: [b.text for b in section.blocks if b.kind == HEADING] for name, section in outline.sections.items()}

    leads = ["筑牢指挥部，全面夯实治理根基。坚持一盘棋思想，统筹推进。", "“红管家”管得细。每周入户走访一次。"]
    plain = ["今年以来，全县推行网格化管理。", "建强议事阵地，让群众有地方说事。市里统一设置议事厅。",
             "规范议事流程，让村务在阳光下运行。坚持四步流程，议定事项1530件。",
             "通过以上举措，群众满意率达96.2%。", "有两点启示：一是要依靠群众；二是要建好机制。",
             "依靠群众，才能凝聚力量。这是第一点体会。", "建好机制，才能长久见效。这是第二点体会。"]
    assert headings(plain) == {"主要做法": ["建强议事阵地，让群众有地方说事。", "规范议事流程，让村务在阳光下运行。"]}
    assert headings(leads[1:] * 2)["主要做法"] == ["“红管家”管得细。"] * 2
    assert headings(leads[:1]) == {}  # one lead alone is not a parallel shape
    # 体会 in the opening (before the leads) does not stop them
    assert len(headings(["让群众切身体会到变化。"] + plain[1:3])["主要做法"]) == 2
    with_sections = ["一、主要做法", leads[0], "建强议事阵地，让群众有地方说事。设置议事厅。", "二、取得成效",
                     "服务更加精准，群众更加满意。满意率达96.2%。", "组织更加有力，班子更加团结。后备力量充足。"]
    assert headings(with_sections) == {"主要做法": ["筑牢指挥部，全面夯实治理根基。", "建强议事阵地，让群众有地方说事。"],
                                       "成效": []}


@pytest.mark.parametrize("pdf, tidy", [
    ("选聘代办员 1 260 名", "选聘代办员1260名"),
    ("选聘代办员 1260 名", "选聘代办员1260名"),
    ("编印清单 １２ 类 ８６ 项", "编印清单12类86项"),
    ("办理事项 ３．６ 万件", "办理事项3.6万件"),
    ("满意率达到 98.6 %", "满意率达到98.6%"),
    ("满意率达到９８％", "满意率达到98%"),
    ("2023 年 12 月", "2023年12月"),
    ("共 3 个 260 户", "共3个260户"),
])
def test_pdf_numbers_are_tidied(pdf, tidy):
    assert clean.tidy_numbers(pdf) == tidy


def test_spaced_and_plain_figures_are_the_same_figure():
    spaced = extract_figures(clean.tidy_numbers("选聘代办员 1 260 名"))
    plain = extract_figures("选聘代办员1260名")
    assert [(f.value, f.unit, f.as_stated) for f in spaced] == [(f.value, f.unit, f.as_stated) for f in plain] \
        == [(1260, "名", "")]
    assert [(f.value, f.unit) for f in extract_figures("投入1,260万元")] == [(1260, "万元")]


def test_a_figure_broken_across_pdf_lines_is_joined():
    from kb.importer.readers import Paragraph
    from kb.importer.sections import is_structural

    joined = clean.join_hard_breaks([Paragraph("其中为留守老人办理 5"), Paragraph("016 件，节省费用。")], is_structural)
    assert [(f.value, f.unit) for f in extract_figures(clean.tidy_numbers(joined[0].text))] == [(5016, "件")]


def test_a_related_news_list_goes_with_its_heading():
    from kb.importer.readers import Paragraph

    lines = ["全县群众满意率达到97.5%。", "相关新闻", "松阳县：“共享村干部”助力乡村振兴", "龙泉市开展党员冬训",
             "", "下一段正文在这里。"]
    kept, removed = clean.strip_boilerplate([Paragraph(line) for line in lines])
    assert [p.text for p in kept if p.text] == ["全县群众满意率达到97.5%。", "下一段正文在这里。"]
    assert [r.kind for r in removed] == ["相关新闻"] * 3


def test_the_title_comes_after_page_noise_and_without_a_repost_tag():
    from kb.importer.readers import Paragraph
    from kb.importer.split import split_cases

    page = ["某某网（测试样例）", "首页 > 新闻中心 > 基层党建", "IMG_20240312_0931.jpg", "【转帖】“三单”管理激发村干部活力",
            "2024-04-18　来源：某某网", "兰考县针对村干部履职标准不清的问题，推行“三单”管理。"]
    preamble, (case,) = split_cases([Paragraph(line) for line in page])
    assert case.title == "“三单”管理激发村干部活力" and len(preamble) == 3
    _, (case,) = split_cases([Paragraph(line) for line in ["第五讲 案例：“网格连心”服务群众", "XX县划分网格。"]])
    assert case.title == "“网格连心”服务群众"


def test_a_site_name_in_h1_is_not_the_title():
    from kb.importer.readers import Paragraph
    from kb.importer.split import split_cases

    page = [Paragraph("兴山新闻网", heading_level=1), Paragraph("秭归县推行“党员联户”", heading_level=2),
            Paragraph("近年来，秭归县推行党员联户。")]
    preamble, (case,) = split_cases(page, "兴山新闻网_秭归县推行“党员联户”")
    assert case.title == "秭归县推行“党员联户”" and [p.text for p in preamble] == ["兴山新闻网"]
    preamble, (case,) = split_cases(page, "")
    assert case.title != "兴山新闻网"
