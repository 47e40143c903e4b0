"""Docs that stay true: scripts/README.md names every module of the tools, and BENCHMARKS.md
holds the current figures (the history is in git), at most 15 KB."""

from pathlib import Path

from sitebuild import ROOT

SCRIPTS = ROOT / "scripts"


def modules() -> list[Path]:
    """Every module of kb and quality, relative to scripts/ (package markers left out)."""
    return sorted(path.relative_to(SCRIPTS) for pattern in ("kb/**/*.py", "quality/**/*.py", "quality/*.mjs")
                  for path in SCRIPTS.glob(pattern) if path.name not in ("__init__.py", "__main__.py"))


def test_scripts_readme_names_every_module():
    """By its file name: a new module is described where the next engineer looks first."""
    readme = (SCRIPTS / "README.md").read_text(encoding="utf-8")
    assert len(modules()) > 50
    assert [str(path) for path in modules() if path.name not in readme] == []


def test_benchmarks_holds_current_figures_within_15_kb():
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 15 * 1024, (
        "BENCHMARKS.md holds the current figures only: fold a superseded section (an older make bench N=… "
        "table, a figure measured again) into the targets table; the history stays in git")
    assert "<!-- lighthouse:start -->" in text and "make test" in text
