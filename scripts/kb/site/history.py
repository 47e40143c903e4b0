"""修订记录: the commits that changed each case file, read from git once per build.

One ``git log --name-only --no-merges`` (a merge repeats its branch's commits) over the cases' folder gives every commit with the files
it touched; the case pages look their files up in that one answer, so the cost grows
with the history, not with one process per case (thousands of cases, one call).
A site built without git history (a downloaded zip has no ``.git``; git not installed)
gets :data:`UNAVAILABLE`, and the pages say so.

Under ``make serve`` the answer is kept while ``HEAD`` is the same commit
(:func:`kb.site.incremental.per_value`): an edit that commits nothing costs one
``git rev-parse``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb.paths import ROOT
from kb.site.incremental import per_value

RECORD, FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Revision:
    date: str     # YYYY-MM-DD, the author date
    message: str  # the commit's subject line
    commit: str   # the abbreviated hash


@dataclass(frozen=True)
class History:
    """The revisions of every case file that git knows, newest first, by the file's absolute path."""

    by_path: dict[Path, tuple[Revision, ...]]
    available: bool = True

    def of(self, case_path: str) -> tuple[Revision, ...]:
        path = Path(case_path)
        return self.by_path.get((path if path.is_absolute() else ROOT / path).resolve(), ())


UNAVAILABLE = History({}, available=False)


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, encoding="utf-8",
                              check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def case_history(case_paths: list[str]) -> History:
    """The history of the folders the cases are in (one ``git log`` per folder, usually one)."""
    folders = sorted({(Path(p) if Path(p).is_absolute() else ROOT / p).resolve().parent for p in case_paths})
    if not folders:
        return History({})
    by_path: dict[Path, tuple[Revision, ...]] = {}
    for folder in folders:
        top = _git(folder, "rev-parse", "--show-toplevel")
        head = _git(folder, "rev-parse", "--verify", "--quiet", "HEAD")
        if top is None or head is None:
            return UNAVAILABLE
        by_path.update(_folder_history((str(folder), top.strip(), head.strip())))
    return History(by_path)


@per_value
def _folder_history(key: tuple[str, str, str]) -> dict[Path, tuple[Revision, ...]]:
    folder, top, _head = key
    out = _git(Path(folder), "-c", "core.quotePath=false", "log", f"--format={RECORD}%h{FIELD}%ad{FIELD}%s", "--date=short", "--name-only", "--no-merges",
               "--no-renames", "--", ".")
    found: dict[str, list[Revision]] = {}
    root = Path(top).resolve()
    for record in (out or "").split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        commit, date, message = (header.split(FIELD) + ["", ""])[:3]
        revision = Revision(date, message, commit)
        for name in names.splitlines():
            if name.strip():
                found.setdefault(name.strip(), []).append(revision)
    # git names files from the top of the work tree, which is already a real path: joined, not resolved
    return {root / name: tuple(revisions) for name, revisions in found.items()}
