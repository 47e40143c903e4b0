"""make validate on the committed cases, and on broken fixtures written here."""

import subprocess
from pathlib import Path

import pytest

from conftest import SEED_CASES, XINGSHAN
from kb.check.validate import validate_cases
from sitebuild import ROOT, kb_command, kb_env


def test_committed_cases_are_valid():
    cases, problems, checked = validate_cases(SEED_CASES)
    assert problems == []
    assert checked == len(cases) == 2


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A fixture: the 兴山 seed case with one edit, in a temporary cases folder."""
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    text = (SEED_CASES / f"{XINGSHAN}.md").read_text(encoding="utf-8")
    assert old in text
    (cases_dir / f"{XINGSHAN}.md").write_text(text.replace(old, new, 1), encoding="utf-8")
    return cases_dir


@pytest.mark.parametrize("old, new, code, field", [
    ("    value: 92\n", "    value: 92个\n", "number-with-unit", "results[0].value"),
    ("  province: 湖北省\n", "  province: 湖北\n", "province-short-form", "region.province"),
    ("    category: service\n", "    category: servise\n", "unknown-category", "practices[0].category"),
    ("model: 两会两评\n", "", "missing-field", "model"),
    ("status: complete\n", "status: done\n", "unknown-status", "status"),
    ("## 启示\n", "## 体会\n", "missing-section", "正文"),
    ("id: hubei-xingshan-lianghui-liangping\n", "id: Hubei-Xingshan\n", "id-uppercase", "id"),
])
def test_each_broken_fixture_gets_its_own_message(tmp_path, old, new, code, field):
    cases_dir = broken_copy(tmp_path, old, new)
    cases, problems, _ = validate_cases(cases_dir)
    assert cases == []  # an invalid case is never passed on as valid
    matching = [p for p in problems if p.code == code]
    assert matching, problems
    assert matching[0].field == field
    text_lines = (cases_dir / f"{XINGSHAN}.md").read_text(encoding="utf-8").split("\n")
    assert 1 <= matching[0].line <= len(text_lines)


def test_short_province_hint_names_the_full_name(tmp_path):
    cases_dir = broken_copy(tmp_path, "  province: 湖北省\n", "  province: 湖北\n")
    _, problems, _ = validate_cases(cases_dir)
    assert "湖北省" in problems[0].hint


def test_cli_prints_file_line_field_and_exits_nonzero(tmp_path):
    cases_dir = broken_copy(tmp_path, "    value: 92\n", "    value: 九十二\n")
    (cases_dir / "新建文本文档.txt").write_text("随手记的内容", encoding="utf-8")
    result = kb_command("validate", "--cases", str(cases_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{XINGSHAN}.md:" in result.stdout and "results[0].value: “九十二”是汉字数字" in result.stdout
    assert "新建文本文档.txt:1: 文件:" in result.stdout
    assert "发现 2 个问题" in result.stdout.splitlines()[-1]


def test_make_validate_passes_on_committed_cases():
    """The one smoke test through make: the error paths run in-process (kb_command)."""
    result = subprocess.run(["make", "--no-print-directory", "validate"], cwd=ROOT, env=kb_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "没有发现问题" in result.stdout


def test_every_unreadable_line_is_reported_not_only_the_first(tmp_path):
    cases_dir = broken_copy(tmp_path, "model: 两会两评\n", "model：两会两评\n")
    path = cases_dir / f"{XINGSHAN}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: complete\n", "status：complete\n"),
                    encoding="utf-8")
    _, problems, _ = validate_cases(cases_dir)
    assert sorted(p.field for p in problems) == ["model", "status"]


def test_ctrl_c_stops_a_command_with_a_word_not_a_traceback(monkeypatch):
    """Ctrl-C in any command (and the SIGTERM `make serve` takes as one): 已停止。 and exit status
    130, as a shell reports an interrupted command."""
    import kb.check.library

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kb.check.library, "check_library", interrupted)
    try:
        result = kb_command("validate")
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C reached the contributor as a traceback")
    assert (result.returncode, result.stderr, result.stdout) == (130, "已停止。\n", "")
