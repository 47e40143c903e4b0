"""The rendered seed case pages, one index view and cases.json equal their
golden files (tests/golden/; `make golden` refreshes them on purpose)."""

import difflib

import pytest

from golden import GOLDEN_PAGES, golden_path, rendered


@pytest.fixture(scope="module")
def pages():
    return rendered()


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_rendered_page_matches_its_golden_file(pages, page):
    expected = golden_path(page).read_text(encoding="utf-8")
    if pages[page] != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), pages[page].splitlines(keepends=True),
                                            f"tests/golden/{golden_path(page).name}", f"rendered {page}", n=2))
        pytest.fail(f"{page} differs from its golden file; if the change is intended, run `make golden`:\n{diff}")
