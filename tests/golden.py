"""Golden files: pages rendered from the committed cases, kept in tests/golden/.

``make golden`` rewrites them after an intended change (review the diff in
git before committing); tests/test_golden.py fails with a readable diff
when the rendering changes unintentionally.
"""

from __future__ import annotations

from pathlib import Path

from kb.site.generate import render_site_files
from kb.check.library import check_library
from kb.paths import CASES_DIR, DOCS_DIR
from kb.site.history import UNAVAILABLE

ROOT = Path(__file__).resolve().parents[1]

GOLDEN_DIR = ROOT / "tests" / "golden"
# The two seed case pages, one index view, the open data; by path in the rendered folder.
GOLDEN_PAGES = ("cases/hubei-xingshan-lianghui-liangping.md", "cases/guangdong-wengyuan-lingtouyan.md",
                "practices/index.md", "data/cases.json")


def rendered() -> dict[str, str]:
    check = check_library(CASES_DIR)
    assert not check.problems, [p.format() for p in check.problems]
    # without git history: the pages' 修订记录 would change with every commit of a case file
    files = render_site_files(check.cases, DOCS_DIR, check.modules, history=UNAVAILABLE)
    return {path: files[path].decode("utf-8") for path in GOLDEN_PAGES}


def golden_path(page: str) -> Path:
    return GOLDEN_DIR / page.replace("/", "__")


def update() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for page, text in rendered().items():
        golden_path(page).write_text(text, encoding="utf-8")
        print(f"已更新 {golden_path(page).relative_to(ROOT)}")


if __name__ == "__main__":
    update()
