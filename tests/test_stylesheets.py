"""The site's own CSS: parts by concern in docs/assets/css/, joined at build time into the one
stylesheet every page loads (kb.site.stylesheet), and two gates on every stylesheet the project
writes: stylelint (the standard rules, stylelint.config.mjs) and the Nu HTML Checker's CSS mode.
Each gate runs once, over the project's CSS and the labelled fixtures in tests/fixtures/css/,
which it must report."""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import XINGSHAN
from kb.paths import DOCS_DIR, ROOT
from kb.site.stylesheet import (HEADER, PARTS_DIR, STYLESHEET, StylesheetPartMisnamed, StylesheetWrittenByHand,
                                join_stylesheet, stylesheet_files)
from quality import project_stylesheets
from quality.stylelint import stylelint_problems
from quality.vnu import css_errors

FIXTURES = ROOT / "tests" / "fixtures" / "css"
UNCLOSED = FIXTURES / "unclosed-block.css.txt"  # the shape of issue 25's bug
UNKNOWN = FIXTURES / "unknown-property.css.txt"
PARTS = sorted((DOCS_DIR / PARTS_DIR).glob("*.css"))


def test_the_gates_check_every_part_and_the_handouts_stylesheet():
    checked = project_stylesheets()
    assert len(PARTS) >= 10 and set(PARTS) <= set(checked)
    assert DOCS_DIR / "assets" / "handout.css" in checked
    assert [path for path in checked if "vendor" in path.parts or path.name == "kb.css"] == []


def test_project_css_passes_stylelint():
    """One Node process for every stylesheet and both fixtures: an unclosed block is a syntax error
    at the line that opens it."""
    problems = stylelint_problems([*project_stylesheets(), UNCLOSED, UNKNOWN])
    expected = ["tests/fixtures/css/unclosed-block.css.txt:4:1: Unclosed block (CssSyntaxError)",
                'tests/fixtures/css/unknown-property.css.txt:4:3: Unexpected unknown property "colr" (property-no-unknown)',
                'tests/fixtures/css/unknown-property.css.txt:5:14: Unexpected unknown value "0.3pz" for property '
                '"padding" (declaration-property-value-no-unknown)']
    assert sorted(problems) == expected


def test_project_css_is_valid_for_the_nu_checker():
    """One Java process for every stylesheet and both fixtures: an unclosed block is a parse error
    at the end of its file."""
    errors = css_errors([*project_stylesheets(), UNCLOSED, UNKNOWN])
    found = sorted(f"{Path(unquote(urlparse(m['url']).path)).relative_to(ROOT)}:{m.get('lastLine')}: {m['message']}"
                   for m in errors)
    assert found == ["tests/fixtures/css/unclosed-block.css.txt:16: CSS: Parse Error.",
                     "tests/fixtures/css/unknown-property.css.txt:4: CSS: “colr”: Property “colr” doesn't exist.",
                     "tests/fixtures/css/unknown-property.css.txt:5: CSS: “padding”: Unknown dimension."]


def test_the_parts_are_joined_in_the_order_of_their_names_and_not_published():
    docs = {f"{PARTS_DIR}/20-b.css": b".b { color: red; }\n", f"{PARTS_DIR}/10-a.css": b".a { color: red; }",
            "assets/handout.css": b"body { margin: 0; }\n", "index.md": b"# x\n"}
    files = stylesheet_files(docs)
    assert sorted(files) == ["assets/handout.css", STYLESHEET, "index.md"]
    assert files[STYLESHEET] == (HEADER + f"\n/* ---- docs/{PARTS_DIR}/10-a.css ---- */\n.a {{ color: red; }}\n"
                                 f"\n/* ---- docs/{PARTS_DIR}/20-b.css ---- */\n.b {{ color: red; }}\n").encode("utf-8")


@pytest.mark.parametrize("name", ["base.css", "5-base.css", "10-Base.css", "10-base.scss", "10-base.css.orig",
                                  "more/10-base.css"])
def test_a_part_without_its_place_in_the_order_stops_the_build(name):
    with pytest.raises(StylesheetPartMisnamed, match=re.escape(name)):
        stylesheet_files({f"{PARTS_DIR}/10-base.css": b"", f"{PARTS_DIR}/{name}": b""})


def test_a_hand_written_kb_css_stops_the_build():
    with pytest.raises(StylesheetWrittenByHand):
        stylesheet_files({STYLESHEET: b"", f"{PARTS_DIR}/10-base.css": b""})


# Our stylesheets each kind of page loads, besides the theme's (assets/stylesheets/).
OWN_STYLESHEETS = {f"cases/{XINGSHAN}/index.html": [STYLESHEET], "submit/index.html": [STYLESHEET],
                   f"print/cases/{XINGSHAN}/index.html": [STYLESHEET, "assets/handout.css"]}


def test_pages_load_one_stylesheet_of_ours_joined_from_the_parts(site_dir):
    """The built site serves the parts as one file (one request on a slow phone), which the pages
    and the handouts link; the parts themselves are not published."""
    assert (site_dir / STYLESHEET).read_bytes() == join_stylesheet({path.name: path.read_bytes() for path in PARTS})
    assert not (site_dir / PARTS_DIR).exists()
    linked = {}
    for page in OWN_STYLESHEETS:
        html = (site_dir / page).read_text(encoding="utf-8")
        hrefs = [href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
                 if "assets/stylesheets/" not in href]
        linked[page] = [(site_dir / page).parent.joinpath(href).resolve().relative_to(site_dir.resolve()).as_posix()
                        for href in hrefs]
    assert linked == OWN_STYLESHEETS
