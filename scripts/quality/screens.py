"""What a reader sees: every page type at a phone's and a computer's width, in each reading mode.

Two checks on the pixels and the laid-out page, where the DOM tests cannot see:

- :func:`layout_problems`, run in the page: every control a reader can see (found by what it
  is, never listed by hand: fields, buttons, toggles, ``summary``, labels that stand for a hidden
  input, links drawn as buttons) has a boundary with 3:1 contrast against the colour around it
  (WCAG 2.1 1.4.11), a target of 24×24 CSS px on a computer (WCAG 2.2 2.5.8) and 44×44 px on a
  phone (as the 长辈模式 work requires, stand-alone links too), and is neither clipped nor covered
  by another element; nothing reaches past the window's right edge (:func:`page_overflow`); and
  the parts of a page type named in ``FITTING`` (a case's card, the map, the figures table) lie
  inside the window whole, with no scroll bar of their own (:func:`parts_outside`);
- screenshots (``make screenshots``: every page type, both widths, every mode, and a contact
  sheet ``index.html``), and a comparison with the committed baselines of the normal mode
  (``tests/screens/``, refreshed by ``make screenshots-update``) that tolerates font
  anti-aliasing (:func:`compare`).

The pages are the test library's (:mod:`quality.fixture_sites`), built as ``make build`` builds
them, and the draft preview's, built as ``make serve`` shows it.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from quality import ROOT
from quality.fixture_sites import MODULE, WENGYUAN, XINGSHAN


# Every page type a reader meets, by name: its address on the test library's site.
PAGE_TYPES = {
    "home": "/",
    "case": f"/cases/{XINGSHAN}/",
    "case-list": "/cases/",
    "practices": "/practices/",
    "matrix": "/matrix/",
    "regions": "/regions/",
    "figures": "/figures/",
    "glossary": "/glossary/",
    "module": f"/training/{MODULE}/",
    "compare": f"/compare/?cases={XINGSHAN},{WENGYUAN}",
    "submit": "/submit/",
    "feedback": "/submit/feedback/",
    "class-a": f"/print/class-a/{XINGSHAN}/",
    "class-b": f"/print/class-b/{WENGYUAN}/",
    "data": "/data/",
    "search": "/?q=%E6%88%B7%E8%81%94%E7%90%86%E4%BA%8B%E4%BC%9A",  # 户联理事会
    "404": "/404.html",
}
# The draft preview's page types (quality.fixture_sites.copy_draft_preview): "{draft}" is the draft's id.
PREVIEW_PAGE_TYPES = {
    "draft": "/cases/{draft}/",
    "problem": "/cases/fixture-unreadable/",
}
# Pages whose content a script builds after loading: the element to wait for.
BUILT_BY_SCRIPT = {"?q=": ".md-search-result__item", "/compare/?": ".kb-compare__table",
                   "/packet/?": ".kb-packet__questions"}

# Parts of a page type that must lie inside the window whole, with no scroll bar of their own, at
# both widths and in every mode (a reader should not scroll sideways to read a case's card or the map).
CASE_CARD = [".case-card", ".case-card table"]
FITTING = {"home": [".kb-home-search", ".kb-home-map svg", ".kb-home-cards"],
           "case": CASE_CARD, "draft": CASE_CARD,
           "regions": [".kb-map svg", ".md-typeset table"],
           "figures": [".kb-sortable table", ".kb-table-filter"],
           "compare": [".kb-compare__table"]}

WIDTHS = {"phone": 375, "computer": 1280}
HEIGHT = {"phone": 800, "computer": 900}
# Reading modes: the two toggles of the header (kb-reading.html) and the theme's dark scheme.
MODES = ("normal", "large", "contrast", "dark")
MODES_KEY = "kb-reading-modes"  # where docs/assets/reading-modes.js keeps the reader's choice

# Baselines are cut at this height: the top of a page holds its layout, and full pages of
# long case texts would make large files of text rendering only.
BASELINE_HEIGHT = 2400
BASELINES = ROOT / "tests" / "screens"
# A pixel counts as changed when a channel differs by more than this (anti-aliasing and
# sub-pixel text positioning move values by a few steps), and a page as changed when more
# than this share of its pixels did, or its size changed.
CHANNEL_TOLERANCE = 48
CHANGED_SHARE = 0.002


def wait_for_scripted_content(page, url: str) -> None:
    """After the load event: wait for what a script builds on pages in BUILT_BY_SCRIPT."""
    for marker, selector in BUILT_BY_SCRIPT.items():
        if marker in url:
            page.wait_for_selector(selector, timeout=15000)


# Article blocks far from the screen are laid out only when they come near it (docs/assets/css/10-base.css,
# content-visibility: auto): their sizes are stale and their transitions stand still until then.
# Measuring lays out every block, as a reader scrolling through the page gets it.
SETTLE = """() => {
    for (const e of document.querySelectorAll('.md-content *'))
        if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
    const running = document.getAnimations().map(a => a.finished.catch(() => null));
    return Promise.race([Promise.all(running), new Promise(done => setTimeout(done, 5000))]);
}"""


def settle(page) -> None:
    """Lay out every block and wait for running transitions, at most 5 s, before measuring."""
    page.evaluate(SETTLE)


# The header's two mode buttons, pressed in the page (one round trip, not eight): for each mode, the
# page's state after the click (if one was needed) and what every button of that mode tells a screen
# reader. Print pages (handouts, class versions) are for paper and have no such buttons: null.
SWITCH_READING_MODES = """async ([large, contrast]) => {
    if (document.readyState !== 'complete')  // the buttons get their handlers once the page is parsed
        await new Promise(done => addEventListener('load', done, {once: true}));
    if (!document.querySelector('[data-kb-mode]')) return null;
    const root = document.documentElement, found = [];
    for (const [mode, wanted] of [['large', large], ['contrast', contrast]]) {
        const buttons = [...document.querySelectorAll(`[data-kb-mode=${mode}]`)];
        const needed = root.hasAttribute('data-kb-' + mode) !== wanted;
        if (needed && buttons.length === 1) {
            buttons[0].click();
            // as between a reader's clicks, the page is drawn (its resize observers run) before the next
            await new Promise(done => requestAnimationFrame(() => setTimeout(done)));
        }
        found.push({mode, wanted, needed, count: buttons.length, on: root.hasAttribute('data-kb-' + mode),
                    pressed: buttons.map(b => b.getAttribute('aria-pressed'))});
    }
    return found;
}"""
# …and then :data:`SETTLE`, still in one round trip (the walk measures right after each switch)
SWITCH_READING_MODES_AND_SETTLE = (f"async args => {{ const found = await ({SWITCH_READING_MODES})(args); "
                                   f"await ({SETTLE})(); return found; }}")


def switch_reading_modes(page, large: bool, contrast: bool, *, then_settle: bool = False) -> None:
    """Turn 长辈模式 and 高对比 on or off with the page's own buttons, without reloading. Print pages
    (handouts, class versions) are for paper and have no such buttons: they stay as they are.
    ``then_settle``: :func:`settle` in the same round trip."""
    script = SWITCH_READING_MODES_AND_SETTLE if then_settle else SWITCH_READING_MODES
    for state in page.evaluate(script, [large, contrast]) or []:
        mode, wanted = state["mode"], state["wanted"]
        if state["needed"]:  # one button to press
            assert state["count"] == 1, f"{state['count']} 个 data-kb-mode={mode} 按钮"
        assert state["on"] == wanted, mode
        # the mode's button tells a screen reader its state
        assert set(state["pressed"]) == {"true" if wanted else "false"}, (mode, state["pressed"])


def text_sample(page) -> dict:
    """Computed sizes of the reading text: paragraphs (or search results) and table cells, the
    smallest of each, or None where the page has none."""
    return page.evaluate("""() => {
        const size = e => parseFloat(getComputedStyle(e).fontSize);
        const visible = e => e.getClientRects().length > 0;
        const text = [...document.querySelectorAll('article p, .md-search-result__article p')].filter(visible);
        const cells = [...document.querySelectorAll('article td')].filter(visible);
        return {text: text.length ? Math.min(...text.map(size)) : null,
                cell: cells.length ? Math.min(...cells.map(size)) : null};
    }""")


def page_overflow(page) -> list[str]:
    """Elements that reach past the right edge of the window, so that part of them could only be
    seen by scrolling sideways (or not at all: the theme clips the page with overflow-x: hidden).
    Allowed, as WCAG 1.4.10 allows: content inside a box that scrolls by itself (wide tables),
    content clipped on purpose by a box inside the window (ellipsis titles), panels waiting
    off-screen (closed drawer, closed search on phones) and the search overlay's backdrop."""
    return page.evaluate("""() => {
        const W = document.documentElement.clientWidth;
        const clipsInside = a => { const s = getComputedStyle(a);
            return s.overflowX !== 'visible' && a.getBoundingClientRect().right <= W + 1; };
        const hidden = a => { const s = getComputedStyle(a); return s.visibility === 'hidden' || s.opacity === '0'; };
        return [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            if (!r.width || !r.height || r.right <= W + 1 || r.left >= W) return false;
            if (e.closest('.md-search__overlay')) return false;
            for (let a = e; a && a !== document.body; a = a.parentElement) {
                if (hidden(a) || (a !== e && clipsInside(a))) return false;
            }
            return true;
        }).slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)} > ${W}`);
    }""")


# Found by construction: what a reader can operate. Links count as controls where they are drawn
# as buttons (a fill or a border of their own); other links only for the phone's target size, and
# only where they stand alone (WCAG 2.5.8 excepts links inside a sentence).
CONTROL_PROBLEMS = """([phone]) => {
    const W = document.documentElement.clientWidth;
    const rgba = c => {
        let m = c.match(/^rgba?\\(([^)]*)\\)/);
        if (m) { const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
                 return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
        m = c.match(/^color\\(srgb ([^)]*)\\)/);
        if (m) { const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(parseFloat);
                 return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1]; }
        return [0, 0, 0, 0];
    };
    const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
    const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    // the colour behind an element: the page's canvas, then every ancestor's fill, outermost first
    const backdrop = e => {
        const chain = [];
        for (let a = e.parentElement; a; a = a.parentElement) chain.push(a);
        let colour = [255, 255, 255, 1];
        for (const a of chain.reverse()) { const fill = rgba(getComputedStyle(a).backgroundColor);
            if (fill[3] > 0) colour = over(fill, colour); }
        return colour;
    };
    const shown = e => { for (let a = e; a; a = a.parentElement) { const s = getComputedStyle(a);
        if (s.visibility === 'hidden' || s.opacity === '0' || s.display === 'none') return false; } return true; };
    const box = e => e.getBoundingClientRect();
    // shown on the screen (closed <details> hide their content from rendering but not from
    // getBoundingClientRect: checkVisibility knows), and within the page's width
    const visible = e => { const r = box(e);
        return r.width >= 1 && r.height >= 1 && shown(e) && r.right > 0 && r.left < W
            && e.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && !e.closest('[hidden], [inert], [aria-hidden=true]'); };
    const operable = e => getComputedStyle(e).pointerEvents !== 'none';
    const words = e => (e.innerText ?? e.textContent).replace(/\\s+/g, '');
    const block = e => { let b = e.parentElement;
        while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement; return b; };
    const inSentence = e => words(block(e)).length > words(e).length;
    const drawnAsButton = e => { const s = getComputedStyle(e);
        return rgba(s.backgroundColor)[3] > 0 || ['Top', 'Right', 'Bottom', 'Left'].some(side =>
            parseFloat(s['border' + side + 'Width']) >= 1 && s['border' + side + 'Style'] !== 'none'); };
    // a label drawn as a button for an input that is not shown (the theme's drawer, search and palette toggles)
    const standsForInput = label => { const input = label.control;
        return input && getComputedStyle(label).cursor === 'pointer'
            && (!visible(input) || box(input).width < 2 || box(input).height < 2); };
    const FIELD = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea';
    const CONTROL = FIELD + ', input[type=checkbox], input[type=radio], button, summary, ' +
        '[role=button], [role=switch], [role=checkbox], [role=tab], label[for]';
    const controls = new Set([...document.querySelectorAll(CONTROL)].filter(e =>
        !e.matches('label') || standsForInput(e)));
    for (const a of document.querySelectorAll('a[href]')) if (drawnAsButton(a)) controls.add(a);
    const links = [...document.querySelectorAll('a[href]')].filter(a => !controls.has(a) && !inSentence(a));
    const name = e => { const text = ((e.innerText ?? '') || e.getAttribute('aria-label') || e.title
            || e.getAttribute('placeholder') || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 24);
        return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${[...e.classList].slice(0, 2).map(c => '.' + c).join('')} "${text}"`; };
    const problems = [];
    const report = (e, what) => problems.push(`${name(e)}: ${what}`);

    // a field without a boundary of its own may be drawn by the box just around it (the theme's
    // search form around its input)
    const frame = e => { const r = box(e);
        for (let a = e.parentElement, up = 0; a && up < 2; a = a.parentElement, up++) {
            const c = box(a);
            if (c.width <= r.width + 80 && c.height <= r.height + 16 && c.left <= r.left + 1 && c.top <= r.top + 1) {
                const s = getComputedStyle(a);
                if (rgba(s.backgroundColor)[3] > 0 || parseFloat(s.borderTopWidth) >= 1 || s.boxShadow !== 'none') return a; }
        }
        return null; };
    const boundary = e => {
        const s = getComputedStyle(e), behind = backdrop(e);
        const fill = rgba(s.backgroundColor);
        const inside = fill[3] > 0 ? over(fill, behind) : behind;
        const found = [];
        if (fill[3] > 0) found.push(ratio(inside, behind));
        for (const side of ['Top', 'Right', 'Bottom', 'Left'])
            if (parseFloat(s['border' + side + 'Width']) >= 1 && !['none', 'hidden'].includes(s['border' + side + 'Style']))
                found.push(ratio(over(rgba(s['border' + side + 'Color']), inside), behind));
        for (const shadow of (s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\\))/))) {
            const colour = shadow.match(/(rgba?|color)\\([^)]*\\)/); const sizes = shadow.replace(/(rgba?|color)\\([^)]*\\)/, '').trim().split(/\\s+/).map(parseFloat);
            if (colour && !shadow.includes('inset') && (sizes[3] || 0) >= 1 && !(sizes[2] > 0))
                found.push(ratio(over(rgba(colour[0]), behind), behind));
        }
        return {best: found.length ? Math.max(...found) : 0, inside, behind};
    };
    const glyph = (e, inside) => {  // what identifies a borderless button: its text or icon
        const parts = [e, ...e.querySelectorAll('*')].filter(p => p === e || visible(p));
        return Math.max(0, ...parts.filter(p => words(p) || p.matches('svg, svg *, img'))
            .map(p => ratio(over(rgba(getComputedStyle(p).color), inside), inside)));
    };

    // While the search is open it is a dialog over the page (the theme's overlay closes it): what
    // lies under it waits until it is closed, and the overlay is a backdrop, not a control.
    const dialog = document.querySelector('#__search:checked') ? document.querySelector('.md-search__inner') : null;
    const backdropLayer = e => { const r = box(e); return r.width >= W * 0.9 && r.height >= innerHeight * 0.9; };
    for (const e of controls) {
        if (!visible(e) || !operable(e) || backdropLayer(e) || (dialog && !dialog.contains(e))) continue;
        e.scrollIntoView({block: 'center', inline: 'nearest'});
        const r = box(e);
        // hit and not covered: the element (or what it contains or labels) is on top at its centre
        const x = Math.min(Math.max(r.left + r.width / 2, 1), W - 1), y = Math.min(Math.max(r.top + r.height / 2, 1), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        const owns = top && (top === e || e.contains(top) || top.contains(e) || (e.labels && [...e.labels].some(l => l.contains(top)))
            || (e.matches('label') && e.control === top));
        if (!owns) report(e, `被 ${top ? name(top) : '窗口外'} 盖住`);
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (!['hidden', 'clip'].includes(s.overflowX) && !['hidden', 'clip'].includes(s.overflowY)) continue;
            const c = box(a);
            if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1) {
                report(e, `被 ${name(a)} 裁掉一部分`); break; }
        }
        const native = e.matches('input[type=checkbox], input[type=radio]') && getComputedStyle(e).appearance !== 'none';
        if (!native) {
            const needsBoundary = e.matches(FIELD);
            let {best, inside} = boundary(e);
            const around = needsBoundary && best < 3 ? frame(e) : null;
            if (around) best = Math.max(best, boundary(around).best);
            const seen = needsBoundary ? best : Math.max(best, glyph(e, inside));
            if (seen < 3) report(e, `边界或图标与周围颜色的对比度 ${seen.toFixed(2)}:1，不足 3:1`);
        }
        // the target: an input's labels are part of it
        const rects = [r, ...(e.labels ? [...e.labels].filter(visible).map(box) : [])];
        const width = Math.max(...rects.map(q => q.right)) - Math.min(...rects.map(q => q.left));
        const height = Math.max(...rects.map(q => q.bottom)) - Math.min(...rects.map(q => q.top));
        const least = phone ? 44 : 24;
        const inline = e.matches('a') && inSentence(e);
        if (!inline && (Math.round(width) < least || Math.round(height) < least))
            report(e, `点击范围 ${Math.round(width)}×${Math.round(height)} px，小于 ${least}×${least} px`);
    }
    if (phone) for (const a of links) {
        if (!visible(a) || a.closest('.md-sidebar') || (dialog && !dialog.contains(a))) continue;
        const r = box(a);
        if (Math.round(r.width) < 44 || Math.round(r.height) < 44)
            report(a, `点击范围 ${Math.round(r.width)}×${Math.round(r.height)} px，小于 44×44 px`);
    }
    window.scrollTo(0, 0);
    return problems;
}"""


@dataclass(frozen=True)
class Shot:
    """One page type at one width in one mode."""

    page_type: str
    width: str
    mode: str

    @property
    def file_name(self) -> str:
        return f"{self.page_type}-{self.width}-{self.mode}.png"

    @property
    def baseline(self) -> Path:
        """The committed baseline of this page type at this width (normal mode only)."""
        return BASELINES / f"{self.page_type}-{self.width}.png"


# Layout shifts while a page loads (what Lighthouse's Cumulative Layout Shift counts, and what a
# reader on a phone sees as text jumping away from under the thumb): recorded from the first frame
# by an observer each load of a walk starts before the page's own scripts (FIRST_VISIT).
RECORD_LOAD_SHIFTS = """window.__kbLoadShifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) window.__kbLoadShifts.push({
    value: entry.value, moved: (entry.sources || []).map(s => s.node && s.node.nodeType === 1
        ? s.node.tagName.toLowerCase() + [...s.node.classList].map(c => '.' + c).join('') : '?')}); })
    .observe({type: 'layout-shift', buffered: true});"""
# The most a page type may shift while it loads at a phone's width. Google calls up to 0.1 for a
# whole visit "good"; the load is only its start, and Lighthouse weighs it into the mobile score
# (tests/test_quality.py). Once what scripts add was written into the pages, every page type
# shifts 0 while it loads (before: the case list 0.22, the comparison 0.12, a class version 0.09,
# a shared search link 0.07, every header 0.003 to 0.006). One line of text (about 30 px) pushed in
# above a phone's screen of content shifts it by about 0.04, a paragraph by 0.1: 0.02 catches a
# line, and leaves room for the few pixels a font or a browser version may move a header by.
LOAD_SHIFT_LIMIT = 0.02


def load_shifts(page) -> tuple[float, list[str]]:
    """The layout shift of the page's load so far (the sum of every entry: in a driven browser each
    counts as following input, which Chromium's own sum would leave out) and what moved, largest first."""
    entries = page.evaluate("window.__kbLoadShifts || []")
    moved = [f"{e['value']:.3f} {' '.join(e['moved'])}" for e in sorted(entries, key=lambda e: -e["value"])]
    return sum(e["value"] for e in entries), moved


# Each load of a walk is a reader's first visit: empty storage (the theme keeps choices in
# localStorage and sessionStorage) and no reading mode chosen, set before any page script runs.
FIRST_VISIT = (f"localStorage.clear(); sessionStorage.clear(); localStorage.setItem({json.dumps(MODES_KEY)}, '{{}}');"
               + RECORD_LOAD_SHIFTS)


@contextlib.contextmanager
def walk_page(browser, *, bypass_csp: bool = False, scripts: tuple[Path, ...] = ()):
    """One page to walk many page types in, one after the other (:func:`walk_page_type`): a load in a
    warm page costs about two thirds of the CPU of a new context's first load (a new renderer, every
    script compiled cold). What a new context gave each load, it still gets: storage and cookies
    emptied before the page's scripts (``FIRST_VISIT``, :func:`walk_page_type`), and the browser's
    cache turned off (DevTools' Network.setCacheDisabled, which needs the Network domain on), so that
    the page, its styles, scripts and images come from the server, as on a reader's first visit: the
    load-shift check measures that load, and the request check sees every file.
    ``bypass_csp``: for checks that inject a script (axe); ``scripts``: files every load runs after
    FIRST_VISIT, before the page's own (a library such as axe: sent to the browser once, where
    inserting it into each loaded page cost about half as much again as the load)."""
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": HEIGHT["phone"]},
                                  locale="zh-CN", reduced_motion="reduce", bypass_csp=bypass_csp)
    try:
        context.add_init_script(FIRST_VISIT)
        for script in scripts:
            context.add_init_script(path=script)
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        yield page
    finally:
        context.close()


def walk_page_type(page, url: str, page_type: str, *, modes=MODES, on_request=None, on_load=None):
    """Open ``url`` in ``page`` (a :func:`walk_page`) and walk it through both widths and ``modes``,
    as a reader resizes a window and presses the mode buttons; yields ``(shot, page)`` with the page
    in that state.

    One load per colour scheme, at a phone's width (where a page that jumps while it loads hurts
    most): the reading modes switch in place, the width by resizing; the dark scheme is the
    system's (the theme reads it while the page loads). ``on_request``: called with every request
    the page makes; ``on_load``: called with the page once it has loaded (and built what
    BUILT_BY_SCRIPT waits for), before it is resized, switched or measured (:func:`load_shifts`)."""
    for scheme in ("light", "dark"):
        wanted = [mode for mode in modes if (mode == "dark") == (scheme == "dark")]
        if not wanted:
            continue
        page.set_viewport_size({"width": WIDTHS["phone"], "height": HEIGHT["phone"]})
        page.emulate_media(color_scheme=scheme)
        page.context.clear_cookies()  # the site sets none; a first visit has none all the same
        if on_request:
            page.context.on("request", on_request)
        try:
            page.goto(url)
            wait_for_scripted_content(page, url)
            if on_load:
                on_load(page)
            for width in ("phone", "computer"):
                page.set_viewport_size({"width": WIDTHS[width], "height": HEIGHT[width]})
                for mode in wanted:
                    switch_reading_modes(page, large=mode == "large", contrast=mode == "contrast", then_settle=True)
                    yield Shot(page_type, width, mode), page
        finally:
            if on_request:
                page.context.remove_listener("request", on_request)


def parts_outside(page, selectors: list[str]) -> list[str]:
    """The parts (the first element of each selector) that are missing, reach past either side of
    the window or scroll sideways inside themselves; and the page itself when it is wider than the
    window. Stricter than :func:`page_overflow`, which lets a wide table scroll in its own box."""
    return page.evaluate("""selectors => {
        const W = innerWidth, found = [];
        if (document.documentElement.scrollWidth > W) found.push(`页面宽 ${document.documentElement.scrollWidth} px`);
        for (const selector of selectors) {
            const e = document.querySelector(selector);
            if (!e || !e.getClientRects().length) { found.push(`${selector}: 不在页面上`); continue; }
            const r = e.getBoundingClientRect(), inside = e.scrollWidth - e.clientWidth;
            if (r.left < 0 || r.right > W || inside > 0)
                found.push(`${selector}: 左 ${Math.round(r.left)}、右 ${Math.round(r.right)} px（窗口 ${W} px），自身横向滚动 ${inside} px`);
        }
        return found;
    }""", selectors)


def layout_problems(page, shot: Shot) -> list[str]:
    """What a reader of this shot would stumble on: the parts of FITTING that do not fit the
    window, controls that cannot be seen or hit, and content past the window's right edge."""
    return [*(f"{part}（应整个放进窗口）" for part in parts_outside(page, FITTING.get(shot.page_type, []))),
            *page.evaluate(CONTROL_PROBLEMS, [shot.width == "phone"]),
            *(f"{element}: 超出窗口右边" for element in page_overflow(page))]


def capture(page, height: int | None = None) -> bytes:
    """A PNG of the whole page, or of its top ``height`` px (a baseline's part: a phone's case page is
    many screens long, and the rest would be drawn and encoded for nothing), animations stopped
    and the text caret hidden."""
    clip = None
    if height:
        size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        clip = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], height)}
    return page.screenshot(full_page=True, clip=clip, animations="disabled", caret="hide")


def crop(png: bytes, height: int = BASELINE_HEIGHT):
    """The top ``height`` px of a screenshot, as a Pillow image in RGB."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.crop((0, 0, image.width, min(image.height, height)))


def compare(actual, baseline_path: Path, diff_path: Path) -> str | None:
    """None when ``actual`` (an image) matches the baseline within the tolerance; else what
    differs, with the diff image (changed pixels in red over a faded copy) at ``diff_path``."""
    from PIL import Image, ImageChops

    if not baseline_path.exists():
        return f"没有基准图 {baseline_path.relative_to(ROOT)}（运行 make screenshots-update）"
    baseline = Image.open(baseline_path).convert("RGB")
    if baseline.size != actual.size:
        diff_path.parent.mkdir(parents=True, exist_ok=True)
        actual.save(diff_path)
        return f"尺寸从 {baseline.size} 变为 {actual.size}（新截图：{diff_path}）"
    delta = ImageChops.difference(actual, baseline).convert("L")
    changed = delta.point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    count = changed.histogram()[255]
    share = count / (actual.width * actual.height)
    if share <= CHANGED_SHARE:
        return None
    diff_path.parent.mkdir(parents=True, exist_ok=True)
    faded = Image.blend(actual, Image.new("RGB", actual.size, "white"), 0.7)
    faded.paste(Image.new("RGB", actual.size, (220, 0, 0)), mask=changed)
    faded.save(diff_path)
    return f"{count} 个像素（{share:.2%}）与基准图不同（差异图：{diff_path}）"


def write_contact_sheet(folder: Path, shots: list[Shot], problems: dict[Shot, list[str]]) -> Path:
    """``index.html`` in ``folder``: one row per page type, one column per width and mode."""
    columns = [(width, mode) for width in WIDTHS for mode in MODES]
    by_type: dict[str, dict[tuple[str, str], Shot]] = {}
    for shot in shots:
        by_type.setdefault(shot.page_type, {})[shot.width, shot.mode] = shot
    head = "".join(f"<th>{html.escape(mode)} · {WIDTHS[width]} px</th>" for width, mode in columns)
    rows = []
    for page_type, row in by_type.items():
        cells = []
        for column in columns:
            shot = row.get(column)
            if shot is None:
                cells.append("<td></td>")
                continue
            notes = "".join(f"<li>{html.escape(p)}</li>" for p in problems.get(shot, []))
            cells.append(f'<td><a href="{shot.file_name}"><img src="{shot.file_name}" alt="{html.escape(page_type)}，'
                         f'{WIDTHS[shot.width]} px，{shot.mode}" loading="lazy"></a>'
                         + (f'<ul class="problems">{notes}</ul>' if notes else "") + "</td>")
        rows.append(f"<tr><th>{html.escape(page_type)}</th>{''.join(cells)}</tr>")
    sheet = folder / "index.html"
    sheet.write_text(f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>页面截图</title>
<style>body{{font-family:sans-serif;margin:1rem}} table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:4px;vertical-align:top}} img{{width:160px;height:auto;max-height:420px;object-fit:cover;object-position:top}}
.problems{{color:#a00;font-size:12px;max-width:160px;padding-left:1em}}</style></head>
<body><h1>页面截图</h1><p>每种页面在手机（375 px）和电脑（1280 px）宽度下、四种阅读模式中的样子；点开看原图。红字是控件检查和宽度检查发现的问题。</p>
<table><tr><th>页面</th>{head}</tr>{''.join(rows)}</table></body></html>
""", encoding="utf-8")
    return sheet


def main(argv: list[str] | None = None) -> int:
    """``make screenshots`` / ``make screenshots-update``: build the test library's site and the
    draft preview, walk every page type, write PNGs and the contact sheet (or the baselines)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from kb.browser import CHROMIUM, CHROMIUM_ARGS
    from kb.site.serve import serve
    from quality.fixture_sites import build_draft_preview_site, build_library_site

    parser = argparse.ArgumentParser(prog="python -m quality.screens")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--update-baselines", action="store_true",
                        help="只写正常模式的截图，作为 tests/screens/ 中的基准图")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-screens-") as work:
        library = build_library_site(Path(work) / "library")
        preview, draft = build_draft_preview_site(Path(work) / "preview")
        sites = [library, preview]
        targets = ([(library, name, path) for name, path in PAGE_TYPES.items()]
                   + [(preview, name, path.format(draft=draft)) for name, path in PREVIEW_PAGE_TYPES.items()])
        out = BASELINES if args.update_baselines else args.out
        out.mkdir(parents=True, exist_ok=True)
        shots, problems = [], {}
        with sync_playwright() as playwright, contextlib.ExitStack() as stack:
            urls = {site: stack.enter_context(serve(site)) for site in sites}
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.callback(browser.close)
            walker = stack.enter_context(walk_page(browser))
            for site, page_type, path in targets:
                # every mode, checked before the capture, as tests/test_screens.py walks them: a mode or
                # the check can leave a wide table scrolled sideways, and the baseline must show that too
                for shot, page in walk_page_type(walker, urls[site] + path, page_type):
                    problems[shot] = layout_problems(page, shot)
                    if args.update_baselines:
                        if shot.mode == "normal":
                            crop(capture(page, BASELINE_HEIGHT)).save(shot.baseline, optimize=True)
                            shots.append(shot)
                        continue
                    (out / shot.file_name).write_bytes(capture(page))
                    shots.append(shot)
    if args.update_baselines:
        print(f"已更新 {len(shots)} 张基准图：{out.relative_to(ROOT)}/（提交前看一看差异）")
    else:
        sheet = write_contact_sheet(out, shots, problems)
        print(f"已写出 {len(shots)} 张截图，总览：{sheet}")
    found = sum(len(p) for p in problems.values())
    if found:
        print(f"控件和宽度检查发现 {found} 个问题（见总览中的红字）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
