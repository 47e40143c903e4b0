"""Run stylelint (npm, pinned in package.json; rules in stylelint.config.mjs) on stylesheets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from quality import NODE_MODULES, ROOT

STYLELINT = NODE_MODULES / "stylelint" / "bin" / "stylelint.mjs"
CONFIG = ROOT / "stylelint.config.mjs"


def stylelint_problems(stylesheets: list[Path]) -> list[str]:
    """Every problem in the given files (one Node process), as ``path:line:column: message (rule)``;
    a file stylelint cannot parse (an unclosed block) gives one ``CssSyntaxError``. Problems with the
    configuration itself (an unknown rule or option) are reported too, so they cannot switch rules off."""
    if not stylesheets:
        return []
    result = subprocess.run(["node", str(STYLELINT), "--config", str(CONFIG), "--formatter", "json",
                             *map(str, stylesheets)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode not in (0, 2):  # 2: problems found; anything else: stylelint did not run
        raise RuntimeError(f"stylelint exited with {result.returncode}: {result.stderr or result.stdout}")
    problems = []
    for report in json.loads(result.stderr or result.stdout or "[]"):  # stylelint 16 writes its report to stderr
        path = Path(report["source"])
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        problems += [f"{shown}:{w['line']}:{w['column']}: {w['text']}" for w in report["warnings"]]
        problems += [f"{shown}: {w['text']}" for w in report.get("invalidOptionWarnings", [])]
    return problems
