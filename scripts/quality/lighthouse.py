"""Lighthouse with its mobile preset on pages served from 127.0.0.1.

Usage (also ``make lighthouse``, which records the scores in BENCHMARKS.md)::

    python -m quality.lighthouse --site site --write BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from quality import ROOT
from quality.suite import background_cpu_seconds

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The thresholds the site must meet (issue: quality gates a reader would notice).
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")
RUNNER = Path(__file__).with_name("lighthouse_run.mjs")  # one run through Lighthouse's Node API
PAGES = {"首页": "/", "案例页（兴山）": "/cases/hubei-xingshan-lianghui-liangping/"}
SECTION_START = "<!-- lighthouse:start -->"
SECTION_END = "<!-- lighthouse:end -->"


# Lighthouse's simulated throttling multiplies the CPU time it observes, so a busy machine
# lowers the performance score: the runs wait for an idle CPU, and the median of five is reported
# (three runs moved between 94 and 97 on this shared machine right after the parallel tests).
# The test's gate takes the median of three, Lighthouse CI's default number of runs, and stops
# once the runs made decide it (usually two passes: one run, about 9 s, saved).
RUNS = 5
GATE_RUNS = 3
IDLE_SHARE, IDLE_WAIT_SECONDS = 0.9, 90


def run_lighthouse(url: str, runs: int = RUNS, thresholds: dict[str, int] | None = None) -> dict[str, int]:
    """Median scores 0–100 per category over ``runs`` Lighthouse runs of one URL.

    Lighthouse's own guidance: a single run varies with machine load, the
    median of several runs is the figure to report and to compare.

    ``thresholds`` (the test's gate): stop as soon as the verdict is decided (:func:`decided`);
    the medians of the runs made then fall on the same side of every threshold as the
    medians of all ``runs`` would.
    """
    results = []
    for _ in range(runs):
        wait_for_idle_cpu()
        results.append(_run_once(url))
        if thresholds and decided(results, thresholds, runs):
            break
    return {key: int(statistics.median(r[key] for r in results)) for key in CATEGORIES}


def decided(results: list[dict[str, int]], thresholds: dict[str, int], runs: int) -> bool:
    """True once, for every category with a threshold, more than half of ``runs`` runs are on one
    side of it: whatever the remaining runs give, the median of all ``runs`` is on that side."""
    majority = runs // 2 + 1
    return all(max(passed := sum(r[key] >= threshold for r in results), len(results) - passed) >= majority
               for key, threshold in thresholds.items())


def wait_for_idle_cpu(share: float = IDLE_SHARE, seconds: float = IDLE_WAIT_SECONDS, window: float = 1) -> float:
    """Wait (at most ``seconds``) for a ``window`` of seconds in which the CPUs were idle ``share``
    of the time, stolen time counting as busy and the CPU of the tests that yield to Lighthouse
    (quality.suite) as idle; the idle share of the last window measured (1.0 where ``/proc/stat`` is
    missing)."""
    if not Path("/proc/stat").exists():
        return 1.0
    tick = os.sysconf("SC_CLK_TCK")  # /proc/stat counts in ticks
    deadline = time.monotonic() + seconds
    while True:
        before, yielding_before = _cpu_times(), background_cpu_seconds()
        time.sleep(window)
        after, yielding = _cpu_times(), background_cpu_seconds() - yielding_before
        total = sum(after) - sum(before)
        idle_ticks = after[3] + after[4] - before[3] - before[4] + yielding * tick  # idle, iowait, yielding tests
        idle = min(total, idle_ticks) / total if total else 1.0
        if idle >= share or time.monotonic() >= deadline:
            return idle


def _cpu_times() -> list[int]:
    return [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]


def _run_once(url: str) -> dict[str, int]:
    """Scores 0–100 per category for one URL (mobile preset, simulated throttling)."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    run = subprocess.run(["node", str(RUNNER), url, ",".join(CATEGORIES), *CHROME_FLAGS.split()],
                         env=env, check=True, capture_output=True, text=True)
    scores = json.loads(run.stdout.strip().splitlines()[-1])
    return {key: scores[key] for key in CATEGORIES}


def below_threshold(scores: dict[str, int]) -> dict[str, int]:
    return {key: score for key, score in scores.items() if score < THRESHOLDS[key]}


def render_section(results: dict[str, dict[str, int]]) -> str:
    header = "| 页面 | " + " | ".join(CATEGORIES) + " |"
    rows = [header, "|" + " --- |" * (len(CATEGORIES) + 1)]
    rows += ["| " + page + " | " + " | ".join(str(scores[key]) for key in CATEGORIES) + " |"
             for page, scores in results.items()]
    rows.append("| 阈值 | " + " | ".join(f"≥ {THRESHOLDS[key]}" for key in CATEGORIES) + " |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return "\n".join([
        SECTION_START,
        f"Measured {dt.date.today().isoformat()} on {machine}; Lighthouse 12.2.3, mobile preset "
        "(simulated slow 4G, 4× CPU slowdown), Debian Chromium, site served from 127.0.0.1 with gzip "
        f"by `kb.site.serve`; median of {RUNS} runs per page, each after a second of idle CPU. Command: `make lighthouse`.",
        "",
        *rows,
        SECTION_END,
    ])


def write_section(benchmarks: Path, section: str) -> None:
    text = benchmarks.read_text(encoding="utf-8") if benchmarks.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(SECTION_START) + ".*?" + re.escape(SECTION_END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n## Lighthouse（手机预设）\n\n" + section + "\n"
    benchmarks.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse scores of the built site")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--write", type=Path, help="update the Lighthouse section of this Markdown file")
    args = parser.parse_args(argv)
    from kb.site.serve import serve  # the same gzip server the tests use

    with serve(args.site) as base:
        results = {page: run_lighthouse(base + path) for page, path in PAGES.items()}
    section = render_section(results)
    print(section)
    if args.write:
        write_section(args.write, section)
    failing = {page: below_threshold(scores) for page, scores in results.items() if below_threshold(scores)}
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
