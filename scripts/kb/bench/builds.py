"""Timed builds: the project's (``python -m kb build``: validate, render, MkDocs,
search index, in one process) and the baseline a capable user would pick instead:
plain MkDocs Material with the same Markdown, the project's navigation (cases
out of the sidebar) and Material's built-in search for Chinese (jieba
installed). Each build runs as its own process so its peak memory is known."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.paths import ROOT


@dataclass
class Build:
    site_dir: Path
    seconds: float        # wall time of the whole build process
    peak_mb: float        # peak resident memory of that process or any process it started
    stage_times: dict[str, float] = field(default_factory=dict)  # the build's own report, by stage


def env(cases_dir: Path) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_CASES_DIR=str(cases_dir))


def timed(command: list[str], cases_dir: Path) -> tuple[float, float, str]:
    """Run ``command``: its wall time, peak memory and standard output.

    The peak comes from ``wait4``, whose ``ru_maxrss`` on Linux also covers the
    descendants the child waited for, so any helper process under ``kb build`` counts.
    """
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env(cases_dir), stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.read().decode(errors='replace')[-3000:]}")
        return seconds, usage.ru_maxrss / 1024, stdout.read().decode()


def project_build(workdir: Path, cases_dir: Path) -> Build:
    """``python -m kb build`` as ``make build`` runs it; its stage times from its own report."""
    workdir.mkdir(parents=True, exist_ok=True)
    site_dir = workdir / "site"
    seconds, peak_mb, output = timed([sys.executable, "-m", "kb.bench.timed_build", str(cases_dir), str(site_dir),
                                      str(workdir / "docs")], cases_dir)
    return Build(site_dir, seconds, peak_mb, json.loads(output.strip().splitlines()[-1]))


def baseline_build(workdir: Path, cases_dir: Path) -> Build:
    """Plain Material on the same rendered Markdown: the project's nav, built-in search (zh).

    The Markdown extensions and navigation are the project's, so pages render
    the same and no page lists every case in its sidebar. The rendering of the
    Markdown pages (the project's own step) is not timed for the baseline.
    """
    from kb.site.generate import generate
    from kb.site.config import project_config

    workdir.mkdir(parents=True, exist_ok=True)
    docs_dir, site_dir, config = workdir / "docs", workdir / "site", workdir / "mkdocs.yml"
    generate(cases_dir=cases_dir, out_dir=docs_dir)
    project = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    project_keys = project_config()
    nav = json.dumps(project_keys["nav"], ensure_ascii=False)
    config.write_text(f"site_name: 基准\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n"
                      "theme:\n  name: material\n  language: zh\n  font: false\n"
                      f"nav: {nav}\nnot_in_nav: {json.dumps(project_keys['not_in_nav'], ensure_ascii=False)}\n"
                      "plugins:\n  - search:\n      lang: zh\n"
                      + project[project.index("markdown_extensions:"):], encoding="utf-8")
    seconds, peak_mb, _ = timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)], cases_dir)
    return Build(site_dir, seconds, peak_mb)
def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
