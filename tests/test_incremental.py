"""Under make serve the rendered folder after an edit is the folder a fresh build renders.

kb.site.incremental reuses what the renderers made of unchanged cases between rebuilds;
this test makes the rebuilds make serve makes (one with nothing changed, which must write
nothing; edit a case, add one, remove one, edit the vocabularies) in a child process, as
make serve runs them, and compares every rendered file, byte for byte, with a fresh render
of the same input in another process: one that has rendered nothing, forked from a child
that has only imported kb (and checked that importing it read nothing of the library or the
vocabularies), so the five fresh renders do not each pay an interpreter's start-up and the imports.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import copy_library
from sitebuild import IN_FORKED_PROCESS, ROOT, kb_env

XINGSHAN = "hubei-xingshan-lianghui-liangping"
pytestmark = pytest.mark.slow  # renders the library eleven times, in child processes

# Runs in a child: kb.paths.VOCAB_DIR is pointed at a copy before anything reads it.
# With a snapshot folder, after each render the input and the output are copied there.
RENDER = textwrap.dedent("""
    import json, shutil, sys
    from pathlib import Path
    import kb.paths
    vocab = kb.paths.VOCAB_DIR = Path(sys.argv[1])
    from kb.site import incremental
    from kb.site.generate import generate

    cases, out, steps, snapshots = Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4]), sys.argv[5]
    memory = incremental.RebuildMemory()
    reports = []
    for number, step in enumerate(steps):
        if step:
            path = Path(step["path"])
            if step["text"] is None:
                path.unlink()
            else:
                path.write_text(step["text"], encoding="utf-8")
        with memory.in_use():
            report = generate(cases_dir=cases, out_dir=out)
        reports.append([report.written, report.unchanged, report.removed])
        if snapshots:
            for name, folder in (("cases", cases), ("vocab", vocab), ("served", out)):
                shutil.copytree(folder, Path(snapshots) / str(number) / name)
    print(json.dumps(reports))
""")


def render(vocab: Path, cases: Path, out: Path, steps: list, snapshots: Path | None = None) -> list[list[int]]:
    """``steps``: make serve's rebuilds, each after writing (or deleting: text None) one file
    (a step None: a rebuild with nothing changed). Written, unchanged, removed per render.
    ``snapshots``: after render n, its input and output are copied to ``snapshots/n/``."""
    import json

    result = subprocess.run([sys.executable, "-c", RENDER, str(vocab), str(cases), str(out), json.dumps(steps),
                             str(snapshots or "")], cwd=ROOT, env=kb_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Runs in a child: imports what a render imports (kb.paths.VOCAB_DIR pointed at the copy first, as
# RENDER does) and nothing else; then, for each snapshot, puts its input back in place ("at the same
# place": pages name their file) and forks a process that renders it fresh, as RENDER renders with
# no steps: a process that has rendered nothing, whose modules are as importing them left them.
# Importing must not read the library folder (the cases, the vocabularies) that the snapshots
# change: an audit hook records every file opened or folder listed there while importing.
FRESH = IN_FORKED_PROCESS + textwrap.dedent("""
    import json, os, shutil, sys
    from pathlib import Path
    library, vocab, cases, snapshots = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
    read, importing = [], [True]

    def audit(event, args):
        if importing[0] and event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, Path)):
            if Path(os.path.abspath(args[0])).is_relative_to(library):
                read.append(f"{event} {args[0]}")

    sys.addaudithook(audit)
    import kb.paths
    kb.paths.VOCAB_DIR = vocab
    from kb.site.generate import generate
    import jieba, jieba.finalseg, markdown.extensions.toc, material, mkdocs.structure.files  # imported by a render
    importing[0] = False
    if read:
        sys.exit("importing kb read the library: " + ", ".join(read))
    for snapshot in map(Path, snapshots):
        for name, folder in (("cases", cases), ("vocab", vocab)):
            shutil.rmtree(folder)
            shutil.copytree(snapshot / name, folder)
        if in_forked_process(lambda: generate(cases_dir=cases, out_dir=snapshot / "fresh")) != 0:
            sys.exit(f"the fresh render of {snapshot} failed")
""")


def fresh_renders(library: Path, vocab: Path, cases: Path, snapshots: list[Path]) -> None:
    """Each snapshot's cases and vocabularies rendered fresh into ``snapshot/fresh`` (FRESH), at
    ``cases`` and ``vocab`` (both in ``library``, which is left holding the last snapshot's)."""
    import json

    result = subprocess.run([sys.executable, "-c", FRESH, str(library), str(vocab), str(cases),
                             json.dumps([str(path) for path in snapshots])],
                            cwd=ROOT, env=kb_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def library(tmp_path) -> tuple[Path, Path]:
    """A copy of the seed cases, the search fixtures and the modules, and of the vocabularies."""
    vocab = tmp_path / "vocab"
    shutil.copytree(ROOT / "vocab", vocab)
    return copy_library(tmp_path), vocab


def test_rebuilds_after_edits_render_what_a_fresh_build_renders(library, tmp_path):
    cases, vocab = library
    xingshan = (cases / f"{XINGSHAN}.md").read_text(encoding="utf-8")
    edited = xingshan.replace("title: ", "title: 改过的", 1)
    assert edited != xingshan
    added = re.sub(r"^serial: .*\n", "", edited.replace(f"id: {XINGSHAN}", "id: hubei-xingshan-copy", 1), count=1,
                   flags=re.MULTILINE)  # a copy must not take the case's number
    removed = next(path for path in sorted(cases.glob("*.md")) if path.stem != XINGSHAN)
    categories = (vocab / "categories.yml").read_text(encoding="utf-8")
    relabelled = categories.replace("label: 组织设置与覆盖", "label: 组织设置（改）", 1)
    assert relabelled != categories
    steps = [None,
             None,  # a rebuild with nothing changed
             {"path": str(cases / f"{XINGSHAN}.md"), "text": edited},
             {"path": str(cases / "hubei-xingshan-copy.md"), "text": added},
             {"path": str(removed), "text": None},
             {"path": str(vocab / "categories.yml"), "text": relabelled}]
    snapshots = tmp_path / "snapshots"
    reports = render(vocab, cases, tmp_path / "served", steps, snapshots)

    # the rebuild with nothing changed had the first render's input: its fresh render is that one
    for name in ("cases", "vocab"):
        assert files_of(snapshots / "1" / name) == files_of(snapshots / "0" / name)
    fresh_of = {number: snapshots / str(number if number != 1 else 0) / "fresh" for number in range(len(steps))}
    fresh_renders(tmp_path, vocab, cases, [snapshots / str(number) for number in range(len(steps)) if number != 1])
    for number in range(len(steps)):  # each rebuild against a fresh render of the same input
        served, fresh = files_of(snapshots / str(number) / "served"), files_of(fresh_of[number])
        assert sorted(served) == sorted(fresh), f"rebuild {number}"
        assert [path for path in fresh if served[path] != fresh[path]] == [], f"rebuild {number}"
    edited_page = files_of(snapshots / "2" / "served")[f"cases/{XINGSHAN}.md"].decode("utf-8")
    assert "改过的" in edited_page
    assert f"cases/{removed.stem}.md" not in files_of(snapshots / "4" / "served")
    assert "组织设置（改）" in files_of(snapshots / "5" / "served")["practices/index.md"].decode("utf-8")
    first, unchanged, after_edit, after_add, after_removal, after_vocab = reports
    # a rebuild with nothing changed writes nothing and removes nothing
    assert unchanged[0] == 0 and unchanged[2] == 0 and unchanged[1] == sum(first[:2])
    # each edit rewrote a part of the folder, not all of it; the removal removed the page
    assert 0 < after_edit[0] < first[0] and after_edit[1] > 0
    assert after_add[0] > 0 and after_removal[2] >= 1
    assert after_vocab[0] > 0
