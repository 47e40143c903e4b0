"""Teaching fields, training modules, handouts, PDFs, projector mode and the offline bundle."""

import unicodedata
from pathlib import Path

import pypdf
import pytest

from conftest import LIBRARY_CASE_IDS, MODULE, SEED_CASES, WENGYUAN, XINGSHAN
from kb.check.module_rules import validate_modules
from kb.site.pdf import render_pdfs
from kb.site.pdf_links import attach_pdfs, digest, pdf_cache_dir
from kb.site.urls import url_style
from kb.check.validate import validate_cases
from sitebuild import ROOT, kb_command

SEED_MODULES = ROOT / "modules"


@pytest.fixture(scope="module")
def seed_cases():
    cases, problems, _ = validate_cases(SEED_CASES)
    assert problems == []
    return cases


def test_seed_cases_carry_objectives_and_three_to_five_questions(seed_cases):
    for case in seed_cases:
        assert case.learning_objectives, case.id
        assert 3 <= len(case.discussion_questions) <= 5, case.id


def test_seed_module_is_valid_and_fits_its_time(seed_cases):
    modules, problems, checked = validate_modules(SEED_MODULES, seed_cases, {c.id for c in seed_cases})
    assert problems == [] and checked == len(modules) >= 1
    module = next(m for m in modules if m.id == MODULE)
    assert [item.case.id for item in module.cases] == [XINGSHAN, WENGYUAN]
    assert module.spare_minutes >= 0 and all(item.questions for item in module.cases)


def broken_module(tmp_path: Path, old: str, new: str) -> Path:
    """A fixture: the seed module with one edit, in a temporary modules folder."""
    modules_dir = tmp_path / "modules"
    modules_dir.mkdir()
    text = (SEED_MODULES / f"{MODULE}.yml").read_text(encoding="utf-8")
    assert old in text
    (modules_dir / f"{MODULE}.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return modules_dir


@pytest.mark.parametrize("old, new, code, field", [
    (f"  - case: {XINGSHAN}\n", "  - case: hubei-xingshan-lianghui\n", "unknown-case", "cases[0].case"),
    ("audience: ", "# audience: ", "missing-field", "audience"),
    ("duration: 120\n", "duration: 60\n", "over-time", "duration"),
    ("    minutes: 35\n", "    minutes: 三十五\n", "number-in-chinese", "cases[1].minutes"),
])
def test_each_broken_module_fixture_gets_its_own_message(tmp_path, seed_cases, old, new, code, field):
    modules_dir = broken_module(tmp_path, old, new)
    modules, problems, _ = validate_modules(modules_dir, seed_cases, {c.id for c in seed_cases})
    assert modules == []
    matching = [p for p in problems if p.code == code]
    assert matching and matching[0].field == field, problems
    lines = (modules_dir / f"{MODULE}.yml").read_text(encoding="utf-8").split("\n")
    if code != "missing-field":  # a missing field has no line of its own
        assert field.split(".")[-1].split("[")[0] in lines[matching[0].line - 1]


def test_cli_reports_a_module_problem_in_chinese(tmp_path):
    modules_dir = broken_module(tmp_path, f"  - case: {XINGSHAN}\n", "  - case: hubei-xingshan-lianghui\n")
    result = kb_command("validate", KB_MODULES_DIR=str(modules_dir))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"{MODULE}.yml:" in result.stdout and "没有编号为“hubei-xingshan-lianghui”的案例" in result.stdout
    assert f"是不是“{XINGSHAN}”" in result.stdout


def test_lesson_plans_are_public_without_notes(site_dir, seed_cases):
    """Teaching notes live in teaching/ and only the 教师版 shows them (tests/test_teacher_edition.py)."""
    xingshan = next(c for c in seed_cases if c.id == XINGSHAN)
    case_page = (site_dir / "cases" / XINGSHAN / "index.html").read_text(encoding="utf-8")
    assert "讨论题" in case_page and xingshan.discussion_questions[0][:20] in case_page
    for page in (site_dir / "training" / MODULE / "index.html", site_dir / "print" / "cases" / XINGSHAN / "index.html"):
        assert "教学说明" not in page.read_text(encoding="utf-8")
    assert f'href="{MODULE}/"' in (site_dir / "training" / "index.html").read_text(encoding="utf-8")


def pdf_text(path: Path) -> str:
    """Chromium maps some CJK glyphs to Kangxi radicals (⼯ for 工); NFKC undoes most."""
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_handouts_print_to_a4_pdfs_without_site_chrome(site_dir, tmp_path, browser):
    made = render_pdfs(site_dir, site_dir.parent / "docs", tmp_path, browser=browser)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in made) == [
        *(f"cases/{case_id}.pdf" for case_id in LIBRARY_CASE_IDS), f"modules/{MODULE}.pdf", f"packets/{MODULE}.pdf"]
    case_pdf = pypdf.PdfReader(tmp_path / "cases" / f"{XINGSHAN}.pdf")
    assert 2 <= len(case_pdf.pages) <= 4
    assert round(float(case_pdf.pages[0].mediabox.width)) == 595  # A4: 210 mm = 595 pt
    text = pdf_text(tmp_path / "cases" / f"{XINGSHAN}.pdf")
    for expected in ("两会两评", "关怀理事会", "42840家", "讨论题", "学习目标", "来源"):
        assert expected in text
    assert "使用说明" not in text and "全部案例" not in text  # no navigation printed
    module_pdf = pypdf.PdfReader(tmp_path / "modules" / f"{MODULE}.pdf")
    assert len(module_pdf.pages) > len(case_pdf.pages)
    module_text = pdf_text(tmp_path / "modules" / f"{MODULE}.pdf")
    assert "时间安排" in module_text and "小组练习" in module_text and "50多万元" in module_text
    # the module's reading packet: cover, contents, both handouts, then all questions; no trainer notes
    packet = pypdf.PdfReader(tmp_path / "packets" / f"{MODULE}.pdf")
    assert len(packet.pages) >= 5  # cover, contents, each case, the questions: each starts a page
    packet_text = pdf_text(tmp_path / "packets" / f"{MODULE}.pdf")
    for expected in ("阅读材料", "主讲", "目录", "42840家", "50多万元", "县（单位）自述", "讨论题", "小组练习",
                     "只扶持有条件创业的党员"):  # the last: a question of the module file, not of the case
        assert unicodedata.normalize("NFKC", expected) in packet_text, expected
    assert "讲授时请如实说明" not in packet_text  # trainees' material: no teaching notes


def test_pdf_is_linked_only_while_it_matches_its_handout(tmp_path):
    handout = b"<p>fixture handout</p>\n"
    files = {"cases/x.md": b"top <!-- kb:pdf cases/x --> end", "print/cases/x/index.html": handout}
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "x.pdf").write_bytes(b"%PDF-fixture")
    (tmp_path / "cases" / "x.sha256").write_text(digest(handout))
    linked = dict(files)
    assert attach_pdfs(linked, tmp_path) == 1
    assert '<a class="md-button" href="../../pdf/cases/x.pdf">下载 PDF</a>' in linked["cases/x.md"].decode()
    assert linked["pdf/cases/x.pdf"] == b"%PDF-fixture"
    offline = dict(files)
    with url_style(directory_urls=False):  # cases/x.html sits one folder up
        attach_pdfs(offline, tmp_path)
    assert 'href="../pdf/cases/x.pdf"' in offline["cases/x.md"].decode()
    stale = dict(files, **{"print/cases/x/index.html": b"<p>edited handout</p>\n"})
    assert attach_pdfs(stale, tmp_path) == 0
    assert stale["cases/x.md"] == b"top  end" and "pdf/cases/x.pdf" not in stale


def test_pdfs_are_kept_beside_the_rendered_folder(tmp_path):
    """make pdf's PDFs (build/pdf) are make build's only: a build into another folder, as the tests'
    and the benchmark's are, neither links nor overwrites them (a developer's make pdf once changed
    the pages the screenshot tests compare)."""
    assert pdf_cache_dir(ROOT / "build" / "docs") == ROOT / "build" / "pdf"
    assert pdf_cache_dir(tmp_path / "library" / "docs") == tmp_path / "library" / "pdf"


def test_a_printing_build_links_every_handout_before_printing(tmp_path):
    files = {"cases/x.md": b"<!-- kb:pdf cases/x -->", "print/cases/x/index.html": b"<p>never printed</p>"}
    assert attach_pdfs(files, tmp_path, printing=True) == 1
    assert "pdf/cases/x.pdf" in files["cases/x.md"].decode() and "pdf/cases/x.pdf" not in files


def test_print_view_hides_chrome_and_keeps_headings_with_text(page, site_url):
    page.goto(f"{site_url}/cases/{XINGSHAN}/")
    page.click("text=打印讲义")
    page.wait_for_url(f"**/print/cases/{XINGSHAN}/")
    assert page.locator(".md-header, .md-sidebar, .md-footer, .md-search").count() == 0
    page.emulate_media(media="print")
    styles = page.evaluate("""() => ({
        h2: getComputedStyle(document.querySelector('article h2')).breakAfter,
        table: getComputedStyle(document.querySelector('article table')).breakInside,
        font: getComputedStyle(document.body).fontFamily})""")
    assert styles["h2"] == "avoid" and styles["table"] == "avoid"
    assert "Noto Sans CJK SC" in styles["font"]


def test_projector_mode_is_large_and_does_not_overflow(browser, site_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{site_url}/cases/{XINGSHAN}/")
    page.click(".kb-projector-toggle")
    assert page.locator("body.kb-projector").count() == 1
    sizes = page.evaluate("""() => ({
        body: parseFloat(getComputedStyle(document.querySelector('article p')).fontSize),
        cell: Math.min(...[...document.querySelectorAll('article td')].map(td => parseFloat(getComputedStyle(td).fontSize))),
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tableOverflow: Math.max(...[...document.querySelectorAll('article table')].map(
            t => t.getBoundingClientRect().right - document.documentElement.clientWidth))})""")
    context.close()
    assert sizes["body"] >= 28 and sizes["cell"] >= 24
    assert sizes["pageOverflow"] <= 0 and sizes["tableOverflow"] <= 0


@pytest.mark.slow
def test_offline_bundle_searches_and_navigates_from_file_urls(page, offline_bundle):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    blocked: list[str] = []  # the Content-Security-Policy holds from file:// too
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto((offline_bundle / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("户联理事会")  # fill fires the input event the search listens to
    first = page.locator(".md-search-result__item a").first
    assert f"cases/{XINGSHAN}.html" in first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**/cases/{XINGSHAN}.html")
    assert "两会两评" in page.locator("h1").inner_text()
    page.locator(".md-nav--primary a", has_text="培训专题").first.click()
    page.wait_for_url("**/training/index.html")
    page.locator("article a", has_text="农村基层党组织如何联系服务群众").click()
    page.wait_for_url(f"**/training/{MODULE}.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("贴息贷款")
    assert f"cases/{WENGYUAN}.html" in page.locator(".md-search-result__item a").first.get_attribute("href")
    assert requested and all(url.startswith("file://") for url in requested)
    assert blocked == []


@pytest.mark.slow
def test_every_link_and_anchor_in_the_offline_bundle_resolves(offline_bundle):
    """Links written as raw HTML (maps, cards) must follow the bundle's *.html URL style too."""
    from quality.link_check import broken_links
    assert broken_links(offline_bundle) == []


@pytest.mark.slow
def test_every_offline_page_carries_the_content_security_policy(offline_bundle):
    pages = list(offline_bundle.rglob("*.html"))
    assert len(pages) > 40
    assert [p.name for p in pages if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")] == []
