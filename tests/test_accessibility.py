"""Reading aids for older readers (适老化) and accessibility beyond axe's
defaults, in a real Chromium on the built site: 长辈模式 (large type), 高对比
(high contrast), line and paragraph spacing, reflow, keyboard operation,
persistence (also in the offline bundle) and read-aloud. What every page type
shows in each mode (1.5 times larger text on a phone in 长辈模式, 7:1 contrast
in 高对比, targets of 44 px) is checked on test_screens.py's walk."""

import json

import pytest

from conftest import MODULE, XINGSHAN
from quality.screens import page_overflow, settle, switch_reading_modes, text_sample, wait_for_scripted_content
from test_quality import pages_in_turn

MODES_KEY = "kb-reading-modes"
SEARCH = "/?q=%E6%88%B7%E8%81%94%E7%90%86%E4%BA%8B%E4%BC%9A"  # 户联理事会
# The pages the issue names: home, a case page, the figures table, the map, a module page, search results.
PAGES = ["/", f"/cases/{XINGSHAN}/", "/figures/", "/regions/", f"/training/{MODULE}/", SEARCH]
MODES = {"normal": {}, "large": {"large": True}, "contrast": {"contrast": True},
         "large+contrast": {"large": True, "contrast": True}}


def new_window(browser, modes=None, width=1280, height=900, scale=1, bypass_csp=False, contrast=None,
               color_scheme="light"):
    """A fresh context (empty storage) and its page, nothing opened yet; ``modes`` are stored before
    any page script runs."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                  locale="zh-CN", bypass_csp=bypass_csp, contrast=contrast, color_scheme=color_scheme)
    if modes is not None:
        context.add_init_script(f"localStorage.setItem({json.dumps(MODES_KEY)}, {json.dumps(json.dumps(modes))})")
    return context, context.new_page()


def open_page(browser, url, **window):
    """A :func:`new_window` (same options) on ``url``, laid out and settled."""
    context, page = new_window(browser, **window)
    page.goto(url)
    wait_for_scripted_content(page, url)
    settle(page)
    return context, page


# --- 长辈模式 ------------------------------------------------------------------------------
# Reading text and table cells 1.5 times larger on a phone, on every page type: test_screens.py.

def test_large_type_leaves_projector_mode_and_print_at_their_own_sizes(browser, site_url):
    url = f"{site_url}/cases/{XINGSHAN}/"
    sizes = {}
    for name, modes in (("normal", {}), ("large", {"large": True})):
        context, page = open_page(browser, url + "?projector=1", modes=modes)
        page.wait_for_selector("body.kb-projector", state="attached")
        sizes[name, "projector"] = text_sample(page)["text"]
        page.emulate_media(media="print")
        sizes[name, "print"] = text_sample(page)["text"]
        context.close()
        context, page = open_page(browser, f"{site_url}/print/cases/{XINGSHAN}/", modes=modes)
        sizes[name, "handout"] = page.evaluate("parseFloat(getComputedStyle(document.querySelector('p')).fontSize)")
        context.close()
    for kind in ("projector", "print", "handout"):
        assert sizes["large", kind] == sizes["normal", kind], sizes


# --- 高对比 --------------------------------------------------------------------------------

def switch_modes(page, modes: dict) -> None:
    """Turn the reading modes on or off with the page's own buttons (their click handlers run even
    where the open search covers the header), without reloading."""
    page.wait_for_load_state("load")  # the buttons get their handlers once the page is parsed
    switch_reading_modes(page, large=bool(modes.get("large")), contrast=bool(modes.get("contrast")))
    state = page.evaluate(MODE_STATE)
    assert (state["large"], state["contrast"]) == (bool(modes.get("large")), bool(modes.get("contrast"))), state
    settle(page)


# 7:1 text contrast in 高对比 (axe's color-contrast-enhanced, and the map's labels), on every page
# type: test_screens.py.


def test_high_contrast_combines_with_large_type_and_follows_the_system_until_chosen(browser, site_url):
    url = f"{site_url}/cases/{XINGSHAN}/"
    context, page = open_page(browser, url, contrast="more")
    try:
        html = "document.documentElement"
        assert page.evaluate(f"{html}.hasAttribute('data-kb-contrast')")  # prefers-contrast: more, no choice yet
        assert page.locator("[data-kb-mode=contrast]").get_attribute("aria-pressed") == "true"
        page.locator("[data-kb-mode=large]").click()
        assert page.evaluate(f"{html}.hasAttribute('data-kb-large') && {html}.hasAttribute('data-kb-contrast')")
        page.locator("[data-kb-mode=contrast]").click()  # the reader's choice wins over the system setting
        page.reload()
        assert not page.evaluate(f"{html}.hasAttribute('data-kb-contrast')")
        assert page.evaluate(f"{html}.hasAttribute('data-kb-large')")
    finally:
        context.close()


# --- spacing, targets, reflow ------------------------------------------------------------

SPACING = """() => {
    const ps = [...document.querySelectorAll('article p')].filter(p => p.getClientRects().length && !p.closest('li, td, th'));
    const lines = ps.map(p => { const s = getComputedStyle(p); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); });
    const gaps = [];
    for (const p of ps) {
        const next = p.nextElementSibling;
        if (next && next.tagName === 'P' && next.getClientRects().length) {
            const lineHeight = parseFloat(getComputedStyle(p).lineHeight);
            gaps.push((next.getBoundingClientRect().top - p.getBoundingClientRect().bottom) / lineHeight);
        }
    }
    return {count: ps.length, minLine: Math.min(...lines), gaps: gaps.length, minGap: Math.min(...gaps)};
}"""


def test_line_height_and_paragraph_spacing_in_every_mode(browser, site_url):
    """Each mode switched on in turn on the loaded case page, at 375 px; 长辈模式 with a real tap on
    its header button, which says it is pressed."""
    context, page = open_page(browser, f"{site_url}/cases/{XINGSHAN}/", width=375)
    try:
        spacing = {}
        for mode, modes in MODES.items():
            if mode == "large":
                toggle = page.locator("header [data-kb-mode=large]")
                assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
                toggle.click()
                assert toggle.get_attribute("aria-pressed") == "true"
            switch_modes(page, modes)
            spacing[mode] = page.evaluate(SPACING)
    finally:
        context.close()
    # line height ≥ 1.3 × the font size, paragraph spacing ≥ 1.3 × the line height, over enough paragraphs
    short = {mode: found for mode, found in spacing.items()
             if not (found["count"] >= 5 and found["gaps"] >= 3 and found["minLine"] >= 1.3
                     and found["minGap"] >= 1.3 - 1e-6)}
    assert short == {}, spacing


# nothing lost: the page heading and every paragraph start inside the window
CUT_OFF = """() => [...document.querySelectorAll('article h1, article p')]
    .filter(e => e.getClientRects().length && !e.closest('.md-typeset__scrollwrap, table'))
    .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5; })
    .map(e => e.innerText.slice(0, 20))"""


@pytest.mark.parametrize("width, scale", [(320, 1), (640, 2)], ids=["320px", "1280px-at-200%"])
def test_content_reflows_without_sideways_scrolling(browser, site_url, width, scale):
    """WCAG 1.4.10: at 320 CSS px, and at 200 % zoom of a 1280 px window (640 CSS px); every page
    of PAGES in one window, one after another, in normal and in large+contrast mode (switched on
    each loaded page)."""
    context, page = new_window(browser, width=width, height=700, scale=scale)
    lost = {}
    try:
        for path in pages_in_turn(page, site_url, PAGES):
            for mode in ("normal", "large+contrast"):
                switch_modes(page, MODES[mode])
                found = {"overflow": page_overflow(page), "cut": page.evaluate(CUT_OFF)}
                if found != {"overflow": [], "cut": []}:
                    lost[path, mode] = found
    finally:
        context.close()
    assert lost == {}


# --- keyboard ----------------------------------------------------------------------------

FOCUSED = """() => {
    let e = document.activeElement;
    if (!e || e === document.body) return null;
    let shown = e;  // a visually hidden radio (the theme's colour toggle) shows its focus on the label after it
    const r0 = e.getBoundingClientRect();
    if ((r0.width < 2 || r0.height < 2) && e.nextElementSibling && e.nextElementSibling.tagName === 'LABEL') shown = e.nextElementSibling;
    const s = getComputedStyle(shown), r = shown.getBoundingClientRect();
    return {tag: e.tagName.toLowerCase(), text: (e.innerText || e.getAttribute('aria-label') || e.title || e.value || '').trim().slice(0, 24),
            inHeader: !!e.closest('header'), visible: r.width > 0 && r.height > 0,
            ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'};
}"""


def tab_through(page, limit=200) -> list[dict]:
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def test_keyboard_alone_reaches_every_header_control_and_the_whole_case_page(browser, site_url):
    context, page = open_page(browser, f"{site_url}/cases/{XINGSHAN}/")
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "跳到正文"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "kb-main"
        page.goto(f"{site_url}/cases/{XINGSHAN}/")
        stops = tab_through(page)
        assert len(stops) > 15
        assert [s for s in stops if not (s["visible"] and s["ring"])] == []
        # every header control but the search box's 清空 (tabindex -1, as in the theme: the field itself
        # is cleared from the keyboard by editing it or with Esc)
        header_controls = page.evaluate("""() => [...document.querySelectorAll(
            'header a[href], header button:not([tabindex="-1"]), header input:not([type=hidden]):not(.md-toggle), header select, header summary')]
            .filter(e => { const l = e.nextElementSibling;  // the colour toggle is a hidden radio before its label
                return e.matches('.md-option') ? !!(l && l.checkVisibility()) : e.checkVisibility({visibilityProperty: true}); })
            .map(e => (e.innerText || e.getAttribute('aria-label') || e.title || '').trim().slice(0, 24))""")
        reached = {s["text"] for s in stops if s["inHeader"]}
        assert set(header_controls) <= reached, (header_controls, reached)
        assert any(s["text"] == "打印讲义" for s in stops) and any(s["text"] == "朗读" for s in stops)
        # operate the reading modes by keyboard
        page.locator("[data-kb-mode=large]").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.documentElement.hasAttribute('data-kb-large')")
        page.keyboard.press("Space")
        assert not page.evaluate("document.documentElement.hasAttribute('data-kb-large')")
    finally:
        context.close()


def test_phone_menu_and_search_open_by_keyboard(browser, site_url):
    context, page = open_page(browser, f"{site_url}/cases/{XINGSHAN}/", width=375)
    try:
        stops = tab_through(page, limit=12)
        names = [s["text"] for s in stops]
        assert "打开导航菜单" in names and "打开搜索" in names, names
        page.locator("button[data-kb-for=__drawer]").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert page.locator("button[data-kb-for=__drawer]").get_attribute("aria-expanded") == "true"
    finally:
        context.close()


# --- persistence -------------------------------------------------------------------------

MODE_STATE = """() => ({large: document.documentElement.hasAttribute('data-kb-large'),
    contrast: document.documentElement.hasAttribute('data-kb-contrast'),
    pressed: [...document.querySelectorAll('[data-kb-mode]')].map(b => b.getAttribute('aria-pressed'))})"""
BOTH_ON = {"large": True, "contrast": True, "pressed": ["true", "true"]}


def switch_both_modes_on_and_check_they_persist(page, next_page_url: str):
    page.locator("[data-kb-mode=large]").click()
    page.locator("[data-kb-mode=contrast]").click()
    page.reload()
    assert page.evaluate(MODE_STATE) == BOTH_ON, "after a reload"
    page.goto(next_page_url)
    assert page.evaluate(MODE_STATE) == BOTH_ON, "on the next page"


def test_modes_persist_across_reloads_and_pages(browser, site_url):
    context, page = open_page(browser, f"{site_url}/cases/{XINGSHAN}/")
    try:
        switch_both_modes_on_and_check_they_persist(page, f"{site_url}/figures/")
    finally:
        context.close()


def test_modes_persist_in_the_offline_bundle_from_file_urls(browser, offline_bundle):
    context, page = open_page(browser, (offline_bundle / "cases" / f"{XINGSHAN}.html").as_uri())
    try:
        switch_both_modes_on_and_check_they_persist(page, (offline_bundle / "figures" / "index.html").as_uri())
    finally:
        context.close()


# --- 朗读 -----------------------------------------------------------------------------------

def stub_speech(voices: list[str] | None) -> str:
    """An init script replacing speechSynthesis: it records what is spoken and ends each
    utterance on demand (window.__endUtterance), with the given voice languages."""
    if voices is None:
        return "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
    return """
    window.__spoken = []; window.__calls = [];
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    const voices = %s.map(lang => ({lang, name: lang}));
    const synth = {getVoices: () => voices, addEventListener() {},
        speak(u) { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}); window.__current = u; },
        pause() { window.__calls.push('pause'); }, resume() { window.__calls.push('resume'); },
        cancel() { window.__calls.push('cancel'); }};
    Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
    window.__endUtterance = () => window.__current.onend();
    """ % json.dumps(voices)


@pytest.mark.parametrize("path", [f"/cases/{XINGSHAN}/", f"/training/{MODULE}/"])
def test_read_aloud_reads_paragraph_by_paragraph_with_highlight_pause_and_stop(browser, site_url, path):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(stub_speech(["en-US", "zh-CN"]))
    page = context.new_page()
    try:
        page.goto(site_url + path)
        play = page.locator(".kb-read-aloud__play")
        play.click()
        page.wait_for_function("window.__spoken.length === 1")
        first = page.evaluate("window.__spoken[0]")
        assert first["lang"] == "zh-CN" and first["voice"] == "zh-CN"
        assert first["text"] == page.locator("article h1").inner_text().strip()
        assert page.locator(".kb-reading-now").inner_text().strip() == first["text"]
        page.evaluate("window.__endUtterance()")
        second = page.evaluate("window.__spoken[1].text")
        assert second and second != first["text"]
        assert page.locator(".kb-reading-now").inner_text().strip().replace("\n", " ").startswith(second[:10])
        assert play.inner_text() == "暂停"
        play.click()
        assert play.inner_text() == "继续朗读" and page.evaluate("window.__calls").count("pause") == 1
        page.locator(".kb-read-aloud__stop").click()
        assert page.locator(".kb-reading-now").count() == 0
        assert page.evaluate("window.__calls")[-1] == "cancel"
        assert play.inner_text() == "朗读"
    finally:
        context.close()


@pytest.mark.parametrize("voices, message", [(["en-US", "fr-FR"], "没有中文语音"), (None, "不支持朗读")],
                         ids=["no-chinese-voice", "no-speech-synthesis"])
def test_read_aloud_says_why_it_cannot_read(browser, site_url, voices, message):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(stub_speech(voices))
    page = context.new_page()
    try:
        page.goto(f"{site_url}/cases/{XINGSHAN}/")
        page.locator(".kb-read-aloud__play").click()
        status = page.locator(".kb-read-aloud__status")
        status.filter(has_text=message).wait_for(timeout=5000)
        assert status.get_attribute("role") == "status"
        assert page.locator(".kb-reading-now").count() == 0
    finally:
        context.close()


# --- colour is never the only carrier -----------------------------------------------------

def test_status_categories_and_map_tiles_carry_text_not_only_colour(browser, site_url):
    context, page = open_page(browser, f"{site_url}/regions/")
    try:
        tiles = page.evaluate("""() => [...document.querySelectorAll('.kb-map a')].map(a =>
            ({label: a.getAttribute('aria-label') || '', text: a.textContent.replace(/\\s+/g, '')}))""")
        # each tile names its province and says how many cases it has, in words or digits
        assert tiles and all(t["label"] and ("暂无" in t["text"] or any(ch.isdigit() for ch in t["text"]))
                             for t in tiles), tiles[:3]
        page.goto(f"{site_url}/cases/{XINGSHAN}/")
        chips = page.locator(".case-card a.kb-chip").all_inner_texts()
        assert chips and all(chip.strip() for chip in chips)
        assert "完整" in page.locator(".case-card").inner_text() or "不完整" in page.locator(".case-card").inner_text()
    finally:
        context.close()
