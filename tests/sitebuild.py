"""Building and serving real sites for tests: the one build path
(``python -m kb build``: validate, render, MkDocs --strict, search index), run as
``make build`` runs it, and the project's own static server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from kb.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - re-exported for the tests
from kb.site.serve import serve  # noqa: F401 - re-exported for the tests

ROOT = Path(__file__).resolve().parents[1]

# For child scripts (``python -c``) that import once and then run each piece of work in a process of
# its own, forked from the child: ``in_forked_process(work)`` runs ``work()`` there and gives its exit
# status (``work``'s return value if that is an int, else 0; 1 with the traceback printed if it raised). A forked
# process has done nothing but import: the oracle of a fresh process, without paying the imports again.
IN_FORKED_PROCESS = """
import os, sys, traceback

def in_forked_process(work):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            result = work()
            code = result if isinstance(result, int) else 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
"""


def kb_env(**extra: str) -> dict[str, str]:
    """Environment for running the project's commands in a subprocess."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)


def run_kb(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """``python -m kb ARGS`` as a contributor runs it (via make)."""
    return subprocess.run([sys.executable, "-m", "kb", *args], cwd=ROOT, env=kb_env(**extra_env),
                          capture_output=True, text=True)


def kb_command(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m kb ARGS`` in this process (:func:`kb.cli.main`), what it printed captured: the
    command's own error paths without a new interpreter's start-up (each ``make`` target keeps one
    smoke test through ``make``). ``env``: settings such as ``KB_CASES_DIR``, for this call only.
    An exception the command does not turn into a message fails the test, as a traceback would."""
    from kb.cli import main

    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["kb", *args], code, out.getvalue(), err.getvalue())


class BuildFailed(RuntimeError):
    """``python -m kb build`` refused or failed; the message is what it printed."""


def build_site(workdir: Path, cases_dir: Path | None = None) -> Path:
    """``python -m kb build`` of ``cases_dir`` (the committed cases by default) into ``workdir/site``.

    In a child process, as ``make build`` runs it: there MkDocs shares the pages with a
    forked helper (kb.site.page_split), which a test worker, running threads, never does."""
    workdir.mkdir(parents=True, exist_ok=True)
    result = run_kb("build", "--cases", str(cases_dir or ROOT / "cases"),
                    "--site", str(workdir / "site"), "--docs", str(workdir / "docs"))
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    return workdir / "site"
