"""No text in a case, module or teaching-note file can run script in a reader's browser.

Candidates. Hostile copies of a seed case, of the seed module and of the seed teaching note are
generated from the models' field tables (kb.model.case, kb.model.module, kb.model.note), one copy
per string field and per string list item, nested ones included, so a field added to a model is
attacked without editing this file; one more case copy has a hostile body. Each payload tries to
leave an attribute, ``<title>``, ``<script>`` and an element at once, and carries a tag naming its
path (``kbxss-case-12``); failure messages name the field of every tag they show
(``case-12 = results[0].indicator``). Every candidate is checked by the real validator: the copies
it refuses must be refused naming the file, the line and the field.

The combined library. The accepted payloads are not built one copy each (a site of sixty near-equal
cases): they are put together into a few combined files (``fixture-hostile-cases-0.md``,
``fixture-hostile-modules-0.yml``, ``<case>--hostile-notes-0.yml``), beside the seed cases. A
combination must lose nothing, and the test shows it: the validator must accept every combined file
(a group it refuses is split in two), every accepted path's tag is in exactly one of them, and each
payload must show, in the pages generated for both editions (public and 教师版), on every page its
single-path copy shows it (pages compared by kind: the copy's own, another case's or module's, or a
page of the whole library). One field's hostile value can hide another's (a result's ``as_stated``
replaces its value and unit), so a payload a combination hides moves to a further group until none
is hidden. The single-path copies are generated for this comparison only, never built or opened.

The site. The combined library is built into one real site. The build must generate each accepted
payload on every page (by kind) where its single-path copy's library shows it, each generated page's
payloads must reach its built page, and every built page is opened in Chromium with the
Content-Security-Policy bypassed, so that the escaping alone is on trial (the CSP is the second line
of defence, tested below on its own); so are the search results, the comparison and reading packet
the browser builds from the cases' data files, and the tray. The 教师版 of the same library is built
too, with the same two checks of its generated and built pages: none of its page files holds the
payload's markup, and every page of it that shows what only the 教师版 shows (the notes, a use's 效果 and
改进) is opened.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from conftest import SEED_CASES, XINGSHAN
from kb.model.case import CASE_FIELDS, NESTED_FIELDS, FieldSpec
from kb.model.module import EXERCISE_FIELDS, MODULE_CASE_FIELDS, MODULE_FIELDS
from kb.model.note import BASIS_FIELDS, NOTE_FIELDS, PLAN_FIELDS, STEP_FIELDS
from kb.site.generate import generate
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
KINDS = {"case": "cases", "module": "modules", "note": "teaching"}  # the library folder of each kind of file
TEACHER_SITE_URL = "https://kb.example.org/"
# generate()'s settings for the two editions, as their builds below use them (the 教师版 is built offline)
EDITIONS = {"public": {}, "teacher": {"teacher": True, "directory_urls": False, "site_url": TEACHER_SITE_URL}}
TAG = re.compile(rf"{MARK}-((?:case|module|note)-\d+|body)")  # the tag of a payload (payload())


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


@dataclass(frozen=True)
class Hostile:
    """One hostile candidate: the payload tagged ``tag`` at ``path`` of the seed file of ``kind``
    (``path`` None: in the case body)."""

    kind: str  # case, module or note
    tag: str  # case-12, module-3, note-5, body
    path: tuple | None

    @property
    def field(self) -> str:
        return "正文" if self.path is None else field_name(self.path)  # the validator names the body so

    @property
    def name(self) -> str:
        """The file name of its own copy, ``fixture-hostile-case-12.md``."""
        return file_name(self.kind, self.tag)


def candidates() -> list[Hostile]:
    """One per string path of each model, and the case body: ``case-N`` is the N-th string path of a case."""
    found = [Hostile("case", f"case-{n}", path) for n, path in enumerate(string_paths(CASE_FIELDS, NESTED_FIELDS))]
    found.append(Hostile("case", "body", None))
    found += [Hostile("module", f"module-{n}", path)
              for n, path in enumerate(string_paths(MODULE_FIELDS, MODULE_NESTED))]
    found += [Hostile("note", f"note-{n}", path) for n, path in enumerate(string_paths(NOTE_FIELDS, NOTE_NESTED))]
    return found


FIELDS = {hostile.tag: hostile.field for hostile in candidates()}


def named(found) -> str:
    """``found`` (events, elements, page names) followed by the field of every payload tag it shows."""
    text = str(found)
    return text + "".join(f"\n{MARK}-{tag} = {FIELDS[tag]}" for tag in sorted(set(TAG.findall(text))) if tag in FIELDS)


def file_name(kind: str, label: str) -> str:
    """The file holding hostile text labelled ``label`` (``case-12``: one path's copy; ``cases-0``: a combined file).
    A note file is named for the 兴山 case it belongs to."""
    if kind == "note":
        return f"{XINGSHAN}--hostile-{label}.yml"
    return f"fixture-hostile-{label}.{'md' if kind == 'case' else 'yml'}"


def seed_case() -> tuple[dict, str]:
    meta, body = split_case(SEED_CASES / f"{XINGSHAN}.md")
    meta.pop("serial")  # copies of one case cannot share its number (duplicate-number)
    meta["uses"] = [dict(FIXTURE_USE)]
    # a whole review, so that a payload in one of its sub-fields is all that is wrong (issue 28)
    meta["reviews"] = [{"stage": "核实", "by": "测试单位（虚构）", "date": "2026-12-07", "checked": ["原文核对"],
                        "fingerprint": "sha256:0"}]
    return meta, body


def hostile_file(kind: str, label: str, hostile: list[Hostile]) -> str:
    """A copy of the seed file of ``kind`` named for ``label`` (its id, the id field is attacked too)
    with the payload of each of ``hostile``."""
    if kind == "case":
        meta, body = seed_case()
    else:
        meta, body = yaml.safe_load((SEED_MODULE if kind == "module" else SEED_NOTE).read_text(encoding="utf-8")), None
    if kind != "note":
        meta["id"] = file_name(kind, label).rsplit(".", 1)[0]
    for item in hostile:
        if item.path is None:
            body = body.replace("## 背景\n", f"## 背景\n\n{payload(item.tag)}\n\n"
                                f"[链接](javascript:alert('{MARK}-link'))\n", 1)
            continue
        if item.path[0] == "practices" and item.path[-1] == "name":  # the body's practice heading must match
            body = body.replace(f"### {get_path(meta, item.path)}", f"### {payload(item.tag)}", 1)
        set_path(meta, item.path, payload(item.tag))
    return dump(meta) if body is None else f"---\n{dump(meta)}---\n{body}"


def write_library(folder: Path, files: dict[str, tuple[str, list[Hostile]]]) -> Path:
    """The seed cases and the hostile files ``{label: (kind, payloads)}`` in a library; its cases folder."""
    for kind_folder in KINDS.values():
        (folder / kind_folder).mkdir(parents=True)
    for seed in SEED_CASES.glob("*.md"):
        shutil.copy(seed, folder / "cases" / seed.name)
    for label, (kind, hostile) in files.items():
        (folder / KINDS[kind] / file_name(kind, label)).write_text(hostile_file(kind, label, hostile), encoding="utf-8")
    return folder / "cases"


def problems_by_file(output: str) -> dict[str, list[tuple[int, str]]]:
    """``path:line: field: message`` lines of ``kb validate``, by file name (its warnings left out)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for line in output.splitlines():
        match = re.match(r"^(\S+?):(\d+): ([^:]+): ", line)
        if match and not line[match.end():].startswith("提醒："):  # a warning (修改后待复核) refuses nothing
            found.setdefault(Path(match[1]).name, []).append((int(match[2]), match[3]))
    return found


def refused(cases: Path) -> dict[str, list[tuple[int, str]]]:
    """What the real validator (``kb validate``) refuses in the library of ``cases``, by file name."""
    result = kb_command("validate", "--cases", str(cases))
    assert "Traceback" not in result.stdout + result.stderr
    return problems_by_file(result.stdout + result.stderr)


def line_of_payload(path: Path) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if MARK in line:
            return number
    raise AssertionError(f"no payload in {path}")


def tags_in(path: Path) -> set[str]:
    return set(TAG.findall(path.read_text(encoding="utf-8", errors="ignore")))


def payloads_shown(cases: Path, out: Path, own: dict[str, str]) -> dict[str, set[str]]:
    """Where each payload shows in the files :func:`generate` writes for both editions of the library
    of ``cases`` (:func:`generated_pages`)."""
    shown: dict[str, set[str]] = defaultdict(set)
    for edition, settings in EDITIONS.items():
        generate(cases, out / edition / "docs", **settings)
        for tag, pages in generated_pages(out / edition, cases, own, edition).items():
            shown[tag] |= pages
    return shown


def generated_pages(folder: Path, cases: Path, own: dict[str, str], edition: str) -> dict[str, set[str]]:
    """Where each payload shows in the files generated into ``folder`` (its ``docs`` and the search source
    beside it) for the library of ``cases``: ``{tag: {"public:docs/cases/<own>.md", …}}``. Pages are named
    by kind: a case's or module's id is ``<own>`` for the payloads of its file (``own``: tag → that id)
    and ``<other>`` for the rest."""
    ids = sorted((path.stem for kind in ("cases", "modules") for path in (cases.parent / kind).iterdir()),
                 key=len, reverse=True)
    an_id = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, ids))})(?![\w-])")
    shown: dict[str, set[str]] = defaultdict(set)
    for path in [*(folder / "docs").rglob("*"), folder / "docs.search-source.json"]:
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            for tag in tags_in(path):
                page = an_id.sub(lambda match: "<own>" if match[0] == own.get(tag) else "<other>", relative)
                shown[tag].add(f"{edition}:{page}")
    return shown


def next_groups(groups: list[list[Hostile]], hidden: set[str]) -> list[list[Hostile]]:
    """Each hidden payload moves on to the next group (a new one after the last); the first of a group
    whose payloads are all hidden stays, so no group empties and every round moves one on."""
    result: list[list[Hostile]] = [[] for _ in range(len(groups) + 1)]
    for number, group in enumerate(groups):
        stays = [item for item in group if item.tag not in hidden] or group[:1]
        for item in group:
            result[number + (item not in stays)].append(item)
    return [group for group in result if group]


def combine(accepted: list[Hostile], reference: dict[str, set[str]], root: Path) -> dict:
    """The accepted payloads in as few combined files as the validator accepts and in which no payload
    shows on fewer pages than its own copy (``reference``): one file of each kind, split or regrouped as
    needed. Returns the library's cases folder, its files ``{file name: payloads}``, where each payload
    shows, each payload's file (``own``) and what the validator refused in the library (nothing)."""
    groups = {kind: [[item for item in accepted if item.kind == kind]] for kind in KINDS}
    groups = {kind: kind_groups for kind, kind_groups in groups.items() if kind_groups[0]}
    for attempt in range(2 * len(accepted) + 2):  # every round splits a group or moves a payload on
        files = {f"{kind}s-{number}": (kind, group)
                 for kind, kind_groups in groups.items() for number, group in enumerate(kind_groups)}
        cases = write_library(root / f"combined-{attempt}", files)
        problems = refused(cases)
        split = {label for label, (kind, _) in files.items() if file_name(kind, label) in problems}
        for label in split:
            assert len(files[label][1]) > 1, ("accepted in its own copy, refused alone in a combined file",
                                              files[label][1], problems)
        if split:  # a combination the validator refuses (a cross-field rule) is split in two
            groups = {kind: [half for label, (file_kind, group) in files.items() if file_kind == kind
                             for half in ((group[:len(group) // 2], group[len(group) // 2:]) if label in split
                                          else (group,))]
                      for kind in groups}
            continue
        own = {item.tag: file_name(kind, label).rsplit(".", 1)[0] for label, (kind, group) in files.items()
               for item in group}
        shown = payloads_shown(cases, root / f"combined-{attempt}-pages", own)
        hidden = {item.tag for item in accepted if not reference[item.tag] <= shown[item.tag]}
        alone = [group[0].field for group in (group for kind_groups in groups.values() for group in kind_groups)
                 if len(group) == 1 and group[0].tag in hidden]
        assert not alone, ("shown on fewer pages in a combined file of its own than in its own copy", alone)
        if not hidden:
            return {"cases": cases, "problems": problems, "shown": shown, "own": own,
                    "files": {file_name(kind, label): group for label, (kind, group) in files.items()}}
        groups = {kind: next_groups(kind_groups, hidden) for kind, kind_groups in groups.items()}
    raise AssertionError(("no combination found", groups))


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory):
    """Every hostile candidate, one copy each beside the seed cases, checked by the real validator."""
    root = tmp_path_factory.mktemp("hostile")
    found = candidates()
    cases = write_library(root / "candidates", {item.tag: (item.kind, [item]) for item in found})
    problems = refused(cases)
    return {"candidates": found, "problems": problems, "folder": cases.parent,
            "accepted": [item for item in found if item.name not in problems]}


@pytest.fixture(scope="module")
def combined_library(hostile_library, tmp_path_factory):
    """The accepted payloads combined (:func:`combine`), and where each shows in its own copy's library."""
    root = tmp_path_factory.mktemp("combined")
    accepted = hostile_library["accepted"]
    single = write_library(root / "single", {item.tag: (item.kind, [item]) for item in accepted})
    reference = payloads_shown(single, root / "single-pages", {item.tag: item.name.rsplit(".", 1)[0] for item in accepted})
    return {**combine(accepted, reference, root), "reference": reference}


def test_every_string_field_of_both_models_is_attacked(hostile_library):
    attacked = {item.field for item in hostile_library["candidates"]}
    for expected in ("title", "summary", "region.county", "region.city", "practices[0].name",
                     "results[0].indicator", "source.url", "tags[0]", "lessons[0]", "正文",
                     "exercise.task", "cases[0].questions[0]", "objectives[0]", "audience",
                     "uses[0].audience", "uses[0].worked", "uses[0].change", "basis[0].point", "plan.steps[0].step",
                     "key_points[0]", "decision_question",
                     "source.rights", "source.rights_by", "reviews[0].by", "reviews[0].fingerprint"):
        assert expected in attacked
    assert len(hostile_library["candidates"]) >= 40


def test_refused_copies_name_file_line_and_field(hostile_library):
    refused_copies = [item for item in hostile_library["candidates"] if item.name in hostile_library["problems"]]
    assert refused_copies, "the validator refuses nothing: ids, provinces and categories are closed values"
    for item in refused_copies:
        expected_line = line_of_payload(hostile_library["folder"] / KINDS[item.kind] / item.name)
        reported = hostile_library["problems"][item.name]
        assert any(line == expected_line and reported_field.startswith(item.field.split("[")[0])
                   for line, reported_field in reported), (item.name, item.field, expected_line, reported)


@pytest.mark.slow
def test_the_combined_files_hold_every_accepted_payload_and_hide_none(hostile_library, combined_library):
    accepted = hostile_library["accepted"]
    assert len(accepted) >= 30
    held = sorted(item.tag for group in combined_library["files"].values() for item in group)
    assert held == sorted(item.tag for item in accepted)  # each accepted path in one combined file, none left out
    for name, group in combined_library["files"].items():
        text_tags = tags_in(combined_library["cases"].parent / KINDS[group[0].kind] / name)
        assert text_tags == {item.tag for item in group}, name
    assert combined_library["problems"] == {}  # the validator accepts every combined file
    reference, shown = combined_library["reference"], combined_library["shown"]
    for item in accepted:
        assert reference[item.tag], item.field  # each accepted payload reaches a page of its own copy's library
        assert reference[item.tag] <= shown[item.tag], (item.field, reference[item.tag] - shown[item.tag])


@pytest.fixture(scope="module")
def hostile_site(combined_library, tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("hostile-site"), combined_library["cases"])


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


def pages_lost_in_the_build(combined: dict, accepted: list[Hostile], build: Path, edition: str) -> dict[str, set[str]]:
    """For each accepted payload, the pages (by kind) of ``edition`` that show it in its own copy's
    library but not among the pages the build in ``build`` generated."""
    built = generated_pages(build, combined["cases"], combined["own"], edition)
    lost = {item.field: {page for page in combined["reference"][item.tag] if page.startswith(f"{edition}:")}
            - built[item.tag] for item in accepted}
    return {field: pages for field, pages in lost.items() if pages}


def built_file(generated: str, directory_urls: bool = True) -> str:
    """The file MkDocs writes for ``generated``, a file of its docs folder (a page ``x.md``, or copied as it is)."""
    if not generated.endswith(".md"):
        return generated
    page = generated[:-3]
    if page == "index" or page.endswith("/index"):
        return f"{page}.html"
    return f"{page}/index.html" if directory_urls else f"{page}.html"


def payloads_reach_the_built_pages(site: Path, directory_urls: bool = True) -> dict[str, set[str]]:
    """The payloads of each generated file (the build's docs folder, beside ``site``) that its built file lacks."""
    docs = site.parent / "docs"
    lost = {}
    for path in docs.rglob("*"):
        generated = path.relative_to(docs).as_posix()
        if path.is_file() and (tags := tags_in(path)):
            built = site / built_file(generated, directory_urls)
            missing = tags - (tags_in(built) if built.is_file() else set())
            if missing:
                lost[generated] = missing
    return lost


@pytest.mark.slow
def test_accepted_copies_reach_the_site(hostile_library, combined_library, hostile_site):
    """Every combined file has its pages; the build generated each accepted payload on every page (by kind)
    of the public edition where its own copy's library shows it, and each generated page's payloads are
    on its built page."""
    for name, group in combined_library["files"].items():
        if group[0].kind == "case":
            for page in ("cases/{}", "print/cases/{}", "print/class-a/{}", "print/class-b/{}"):
                assert (hostile_site / page.format(name[:-3]) / "index.html").is_file(), (page, name)
        elif group[0].kind == "module":
            assert (hostile_site / "training" / name[:-4] / "index.html").is_file(), name
    assert pages_lost_in_the_build(combined_library, hostile_library["accepted"], hostile_site.parent, "public") == {}
    lost = payloads_reach_the_built_pages(hostile_site)
    assert lost == {}, named(lost)
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
def test_no_built_page_runs_or_carries_the_payload(browser, combined_library, hostile_site, hostile_url):
    pages = sorted(p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html"))
    carrying = {p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html") if tags_in(p)}
    assert carrying and carrying <= {f"{'' if path == '.' else path + '/'}index.html" for path in pages}
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
    assert events == [] and carried == {}, named((events, carried))


def search_records(site: Path) -> list[dict]:
    """The search index's page records (kb.search.index writes each as ``kbSearchData(key, record);``, ``d<N>.js``)."""
    records = []
    for path in (site / "search").rglob("d*.js"):
        match = re.fullmatch(r'kbSearchData\(("[^"]*"),(.*)\);\s*', path.read_text(encoding="utf-8"), re.S)
        records.append(json.loads(match[2]))
    return records


@pytest.mark.slow
def test_search_results_do_not_run_the_payload(browser, hostile_site, hostile_url):
    """A search for the payloads lists the hostile cases, and their results show as text every payload
    of the parts a result shows whole (title, region, model, status, review; kb-search.js resultItem)."""
    whole = [TAG.findall(" ".join(record.get(key, "") for key in "trmsv")) for record in search_records(hostile_site)]
    expected = {tag for tags in whole for tag in tags}
    assert len(expected) >= 4, expected
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    events = watch(page)
    page.goto(f"{hostile_url}/?q={quote(MARK)}")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= sum(1 for tags in whole if tags)
    shown = set(TAG.findall(page.locator(".md-search-result__list").inner_text()))
    assert expected <= shown, named(expected - shown)
    found = page.evaluate(INJECTED, MARK)
    assert found == [], named(found)
    context.close()
    assert events == [], named(events)


@pytest.mark.slow
def test_comparison_packet_and_tray_do_not_run_the_payload(browser, combined_library, hostile_site, hostile_url):
    """The pages built in the browser from the cases' data files (/compare/, the tray's
    reading packet) and the tray's list of chosen titles show every hostile field as text."""
    ids = sorted(path.stem for path in (hostile_site / "compare" / "data").glob("fixture-hostile-*.js"))
    assert ids == sorted(name[:-3] for name, group in combined_library["files"].items() if group[0].kind == "case")
    in_data = set().union(*(tags_in(hostile_site / "compare" / "data" / f"{case_id}.js") for case_id in ids))
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    events = watch(page)
    shown = set()
    for start in range(0, len(ids), 4):
        chosen = ",".join(ids[start:start + 4])
        for path, ready in ((f"/compare/?cases={chosen}", ".kb-compare__case"),
                            (f"/print/compare/packet/?cases={chosen}", ".kb-packet__case")):
            page.goto(hostile_url + path)
            page.wait_for_selector(ready)
            found = page.evaluate(INJECTED, MARK)
            assert found == [], named((path, found))
            text = page.locator("body").inner_text()
            assert MARK in text, path  # the payload is on the page, as text
            shown |= set(TAG.findall(text))
    assert in_data <= shown, named(in_data - shown)  # each payload of the data files is shown, as text
    page.goto(f"{hostile_url}/cases/")
    toggles = page.locator(".kb-tray-toggle")
    for index in range(toggles.count()):
        if MARK in (toggles.nth(index).get_attribute("data-kb-title") or ""):
            toggles.nth(index).click()
            break
    page.locator(".kb-tray summary").click()
    assert MARK in page.locator("[data-kb-tray-list]").inner_text()
    found = page.evaluate(INJECTED, MARK)
    assert found == [], named(found)
    context.close()
    assert events == [], named(events)


@pytest.fixture(scope="module")
def hostile_teacher_site(combined_library, tmp_path_factory):
    """The 教师版 of the combined library, hostile notes included (make teacher's build, unzipped as built)."""
    from kb.site.offline import build_offline_site

    return build_offline_site(tmp_path_factory.mktemp("hostile-teacher"), combined_library["cases"],
                              teacher=True, site_url=TEACHER_SITE_URL)


@pytest.mark.slow
def test_the_teachers_edition_escapes_notes_and_uses(browser, hostile_library, combined_library, hostile_teacher_site):
    accepted_notes = [item.tag for item in hostile_library["accepted"] if item.kind == "note"]
    assert len(accepted_notes) >= 15
    case_page = hostile_teacher_site / "cases" / f"{XINGSHAN}.html"
    shown = tags_in(case_page) & set(accepted_notes)
    assert len(shown) >= len(accepted_notes) - 2, named(set(accepted_notes) - shown)  # the case page shows the notes
    assert pages_lost_in_the_build(combined_library, hostile_library["accepted"], hostile_teacher_site.parent,
                                   "teacher") == {}
    lost = payloads_reach_the_built_pages(hostile_teacher_site, directory_urls=False)
    assert lost == {}, named(lost)
    teacher_only = set()  # the payloads only the 教师版 shows: notes, and uses' 效果 and 改进
    for tag, pages in combined_library["shown"].items():
        if not any(where.startswith("public:") for where in pages):
            teacher_only.add(tag)
    raw_markup = {}  # the payload's markup left as markup in a page's file
    for path in hostile_teacher_site.rglob("*.html"):
        raw = path.read_text(encoding="utf-8")
        if f"<script>alert('{MARK}" in raw or "<img src=x" in raw:
            raw_markup[path.relative_to(hostile_teacher_site).as_posix()] = re.findall(
                rf"<script>alert\('{MARK}-[\w-]+'\)|<img src=x onerror=alert\('{MARK}-[\w-]+'\)", raw)
    assert raw_markup == {}, named(raw_markup)
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    events = watch(page)
    opened = set()
    for path in sorted(hostile_teacher_site.rglob("*.html")):
        if tags_in(path) & teacher_only:  # every page that shows what only the 教师版 shows
            page.goto(path.as_uri())
            found = page.evaluate(INJECTED, MARK)
            assert found == [], named((path.relative_to(hostile_teacher_site).as_posix(), found))
            opened |= tags_in(path)
    context.close()
    assert teacher_only <= opened, named(teacher_only - opened)
    assert events == [], named(events)


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
def test_json_ld_holds_hostile_text_as_data(combined_library, hostile_site):
    """The case page's JSON-LD block (issue 28) carries the hostile title as a JSON string, with
    nothing that could close the element or start markup."""
    name, title = next((name, item) for name, group in combined_library["files"].items()
                       for item in group if item.field == "title")
    html = (hostile_site / "cases" / name[:-3] / "index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["headline"] == payload(title.tag)
