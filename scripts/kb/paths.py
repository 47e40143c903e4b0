"""Where things live in the repository, resolved from this file's location."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "cases"
VOCAB_DIR = ROOT / "vocab"
DOCS_DIR = ROOT / "docs"
BUILD_DIR = ROOT / "build"
DRAFTS_DIR = ROOT / "drafts"  # make import writes drafts here for review before they move to cases/
GENERATED_DOCS_DIR = BUILD_DIR / "docs"


def default_cases_dir() -> Path:
    """``KB_CASES_DIR`` points the tools at another folder (benchmarks, tests)."""
    return Path(os.environ.get("KB_CASES_DIR") or CASES_DIR)
