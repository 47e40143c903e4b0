"""The 投稿 form (/submit/) in real Chromium: bad input gets the validator's own words next to the
field and no download; it works from the offline bundle's file:// pages; the draft survives a
reload. The downloaded file's way into cases/ and through `make validate` and `make build`, with a
page that shows every value, is tests/test_build_gate.py's (one build with the library's other
test cases). The case typed here is a test fixture (测试虚构), written only into temporary folders."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from kb.check.load import load_case_file
from kb.check.validate import validate_cases
from kb.model.case import NESTED_FIELDS, FieldSpec
from kb.site.render.submit_page import render_submit_page

FIXTURE = {
    "title": "测试虚构案例：村级事务“三议一评”",
    "model": "三议一评",
    "region.province": "湖北省",
    "region.county": "兴山县",
    "summary": "这是测试用的虚构案例：某村用“三议一评”办理村级事务，群众参与议事和评议。",
    "background[0]": "测试虚构背景：村级事务由少数人决定，群众意见大。",
    "practices[0].name": "先议后办",
    "practices[0].category": "governance",
    "practices[0].summary": "村级重大事务先由党员和群众代表商议，再交村民会议决定。",
    "practices[1].name": "办后评议",
    "practices[1].category": "evaluation",
    "practices[1].summary": "事务办完后由群众代表打分评议，结果公开。",
    "results[0].indicator": "议事会议",
    "results[0].value": "36",
    "results[0].unit": "次",
    "results[1].indicator": "节约资金",
    "results[1].value": "50多万元",
    "results[1].unit": "万元",
    "results[2].indicator": "群众满意率",
    "results[2].value": "96.5",
    "results[2].unit": "%",
    "lessons[0]": "测试虚构启示：让群众参与决策和评议，村务才能得到信任。",
    "source.title": "测试虚构来源：某县组织部材料",
    "source.rights": "自行撰写",
    "body.background": "测试虚构原文：过去村里的事情由少数人说了算。",
    "body.practices": "### 先议后办\n\n测试虚构原文：大事先商量。\n\n### 办后评议\n\n测试虚构原文：办完请群众打分。",
    "body.results": "测试虚构原文：全年召开议事会议36次，节约资金50多万元，群众满意率96.5%。",
    "body.lessons": "测试虚构原文：群众参与是关键。",
}
SELECTS = {"region.province", "practices[0].category", "practices[1].category", "source.rights"}


def open_form(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#kb-submit[data-ready]")


def add_rows(page, list_name: str, count: int) -> None:
    for _ in range(count - page.locator(f'[data-list="{list_name}"] [data-item]').count()):
        page.locator(f'[data-list="{list_name}"] > [data-add]').click()


# What Playwright's fill and select_option do to a field (its value set, then input and change, as a
# reader's typing and leaving the field fire them), for every field in one call instead of one round
# trip and actionability wait each: the form judges the same events. That a reader can see and reach
# every field is the control check's (tests/test_screens.py); here a hidden, disabled or read-only
# field, or a choice the list does not offer, fails as fill would.
FILL = """values => { for (const [name, value] of Object.entries(values)) {
    const field = document.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!field || !field.getClientRects().length || field.disabled || field.readOnly)
        throw new Error(`${name}: no field a reader can fill`);
    field.focus();
    field.value = value;
    if (field.value !== value) throw new Error(`${name}: ${JSON.stringify(value)} is not a choice`);
    field.dispatchEvent(new Event('input', {bubbles: true}));
    field.dispatchEvent(new Event('change', {bubbles: true}));
} }"""


def fill_form(page, values: dict[str, str]) -> None:
    add_rows(page, "practices", 2)
    add_rows(page, "results", 3)
    page.evaluate(FILL, values)


HOSTILE = {
    "body.practices": "### 先议后办\n\n<script>alert(1)</script>",
    "body.results": '成效<span onerror="alert(1)">文字</span>',
    "body.lessons": "[点我](javascript:alert(1))",
    "results[0].value": "九十二",
    "results[2].value": "大约一半",
    "summary": "【待填写】",
    "source.title": "",
}
# The field next to which each of the validator's problems must show.
EXPECTED_FIELD = {"unsafe-html-tag": "body.practices", "unsafe-html-attribute": "body.results",
                  "unsafe-url": "body.lessons", "number-in-chinese": "results[0].value", "wrong-type": "results[2].value",
                  "unfilled-placeholder": "summary", "missing-field": "source.title"}


def test_bad_input_shows_the_validators_words_next_to_the_field_and_refuses_download(page, site_url, tmp_path):
    open_form(page, site_url + "/submit/")
    fill_form(page, {**FIXTURE, **HOSTILE})
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.locator("#kb-submit-download").click()
    assert "改好后才能下载" in page.locator("#kb-submit-status").inner_text()

    # What `make validate` says about the same file (the preview is the file the form would write).
    case_id = page.input_value('[name="id"]')
    (tmp_path / f"{case_id}.md").write_text(page.input_value("#kb-submit-preview"), encoding="utf-8")
    _, problems, _ = validate_cases(tmp_path)
    assert sorted({p.code for p in problems}) == sorted(EXPECTED_FIELD)
    for problem in problems:
        shown = page.locator(f'[data-error-for="{EXPECTED_FIELD[problem.code]}"]')
        assert shown.is_visible(), problem.format()
        assert f"{problem.message}（{problem.hint}）" in shown.inner_text(), problem.format()
    form_codes = page.locator("#kb-submit-problems li").all_inner_texts()
    assert len(form_codes) == len({(p.code, p.message) for p in problems})

    # a category that is not in the vocabulary (a tampered choice) is refused in the same words
    page.evaluate("""() => { const select = document.querySelector('[name="practices[1].category"]');
        select.add(new Option('zzz', 'zzz')); select.value = 'zzz';
        select.dispatchEvent(new Event('change', {bubbles: true})); }""")
    (tmp_path / f"{case_id}.md").write_text(page.input_value("#kb-submit-preview"), encoding="utf-8")
    _, problems, _ = validate_cases(tmp_path)
    (unknown,) = [p for p in problems if p.code == "unknown-category"]
    assert f"{unknown.message}（{unknown.hint}）" in page.locator('[data-error-for="practices[1].category"]').inner_text()
    page.locator("#kb-submit-download").click()
    assert downloads == []


def test_draft_survives_a_reload_and_clear_removes_it(page, site_url):
    open_form(page, site_url + "/submit/")
    fill_form(page, FIXTURE)
    page.locator('[name="id"]').fill("hubei-xingshan-ceshi")  # an edited id is kept as typed
    page.reload()
    page.wait_for_selector("#kb-submit[data-ready]")
    assert page.locator('[data-list="results"] [data-item]').count() == 3
    for name, value in FIXTURE.items():
        assert page.input_value(f'[name="{name}"]') == value, name
    assert page.input_value('[name="id"]') == "hubei-xingshan-ceshi"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#kb-submit-clear").click()
    page.reload()
    page.wait_for_selector("#kb-submit[data-ready]")
    assert page.input_value('[name="title"]') == "" and page.input_value('[name="id"]') == ""
    assert page.locator('[data-list="results"] [data-item]').count() == 1


def test_form_works_from_the_offline_bundle(page, offline_bundle, tmp_path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((offline_bundle / "index.html").as_uri())
    page.locator(".md-nav--primary a[href$=\"submit/index.html\"]").first.click()
    page.wait_for_url("**/submit/index.html")
    page.wait_for_selector("#kb-submit[data-ready]")
    page.locator("#kb-submit-download").click()
    assert "缺少必填字段 title" in page.locator('[data-error-for="title"]').inner_text()
    fill_form(page, FIXTURE)
    with page.expect_download() as download_info:
        page.locator("#kb-submit-download").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    _, problems, checked = validate_cases(tmp_path)
    assert checked == 1 and problems == []
    assert requested and all(url.startswith("file://") for url in requested)


INPUT_NAMES = ["title", "model", "region.province", "region.county", "summary", "background[0]",
               "practices[0].name", "practices[0].category", "practices[0].summary", "results[0].indicator",
               "results[0].value", "results[0].unit", "lessons[0]", "source.title",
               "body.background", "body.practices", "body.results", "body.lessons"]


def test_every_input_is_named_by_the_frontmatter_path_it_fills():
    names = set(re.findall(r' name="([^"]+)"', render_submit_page()))
    assert [name for name in INPUT_NAMES if name not in names] == []


def test_a_field_added_to_the_model_appears_in_the_form(monkeypatch):
    added = FieldSpec("evidence", "string", False, "证据：这个数字出自原文哪一句（测试用字段）")
    monkeypatch.setitem(NESTED_FIELDS, "results", (*NESTED_FIELDS["results"], added))
    page = render_submit_page()
    assert 'name="results[0].evidence"' in page and "证据：这个数字出自原文哪一句（测试用字段）" in page


def test_github_button_only_with_an_edit_base(monkeypatch):
    from kb.site.render.edit_link import EDIT_BASE_ENV, new_file_url
    from kb.site.render.submit_page import render_submit_data

    monkeypatch.delenv(EDIT_BASE_ENV, raising=False)
    assert new_file_url() is None and "kb-submit-github" not in render_submit_page()
    monkeypatch.setenv(EDIT_BASE_ENV, "https://github.com/owner/repo/edit/main/")
    assert new_file_url() == "https://github.com/owner/repo/new/main/cases"
    assert "在 GitHub 上提交" in render_submit_page()
    assert '"newFileUrl":"https://github.com/owner/repo/new/main/cases"' in render_submit_data()


# Text that YAML would read as something else if written carelessly: keys, comments, anchors,
# tags, flow collections, booleans, dates, numbers, escapes, a full-width colon after a field
# name (which the validator's typing checks look for), and characters PyYAML refuses unescaped.
TRICKY = ['title: 冒号后有空格', '- 像列表的一项', '# 像注释', '&锚点 *别名 !标签', '{a: b} [x, y]', 'yes', 'null', '~',
          '2026-01-01', '0x10', '1e3', '引号"和\'反斜杠\\', 'summary：中文冒号', 'tab\t在中间', 'C1\u0085控制\u0080符',
          '行分隔\u2028符', '表情😀', '<script>alert(1)</script>', '%YAML 1.2', '@at `反引号`', '| 竖线 > 大于号']


def test_any_text_round_trips_through_the_case_file(page, site_url, tmp_path):
    """Each tricky text, typed into the form, comes back from the file as the loader reads it."""
    open_form(page, site_url + "/submit/")
    fill_form(page, FIXTURE)
    add_rows(page, "background", len(TRICKY))
    typed = {f"background[{i}]": text for i, text in enumerate(TRICKY)}
    typed.update({"title": TRICKY[0], "summary": TRICKY[12], "practices[0].name": TRICKY[2],
                  "source.title": TRICKY[3], "results[0].indicator": TRICKY[5], "lessons[0]": TRICKY[13]})
    for name, text in typed.items():
        page.locator(f'[name="{name}"]').fill(text)
    with page.expect_download() as download_info:
        page.locator("#kb-submit-download").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    _, problems, _ = validate_cases(tmp_path)
    assert problems == []
    meta = load_case_file(path).meta
    assert meta["background"] == TRICKY
    assert (meta["title"], meta["summary"], meta["practices"][0]["name"], meta["source"]["title"],
            meta["results"][0]["indicator"], meta["lessons"][0]) == tuple(typed[k] for k in (
                "title", "summary", "practices[0].name", "source.title", "results[0].indicator", "lessons[0]"))


def test_github_button_opens_the_new_file_page_prefilled(page, site_url, monkeypatch):
    """The site built with KB_EDIT_URL_BASE, as the publishing workflow builds it: the page and its
    data as the renderer writes them then, served in place of the shared site's."""
    from kb.site.render.edit_link import EDIT_BASE_ENV
    from kb.site.render.submit_page import render_submit_data

    monkeypatch.setenv(EDIT_BASE_ENV, "https://github.com/owner/repo/edit/main/")
    link = re.search(r'<a class="md-button" id="kb-submit-github".*?</a>', render_submit_page()).group(0)
    data = render_submit_data()

    def with_link(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            '<button type="button" class="md-button" id="kb-submit-clear">', link + '<button type="button" class="md-button" id="kb-submit-clear">'))

    page.route("**/submit/", with_link)
    page.route("**/assets/submit-data.js", lambda route: route.fulfill(body=data, content_type="text/javascript"))
    page.context.route("https://github.com/**", lambda route: route.abort())
    open_form(page, site_url + "/submit/")
    fill_form(page, {**FIXTURE, "body.results": "测试虚构原文：成效。"})
    with page.expect_popup():
        page.locator("#kb-submit-github").click()
    address = urlsplit(page.locator("#kb-submit-github").get_attribute("href"))
    query = parse_qs(address.query)
    assert f"{address.scheme}://{address.netloc}{address.path}" == "https://github.com/owner/repo/new/main/cases"
    assert query["filename"] == [page.input_value('[name="id"]') + ".md"]
    assert query["value"] == [page.input_value("#kb-submit-preview")]


def test_removing_an_item_renumbers_the_rest(page, site_url):
    open_form(page, site_url + "/submit/")
    add_rows(page, "background", 3)
    for index, text in enumerate(["第一条背景", "第二条背景", "第三条背景"]):
        page.locator(f'[name="background[{index}]"]').fill(text)
    page.locator('[data-list="background"] [data-item]').nth(1).locator("[data-remove]").click()
    rows = page.locator('[data-list="background"] [data-item]')
    assert rows.count() == 2
    assert [page.input_value(f'[name="background[{i}]"]') for i in range(2)] == ["第一条背景", "第三条背景"]
    assert "第 2 条" in rows.nth(1).locator("label").inner_text()
    assert rows.nth(1).locator("input").get_attribute("id") == "f-background-1"
    assert '- "第一条背景"\n  - "第三条背景"\n' in page.input_value("#kb-submit-preview")
    rows.nth(0).locator("[data-remove]").click()
    assert rows.count() == 1 and rows.nth(0).locator("[data-remove]").is_hidden()  # the last one stays


MARKUP = ["<script>x</script>", "<IFRAME src='https://example.org'></iframe>", "<style>p {}</style>",
          '<a href="JaVaScRiPt:alert(1)">点</a>', "[点我](javascript:alert(1))", "![图](data:image/png;base64,AAAA)",
          '<span onclick="x()">字</span>', "<b onmouseover=alert(1)>粗</b>", "`<script>` 只是代码里的文字",
          "onerror=1 只是文字", "[链接](https://example.org/a_(b))"]


def test_body_markup_is_judged_as_the_validator_judges_it(page, site_url, tmp_path):
    open_form(page, site_url + "/submit/")
    fill_form(page, {**FIXTURE, "body.results": "\n\n".join(MARKUP)})
    page.locator("#kb-submit-download").click()
    case_id = page.input_value('[name="id"]')
    (tmp_path / f"{case_id}.md").write_text(page.input_value("#kb-submit-preview"), encoding="utf-8")
    _, problems, _ = validate_cases(tmp_path)
    expected = {f"{p.message}（{p.hint}）" for p in problems}
    shown = page.locator('[data-error-for="body.results"] .kb-field__message').all_inner_texts()
    assert sorted(shown) == sorted(expected)
    # code spans and plain words are text, for the validator and the form alike
    harmless = "\n\n".join(MARKUP[-3:])
    page.locator('[name="body.results"]').fill(harmless)
    (tmp_path / f"{case_id}.md").write_text(page.input_value("#kb-submit-preview"), encoding="utf-8")
    assert validate_cases(tmp_path)[1] == []
    assert page.locator('[data-error-for="body.results"]').is_hidden()


def test_rights_are_asked_for_and_judged_as_the_validator_judges_them(page, site_url, tmp_path):
    """source.rights is a choice of the three kinds; a complete case needs it, an authorisation
    needs who gave it and when (issue 28). The form and make validate say the same."""
    open_form(page, site_url + "/submit/")
    options = page.locator('[name="source.rights"] option').all_inner_texts()
    assert [o.split("：")[0] for o in options[1:]] == ["公开发布", "单位授权", "自行撰写"]
    assert page.locator('[name="reviews[0].stage"]').count() == 0  # reviews come from make review, not the form
    for rights, code in (("", "missing-rights"), ("单位授权", "missing-rights-grant")):
        fill_form(page, {**FIXTURE, "source.rights": rights})
        page.locator("#kb-submit-download").click()
        shown = page.locator('[data-error-for="source.rights"]')
        assert shown.is_visible()
        case_id = page.input_value('[name="id"]')
        (tmp_path / f"{case_id}.md").write_text(page.input_value("#kb-submit-preview"), encoding="utf-8")
        _, problems, _ = validate_cases(tmp_path)
        assert [p.code for p in problems] == [code]
        assert problems[0].message in shown.inner_text()
