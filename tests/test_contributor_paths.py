"""What a contributor meets outside `make validate`: the build, the edit link, the guide."""

from __future__ import annotations

import shutil
import subprocess
import sys

import markdown
import pytest

from conftest import SEED_CASES, XINGSHAN
from kb import vocab
from kb.generate import OutputOverlapsCases, generate
from kb.model import CASE_FIELDS, NESTED_FIELDS
from kb.render.case_page import render_case_page
from kb.rules import RULES
from kb.validate import validate_cases
from sitebuild import ROOT, kb_env, run_kb

BROKEN = ROOT / "tests" / "fixtures" / "invalid" / "number-with-unit.md"
EXPECTED_LINE = ":18: results[0].value: “92个”不是数字"


def broken_cases(tmp_path):
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    shutil.copy(BROKEN, cases_dir)
    return cases_dir


def test_mkdocs_build_stops_with_the_chinese_problem_list(tmp_path):
    cases_dir = broken_cases(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=kb_env(KB_CASES_DIR=str(cases_dir)), capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert EXPECTED_LINE in output and "网站没有生成" in output
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_generate_command_refuses_invalid_cases(tmp_path):
    result = run_kb("generate", "--out", str(tmp_path / "out"), KB_CASES_DIR=str(broken_cases(tmp_path)))
    assert result.returncode == 1 and EXPECTED_LINE in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("out", ["cases", "cases/pages", "."])
def test_generate_never_writes_into_or_over_the_cases_folder(tmp_path, out):
    cases_dir = tmp_path / "cases"
    shutil.copytree(SEED_CASES, cases_dir)
    before = sorted(p.name for p in cases_dir.iterdir())
    with pytest.raises(OutputOverlapsCases, match="绝不能写进案例文件夹"):
        generate(cases_dir=cases_dir, out_dir=tmp_path / out)
    assert sorted(p.name for p in cases_dir.iterdir()) == before


def render_xingshan_html() -> str:
    cases, _, _ = validate_cases(SEED_CASES)
    case = next(c for c in cases if c.id == XINGSHAN)
    page = render_case_page(case, vocab.categories()).split("---\n", 2)[2]
    return markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html", "admonition", "kb.mdext.sanitize"])


def test_edit_link_uses_the_configured_repository_only(monkeypatch):
    monkeypatch.delenv("KB_EDIT_URL_BASE", raising=False)
    html = render_xingshan_html()
    assert f"<code>cases/{XINGSHAN}.md</code>" in html and "https://" not in html.split("## 来源")[-1].split("案例文件")[-1]
    monkeypatch.setenv("KB_EDIT_URL_BASE", "https://git.example.org/owner/kb/edit/main/")
    html = render_xingshan_html()
    assert f'<a href="https://git.example.org/owner/kb/edit/main/cases/{XINGSHAN}.md">' in html


def test_contributing_page_documents_every_field_and_every_check(site_dir):
    html = (site_dir / "contributing" / "index.html").read_text(encoding="utf-8")
    specs = list(CASE_FIELDS) + [spec for table in NESTED_FIELDS.values() for spec in table]
    assert [spec.name for spec in specs if f"<code>{spec.name}</code>" not in html] == []
    assert [code for code in RULES if f"<code>{code}</code>" not in html] == []
    assert "贡献指南" in (site_dir / "index.html").read_text(encoding="utf-8")  # in the site navigation
