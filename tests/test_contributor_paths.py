"""What a contributor meets outside `make validate`: the build, the edit link, the guide."""

from __future__ import annotations

import shutil
import subprocess
import sys

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import SEED_CASES, XINGSHAN
from kb.model import vocab
from kb.site.generate import OutputOverlapsCases, generate
from kb.model.case import CASE_FIELDS, NESTED_FIELDS
from kb.site.render.case_page import render_case_page
from kb.check.rules import RULES
from kb.check.validate import validate_cases
from sitebuild import ROOT, kb_command, kb_env

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
    result = kb_command("generate", "--out", str(tmp_path / "out"), KB_CASES_DIR=str(broken_cases(tmp_path)))
    assert result.returncode == 1 and EXPECTED_LINE in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("out", ["cases", "cases/pages", "."])
def test_generate_never_writes_into_or_over_the_cases_folder(tmp_path, out):
    cases_dir = tmp_path / "cases"
    shutil.copytree(SEED_CASES, cases_dir)
    before = sorted(p.name for p in cases_dir.iterdir())
    with pytest.raises(OutputOverlapsCases, match="绝不能写进案例文件夹"):
        generate(cases_dir=cases_dir, out_dir=tmp_path / out)
    assert sorted(p.name for p in cases_dir.iterdir()) == before


def test_generate_never_writes_into_the_hand_written_pages(tmp_path):
    """Generating removes what it did not produce: over docs/ it would delete the site's own pages."""
    with pytest.raises(OutputOverlapsCases, match="绝不能写进手写页面的文件夹"):
        generate(cases_dir=SEED_CASES, out_dir=ROOT / "docs" / "cases")
    with pytest.raises(OutputOverlapsCases, match="绝不能写进手写页面的文件夹"):
        generate(cases_dir=SEED_CASES, out_dir=ROOT / "docs")


def render_xingshan_html() -> str:
    cases, _, _ = validate_cases(SEED_CASES)
    case = next(c for c in cases if c.id == XINGSHAN)
    page = render_case_page(case, vocab.categories()).split("---\n", 2)[2]
    return markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html", "admonition", "kb.site.mdext.sanitize"])


def source_section(html: str) -> list:
    """The elements of the rendered 来源 section: everything after its h2, up to the next h2."""
    heading = BeautifulSoup(html, "html.parser").find("h2", string="来源")
    assert heading is not None, "no 来源 heading on the case page"
    section = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        section.append(element)
    return section


def case_file_item(section: list):
    """The 案例文件 line of the 来源 section, which names the case file (and links to it when configured)."""
    items = [li for element in section for li in element.find_all("li") if li.get_text().startswith("案例文件")]
    assert len(items) == 1, section
    return items[0]


def external_links(elements: list) -> list[str]:
    return [a["href"] for element in elements for a in element.find_all("a", href=True) if "://" in a["href"]]


def test_edit_link_uses_the_configured_repository_only(monkeypatch):
    monkeypatch.delenv("KB_EDIT_URL_BASE", raising=False)
    section = source_section(render_xingshan_html())
    item = case_file_item(section)
    assert item.code is not None and item.code.get_text() == f"cases/{XINGSHAN}.md"
    # without a configured repository nothing in 来源 points off the site
    assert external_links(section) == []
    monkeypatch.setenv("KB_EDIT_URL_BASE", "https://git.example.org/owner/kb/edit/main/")
    section = source_section(render_xingshan_html())
    edit_link = f"https://git.example.org/owner/kb/edit/main/cases/{XINGSHAN}.md"
    assert external_links([case_file_item(section)]) == external_links(section) == [edit_link]


def test_contributing_page_documents_every_field_and_every_check(site_dir):
    html = (site_dir / "contributing" / "index.html").read_text(encoding="utf-8")
    specs = list(CASE_FIELDS) + [spec for table in NESTED_FIELDS.values() for spec in table]
    assert [spec.name for spec in specs if f"<code>{spec.name}</code>" not in html] == []
    assert [code for code in RULES if f"<code>{code}</code>" not in html] == []
    assert "贡献指南" in (site_dir / "index.html").read_text(encoding="utf-8")  # in the site navigation
