"""Quality gates a reader would notice, on the real built site in a real browser:
valid HTML, links that resolve, accessibility (axe-core), mobile Lighthouse
scores, and pages that fit a phone screen (the page types' parts on test_screens.py's walk)."""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MODULE, WENGYUAN, XINGSHAN
from quality import NODE_MODULES, lighthouse
from quality.lighthouse import PAGES as LIGHTHOUSE_PAGES
from quality.lighthouse import GATE_RUNS, RUNS, THRESHOLDS, below_threshold, decided, run_lighthouse, wait_for_idle_cpu
from quality.link_check import broken_links
from quality.screens import FITTING, PAGE_TYPES, parts_outside, settle, wait_for_scripted_content
from quality.suite import BACKGROUND_USAGE, background_cpu_seconds, low_priority_group
from quality.vnu import html_errors

AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
# The pages a reader meets first; extend as views are added.
READER_PAGES = ["/", f"/cases/{XINGSHAN}/", f"/cases/{WENGYUAN}/", "/cases/", "/practices/",
                "/matrix/", "/regions/", "/regions/hubei/", "/regions/xizang/", "/figures/", "/glossary/", "/data/",
                "/guide/", "/contributing/", "/submit/",
                "/training/", f"/training/{MODULE}/", f"/print/cases/{XINGSHAN}/", f"/print/modules/{MODULE}/",
                "/?q=%E6%88%B7%E8%81%94%E7%90%86%E4%BA%8B%E4%BC%9A",
                f"/compare/?cases={XINGSHAN},{WENGYUAN},no-such-case", f"/print/packets/{MODULE}/",
                f"/print/compare/packet/?cases={XINGSHAN},{WENGYUAN}"]

def pages_in_turn(page, site_url: str, paths: Iterable[str]) -> Iterator[str]:
    """Open each of ``paths`` in turn in one window (``page``); yields each once it is ready."""
    for path in paths:
        page.goto(site_url + path)
        wait_for_scripted_content(page, path)
        yield path


SERIOUS = """violations => violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"""
WCAG_AA = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


def axe(page, options: str) -> list[str]:
    """The violations of the rules ``options`` chooses."""
    return axe_runs(page, options)[0]


def axe_runs(page, options: str) -> tuple[list[str], list[str]]:
    """One axe run of every rule: the violations of the rules ``options`` chooses by tag, and the
    serious and critical violations of any rule (test_no_serious_accessibility_violations). Same
    rules as a run with ``options``: the rules axe leaves off by default that carry these tags are
    deprecated, and left out by both."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(f"""async () => {{
        const options = {options};
        const all = !!options.runOnly && options.runOnly.type === 'tag';
        // only the violations are read: axe keeps one example node of each other result type
        const violations = (await axe.run(document, all ? {{resultTypes: ['violations']}}
                                                        : {{...options, resultTypes: ['violations']}})).violations;
        const chosen = all ? violations.filter(v => v.tags.some(tag => options.runOnly.values.includes(tag))) : violations;
        return [chosen.map(v => v.id + ' (' + v.impact + '): ' +
                           v.nodes.map(n => n.target.join(' ')).slice(0, 4).join(', ')),
                all ? ({SERIOUS})(violations) : []];
    }}""")


def test_every_internal_link_and_anchor_resolves(site_dir):
    assert broken_links(site_dir) == []


def test_link_checker_reports_a_broken_link_and_anchor(tmp_path: Path):
    """The checker itself can fail: a fixture site with one dead link and one dead anchor."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="missing/">x</a><a href="a/#nope">y</a>',
                                         encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="yes">t</h2><a href="../#top">z</a>', encoding="utf-8")
    found = {(b.page, b.target, b.reason) for b in broken_links(tmp_path)}
    assert found == {("index.html", "missing/", "文件不存在"), ("index.html", "a/#nope", "锚点不存在"),
                     ("a/index.html", "../#top", "锚点不存在")}


def test_every_generated_page_is_valid_html(site_dir, tmp_path: Path):
    """One Java process checks the site's pages and a fixture page with an error (the checker can fail)."""
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 6
    bad = tmp_path / "fixture-invalid.html"
    bad.write_text("<!doctype html><html lang=zh><title>t</title><p><div></p>", encoding="utf-8")
    errors = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in html_errors([*pages, bad])]
    assert any(bad.name in error for error in errors), errors
    assert [error for error in errors if bad.name not in error] == []


def test_no_serious_accessibility_violations(page_without_csp, site_url):
    """The reader pages that are no page type of test_screens.py (which runs axe on those, in every
    mode), one after another in one window."""
    page = page_without_csp  # axe is injected as an inline script, which the site's policy forbids
    found = {}
    for path in pages_in_turn(page, site_url, [path for path in READER_PAGES if path not in PAGE_TYPES.values()]):
        assert page.evaluate("document.documentElement.lang").startswith("zh"), path
        _, violations = axe_runs(page, WCAG_AA)
        if violations:
            found[path] = violations
    assert found == {}


# One page per test session: the case page, the page most readers land on (the median of GATE_RUNS
# runs, about 9 s each on this machine); `make lighthouse` measures every page in PAGES, RUNS runs each.
LIGHTHOUSE_TESTED = "案例页（兴山）"


@pytest.mark.alone
def test_lighthouse_mobile_scores_meet_thresholds(site_url):
    scores = run_lighthouse(site_url + LIGHTHOUSE_PAGES[LIGHTHOUSE_TESTED], runs=GATE_RUNS, thresholds=THRESHOLDS)
    # every category with a threshold was measured, as a score 0–100 (not missing, not null)
    unmeasured = [key for key in THRESHOLDS if not (type(scores.get(key)) is int and 0 <= scores[key] <= 100)]
    assert unmeasured == [], scores
    short = {key: f"{scores[key]} < {threshold}" for key, threshold in THRESHOLDS.items() if scores[key] < threshold}
    assert short == {}, scores
    assert below_threshold(scores) == {}  # the gate `make lighthouse` exits on agrees


@pytest.mark.parametrize("runs", [GATE_RUNS, RUNS])
@given(data=st.data())
def test_stopping_once_decided_gives_the_verdict_of_every_run(runs, data):
    """The gate may stop early (run_lighthouse with thresholds): the runs it made then pass or
    fail each threshold exactly as the median of all ``runs`` runs does."""
    results = data.draw(st.lists(st.fixed_dictionaries({key: st.integers(threshold - 3, threshold + 3)
                                                        for key, threshold in THRESHOLDS.items()}),
                                 min_size=runs, max_size=runs))
    made = next(count for count in range(1, runs + 1) if count == runs or decided(results[:count], THRESHOLDS, runs))

    def verdict(made_runs):
        return below_threshold({key: int(statistics.median(r[key] for r in made_runs)) for key in THRESHOLDS}).keys()

    assert verdict(results[:made]) == verdict(results)


def test_a_majority_of_passing_runs_decides_and_fewer_do_not():
    passing = dict(THRESHOLDS)
    one_short = {**passing, "performance": THRESHOLDS["performance"] - 1}
    assert not decided([passing], THRESHOLDS, GATE_RUNS)
    assert decided([passing] * 2, THRESHOLDS, GATE_RUNS)
    assert not decided([passing, one_short], THRESHOLDS, GATE_RUNS)
    assert decided([one_short, one_short], THRESHOLDS, GATE_RUNS)  # failing is decided as well
    assert not decided([passing, passing], THRESHOLDS, RUNS)
    assert decided([passing] * 3, THRESHOLDS, RUNS)
    assert not decided([passing, passing, one_short], THRESHOLDS, RUNS)


def test_waiting_for_an_idle_cpu_gives_up_at_its_deadline():
    """A share no machine reaches ends the wait at the deadline, with the idle share measured."""
    started = time.monotonic()
    idle = wait_for_idle_cpu(share=1.01, seconds=0.3, window=0.1)
    assert 0.3 <= time.monotonic() - started < 5  # windows until the deadline, then it gave up
    assert 0.0 <= idle <= 1.0
    assert wait_for_idle_cpu(share=0.0, seconds=0, window=0.1) >= 0.0


def test_the_idle_wait_counts_the_cpu_of_the_tests_that_yield_as_idle(monkeypatch):
    """quality.suite runs the other tests in a group that yields the CPU to Lighthouse: what they use
    counts as idle; what anything else uses still counts as busy."""
    tick = os.sysconf("SC_CLK_TCK")
    # /proc/stat's first line (user, nice, system, idle, iowait, …) before and after each window: two
    # cores, one second, the machine busy throughout
    windows = iter([[0, 0, 0, 0, 0], [2 * tick, 0, 0, 0, 0]] * 2)
    monkeypatch.setattr(lighthouse, "_cpu_times", lambda: next(windows))
    yielding = iter([0.0, 2.0, 10.0, 10.5])  # all of it, then a quarter of it, was the yielding tests'
    monkeypatch.setattr(lighthouse, "background_cpu_seconds", lambda: next(yielding))
    assert wait_for_idle_cpu(share=0.9, seconds=0, window=0) == 1.0
    assert wait_for_idle_cpu(share=0.9, seconds=0, window=0) == 0.25


def process_cpu_seconds(process: subprocess.Popen) -> float:
    """The CPU a running process has used so far."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


@pytest.mark.alone  # beside the other tests in make test, as Lighthouse runs
def test_tests_in_the_low_priority_group_leave_the_cpu_to_others(monkeypatch):
    """quality.suite's group, where this machine lets a process make one (as root, as CI does): a busy
    process in it gets little beside a busy process outside on the same CPU, over the same 0.3 s;
    the group's CPU, as the idle wait reads it, is what its processes used."""
    with low_priority_group(f"kb-test-fixture-{os.getpid()}") as group:
        if group is None:
            pytest.skip("这台机器不允许建立 cgroup（需要 root），make test 让 Lighthouse 在其他测试之后运行")
        monkeypatch.setenv(BACKGROUND_USAGE, str(group.usage))
        # one process of each kind kept on each of two CPUs (or both on the one): there the weights
        # decide, whatever else the machine runs
        cpus = (sorted(os.sched_getaffinity(0)) * 2)[:2]
        busy = [sys.executable, "-c", "while True: pass"]
        inside = [subprocess.Popen(busy, preexec_fn=lambda cpu=cpu: (group.join(), os.sched_setaffinity(0, {cpu})))
                  for cpu in cpus]
        outside = [subprocess.Popen(busy, preexec_fn=lambda cpu=cpu: os.sched_setaffinity(0, {cpu})) for cpu in cpus]
        try:
            time.sleep(0.15)  # all four started
            before, counted_before = [process_cpu_seconds(process) for process in inside + outside], background_cpu_seconds()
            time.sleep(0.3)
            after, counted = [process_cpu_seconds(process) for process in inside + outside], background_cpu_seconds()
        finally:
            # a killed process still has to run to its end: the busy ones outside go first, and the
            # group gets the normal weight back; else the ones inside wait for their turn (seconds on
            # a busy machine) while those outside burn a core each
            for process in outside:
                process.kill()
            group.give_normal_weight()
            for process in inside + outside:
                process.kill()
                process.wait()
    used = [later - earlier for earlier, later in zip(before, after)]
    inside_used, outside_used = used[:2], used[2:]
    # against what the process outside on the same CPU got (other work on the machine may take a
    # share of that): at the same weight as much
    assert max(inside_used) <= 0.2 * min(outside_used), (inside_used, outside_used)
    assert counted - counted_before == pytest.approx(sum(inside_used), abs=0.05)


def test_lighthouse_gate_reports_each_score_below_its_threshold():
    """The gate of `make lighthouse` can fail: one point under a threshold is reported, the threshold itself passes."""
    at_threshold = dict(THRESHOLDS)
    assert below_threshold(at_threshold) == {}
    for key, threshold in THRESHOLDS.items():
        assert below_threshold({**at_threshold, key: threshold - 1}) == {key: threshold - 1}


# The parts quality.screens.FITTING names lie inside the window on the page types it names, at both
# widths in every mode: test_screens.py. Here a second case page, which is no page type: its card
# holds other figures than the page type's (兴山).
OTHER_CASE = f"/cases/{WENGYUAN}/"


def test_content_fits_the_screen_without_horizontal_scrolling(browser, site_url):
    """At 375 and then 1280 px (the window resized, then settled): the page does not scroll
    sideways, and the case's card and its table lie inside the window without a scroll bar of
    their own."""
    context = browser.new_context(viewport={"width": 375, "height": 900}, locale="zh-CN")
    page = context.new_page()
    wider = {}
    try:
        page.goto(site_url + OTHER_CASE)
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            settle(page)  # the theme's search box eases to its new width
            wider[width] = parts_outside(page, FITTING["case"])
    finally:
        context.close()
    assert wider == {375: [], 1280: []}
