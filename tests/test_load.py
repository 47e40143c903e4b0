"""The loader on the two seed cases and on files written here as fixtures."""

from pathlib import Path

import pytest

from conftest import SEED_CASES, WENGYUAN, XINGSHAN
from kb.check.load import load_case_file
from kb.model.case import Case
from kb.check.problems import CaseFileError
from kb.check.validate import validate_cases
from sitebuild import ROOT

VALID_FIXTURES = ROOT / "tests" / "fixtures" / "valid"


def load_case(case_id: str) -> Case:
    case_file = load_case_file(SEED_CASES / f"{case_id}.md")
    return Case.from_dict(case_file.meta, case_file.body, case_file.display_path)


def test_xingshan_fields_and_exact_figures():
    case = load_case(XINGSHAN)
    assert case.region.label == "湖北省宜昌市兴山县"
    assert case.model == "两会两评"
    assert case.status == "complete"
    assert len(case.practices) == 5
    figures = {r.indicator: (r.value, r.unit) for r in case.results}
    assert figures["建立关怀理事会"] == (92, "个")
    assert figures["建立户联理事会"] == (1001, "个")
    assert figures["建立关怀理事党小组"] == (372, "个")
    assert figures["关怀理事"] == (1908, "名")
    assert figures["户联理事会理事"] == (2961, "人")
    assert figures["网络农户"] == (42840, "家")


def test_wengyuan_is_incomplete_and_keeps_figures_as_stated():
    case = load_case(WENGYUAN)
    assert case.region.label == "广东省韶关市翁源县"
    assert case.status == "incomplete" and case.incomplete_note
    assert case.lessons == ()  # the source breaks off before 启示: nothing invented
    figures = {r.indicator: r.figure for r in case.results}
    assert figures["帮扶党员创业示范户"] == "152名"
    assert figures["银行提供贷款"] == "512万元"
    assert figures["政府贴息"] == "50多万元"
    assert figures["拉动民间投资创业资金"] == "3000多万元"


@pytest.mark.parametrize("case_id", [XINGSHAN, WENGYUAN])
def test_figures_appear_verbatim_in_the_narrative(case_id):
    """Every figure in the card is stated, digit for digit with its unit, in the source text kept in the body."""
    case = load_case(case_id)
    assert case.results
    for result in case.results:
        assert result.figure in case.body, result


@pytest.mark.parametrize("value, figure", [("1234567", "1234567个"), ("1234567.0", "1234567个"),
                                           ("21.2", "21.2个"), ("0.05", "0.05个")])
def test_figure_is_written_exactly_as_the_file_gives_the_number(tmp_path: Path, value, figure):
    """Large and fractional values keep every digit: no exponent, no rounding, no trailing .0."""
    text = (VALID_FIXTURES / "fixture-minimal.md").read_text(encoding="utf-8")
    assert "    value: 92\n" in text
    (tmp_path / "fixture-minimal.md").write_text(text.replace("    value: 92\n", f"    value: {value}\n"), encoding="utf-8")
    cases, problems, _ = validate_cases(tmp_path)
    assert problems == []
    assert cases[0].results[0].figure == figure


def test_line_numbers_point_at_the_keys():
    path = SEED_CASES / f"{XINGSHAN}.md"
    case_file = load_case_file(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[case_file.line_of("id") - 1].startswith("id:")
    assert lines[case_file.line_of("results", 0, "value") - 1].strip() == "value: 92"
    assert lines[case_file.line_of("region", "province") - 1].strip() == "province: 湖北省"
    assert lines[case_file.body_line - 1] == case_file.body.split("\n")[0]


def test_blank_lines_after_the_opening_marker_do_not_shift_lines(tmp_path: Path):
    fixture = tmp_path / "fixture-blank-lines.md"
    fixture.write_text("---\n\n\nid: fixture\ntitle: 测试\n---\n正文\n", encoding="utf-8")
    case_file = load_case_file(fixture)
    assert case_file.line_of("id") == 4
    assert case_file.line_of("title") == 5
    assert case_file.body_line == 7


def test_bom_is_accepted_and_gbk_is_reported(tmp_path: Path):
    bom = tmp_path / "fixture-bom.md"
    bom.write_bytes("\ufeff---\nid: fixture-bom\n---\n正文\n".encode("utf-8"))
    assert load_case_file(bom).meta["id"] == "fixture-bom"
    gbk = tmp_path / "fixture-gbk.md"
    gbk.write_bytes("---\nid: fixture-gbk\ntitle: 测试\n---\n".encode("gbk"))
    with pytest.raises(CaseFileError) as caught:
        load_case_file(gbk)
    assert caught.value.problem.code == "not-utf8"
    assert caught.value.problem.line == 3
