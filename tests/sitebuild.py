"""Building and serving real sites for tests: the real generator, the real
``mkdocs build --strict``, the post-build steps and the Pagefind index, and
the project's own static server on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kb.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - re-exported for the tests
from kb.serve import serve  # noqa: F401 - re-exported for the tests
from kb.site_config import derived_config

ROOT = Path(__file__).resolve().parents[1]


def kb_env(**extra: str) -> dict[str, str]:
    """Environment for running the project's commands in a subprocess."""
    return dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1", **extra)


def run_kb(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """``python -m kb ARGS`` as a contributor runs it (via make)."""
    return subprocess.run([sys.executable, "-m", "kb", *args], cwd=ROOT, env=kb_env(**extra_env),
                          capture_output=True, text=True)


def build_site(workdir: Path, cases_dir: Path | None = None) -> Path:
    """Generate pages and run ``mkdocs build --strict`` into ``workdir/site``,
    then the same post-build steps as ``make build``.

    A config in ``workdir`` inherits the project's ``mkdocs.yml`` and only
    moves the source and output folders (and makes relative paths absolute),
    so the build is the project's own.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    docs_dir, site_dir = workdir / "docs", workdir / "site"
    config = workdir / "mkdocs.yml"
    config.write_text(derived_config(docs_dir, site_dir), encoding="utf-8")
    env = kb_env(**({"KB_CASES_DIR": str(cases_dir)} if cases_dir else {}))
    run([sys.executable, "-m", "kb", "generate", "--out", str(docs_dir)], env)
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)], env)
    run([sys.executable, "-m", "kb", "postbuild", str(site_dir)], env)
    run([sys.executable, "-m", "kb.search_index", str(site_dir)], env)
    return site_dir


def run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
