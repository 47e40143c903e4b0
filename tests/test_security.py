"""No text in a case or module file can run script in a reader's browser.

Hostile copies of a seed case and of the seed module are generated from the
model's field tables (kb.model.case, kb.model.module), one copy per string field and
per string list item, nested ones included, so a field added to the model is
attacked without editing this file. Each payload tries to leave an
attribute, ``<title>``, ``<script>`` and an element at once.

Copies the validator refuses must be refused naming the file, the line and
the field. The accepted copies are built into one real site, and every built
page is opened in Chromium with the Content-Security-Policy bypassed, so that
the escaping alone is on trial (the CSP is the second line of defence, tested
below on its own).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from conftest import SEED_CASES, XINGSHAN
from kb.model.case import CASE_FIELDS, NESTED_FIELDS, FieldSpec
from kb.model.module import EXERCISE_FIELDS, MODULE_CASE_FIELDS, MODULE_FIELDS
from kb.model.note import BASIS_FIELDS, NOTE_FIELDS, PLAN_FIELDS, STEP_FIELDS
from sitebuild import ROOT, build_site, kb_command, serve

MARK = "kbxss"
SEED_MODULE = ROOT / "modules" / "rural-party-serving-the-people.yml"
MODULE_NESTED = {"cases": MODULE_CASE_FIELDS, "exercise": EXERCISE_FIELDS}
SEED_NOTE = ROOT / "teaching" / f"{XINGSHAN}.yml"
NOTE_NESTED = {"basis": BASIS_FIELDS, "plan": PLAN_FIELDS}
# A classroom use on every hostile case copy, so that each of its texts reaches the page (a fixture).
FIXTURE_USE = {"date": "2026-12-01", "audience": "测试用的虚构培训班", "minutes": 50,
               "module": "rural-party-serving-the-people", "worked": "测试用的虚构效果", "change": "测试用的虚构改进"}
CSP_META = 'meta http-equiv="Content-Security-Policy"'


def payload(tag: str) -> str:
    """Breaks out of a quoted attribute, <title> and <script>, then tries an
    element with an event handler and a script element."""
    return (f"\"'></title></script><script>alert('{MARK}-{tag}')</script>"
            f"<img src=x onerror=alert('{MARK}-{tag}')>{MARK}-{tag}")


def string_paths(specs: tuple[FieldSpec, ...], nested: dict[str, tuple[FieldSpec, ...]],
                 prefix: tuple = ()) -> list[tuple]:
    """Paths of every string a file of this model can hold: ``("title",)``,
    ``("practices", 0, "name")``, ``("tags", 0)``, ``("practices", 0, "also", 0)``."""
    paths: list[tuple] = []
    for spec in specs:
        path = (*prefix, spec.name)
        if spec.kind in ("string", "date"):
            paths.append(path)
        elif spec.kind == "mapping" and spec.name in nested:
            paths += string_paths(nested[spec.name], {"steps": STEP_FIELDS} if spec.name == "plan" else {}, path)
        elif spec.kind == "list" and spec.name in nested:
            paths += string_paths(nested[spec.name], {}, (*path, 0))
        elif spec.kind == "list":
            paths.append((*path, 0))
    return paths


def field_name(path: tuple) -> str:
    """``("practices", 0, "name")`` as the validator names it: ``practices[0].name``."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def set_path(data: dict, path: tuple, value: str) -> None:
    target = data
    for part, following in zip(path, path[1:]):
        if isinstance(part, int):
            while len(target) <= part:
                target.append("")
        elif not isinstance(target.get(part), (dict, list)):
            target[part] = [] if isinstance(following, int) else {}
        target = target[part]
    if isinstance(path[-1], int):
        while len(target) <= path[-1]:
            target.append("")
    target[path[-1]] = value


def get_path(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def split_case(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def dump(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)


def hostile_copies(meta: dict, paths: list[tuple], kind: str):
    """``(file name, field path, copy)``: one copy of ``meta`` per path, the payload at that path."""
    for number, path in enumerate(paths):
        name = f"fixture-hostile-{kind}-{number}"  # the file name; the id field is attacked too
        copy_meta = dict(copy.deepcopy(meta), id=name)
        set_path(copy_meta, path, payload(f"{kind}-{number}"))
        yield name, path, copy_meta


def hostile_cases(folder: Path) -> dict[str, str]:
    """One hostile copy of the 兴山 case per string path, plus one with a hostile
    body; returns file name → field name."""
    meta, body = split_case(SEED_CASES / f"{XINGSHAN}.md")
    meta.pop("serial")  # copies of one case cannot share its number (duplicate-number)
    meta["uses"] = [dict(FIXTURE_USE)]
    # a whole review, so that a payload in one of its sub-fields is all that is wrong (issue 28)
    meta["reviews"] = [{"stage": "核实", "by": "测试单位（虚构）", "date": "2026-12-07", "checked": ["原文核对"],
                        "fingerprint": "sha256:0"}]
    written = {}
    for case_id, path, copy_meta in hostile_copies(meta, string_paths(CASE_FIELDS, NESTED_FIELDS), "case"):
        copy_body = body
        if path[0] == "practices" and path[-1] == "name":  # the body's practice heading must match
            copy_body = body.replace(f"### {meta['practices'][0]['name']}", f"### {get_path(copy_meta, path)}", 1)
        (folder / f"{case_id}.md").write_text(f"---\n{dump(copy_meta)}---\n{copy_body}", encoding="utf-8")
        written[f"{case_id}.md"] = field_name(path)
    hostile_body = body.replace("## 背景\n", f"## 背景\n\n{payload('body')}\n\n[链接](javascript:alert('{MARK}-link'))\n", 1)
    meta_body = dict(meta, id="fixture-hostile-body")
    (folder / "fixture-hostile-body.md").write_text(f"---\n{dump(meta_body)}---\n{hostile_body}", encoding="utf-8")
    written["fixture-hostile-body.md"] = "正文"  # the validator names the body so
    return written


def hostile_modules(folder: Path) -> dict[str, str]:
    meta = yaml.safe_load(SEED_MODULE.read_text(encoding="utf-8"))
    written = {}
    for module_id, path, copy_meta in hostile_copies(meta, string_paths(MODULE_FIELDS, MODULE_NESTED), "module"):
        (folder / f"{module_id}.yml").write_text(dump(copy_meta), encoding="utf-8")
        written[f"{module_id}.yml"] = field_name(path)
    return written


def hostile_notes(folder: Path) -> dict[str, str]:
    """One hostile copy of the 兴山 teaching note per string path (shown only in the 教师版)."""
    meta = yaml.safe_load(SEED_NOTE.read_text(encoding="utf-8"))
    written = {}
    for number, path in enumerate(string_paths(NOTE_FIELDS, NOTE_NESTED)):
        copy_meta = copy.deepcopy(meta)
        set_path(copy_meta, path, payload(f"note-{number}"))
        name = f"{XINGSHAN}--hostile-note-{number}.yml"
        (folder / name).write_text(dump(copy_meta), encoding="utf-8")
        written[name] = field_name(path)
    return written


def kind_folder(name: str) -> str:
    """The library folder a hostile file belongs in."""
    return "cases" if name.endswith(".md") else "teaching" if "--hostile-note-" in name else "modules"


def problems_by_file(output: str) -> dict[str, list[tuple[int, str]]]:
    """``path:line: field: message`` lines of ``kb validate``, by file name (its warnings left out)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for line in output.splitlines():
        match = re.match(r"^(\S+?):(\d+): ([^:]+): ", line)
        if match and not line[match.end():].startswith("提醒："):  # a warning (修改后待复核) refuses nothing
            found.setdefault(Path(match[1]).name, []).append((int(match[2]), match[3]))
    return found


def line_of_payload(path: Path) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if MARK in line:
            return number
    raise AssertionError(f"no payload in {path}")


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory):
    """Every hostile copy, checked by the real validator; the accepted ones
    (with the seed cases their modules name) in a library of their own."""
    root = tmp_path_factory.mktemp("hostile")
    candidates, modules, notes = root / "all" / "cases", root / "all" / "modules", root / "all" / "teaching"
    candidates.mkdir(parents=True)
    modules.mkdir()
    notes.mkdir()
    for seed in SEED_CASES.glob("*.md"):
        shutil.copy(seed, candidates / seed.name)
    fields = {**hostile_cases(candidates), **hostile_modules(modules), **hostile_notes(notes)}
    result = kb_command("validate", "--cases", str(candidates))
    assert "Traceback" not in result.stdout + result.stderr
    problems = problems_by_file(result.stdout + result.stderr)
    accepted = root / "accepted"
    for folder in ("cases", "modules", "teaching"):
        (accepted / folder).mkdir(parents=True)
    for name in fields:
        if name not in problems:
            shutil.copy(root / "all" / kind_folder(name) / name, accepted / kind_folder(name) / name)
    for seed in SEED_CASES.glob("*.md"):
        shutil.copy(seed, accepted / "cases" / seed.name)
    return {"fields": fields, "problems": problems, "candidates": root / "all", "accepted": accepted}


def test_every_string_field_of_both_models_is_attacked(hostile_library):
    attacked = set(hostile_library["fields"].values())
    for expected in ("title", "summary", "region.county", "region.city", "practices[0].name",
                     "results[0].indicator", "source.url", "tags[0]", "lessons[0]", "正文",
                     "exercise.task", "cases[0].questions[0]", "objectives[0]", "audience",
                     "uses[0].audience", "uses[0].worked", "uses[0].change", "basis[0].point", "plan.steps[0].step",
                     "key_points[0]", "decision_question",
                     "source.rights", "source.rights_by", "reviews[0].by", "reviews[0].fingerprint"):
        assert expected in attacked
    assert len(hostile_library["fields"]) >= 40


def test_refused_copies_name_file_line_and_field(hostile_library):
    refused = {name: field for name, field in hostile_library["fields"].items() if name in hostile_library["problems"]}
    assert refused, "the validator refuses nothing: ids, provinces and categories are closed values"
    for name, field in refused.items():
        folder = hostile_library["candidates"] / kind_folder(name)
        expected_line = line_of_payload(folder / name)
        reported = hostile_library["problems"][name]
        assert any(line == expected_line and reported_field.startswith(field.split("[")[0])
                   for line, reported_field in reported), (name, field, expected_line, reported)


@pytest.fixture(scope="module")
def hostile_site(hostile_library, tmp_path_factory):
    accepted = hostile_library["accepted"]
    return build_site(tmp_path_factory.mktemp("hostile-site"), accepted / "cases")


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


@pytest.mark.slow
def test_accepted_copies_reach_the_site(hostile_library, hostile_site):
    accepted = [name for name in hostile_library["fields"] if name not in hostile_library["problems"]]
    assert len(accepted) >= 30
    for name in accepted:
        if name.endswith(".md"):
            assert (hostile_site / "cases" / name[:-3] / "index.html").is_file(), name
        elif kind_folder(name) == "teaching":
            continue  # only the 教师版 shows notes: test_the_teachers_edition_escapes_notes_and_uses
        else:
            assert (hostile_site / "training" / name[:-4] / "index.html").is_file(), name
    published = [path for path in hostile_site.rglob("*") if path.is_file()
                 and f"{MARK}-note-" in path.read_text(encoding="utf-8", errors="ignore")]
    assert published == []  # the public site carries no text of a teaching note, hostile or not


INJECTED = """mark => {
    const found = [];
    for (const script of document.querySelectorAll('script')) {
        if (script.type === 'application/ld+json') {  // a data block (JSON-LD): case text in it, never markup
            if (/[<>]/.test(script.textContent)) found.push('ld+json with markup: ' + script.textContent.slice(0, 120));
            try { JSON.parse(script.textContent); } catch (error) { found.push('ld+json not JSON: ' + error); }
            continue;
        }
        if (script.textContent.includes(mark) || (script.getAttribute('src') || '').includes(mark)) found.push(script.outerHTML.slice(0, 120));
    }
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            if (name.startsWith('on') && attribute.value.includes(mark)) found.push(element.outerHTML.slice(0, 120));
            if (['href', 'src', 'action', 'formaction'].includes(name) && /^\\s*javascript:/i.test(attribute.value)) found.push(element.outerHTML.slice(0, 120));
        }
        if (element.tagName === 'IMG' && element.getAttribute('src') === 'x') found.push(element.outerHTML.slice(0, 120));
    }
    if (document.querySelectorAll('head title').length !== 1) found.push('title element count ' + document.querySelectorAll('head title').length);
    return found;
}"""


def watch(page) -> list[str]:
    """Dialogs the page opened and console errors that carry the payload."""
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: events.append(f"console: {message.text}")
            if message.type == "error" and MARK in message.text else None)
    page.on("pageerror", lambda error: events.append(f"pageerror: {error}"))
    return events


@pytest.mark.slow
def test_no_built_page_runs_or_carries_the_payload(browser, hostile_site, hostile_url):
    pages = sorted(p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html"))
    assert len(pages) > 80
    context = browser.new_context(locale="zh-CN", bypass_csp=True)  # the escaping alone is on trial
    page = context.new_page()
    events = watch(page)
    carried = {}
    for path in pages:
        page.goto(f"{hostile_url}/{'' if path == '.' else path + '/'}", wait_until="load")
        found = page.evaluate(INJECTED, MARK)
        if found:
            carried[path] = found
        assert not path.startswith("cases/fixture-hostile") or MARK in page.content(), path
    context.close()
    assert events == [] and carried == {}, (events, carried)


@pytest.mark.slow
def test_search_results_do_not_run_the_payload(browser, hostile_url):
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    events = watch(page)
    page.goto(f"{hostile_url}/?q={quote(MARK)}")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 5
    assert page.evaluate(INJECTED, MARK) == []
    context.close()
    assert events == []


@pytest.mark.slow
def test_comparison_packet_and_tray_do_not_run_the_payload(browser, hostile_site, hostile_url):
    """The pages built in the browser from the cases' data files (/compare/, the tray's
    reading packet) and the tray's list of chosen titles show every hostile field as text."""
    ids = sorted(path.stem for path in (hostile_site / "compare" / "data").glob("fixture-hostile-*.js"))
    assert len(ids) >= 20
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    events = watch(page)
    shown, visited = [], 0
    for start in range(0, len(ids), 4):
        chosen = ",".join(ids[start:start + 4])
        for path, ready in ((f"/compare/?cases={chosen}", ".kb-compare__case"),
                            (f"/print/compare/packet/?cases={chosen}", ".kb-packet__case")):
            page.goto(hostile_url + path)
            page.wait_for_selector(ready)
            visited += 1
            assert page.evaluate(INJECTED, MARK) == [], path
            shown += [path] if MARK in page.locator("body").inner_text() else []
    assert len(shown) >= visited // 2, shown  # the payload is on the page, as text
    page.goto(f"{hostile_url}/cases/")
    toggles = page.locator(".kb-tray-toggle")
    for index in range(toggles.count()):
        if MARK in (toggles.nth(index).get_attribute("data-kb-title") or ""):
            toggles.nth(index).click()
            break
    page.locator(".kb-tray summary").click()
    assert MARK in page.locator("[data-kb-tray-list]").inner_text()
    assert page.evaluate(INJECTED, MARK) == []
    context.close()
    assert events == []


@pytest.fixture(scope="module")
def hostile_teacher_site(hostile_library, tmp_path_factory):
    """The 教师版 of the accepted copies, hostile notes included (make teacher's build, unzipped as built)."""
    from kb.site.offline import build_offline_site

    return build_offline_site(tmp_path_factory.mktemp("hostile-teacher"), hostile_library["accepted"] / "cases",
                              teacher=True, site_url="https://kb.example.org/")


@pytest.mark.slow
def test_the_teachers_edition_escapes_notes_and_uses(browser, hostile_library, hostile_teacher_site):
    accepted_notes = [name for name, field in hostile_library["fields"].items()
                      if kind_folder(name) == "teaching" and name not in hostile_library["problems"]]
    assert len(accepted_notes) >= 15
    case_page = hostile_teacher_site / "cases" / f"{XINGSHAN}.html"
    text = case_page.read_text(encoding="utf-8")
    shown = [name for name in accepted_notes if f"{MARK}-note-{name.rsplit('-', 1)[1][:-4]}" in text]
    assert len(shown) >= len(accepted_notes) - 2, set(accepted_notes) - set(shown)  # the case page shows the notes
    for path in hostile_teacher_site.rglob("*.html"):
        raw = path.read_text(encoding="utf-8")
        assert f"<script>alert('{MARK}" not in raw and "<img src=x" not in raw, path
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    events = watch(page)
    module = next((hostile_teacher_site / "training").glob("fixture-hostile-module-*.html")).relative_to(hostile_teacher_site)
    for relative in (f"cases/{XINGSHAN}.html", f"print/cases/{XINGSHAN}/index.html",
                     f"print/class-a/{XINGSHAN}/index.html", module.as_posix()):
        page.goto((hostile_teacher_site / relative).as_uri())
        assert page.evaluate(INJECTED, MARK) == [], relative
    hostile_case = next(p for p in (hostile_teacher_site / "cases").glob("fixture-hostile-case-*.html")
                        if f"{MARK}-case" in p.read_text(encoding="utf-8") and "测试用的虚构效果" in p.read_text(encoding="utf-8"))
    page.goto(hostile_case.as_uri())
    assert page.evaluate(INJECTED, MARK) == []
    context.close()
    assert events == []


@pytest.mark.slow
def test_open_data_holds_the_text_literally_and_no_formula(hostile_site):
    cases_json = (hostile_site / "data" / "cases.json").read_text(encoding="utf-8")
    assert payload("case-1").replace('"', '\\"') in cases_json  # JSON, read by scripts, never pasted into HTML
    for name in ("practices.csv", "figures.csv"):
        text = (hostile_site / "data" / name).read_text(encoding="utf-8-sig")
        assert not re.search(r'(^|,)"?[=+@-]', text, re.MULTILINE), name


@pytest.mark.slow
def test_every_page_carries_the_content_security_policy(hostile_site):
    missing = [str(p.relative_to(hostile_site)) for p in hostile_site.rglob("*.html") if CSP_META not in p.read_text(encoding="utf-8")]
    assert missing == []


@pytest.mark.slow
def test_the_policy_alone_stops_an_injected_script(browser, hostile_url):
    """With escaping as it is, nothing to stop; so inject markup as a broken
    escaper would, and check the policy blocks it."""
    page = browser.new_page()
    events = watch(page)
    page.goto(f"{hostile_url}/cases/{XINGSHAN}/")
    page.evaluate(f"""() => {{
        document.body.insertAdjacentHTML('beforeend', "<img src=x onerror=alert('{MARK}-csp')>");
        const script = document.createElement('script');
        script.textContent = "alert('{MARK}-csp-inline')";
        document.body.append(script);
        const link = document.createElement('a');
        link.href = "javascript:alert('{MARK}-csp-url')";
        document.body.append(link);
        link.click();
    }}""")
    page.wait_for_timeout(300)
    page.close()
    assert not any(event.startswith("dialog") for event in events), events


@pytest.mark.slow
def test_json_ld_holds_hostile_text_as_data(hostile_library, hostile_site):
    """The case page's JSON-LD block (issue 28) carries the hostile title as a JSON string, with
    nothing that could close the element or start markup."""
    name = next(name for name, field in hostile_library["fields"].items()
                if field == "title" and name not in hostile_library["problems"])
    html = (hostile_site / "cases" / name[:-3] / "index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["headline"] == payload(name[:-3].removeprefix("fixture-hostile-"))
