"""Benchmark: CPU time of rendering every site file for N synthetic FIXTURE
cases (written into a temporary folder, never into cases/). Not a test: run
``make bench`` and record the figures in BENCHMARKS.md.

Usage::

    .venv/bin/python tests/bench_generate.py 250 500 1000 2000
"""

from __future__ import annotations

import sys
import tempfile
import time
import timeit
from pathlib import Path

from kb.site.generate import render_site_files
from kb.paths import DOCS_DIR
from kb.check.validate import validate_cases
from synthetic import write_synthetic_cases


def measure(count: int) -> tuple[float, int]:
    """Best of three CPU times (process time: other jobs on the machine do not count)."""
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic_cases(Path(tmp) / "cases", count)
        cases, problems, _ = validate_cases(Path(tmp) / "cases")
        if problems:
            raise SystemExit(f"synthetic cases are invalid: {problems[0].format()}")
        best = min(timeit.repeat(lambda: render_site_files(cases, DOCS_DIR), number=1, repeat=3,
                                 timer=time.process_time))
        return best, len(render_site_files(cases, DOCS_DIR))


def main(counts: list[int]) -> None:
    for count in counts:
        seconds, files = measure(count)
        print(f"{count:6d} cases: {seconds:6.2f} s CPU, {seconds / count * 1000:5.2f} ms per case, {files} files")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [250, 500, 1000, 2000])
