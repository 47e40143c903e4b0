"""Print the unseen-text benchmark (issue 29): ``make import`` over tests/fixtures/import-unseen,
scored per split (county right / wrong / empty, practice recall, title, figure recall).

    .venv/bin/python tests/import_scores.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from importcheck import SPLIT_TABLE_HEAD, SPLITS, UNSEEN, report_rows, score_split
from sitebuild import ROOT


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["make", "--no-print-directory", "import", f"SRC={UNSEEN}", f"OUT={out}"], cwd=ROOT,
                       check=True, capture_output=True)
        drafts = report_rows(Path(out))
        print(SPLIT_TABLE_HEAD)
        for split in SPLITS:
            print(score_split(split, drafts).row(split))


if __name__ == "__main__":
    main()
