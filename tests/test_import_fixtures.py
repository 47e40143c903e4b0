"""``make import`` over every import fixture, old and new, as a contributor runs it, scored
against each fixture's answer key (tests/importcheck.py): the county is right or left empty
with the key's reason, practice-name recall is at least 0.8, at least 0.9 of the key's figures
are in ``results``, and no sentence of the source is lost. Then the bad inputs: Chinese
messages, no traceback, nothing overwritten without FORCE=1.

The scores are printed as a table: ``pytest tests/test_import_fixtures.py -n 0 -s -k scores``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from importcheck import (FIXTURE_FILES, FIXTURES, SPLIT_TABLE_HEAD, SPLITS, UNSEEN, answer_keys, lost_sentences,
                         report_rows, score, score_split, split_files)
from kb.check.load import load_case_file
from sitebuild import ROOT, kb_command

pytestmark = pytest.mark.slow

PRACTICE_RECALL = 0.8
FIGURE_RECALL = 0.9


def kb_import(source: Path, out: Path, force: bool = False) -> subprocess.CompletedProcess:
    """What ``make import SRC=source OUT=out [FORCE=1]`` runs, in this process (the make target's own
    smoke tests are the folder import and the missing SRC)."""
    return kb_command("import", str(source), "--out", str(out), *(["--force"] if force else []))


def make_import(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("OUT", "SRC", "FORCE", "MAKEFLAGS")}
    return subprocess.run(["make", "--no-print-directory", "import", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def folder_import(tmp_path_factory):
    """``make import SRC=tests/fixtures/import OUT=…``: the run, the drafts folder, and the
    report table's rows as {source file: [draft file, …]}."""
    out = tmp_path_factory.mktemp("drafts")
    run = make_import(f"SRC={FIXTURES}", f"OUT={out}")
    table = (out / "导入报告.md").read_text(encoding="utf-8")
    drafts = report_rows(out)
    return run, out, table, drafts


def test_the_folder_imports_and_the_report_table_lists_every_draft(folder_import):
    run, out, table, drafts = folder_import
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert table in run.stdout  # printed as well as written beside the drafts
    assert f"导入报告已写入 {out / '导入报告.md'}" in run.stdout
    # each file's own report before the table, and the folder's progress bar
    assert run.stdout.count("== ") == len(FIXTURE_FILES)
    for words in ("找到 2 个案例", "湖北省宜昌市兴山县", "缺少：启示", "去掉网站附加内容", "未归入任何案例的文字"):
        assert words in run.stdout
    assert "导入" in run.stderr and "个文件" in run.stderr
    header = "| 源文件 | 草稿 | 县级地区（把握） | 做法 | 数据 | 待填 | 先核对 |"
    assert header in table
    assert set(drafts) == {path.name for path in FIXTURE_FILES}
    written = sorted(path.name for path in out.glob("*.md") if path.name != "导入报告.md")
    assert sorted(p.name for paths in drafts.values() for p in paths) == written
    assert sum(len(answer_keys(path)) for path in FIXTURE_FILES) == len(written)


def test_no_id_comes_from_the_input_file_name(folder_import):
    _, _, _, drafts = folder_import
    for source, paths in drafts.items():
        stem_words = {w for w in re.split(r"[^a-z0-9]+", Path(source).stem.lower()) if len(w) > 3}
        for path in paths:
            assert not stem_words & set(path.stem.split("-")), (source, path.name)


def scores(drafts: dict[str, list[Path]]) -> list[tuple[str, str, object]]:
    """(fixture, case title, Score or the reason there is no draft) for every key."""
    rows = []
    for path in FIXTURE_FILES:
        made = {load_case_file(draft).meta["title"]: draft for draft in drafts.get(path.name, [])}
        for key in answer_keys(path):
            draft = made.get(key.title)
            rows.append((path.name, key.title,
                         score(key, load_case_file(draft).meta, draft) if draft else "没有标题相同的草稿"))
    return rows


def test_scores_against_the_answer_keys(folder_import):
    _, _, _, drafts = folder_import
    rows = scores(drafts)
    print("\n| fixture | case | county right | practice recall | figure recall |\n| --- | --- | --- | --- | --- |")
    for fixture, title, result in rows:
        if isinstance(result, str):
            print(f"| {fixture} | {title} | {result} | | |")
        else:
            print(f"| {fixture} | {title} | {'yes' if result.county_right else 'NO'} | "
                  f"{result.practice_recall:.2f} | {result.figure_recall:.2f} |")
    failures = [(fixture, title, result) for fixture, title, result in rows
                if isinstance(result, str) or not result.county_right
                or result.practice_recall < PRACTICE_RECALL or result.figure_recall < FIGURE_RECALL]
    assert failures == []


def test_texts_the_importer_was_not_tuned_on(tmp_path):
    """Issue 29's targets on tests/fixtures/import-unseen, through the import command: on the held-out
    split (never tuned against) the county is right in at least 90 % of the texts and wrong in
    none, practice recall is at least 0.7 and the title right in at least 80 %; on both splits no
    county is wrong. The table: ``.venv/bin/python tests/import_scores.py``."""
    run = kb_import(UNSEEN, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    drafts = report_rows(tmp_path)
    assert set(drafts) == {path.name for split in SPLITS for path in split_files(split)}
    found = {split: score_split(split, drafts) for split in SPLITS}
    print("\n" + SPLIT_TABLE_HEAD + "\n" + "\n".join(found[split].row(split) for split in SPLITS))
    assert [found[split].county_wrong for split in SPLITS] == [0, 0]
    held_out = found["heldout"]
    assert held_out.texts >= 7 and found["train"].texts >= 14
    assert held_out.county_right >= 0.9 * held_out.texts
    assert held_out.practice_recall >= 0.7 and held_out.title_right >= 0.8 * held_out.texts
    for path in (path for split in SPLITS for path in split_files(split)):
        assert lost_sentences(path, [load_case_file(draft).body for draft in drafts[path.name]], True) == [], path
    # every unseen text is whole: a page's closing tools and links (下一篇：…, 【打印本页】, 相关新闻 titles on
    # one line, reading counts) are no sign of a text that breaks off, so no draft says 原文不完整
    incomplete = [draft.name for split in SPLITS for path in split_files(split) for draft in drafts[path.name]
                  if load_case_file(draft).meta.get("status") == "incomplete"]
    assert incomplete == []


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_no_sentence_is_lost(folder_import, path):
    _, _, _, drafts = folder_import
    bodies = [load_case_file(draft).body for draft in drafts[path.name]]
    assert lost_sentences(path, bodies) == []


def test_without_src_the_message_says_how(tmp_path):
    run = make_import(f"OUT={tmp_path}")
    assert run.returncode != 0
    assert "请指定要导入的文件或文件夹" in run.stdout + run.stderr


def test_a_missing_source_is_named_in_chinese(tmp_path):
    run = kb_import(tmp_path / '没有这个文件.docx', tmp_path / 'out')
    assert run.returncode != 0
    assert "找不到要导入的文件或文件夹" in run.stderr and "Traceback" not in run.stderr


def test_an_out_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    run = kb_import(FIXTURES / 'fixture-pdf-extract.txt', tmp_path / 'out')
    assert run.returncode != 0
    assert "不是文件夹" in run.stderr and "Traceback" not in run.stderr


def test_unreadable_files_are_reported_in_chinese_and_the_rest_imported(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "坏文件.docx").write_bytes(b"not a zip file")
    (sources / "空文件.txt").write_bytes(b"")
    (sources / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    shutil.copy(FIXTURES / "fixture-pdf-extract.txt", sources)
    run = kb_import(sources, tmp_path / 'out')
    assert run.returncode != 0  # not every file gave drafts (make exits 2 when the command fails)
    assert "Traceback" not in run.stderr
    assert "不是有效的 .docx 文件" in run.stdout and "没有找到案例正文" in run.stdout
    table = (tmp_path / "out" / "导入报告.md").read_text(encoding="utf-8")
    assert "| 坏文件.docx | （未导入） |" in table and "| 空文件.txt | （未导入） |" in table
    assert "| 扫描件.pdf | （未导入） |" in table and "另存为 .txt" in table
    assert len([p for p in (tmp_path / "out").glob("*.md") if p.name != "导入报告.md"]) == 1


def test_nothing_is_overwritten_without_force(tmp_path):
    source = FIXTURES / 'fixture-compilation.docx'
    out = tmp_path / "out"
    first = kb_import(source, out)
    assert first.returncode == 0, first.stderr
    drafts = sorted(p for p in out.glob("*.md") if p.name != "导入报告.md")
    assert len(drafts) == 3
    drafts[0].write_text("审核人改过的草稿", encoding="utf-8")

    second = kb_import(source, out)
    assert second.returncode != 0 and "Traceback" not in second.stderr
    assert "文件已存在，没有覆盖" in second.stdout and "FORCE=1" in second.stdout
    assert drafts[0].read_text(encoding="utf-8") == "审核人改过的草稿"
    assert (out / "导入报告-2.md").exists()  # the first report is kept too
    assert "（未写入：文件已存在）" in (out / "导入报告-2.md").read_text(encoding="utf-8")

    forced = kb_import(source, out, force=True)
    assert forced.returncode == 0
    assert drafts[0].read_text(encoding="utf-8").startswith("---\n")
