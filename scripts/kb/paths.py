"""Where things live in the repository, resolved from this file's location."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "cases"
VOCAB_DIR = ROOT / "vocab"
DOCS_DIR = ROOT / "docs"
BUILD_DIR = ROOT / "build"
GENERATED_DOCS_DIR = BUILD_DIR / "docs"
JIEBA_USER_DICT = BUILD_DIR / "jieba_user_dict.txt"
