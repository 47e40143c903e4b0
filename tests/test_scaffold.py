"""make new: the scaffolded case, once its blanks are filled, validates."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import WENGYUAN, XINGSHAN
from kb.check.placeholders import PLACEHOLDER
from kb.model.ids import case_id
from kb.scaffold import ScaffoldError, ask_missing, scaffold
from kb.check.validate import validate_cases
from sitebuild import ROOT, kb_env

# Fixture values a contributor would type, one per placeholder line (fictitious, test-only).
FILLED = {
    "city": "测试市", "domain": "农村", "year": "2009", "summary": "测试用的虚构概括。",
    "category": "service", "value": "92", "unit": "个", "title": "测试用来源（虚构）", "rights": "自行撰写",
}


def fill_placeholders(text: str) -> str:
    """Replace every 【待填写】 the way the contributor would: by field, or with text."""
    def fill_line(line: str) -> str:
        key = re.match(r"^\s*(?:- )?(\w+):", line)
        if PLACEHOLDER not in line:
            return line
        if key and key.group(1) in FILLED:
            return line.replace(PLACEHOLDER, FILLED[key.group(1)])
        return re.sub(rf"{PLACEHOLDER}(（.*）)?", "测试用的虚构内容", line)
    return "\n".join(fill_line(line) for line in text.split("\n"))


def test_seed_ids_are_what_make_new_derives():
    assert case_id("湖北省", "兴山县", "两会两评") == XINGSHAN
    assert case_id("广东省", "翁源县", "领头雁") == WENGYUAN


def test_scaffolded_case_fails_until_filled_then_validates(tmp_path):
    path = scaffold(tmp_path, province="湖北", county="兴山县", title="测试用案例：虚构", model="两会两评")
    assert path.name == f"{XINGSHAN}.md"
    _, problems, _ = validate_cases(tmp_path)
    assert {p.code for p in problems} >= {"unfilled-placeholder"}
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    cases, problems, _ = validate_cases(tmp_path)
    assert problems == []
    assert cases[0].region.province == "湖北省" and cases[0].title == "测试用案例：虚构"


def test_refuses_to_overwrite(tmp_path):
    path = scaffold(tmp_path, province="湖北省", county="兴山县", title="测试", model="两会两评")
    path.write_text("测试：已有内容", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="已经存在"):
        scaffold(tmp_path, province="湖北省", county="兴山县", title="测试", model="两会两评")
    assert path.read_text(encoding="utf-8") == "测试：已有内容"


def test_asks_for_missing_answers_or_names_the_arguments():
    answers = iter(["湖北省", "", "兴山县"])
    filled = ask_missing({"province": "", "county": "", "title": "测试"}, interactive=True, ask=lambda _: next(answers))
    assert filled == {"province": "湖北省", "county": "兴山县", "title": "测试"}
    with pytest.raises(ScaffoldError, match="COUNTY="):
        ask_missing({"province": "湖北省", "county": "", "title": "测试"}, interactive=False)


def test_make_new_with_arguments(tmp_path):
    result = subprocess.run(["make", "--no-print-directory", "new", "PROVINCE=广东省", "COUNTY=翁源县", "TITLE=测试",
                             "MODEL=领头雁"], cwd=ROOT, env=kb_env(KB_CASES_DIR=str(tmp_path)),
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{WENGYUAN}.md").is_file()
    assert "【待填写】" in result.stdout and "Traceback" not in result.stderr
