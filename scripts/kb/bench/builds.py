"""Timed builds: the project's (``python -m kb build``: validate, render, MkDocs,
Pagefind, in one process) and the baseline a capable user would pick instead:
plain MkDocs Material with the same Markdown, the project's navigation (cases
out of the sidebar) and Material's built-in search for Chinese (jieba
installed). Each build runs as its own process so its peak memory is known."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.paths import ROOT


@dataclass
class Stage:
    name: str
    seconds: float
    peak_mb: float


@dataclass
class Build:
    site_dir: Path
    stages: list[Stage] = field(default_factory=list)
    stage_times: dict[str, float] = field(default_factory=dict)  # the build's own report, by stage

    @property
    def seconds(self) -> float:
        return sum(stage.seconds for stage in self.stages)

    @property
    def peak_mb(self) -> float:
        return max(stage.peak_mb for stage in self.stages)

    def stage_seconds(self, name: str) -> float | None:
        return next((stage.seconds for stage in self.stages if stage.name == name), None)


def env(cases_dir: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1",
                KB_CASES_DIR=str(cases_dir))


def timed(name: str, command: list[str], cases_dir: Path) -> tuple[Stage, str]:
    """Run ``command``; its wall time, peak resident memory (from wait4) and output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env(cases_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    return Stage(name, seconds, _peak_mb(stderr)), stdout.decode()


# Runs a command in a child and reports the child's peak memory on stderr's last line.
_PEAK = ("import resource, runpy, sys; sys.argv = sys.argv[1:]; "
         "exit_code = 0\ntry:\n    runpy.run_module(sys.argv[0], run_name='__main__')\n"
         "except SystemExit as e:\n    exit_code = e.code or 0\n"
         "print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
         "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(exit_code)")


def _peak_mb(stderr: bytes) -> float:
    """The larger of the process's own peak and its largest child's (Pagefind)."""
    for line in reversed(stderr.decode(errors="replace").splitlines()):
        if line.startswith("peak_kb "):
            return max(int(value) for value in line.split()[1:]) / 1024
    return 0.0


def python_module(module: str, *args: str) -> list[str]:
    return [sys.executable, "-c", _PEAK, module, *args]


def project_build(workdir: Path, cases_dir: Path) -> Build:
    """``python -m kb build`` as ``make build`` runs it; its stage times from its own report."""
    workdir.mkdir(parents=True, exist_ok=True)
    site_dir = workdir / "site"
    stage, output = timed("完整构建", python_module("kb.bench.timed_build", str(cases_dir), str(site_dir),
                                                  str(workdir / "docs")), cases_dir)
    return Build(site_dir, [stage], json.loads(output.strip().splitlines()[-1]))


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
    stage, _ = timed("MkDocs 构建（含搜索）", python_module("mkdocs", "build", "--quiet", "-f", str(config)), cases_dir)
    return Build(site_dir, [stage])
def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
