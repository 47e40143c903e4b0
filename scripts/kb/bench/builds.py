"""Timed builds: the project's (generate → mkdocs → Pagefind) and the baseline
(the same Markdown through plain MkDocs Material: built-in search, every case
in the sidebar). Each stage runs as its own process so its peak memory is known."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.paths import ROOT
from kb.site_config import OVERRIDES_DIR, derived_config


@dataclass
class Stage:
    name: str
    seconds: float
    peak_mb: float


@dataclass
class Build:
    site_dir: Path
    stages: list[Stage] = field(default_factory=list)

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


def timed(name: str, command: list[str], cases_dir: Path) -> Stage:
    """Run ``command``; its wall time and peak resident memory (from wait4)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        process = subprocess.Popen(command, cwd=ROOT, env=env(cases_dir), stdout=devnull, stderr=subprocess.PIPE)
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    return Stage(name, seconds, usage.ru_maxrss / 1024)


def project_build(workdir: Path, cases_dir: Path) -> Build:
    workdir.mkdir(parents=True, exist_ok=True)
    docs_dir, site_dir, config = workdir / "docs", workdir / "site", workdir / "mkdocs.yml"
    config.write_text(derived_config(docs_dir, site_dir, hook=False), encoding="utf-8")
    build = Build(site_dir)
    build.stages.append(timed("Markdown 生成", [sys.executable, "-m", "kb", "generate", "--out", str(docs_dir)], cases_dir))
    build.stages.append(timed("MkDocs 构建", [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                            "-f", str(config)], cases_dir))
    build.stages.append(timed("构建后处理", [sys.executable, "-m", "kb", "postbuild", str(site_dir)], cases_dir))
    build.stages.append(timed("搜索索引", [sys.executable, "-m", "kb.search_index", str(site_dir)], cases_dir))
    return build


def baseline_build(workdir: Path, cases_dir: Path) -> Build:
    """Plain Material: no nav (so every case is in the sidebar), built-in search.

    The Markdown extensions are the project's, so pages render the same; the
    only template it gets from the project is the handout page's, which the
    generated print pages name.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    docs_dir, site_dir, config = workdir / "docs", workdir / "site", workdir / "mkdocs.yml"
    overrides = workdir / "overrides"
    overrides.mkdir(exist_ok=True)
    shutil.copyfile(OVERRIDES_DIR / "print.html", overrides / "print.html")
    (overrides / "partials").mkdir(exist_ok=True)
    shutil.copyfile(OVERRIDES_DIR / "partials" / "csp.html", overrides / "partials" / "csp.html")
    project_config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = project_config[project_config.index("markdown_extensions:"):]
    config.write_text(f"site_name: 基准\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n"
                      f"theme:\n  name: material\n  language: zh\n  font: false\n  custom_dir: {overrides}\n"
                      "plugins:\n  - search:\n      lang: zh\n" + extensions, encoding="utf-8")
    build = Build(site_dir)
    build.stages.append(timed("Markdown 生成", [sys.executable, "-m", "kb", "generate", "--out", str(docs_dir)], cases_dir))
    build.stages.append(timed("MkDocs 构建（含搜索）", [sys.executable, "-m", "mkdocs", "build", "--quiet",
                                                   "-f", str(config)], cases_dir))
    return build


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
