"""The trainer's workbench: the comparison tray, /compare/, reading packets and the home page,
on the real built site in headless Chromium (online and from the unzipped offline bundle)."""

import json
import re
import unicodedata
from io import BytesIO

import pypdf
import pytest
from playwright.sync_api import expect

from conftest import LIBRARY_CASE_IDS, MODULE, SEED_CASES, WENGYUAN, XINGSHAN
from kb.model import vocab
from kb.check.validate import validate_cases
from kb.site.pdf import handout_keys
from kb.site.render.compare import render_compare_data
from kb.site.render.handout import render_case_handout
from kb.site.render.print_page import render_print_fragment
from kb.site.urls import url_style
from quality.vnu import html_errors


TRAY_COUNT = "[data-kb-tray-count]"
RESULT_ITEM = "li.md-search-result__item"
PAIR = f"{XINGSHAN},{WENGYUAN}"


def record_errors(page) -> list[str]:
    """Script errors of the page (uncaught exceptions and console errors other than a missing file)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text else None)
    return errors


def tray_ids(page) -> list[str]:
    return [item["id"] for item in json.loads(page.evaluate("localStorage.getItem('kb-compare-tray') || '[]'"))]


# --- the data behind the comparison (no browser) ------------------------------------------------

@pytest.fixture(scope="module")
def seed_cases():
    cases, problems, _ = validate_cases(SEED_CASES)
    assert problems == []
    return {case.id: case for case in cases}


def data_record(script: str) -> dict:
    prefix = "window.kbCaseData=window.kbCaseData||{};window.kbCaseData["
    assert script.startswith(prefix) and script.endswith(";\n")
    key, _, record = script[len(prefix):-2].partition("]=")
    return {"key": json.loads(key), **json.loads(record)}


def test_compare_data_is_one_assignment_of_plain_text_and_the_handouts_html(seed_cases):
    record = data_record(render_compare_data(seed_cases[WENGYUAN], vocab.categories()))
    assert record["key"] == WENGYUAN and record["url"] == f"cases/{WENGYUAN}/"
    assert record["status"] == "incomplete"
    assert [r["figure"] for r in record["results"]][2:4] == ["50多万元", "3000多万元"]
    assert {r["evidence_label"] for r in record["results"]} == {"县（单位）自述"}
    # the reading packet's parts: the printed handout's HTML, notice, figures and evidence legend included
    case = seed_cases[WENGYUAN]
    assert record["handout"] == render_print_fragment(render_case_handout(case, level=2, questions=()))
    assert "成效的其余部分和启示部分缺失" in record["handout"] and "“县（单位）自述”指" in record["handout"]
    assert record["questions_html"].count("<li>") == len(case.discussion_questions)
    with url_style(directory_urls=False):
        offline = data_record(render_compare_data(seed_cases[WENGYUAN], vocab.categories()))
    assert offline["url"] == f"cases/{WENGYUAN}.html"


def test_the_tray_packet_is_not_printed_by_make_pdf(site_dir):
    keys = handout_keys(site_dir.parent / "docs")
    assert f"packets/{MODULE}" in keys and "compare/packet" not in keys
    assert (site_dir / "print" / "compare" / "packet" / "index.html").is_file()


# --- choosing cases: the tray ---------------------------------------------------------------------

def test_tray_collects_from_case_page_case_list_and_search_results(page, site_url):
    errors = record_errors(page)
    page.goto(f"{site_url}/cases/{XINGSHAN}/")
    assert page.locator(TRAY_COUNT).inner_text() == "0"
    page.locator(f".kb-handout-bar .kb-tray-toggle[data-kb-case={XINGSHAN}]").click()
    assert page.locator(TRAY_COUNT).inner_text() == "1"
    expect(page.locator("[data-kb-tray-status]")).to_contain_text("已加入对照")  # announced to screen readers
    page.goto(f"{site_url}/cases/")
    assert page.locator(f".kb-tray-toggle[data-kb-case={XINGSHAN}]").inner_text() == "移出对照"  # kept across pages
    page.locator(f".kb-tray-toggle[data-kb-case={WENGYUAN}]").click()
    assert tray_ids(page) == [XINGSHAN, WENGYUAN]
    page.goto(f"{site_url}/?q=户联理事会")
    page.wait_for_selector(f"{RESULT_ITEM} .kb-tray-toggle", timeout=15000)
    toggle = page.locator(f"{RESULT_ITEM} .kb-tray-toggle[data-kb-case={XINGSHAN}]")
    assert toggle.inner_text() == "移出对照"
    toggle.click()  # taken out from the search results ...
    assert tray_ids(page) == [WENGYUAN] and page.locator(TRAY_COUNT).inner_text() == "1"
    toggle.click()  # ... and put back
    assert tray_ids(page) == [WENGYUAN, XINGSHAN]
    assert errors == []


def test_tray_works_by_keyboard_and_links_a_shareable_comparison(page, site_url):
    page.goto(f"{site_url}/cases/{WENGYUAN}/")
    page.evaluate(f"localStorage.setItem('kb-compare-tray', JSON.stringify([{{id: '{XINGSHAN}', title: '兴山'}}, "
                  f"{{id: '{WENGYUAN}', title: '翁源'}}]))")
    page.reload()
    summary = page.locator(".kb-tray summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".kb-tray details").evaluate("d => d.open")
    items = page.locator("[data-kb-tray-list] li")
    assert items.count() == 2 and page.get_by_role("button", name="移出对照：兴山").is_visible()
    compare = page.locator("[data-kb-tray-compare]")
    assert compare.get_attribute("href").endswith(f"compare/?cases={PAIR}")
    page.keyboard.press("Escape")
    assert not page.locator(".kb-tray details").evaluate("d => d.open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    summary.press("Enter")
    page.get_by_role("button", name="移出对照：兴山").press("Enter")
    assert tray_ids(page) == [WENGYUAN] and page.locator(TRAY_COUNT).inner_text() == "1"


def test_a_full_tray_says_so_and_adds_nothing(page, site_url):
    page.goto(f"{site_url}/cases/{XINGSHAN}/")
    full = [{"id": f"fixture-case-{n}", "title": f"测试夹具{n}"} for n in range(4)]
    page.evaluate("items => localStorage.setItem('kb-compare-tray', JSON.stringify(items))", full)
    page.reload()
    assert page.locator(TRAY_COUNT).inner_text() == "4"
    page.locator(f".kb-handout-bar .kb-tray-toggle[data-kb-case={XINGSHAN}]").click()
    expect(page.locator("[data-kb-tray-status]")).to_contain_text("最多 4 个")
    assert tray_ids(page) == [item["id"] for item in full]


# --- evidence labels: the figures table's filter ------------------------------------------------

@pytest.mark.slow
def test_figures_table_filters_by_evidence_label(page, site_url):
    """The search fixtures' figures name no evidence (未注明), the seed cases' are self-reported:
    two labels to filter by."""
    page.goto(f"{site_url}/figures/")
    choice = page.get_by_label("只看出处：")
    assert choice.locator("option").all_inner_texts() == ["全部（22）", "未注明（4）", "县（单位）自述（18）"]
    rows = page.locator(".kb-sortable tbody tr")
    choice.select_option("未注明")
    visible = rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())")
    assert sorted(visible) == ["夹具丁县", "夹具丙县", "夹具乙区", "夹具甲县"]
    assert page.locator(".kb-table-filter__status").inner_text() == "显示 4 项，共 22 项"
    choice.select_option("")
    assert rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == 22
    counts = page.locator("h2#evidence ~ * table").first.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [r.cells[0].textContent, r.cells[2].textContent, r.cells[3].textContent])")
    assert ["县（单位）自述", "18", "2"] in counts and ["未注明", "4", "4"] in counts


# --- the comparison -------------------------------------------------------------------------------

def test_comparison_lines_up_practices_by_category(page, site_url):
    errors = record_errors(page)
    page.goto(f"{site_url}/compare/?cases={PAIR}")
    page.wait_for_selector(".kb-compare__table")
    columns = page.locator(".kb-compare__table thead th.kb-compare__case")
    assert [columns.nth(i).locator("a").inner_text() for i in range(2)] == [
        "推广农村党建“两会两评”模式", "培育农村党员创业“领头雁”"]
    rows = page.locator(".kb-compare__table tbody tr")
    names = rows.evaluate_all("rows => rows.map(r => r.dataset.kbRow)")
    assert names[:4] == ["region", "model", "status", "background"] and names[-3:] == ["results", "lessons", "questions"]
    practice_rows = [name for name in names if name.startswith("practice-")]
    order = list(vocab.categories())
    assert practice_rows == sorted(practice_rows, key=lambda name: order.index(name[len("practice-"):]))
    for index in range(rows.count()):
        row = rows.nth(index)
        cells = row.locator("td")
        assert cells.count() == 2
        tops = cells.evaluate_all("cells => cells.map(c => Math.round(c.getBoundingClientRect().top))")
        assert len(set(tops)) == 1, (names[index], tops)  # the same aspect on one line across the cases
    # 兴山 alone has service practices, 翁源 alone entrepreneurship ones: the other column says so
    service = page.locator("tr[data-kb-row=practice-service] td")
    assert "关怀理事会" in service.nth(0).inner_text() and service.nth(1).inner_text() == "无此类做法"
    business = page.locator("tr[data-kb-row=practice-entrepreneurship] td")
    assert business.nth(0).inner_text() == "无此类做法" and "选准帮扶对象" in business.nth(1).inner_text()
    # figures with their evidence label; the incomplete source says so in its column
    assert "50多万元" in page.locator("tr[data-kb-row=results] td").nth(1).inner_text()
    assert page.locator("tr[data-kb-row=results] .kb-compare__evidence", has_text="县（单位）自述").count() == 18
    assert "原文不完整" in page.locator("tr[data-kb-row=status] td").nth(1).inner_text()
    assert "缺少这一部分" in page.locator("tr[data-kb-row=lessons] td").nth(1).inner_text()
    assert errors == []


def test_unknown_ids_are_listed_as_not_found_without_script_errors(page, site_url):
    errors = record_errors(page)
    page.goto(f"{site_url}/compare/?cases={XINGSHAN},no-such-case,../../etc/passwd,<b>x</b>,{XINGSHAN}")
    page.wait_for_selector(".kb-compare__missing")
    missing = page.locator(".kb-compare__missing li").all_inner_texts()
    assert missing == ["no-such-case：未找到", "../../etc/passwd：未找到", "<b>x</b>：未找到"]
    assert page.locator(".kb-compare__missing b").count() == 0  # shown as text
    assert page.locator(".kb-compare__case").count() == 1  # the repeated id is shown once
    assert "再选一个案例" in page.locator("article").inner_text()
    assert errors == []


def test_comparison_without_ids_shows_the_tray_and_puts_it_in_the_address(page, site_url):
    page.goto(f"{site_url}/compare/")
    assert "还没有选择案例" in page.locator(".kb-compare").inner_text()
    page.evaluate(f"localStorage.setItem('kb-compare-tray', JSON.stringify([{{id: '{WENGYUAN}', title: '翁源'}}, "
                  f"{{id: '{XINGSHAN}', title: '兴山'}}]))")
    page.reload()
    page.wait_for_selector(".kb-compare__table")
    assert page.url.endswith(f"/compare/?cases={WENGYUAN},{XINGSHAN}")
    page.get_by_role("button", name="从对照中移出：培育农村党员创业“领头雁”").click()
    expect(page.locator(".kb-compare__case")).to_have_count(1)
    assert page.url.endswith(f"/compare/?cases={XINGSHAN}") and tray_ids(page) == [XINGSHAN]


def test_comparison_fits_a_phone_with_sticky_row_labels(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/compare/?cases={PAIR}")
        page.wait_for_selector(".kb-compare__table")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        table = page.locator(".kb-compare__table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= 375
        label = page.locator("tr[data-kb-row=background] th")
        assert label.evaluate("th => getComputedStyle(th).position") == "sticky"
        # scrolled into its row, the label stays in view under the header while the cells pass
        page.locator("tr[data-kb-row=background] td").nth(1).scroll_into_view_if_needed()
        page.mouse.wheel(0, 200)
        top = label.evaluate("th => th.getBoundingClientRect().top")
        assert 0 <= top <= 100, top
        cell = page.locator("tr[data-kb-row=background] td").nth(0)
        assert cell.evaluate("td => getComputedStyle(td, '::before').content").startswith('"兴山县')
        page.locator(".kb-tray summary").click()  # the tray's panel opens inside the screen too
        panel = page.locator(".kb-tray__panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 375, panel
    finally:
        context.close()


def test_comparison_prints_on_landscape_a4(page, site_url):
    page.goto(f"{site_url}/compare/?cases={PAIR}")
    page.wait_for_selector(".kb-compare__table")
    page.emulate_media(media="print")
    assert page.locator(".kb-tray").evaluate("e => getComputedStyle(e).display") == "none"
    pdf = pypdf.PdfReader(BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {(842, 595)}  # A4 landscape: 297 × 210 mm
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf.pages))  # ⽆ → 无
    assert "无此类做法" in text and "县(单位)自述" in text


def test_rendered_comparison_and_packet_are_valid_html(page, site_url, tmp_path):
    """vnu on the pages as the script leaves them, not only on the shells the build writes."""
    pages = {"fixture-compare.html": (f"/compare/?cases={PAIR},no-such-case", ".kb-compare__table"),
             "fixture-packet.html": (f"/print/compare/packet/?cases={PAIR}", ".kb-packet__questions")}
    for name, (path, selector) in pages.items():
        page.goto(site_url + path)
        page.wait_for_selector(selector)
        (tmp_path / name).write_text(page.content(), encoding="utf-8")
    errors = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in html_errors(sorted(tmp_path.glob("*.html")))]
    assert errors == []


# --- reading packets ------------------------------------------------------------------------------

def test_tray_packet_has_cover_contents_handouts_and_questions(page, site_url):
    errors = record_errors(page)
    page.goto(f"{site_url}/compare/?cases={PAIR}")
    page.locator(".kb-compare__actions a", has_text="生成阅读材料").click()
    page.wait_for_selector(".kb-packet__questions")
    assert page.url.endswith(f"print/compare/packet/index.html?cases={PAIR}")
    cover = page.locator(".kb-packet__cover")
    assert cover.locator("h1").inner_text() == "案例阅读材料"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", cover.locator("input[name=date]").input_value())
    trainer = cover.locator("input[name=trainer]")
    trainer.fill("张老师")  # the trainer's name is typed in before printing
    assert trainer.input_value() == "张老师"
    contents = page.locator(".kb-packet__contents a").all_inner_texts()
    assert contents == ["案例一：推广农村党建“两会两评”模式", "案例二：培育农村党员创业“领头雁”", "讨论题"]
    for anchor in ("case-1", "case-2", "questions"):
        assert page.locator(f"#{anchor}").count() == 1
    second = page.locator(".kb-packet__case").nth(1)
    assert "原文不完整" in second.locator(".admonition").inner_text()
    assert second.locator("td", has_text="50多万元").count() == 1
    assert second.locator("td", has_text="县（单位）自述").count() == 8
    questions = page.locator(".kb-packet__questions")
    assert questions.locator("ol").count() == 2 and "讲授时请如实说明" not in page.content()
    page.emulate_media(media="print")
    breaks = page.locator(".kb-packet__case").evaluate_all("cs => cs.map(c => getComputedStyle(c).breakBefore)")
    assert breaks == ["page", "page"]
    assert errors == []


def test_module_page_links_its_reading_packet(page, site_url):
    page.goto(f"{site_url}/training/{MODULE}/")
    page.locator(".kb-handout-bar a", has_text="阅读材料").click()
    page.wait_for_url(f"**/print/packets/{MODULE}/")
    assert page.locator(".kb-packet__cover input[name=trainer]").count() == 1
    assert page.locator(".kb-packet h2").all_inner_texts()[:3] == [
        "目录", "案例一：推广农村党建“两会两评”模式", "案例二：培育农村党员创业“领头雁”"]
    assert "讲授时请如实说明" not in page.content()


# --- the home page --------------------------------------------------------------------------------

def test_home_page_leads_with_search_and_has_one_search_input(page, site_url):
    page.goto(site_url + "/")
    visible_inputs = page.evaluate("""() => [...document.querySelectorAll('input')]
        .filter(i => !['checkbox', 'radio', 'hidden'].includes(i.type))
        .filter(i => { const r = i.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
                       getComputedStyle(i).visibility !== 'hidden'; }).length""")
    assert visible_inputs <= 1
    article = page.locator("article")
    first = article.locator("h1 ~ *").first
    assert first.locator("[data-kb-open-search]").count() == 1  # search first, right under the title
    first.locator("[data-kb-open-search]").click()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    text = article.inner_text()
    for heading in ("按做法分类", "按地区", "最新收录", "培训专题", "我要投稿"):
        assert heading in text
    assert page.locator(".kb-home-categories a.kb-chip", has_text="联系服务群众").inner_text().endswith("2")
    assert page.locator(".kb-home-map svg a").count() == 34
    cards = page.locator(".kb-home-cards li")
    assert cards.count() == min(len(LIBRARY_CASE_IDS), 6) and cards.nth(0).locator("a.kb-chip").count() >= 1
    assert page.locator(f'article a[href$="training/{MODULE}/"]').count() == 1
    assert page.locator('article a.md-button[href$="contributing/"]', has_text="我要投稿").count() == 1


# --- the offline bundle (file://) ---------------------------------------------------------------

@pytest.mark.slow
def test_comparison_works_from_the_unzipped_offline_bundle(page, offline_bundle):  # noqa: F811
    errors = record_errors(page)
    page.goto((offline_bundle / "cases" / f"{XINGSHAN}.html").as_uri())
    page.locator(f".kb-tray-toggle[data-kb-case={XINGSHAN}]").click()
    page.goto((offline_bundle / "cases" / "index.html").as_uri())
    page.locator(f".kb-tray-toggle[data-kb-case={WENGYUAN}]").click()
    page.locator(".kb-tray summary").click()
    page.locator("[data-kb-tray-compare]").click()
    page.wait_for_selector(".kb-compare__table")
    assert page.url.startswith("file://") and page.url.endswith(f"compare/index.html?cases={PAIR}")
    assert page.locator(".kb-compare__table tbody tr").count() >= 10
    assert page.locator("tr[data-kb-row=practice-service] td").nth(1).inner_text() == "无此类做法"
    link = page.locator(".kb-compare__case a").first.get_attribute("href")
    assert link.startswith("file://") and link.endswith(f"cases/{XINGSHAN}.html")
    page.goto((offline_bundle / "index.html").as_uri())  # the offline search's results get the toggle too
    page.locator("input.md-search__input").fill("贴息贷款")
    result = page.locator(f"li.md-search-result__item .kb-tray-toggle[data-kb-case={WENGYUAN}]")
    assert result.inner_text() == "移出对照"
    page.goto((offline_bundle / "compare" / "index.html").as_uri() + f"?cases={XINGSHAN},no-such-case")
    page.wait_for_selector(".kb-compare__missing")
    assert page.locator(".kb-compare__missing li").all_inner_texts() == ["no-such-case：未找到"]
    page.goto((offline_bundle / "print" / "compare" / "packet" / "index.html").as_uri() + f"?cases={PAIR}")
    page.wait_for_selector(".kb-packet__questions")
    assert page.locator(".kb-packet__case").count() == 2
    assert errors == []
