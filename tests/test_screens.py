"""What a reader sees, page type by page type (quality.screens), walked once per colour scheme at
375 and 1280 px, in normal, 长辈模式, 高对比 and the dark scheme:

- every visible control can be seen (a 3:1 boundary) and hit (24 px on a computer, 44 px on a
  phone, not covered or clipped), nothing reaches past the window's right edge, and the parts
  quality.screens.FITTING names (a case's card and its table, the map, the figures table, the
  comparison, the home page's search, map and cards) lie inside the window whole, with no scroll
  bar of their own;
- axe: every rule once per page (normal mode, as a computer shows it), and the rules styles can
  change (contrast, links told apart, scrolling boxes reachable) in 高对比 and dark, the modes that
  change colours (长辈模式 changes sizes only, and larger text lowers the contrast it needs);
  in 高对比 also 7:1 text contrast (axe's color-contrast-enhanced, WCAG 1.4.6), and the map's
  labels 7:1 against their tiles (axe skips SVG text), at both widths;
- 长辈模式 on a phone (375 px): the reading text, and table cells where there are any, at least
  1.5 times their normal size, on every page type but the paper ones (PAPER: no reading modes),
  each of which has reading text; the mode buttons' aria-pressed follows each switch;
- exactly one search box can be seen (none on the paper pages), at both widths in every mode;
- the page requests nothing from any other host, whatever the mode or width;
- loaded at a phone's width (in each colour scheme), the page does not jump: the layout shifts
  of its load add up to at most quality.screens.LOAD_SHIFT_LIMIT (what Lighthouse's Cumulative
  Layout Shift counts; controls a script adds belong in the HTML, data-kb-script-only);
- the normal mode looks as its committed baseline does (tests/screens/, make screenshots-update),
  within a tolerance for font anti-aliasing; a failed comparison writes a diff image under
  build/screenshot-diffs/ and names the page.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from PIL import Image

from quality.screens import (BASELINE_HEIGHT, BASELINES, CONTROL_PROBLEMS, LOAD_SHIFT_LIMIT, PAGE_TYPES, PREVIEW_PAGE_TYPES, capture,
                             compare, crop, layout_problems, load_shifts, text_sample, walk_page, walk_page_type)
from sitebuild import ROOT, serve
from test_quality import AXE_JS, WCAG_AA, axe, axe_runs
from test_search import VISIBLE_SEARCH_INPUTS

DIFFS = ROOT / "build" / "screenshot-diffs"
# The axe rules whose verdict a stylesheet can change, run in the modes that change colours; 高对比
# promises more (7:1, WCAG 1.4.6).
COLOUR_MODES = ("contrast", "dark")
STYLE_RULES = ["color-contrast", "link-in-text-block", "scrollable-region-focusable"]
# Both contrast rules, though 7:1 sounds as if it covered 4.5:1: axe's color-contrast-enhanced passes
# text under its minThreshold (4.5:1, large text 3:1) and leaves it to color-contrast (axe-core 4.14,
# colorContrastEvaluate), so alone it would miss the worst text; the two also count text shadows up
# to different blurs (0.1 em and 0.2 em).
CONTRAST_RULES = [*STYLE_RULES, "color-contrast-enhanced"]
# Pages for paper (the class versions of a case): no reading-mode buttons and no search box; their
# 长辈模式 and 高对比 shots show them as they are.
PAPER = ("class-a", "class-b")
LARGER = 1.5  # 长辈模式's reading text and table cells on a phone, times their normal size


def axe_rules(rules: list[str]) -> str:
    return "{runOnly: {type: 'rule', values: %r}}" % rules


# axe skips SVG text: the map's labels are checked against their tiles
MAP_LABELS_UNDER_SEVEN_TO_ONE = """() => {
    const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    return [...document.querySelectorAll('.kb-map a')].flatMap(tile => {
        const fill = getComputedStyle(tile.querySelector('rect')).fill;
        return [...tile.querySelectorAll('text')].map(t => [t.textContent, ratio(getComputedStyle(t).fill, fill)])
            .filter(([, r]) => r < 7);
    });
}"""
MODES_ON = """() => ['large', 'contrast'].filter(mode => document.documentElement.hasAttribute('data-kb-' + mode))"""


def reading_mode_problems(page, shot, page_type: str, text: dict) -> list[str]:
    """The checks of the reading modes on this shot: the mode is on where the page has the modes,
    7:1 in 高对比, and 长辈模式's sizes on a phone (``text`` keeps the phone's normal sizes)."""
    problems = []
    on = page.evaluate(MODES_ON)
    expected = [] if page_type in PAPER or shot.mode not in ("large", "contrast") else [shot.mode]
    if on != expected:
        problems.append(f"阅读模式：开着 {on}，应为 {expected}")
    if "contrast" in on:
        problems += [f"高对比下地图标注对比度不足 7:1：{label}" for label in page.evaluate(MAP_LABELS_UNDER_SEVEN_TO_ONE)]
    if shot.width == "phone" and shot.mode in ("normal", "large") and page_type not in PAPER:
        text[shot.mode] = text_sample(page)
        if shot.mode == "normal" and not text["normal"]["text"]:
            problems.append("长辈模式：手机上量不到正文字号")
    if shot.width == "phone" and "large" in on and text.get("normal", {}).get("text"):
        before, after = text["normal"], text["large"]
        for kind in ("text", "cell"):
            if before[kind] and not (after[kind] or 0) >= LARGER * before[kind] - 0.01:
                problems.append(f"长辈模式：{kind} 从 {before[kind]} px 到 {after[kind]} px，不足 {LARGER} 倍")
    return problems


def check_page_type(walker, url: str, page_type: str) -> dict[str, list[str]]:
    """Every problem the walk in ``walker`` (a quality.screens.walk_page) finds, by width and mode."""
    found, requested, text, shifts = {}, [], {}, []
    for shot, page in walk_page_type(walker, url, page_type,
                                     on_request=lambda request: requested.append(request.url),
                                     on_load=lambda page: shifts.append(load_shifts(page))):
        problems = layout_problems(page, shot) + reading_mode_problems(page, shot, page_type, text)
        searches = page.evaluate(VISIBLE_SEARCH_INPUTS)
        if searches != (0 if page_type in PAPER else 1):
            problems.append(f"看得见的搜索框有 {searches} 个")
        if shot.mode == "normal":
            difference = compare(crop(capture(page, BASELINE_HEIGHT)), shot.baseline, DIFFS / shot.baseline.name)
            problems += [f"截图：{difference}"] if difference else []
        if shot.width == "computer":
            if shot.mode == "normal":
                chosen, serious = axe_runs(page, WCAG_AA)
                problems += [f"axe：{v}" for v in [*chosen, *serious]]
            elif shot.mode in COLOUR_MODES:
                in_contrast = shot.mode == "contrast" and page_type not in PAPER
                problems += [f"axe：{v}" for v in axe(page, axe_rules(CONTRAST_RULES if in_contrast else STYLE_RULES))]
        if problems:
            found[f"{shot.width} {shot.mode}"] = problems
    for shift, moved in shifts:  # each colour scheme's load, at a phone's width
        if shift > LOAD_SHIFT_LIMIT:
            found.setdefault("加载时跳动", []).append(
                f"手机宽度下加载时布局偏移 {shift:.3f}，超过 {LOAD_SHIFT_LIMIT}（移动的元素：{'；'.join(moved[:4])}）")
    assert len(requested) > 3  # the page, its styles and scripts were seen
    other_hosts = [url for url in requested if urlsplit(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    if other_hosts:
        found["其他主机"] = other_hosts
    return found


# One page walks every page type a worker gets, one after the other (a load in a warm page costs about
# two thirds of a new context's first load); each load is still a first visit (walk_page).
# Session-scoped, not module-scoped, so that the page types still spread over the workers.
# axe is there from the start of each load (axe_runs finds it and injects no copy): axe only defines
# itself, it neither changes the page nor requests anything.
@pytest.fixture(scope="session")
def walker(browser):
    with walk_page(browser, bypass_csp=True, scripts=(AXE_JS,)) as page:
        yield page


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_control_can_be_seen_and_hit_and_the_page_looks_as_before(walker, site_url, page_type):
    assert check_page_type(walker, site_url + PAGE_TYPES[page_type], page_type) == {}


@pytest.mark.parametrize("page_type", PREVIEW_PAGE_TYPES)
def test_the_draft_preview_too(walker, preview_site, page_type):
    site, draft = preview_site
    with serve(site) as url:
        assert check_page_type(walker, url + PREVIEW_PAGE_TYPES[page_type].format(draft=draft), page_type) == {}


# --- the checks can fail -------------------------------------------------------------------------

FIXTURE_PAGE = """<!doctype html><html lang="zh"><title>fixture</title>
<style>body { margin: 0; background: #fff; font: 16px sans-serif }
input { border: 0; background: #fff; width: 200px; height: 30px; display: block; margin: 10px }
.ok { border: 1px solid #767676 }
button { width: 30px; height: 30px; margin: 10px }
.cover { position: absolute; left: 0; top: 130px; width: 300px; height: 60px; background: #eee }
</style>
<label>看不见的框 <input id="invisible"></label>
<label>看得见的框 <input id="visible" class="ok"></label>
<button id="small" style="width: 20px; height: 20px">小</button>
<button id="covered">盖</button><div class="cover">盖住按钮的块</div>
"""


def test_the_control_check_finds_an_invisible_field_a_small_and_a_covered_button(page):
    """A fixture page (not the site): a white field on white, a 20 px button, a covered one."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_content(FIXTURE_PAGE)
    problems = "\n".join(page.evaluate(CONTROL_PROBLEMS, [False]))
    assert 'input#invisible "": 边界或图标与周围颜色的对比度 1.00:1' in problems
    assert "input#visible" not in problems
    assert 'button#small "小": 点击范围 20×20 px，小于 24×24 px' in problems
    assert 'button#covered "盖": 被 div.cover' in problems


def test_the_comparison_tolerates_anti_aliasing_but_not_a_change(tmp_path):
    base = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        base.putpixel((x, 50), (0, 0, 0))
    base.save(tmp_path / "base.png")
    shifted = base.copy()
    for x in range(20, 180, 7):  # anti-aliasing: a few pixels a few steps lighter
        shifted.putpixel((x, 50), (30, 30, 30))
    assert compare(shifted, tmp_path / "base.png", tmp_path / "diff1.png") is None
    changed = base.copy()
    changed.paste((200, 0, 0), (0, 0, 200, 10))  # a red bar: 10 % of the pixels
    message = compare(changed, tmp_path / "base.png", tmp_path / "diff2.png")
    assert message and "10.00%" in message and (tmp_path / "diff2.png").exists()
    diff = Image.open(tmp_path / "diff2.png")
    assert diff.getpixel((5, 5)) == (220, 0, 0) and diff.getpixel((5, 60)) != (220, 0, 0)
    taller = Image.new("RGB", (200, 120), "white")
    assert "尺寸" in compare(taller, tmp_path / "base.png", tmp_path / "diff3.png")


def test_baselines_are_committed_for_every_page_type_at_both_widths():
    expected = {f"{name}-{width}.png" for name in [*PAGE_TYPES, *PREVIEW_PAGE_TYPES] for width in ("phone", "computer")}
    assert {path.name for path in BASELINES.glob("*.png")} == expected
    for path in BASELINES.glob("*.png"):
        image = Image.open(io.BytesIO(path.read_bytes()))
        assert image.width in (375, 1280) and image.height > 300, path.name
