"""The trainer's edition (issue 27): teaching notes kept off the public site, the 教师版 bundle,
the class version (A)/(B), the record of classroom use, the stable number and citation, QR codes.

The central guarantee is checked by construction: every string of every teaching file
(``teaching/*.yml``) is looked for, as a page shows it, in every file of the public site and of
the public offline bundle (never found), and in the 教师版 bundle (always found, so the search
is known to be able to find it).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_SITE_URL, MODULE, SEED_CASES, WENGYUAN, XINGSHAN
from kb.check.library import check_library
from kb.check.placeholders import _strings
from kb.check.validate import validate_cases
from kb.model.note import DEFAULT_DECISION_QUESTION, REFERENCE_FIELDS
from kb.model.numbers import ledger, next_free_number, number_label
from kb.site.edition import edition, make_edition
from kb.site.render.case_page import render_case_page
from kb.model import vocab
from kb.site.render.safe_text import plain
from sitebuild import ROOT, kb_command

TEACHING = ROOT / "teaching"
NOTE_FILES = sorted(TEACHING.glob("*.yml"))


def note_strings() -> list[tuple[str, tuple, str]]:
    """(file, key path, text as a page shows it) of every string of every teaching file."""
    return [(name, key_path, text) for name, _, key_path, text in case_note_strings()]


def case_note_strings() -> list[tuple[str, str, tuple, str]]:
    """(file, the note's case, key path, text as a page shows it) of every string of every teaching file."""
    found = []
    for path in NOTE_FILES:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key_path, text in _strings(meta, ()):
            if key_path[0] not in REFERENCE_FIELDS:  # the case id a note belongs to is public
                found.append((path.name, meta["case"], key_path, plain(text)))
    return found


def site_texts(folder: Path) -> dict[str, str]:
    """Every file of a built site as text, HTML entities resolved; and again without its tags, so that
    a text a link splits (the glossary links a term's first use on a case page) is found whole."""
    texts = {}
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_text(encoding="utf-8", errors="ignore")
            texts[path.relative_to(folder).as_posix()] = html.unescape(raw) + "\n" + html.unescape(re.sub(r"<[^>]+>", "", raw))
    return texts


def test_the_xingshan_note_is_full_and_valid():
    check = check_library(SEED_CASES)
    assert check.note_problems == [] and check.notes_checked == len(NOTE_FILES) >= 1
    note = next(n for n in check.notes if n.case == XINGSHAN)
    assert note.author == "案例库编写组" and note.unit
    assert note.audience and note.objectives and note.questions and note.analysis and note.key_points
    assert note.board and note.reading
    assert sum(step.minutes for step in note.plan.steps) == note.plan.minutes
    assert any(b.title == "《中国共产党农村基层组织工作条例》" for b in note.basis)
    assert note.decision_question and note.decision_question != DEFAULT_DECISION_QUESTION


@pytest.mark.parametrize("where", ["site", "offline"])
def test_no_teaching_note_text_is_published(where, site_dir, offline_bundle):
    strings = note_strings()
    assert len(strings) >= 30  # the 兴山 note at least
    texts = site_texts(site_dir if where == "site" else offline_bundle)
    assert len(texts) > 50 and any(name.startswith("search/") for name in texts) and "data/cases.json" in texts
    leaks = [(note, key_path, name) for note, key_path, text in strings for name, body in texts.items() if text in body]
    assert leaks == []
    assert all("teaching_notes" not in body for name, body in texts.items() if name.startswith("data/"))


def test_the_teacher_bundle_has_every_note_string_on_case_and_module_pages(teacher_bundle):
    texts = site_texts(teacher_bundle)
    module_page = f"training/{MODULE}.html"
    missing = [(note, key_path) for note, case_id, key_path, text in case_note_strings()
               if not all(text in texts[page] for page in (f"cases/{case_id}.html", f"print/cases/{case_id}/index.html"))]
    assert missing == [] and len(NOTE_FILES) >= 1
    assert "教学说明（教师版" in texts[module_page]
    unmarked = [name for name, body in texts.items() if name.endswith(".html") and "教师版" not in body]
    assert unmarked == []


def test_class_version_a_stops_at_the_decision_point(site_dir, seed_case):
    a = (site_dir / "print" / "class-a" / XINGSHAN / "index.html").read_text(encoding="utf-8")
    body = html.unescape(a)
    assert "课堂版（A）" in body and plain(seed_case.background[0]) in body
    assert DEFAULT_DECISION_QUESTION in body  # the note's question is the 教师版's
    for hidden in (*seed_case.lessons, *(p.summary for p in seed_case.practices), *(r.indicator for r in seed_case.results)):
        assert plain(hidden) not in body, hidden
    b = html.unescape((site_dir / "print" / "class-b" / XINGSHAN / "index.html").read_text(encoding="utf-8"))
    assert all(plain(lesson) in b for lesson in seed_case.lessons)
    assert "县（单位）自述" in b and seed_case.results[0].indicator in b


def test_the_class_version_b_of_an_incomplete_case_says_what_the_source_lacks(site_dir):
    wengyuan = next(c for c in validate_cases(SEED_CASES)[0] if c.id == WENGYUAN)
    b = html.unescape((site_dir / "print" / "class-b" / WENGYUAN / "index.html").read_text(encoding="utf-8"))
    assert "来源缺少的内容" in b and plain(wengyuan.incomplete_note) in b and "这里不替原文补写" in b


def test_the_teacher_class_version_a_asks_the_notes_question(teacher_bundle):
    a = html.unescape((teacher_bundle / "print" / "class-a" / XINGSHAN / "index.html").read_text(encoding="utf-8"))
    note = yaml.safe_load((TEACHING / f"{XINGSHAN}.yml").read_text(encoding="utf-8"))
    assert plain(note["decision_question"]) in a and DEFAULT_DECISION_QUESTION not in a


def test_the_case_page_links_both_class_versions(site_dir):
    page = (site_dir / "cases" / XINGSHAN / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./print/class-a/' + XINGSHAN + r'/(index\.html)?"[^>]*>课堂版（A）<', page)
    assert re.search(r'href="\.\./\.\./print/class-b/' + XINGSHAN + r'/(index\.html)?"[^>]*>课堂版（B）<', page)


@pytest.fixture(scope="module")
def seed_case():
    return next(c for c in validate_cases(SEED_CASES)[0] if c.id == XINGSHAN)


USE = ("uses:\n  - date: 2026-12-01\n    audience: 测试用的虚构培训班\n    minutes: 50\n"
       "    worked: 测试用的虚构效果\n    change: 测试用的虚构改进\n")


def xingshan_with(tmp_path: Path, lines: str):
    """The 兴山 case as loaded from a copy of the seed cases with ``lines`` added to its front matter."""
    cases = tmp_path / "cases"
    shutil.copytree(SEED_CASES, cases)
    path = cases / f"{XINGSHAN}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntags:", "\n" + lines + "tags:", 1), encoding="utf-8")
    loaded, problems, _ = validate_cases(cases)
    assert problems == []
    return next(c for c in loaded if c.id == XINGSHAN)


def test_a_uses_entry_shows_on_the_case_page(tmp_path):
    case = xingshan_with(tmp_path, USE)
    with edition(make_edition(False, "")):
        public = render_case_page(case, vocab.categories())
    assert "## 使用记录" in public and "使用过 **1** 次" in public
    assert "2026-12-01" in public and "测试用的虚构培训班" in public and "50 分钟" in public
    assert "测试用的虚构效果" not in public and "测试用的虚构改进" not in public
    with edition(make_edition(True, "")):
        teacher = render_case_page(case, vocab.categories())
    assert "测试用的虚构效果" in teacher and "测试用的虚构改进" in teacher


def test_case_list_sorts_by_use(site_dir):
    page = (site_dir / "cases" / "index.html").read_text(encoding="utf-8")
    assert "使用次数" in page


def test_every_case_has_a_ledger_number_shown_with_a_citation(site_dir):
    issued = ledger()
    for case in validate_cases(SEED_CASES)[0]:
        assert case.serial and issued[case.serial] == case.id, case.id
        page = html.unescape((site_dir / "cases" / case.id / "index.html").read_text(encoding="utf-8"))
        assert number_label(case.serial) in page and "引用本案例" in page and "[EB/OL]" in page
        handout = html.unescape((site_dir / "print" / "cases" / case.id / "index.html").read_text(encoding="utf-8"))
        assert number_label(case.serial) in handout
    assert next_free_number(SEED_CASES) == max(issued) + 1
    data = (site_dir / "data" / "cases.json").read_text(encoding="utf-8")
    assert '"serial": 1' in data


QR_PAGES = [f"print/cases/{XINGSHAN}/index.html", f"print/class-a/{XINGSHAN}/index.html",
            f"print/class-b/{XINGSHAN}/index.html", f"print/modules/{MODULE}/index.html",
            f"print/packets/{MODULE}/index.html", f"cases/{XINGSHAN}.html", f"training/{MODULE}.html"]


@pytest.mark.parametrize("page", QR_PAGES)
def test_qr_codes_beside_the_public_address(page, teacher_bundle):
    text = (teacher_bundle / page).read_text(encoding="utf-8")
    match = re.search(r'<svg role="img" aria-label="([^"]*二维码[^"]*)"', text)
    assert match, page
    address = html.unescape(match[1]).split("：", 1)[1]
    assert address.startswith(FIXTURE_SITE_URL) and "/index.html" not in address and not address.endswith(".html")
    assert f'<span class="kb-qr__url">{address}</span>' in text
    assert "://" not in re.sub(r"(https://kb\.example\.org/\S*|http://www\.w3\.org/2000/svg)", "",
                               " ".join(re.findall(r'(?:src|href)="([^"]*)"', text)))


def test_without_site_url_the_page_says_so(site_dir):
    page = (site_dir / "print" / "class-a" / XINGSHAN / "index.html").read_text(encoding="utf-8")
    assert "<svg" not in page and "site_url" in page and "没有本页的二维码" in page


def test_the_citation_follows_gb_t_7714(teacher_bundle, seed_case):
    page = html.unescape((teacher_bundle / "cases" / f"{XINGSHAN}.html").read_text(encoding="utf-8"))
    citation = re.sub(r"<[^>]+>", "", re.search(r'<p class="kb-citation">(.*?)</p>', page, re.S)[1])
    assert citation == (f"基层党建创新案例库. {seed_case.title}：案例 {number_label(seed_case.serial)}[EB/OL]. "
                        f"({seed_case.added})[引用日期]. {FIXTURE_SITE_URL}cases/{XINGSHAN}/.")


def test_the_access_date_is_the_readers(page, site_url):
    page.goto(f"{site_url}/cases/{XINGSHAN}/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.locator("[data-kb-today]").text_content())


def test_make_new_note_scaffolds_and_never_overwrites(tmp_path):
    cases = tmp_path / "cases"
    shutil.copytree(SEED_CASES, cases)
    first = kb_command("new-note", "--case", XINGSHAN, "--cases", str(cases))
    second = kb_command("new-note", "--case", XINGSHAN, "--cases", str(cases))
    assert first.returncode == second.returncode == 0
    assert sorted(p.name for p in (tmp_path / "teaching").iterdir()) == [f"{XINGSHAN}--2.yml", f"{XINGSHAN}.yml"]
    result = kb_command("validate", "--cases", str(cases))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert re.search(rf"teaching/{XINGSHAN}\.yml:\d+: author: .*【待填写】", result.stdout)
    unknown = kb_command("new-note", "--case", "no-such-case", "--cases", str(cases))
    assert unknown.returncode == 1 and "没有编号为“no-such-case”的案例" in unknown.stderr


def test_feedback_form_page(site_dir):
    page = (site_dir / "submit" / "feedback" / "index.html").read_text(encoding="utf-8")
    assert 'data-kb-part="uses"' in page and 'name="uses[0].audience"' in page and "kb-feedback-case" in page
    assert "submit-form.js" in page


def test_the_feedback_form_writes_an_entry_the_validator_accepts(page, site_url, tmp_path):
    page.goto(f"{site_url}/submit/feedback/?case={XINGSHAN}")
    page.wait_for_selector("#kb-submit[data-ready]")
    assert page.locator("#kb-feedback-case").input_value() == XINGSHAN
    page.fill('[name="uses[0].audience"]', "测试用的虚构培训班")
    page.fill('[name="uses[0].minutes"]', "五十")
    page.locator('[name="uses[0].minutes"]').blur()
    page.click("#kb-submit-download")
    assert "问题" in page.locator("#kb-submit-status").inner_text()
    assert "汉字数字" in page.locator("#kb-submit-problems").inner_text()
    page.fill('[name="uses[0].minutes"]', "50")
    page.fill('[name="uses[0].change"]', "测试用的虚构改进")
    with page.expect_download() as download:
        page.click("#kb-submit-download")
    assert download.value.suggested_filename == f"{XINGSHAN}-uses.yml"
    use = xingshan_with(tmp_path, page.locator("#kb-submit-preview").input_value()).uses[0]
    assert (use.audience, use.minutes, use.change) == ("测试用的虚构培训班", 50, "测试用的虚构改进")


@pytest.mark.slow
def test_a_public_build_after_a_teacher_build_in_the_same_process_publishes_no_note(tmp_path):
    """The edition is state of one render (kb.site.edition), never of the process: a 教师版 built
    first in a process (make serve's, a benchmark's, this one) leaves nothing for the public build
    after it to publish."""
    from kb.site.build import build_site
    from quality.fixture_sites import copy_library

    cases = copy_library(tmp_path / "library")
    teacher_site, public_site = tmp_path / "teacher-site", tmp_path / "public-site"
    build_site(cases, teacher_site, tmp_path / "teacher-docs", teacher=True, search=False)
    build_site(cases, public_site, tmp_path / "public-docs", search=False)
    teacher, public = site_texts(teacher_site), site_texts(public_site)
    strings = note_strings()
    assert all(any(text in body for body in teacher.values()) for _, _, text in strings)  # the search can find them
    assert [(note, key_path) for note, key_path, text in strings if any(text in body for body in public.values())] == []
    from kb.site.config import project_config
    from kb.site.edition import teacher_site_name

    marked = teacher_site_name(project_config()["site_name"])
    assert marked in teacher["index.html"] and marked not in public["index.html"]
