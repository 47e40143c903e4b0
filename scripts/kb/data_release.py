"""``make release``: a versioned, citable Frictionless Data Package in ``dist/data/<version>/``.

The package holds ``datapackage.json`` (the tables, their Table Schemas with Chinese field
descriptions — the codebook — and the licences), one CSV per table of
:mod:`kb.site.render.data_tables` (the same writer as the site's 数据下载), the licence
files, and ``CHANGELOG.md``: the cases added, changed and withdrawn since the previous
release folder (compared by id and ``record_sha256``). Releases are committed with the
repository (``dist/data/`` is not ignored), so the next release and the site find them.

The site copies the newest release to ``data/releases/<version>/`` and links it
(:func:`latest_release`, :mod:`kb.site.render.open_data`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from kb.model.case import Case
from kb.model.trust import CODE_LICENCE, CONTENT_LICENCE, SOURCE_TEXTS_NOTE
from kb.paths import ROOT
from kb.site.render.data_tables import table_files, tables

RELEASES_DIR = ROOT / "dist" / "data"
VERSION_RE = re.compile(r"^\d{4}\.\d{2}\.\d{2}(?:\.\d+)?$")
LICENCE_FILES = ("LICENSE", "LICENSE-content")
TITLE = "基层党建创新案例库数据包"


class ReleaseError(Exception):
    """The message says what to do, in Chinese."""


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def releases(folder: Path = RELEASES_DIR) -> list[Path]:
    """Release folders, oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and VERSION_RE.match(p.name) and (p / "datapackage.json").is_file()]
    return sorted(found, key=lambda p: version_key(p.name))


def latest_release(folder: Path = RELEASES_DIR) -> Path | None:
    found = releases(folder)
    return found[-1] if found else None


def package_descriptor(version: str, cases: list[Case]) -> dict:
    """``datapackage.json``: every table with its schema (the codebook), and the licences."""
    return {
        "name": "jiceng-dangjian-anli",
        "title": TITLE,
        "description": f"基层党建创新案例的结构化数据：案例、做法、成效数据和审核记录，共 {len(cases)} 个案例。"
                       f"{SOURCE_TEXTS_NOTE}",
        "version": version,
        "licenses": [{"name": CONTENT_LICENCE["name"], "path": CONTENT_LICENCE["path"], "title": CONTENT_LICENCE["title"]}],
        "resources": [{
            "name": table.name, "path": f"{table.name}.csv", "title": table.title, "description": table.description,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "schema": table.schema(),
        } for table in tables()],
    }


def _ids_and_digests(folder: Path) -> dict[str, tuple[str, str]]:
    """``{id: (title, record_sha256)}`` of a release's cases.csv."""
    path = folder / "cases.csv"
    if not path.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return {row["id"]: (row.get("title", ""), row.get("record_sha256", "")) for row in rows}


def changelog(version: str, previous: Path | None, current: dict[str, tuple[str, str]]) -> str:
    before = _ids_and_digests(previous) if previous else {}
    added = sorted(set(current) - set(before))
    withdrawn = sorted(set(before) - set(current))
    changed = sorted(i for i in set(current) & set(before) if current[i][1] != before[i][1])
    since = f"自上一版 {previous.name} 以来" if previous else "这是第一个版本"
    lines = [f"# {TITLE} {version}", "", f"发布日期：{dt.date.today().isoformat()}。{since}：新增 {len(added)} 个案例，"
             f"修改 {len(changed)} 个，撤下 {len(withdrawn)} 个。", ""]
    for heading, ids, names in (("新增", added, current), ("修改", changed, current), ("撤下", withdrawn, before)):
        lines += [f"## {heading}", ""]
        lines += [f"- {case_id}：{names[case_id][0]}" for case_id in ids] or ["（无）"]
        lines.append("")
    lines += ["各字段的含义见 datapackage.json 中每个表的 schema（description 为中文说明）。",
              f"许可：本库整理的数据按 {CONTENT_LICENCE['title']}（见 LICENSE-content）；程序代码按 {CODE_LICENCE}（见 LICENSE）。"
              f"{SOURCE_TEXTS_NOTE}", ""]
    return "\n".join(lines)


@dataclass
class ReleaseReport:
    folder: Path
    cases: int
    changelog: str

    def __str__(self) -> str:
        first = self.changelog.splitlines()[2]
        return f"数据包已写入 {self.folder}：{self.cases} 个案例。{first}\n请检查 CHANGELOG.md，再提交这个文件夹。"


def write_release(cases_dir: Path, out: Path = RELEASES_DIR, version: str = "", force: bool = False) -> ReleaseReport:
    from kb.check.library import check_library
    from kb.model import vocab

    version = version or dt.date.today().strftime("%Y.%m.%d")
    if not VERSION_RE.match(version):
        raise ReleaseError(f"版本号“{version}”的格式不对：写成 年.月.日，如 2026.12.07；同一天再发布一次时加 .1、.2")
    check = check_library(cases_dir)
    if check.problems:
        listed = "\n".join(problem.format() for problem in check.problems)
        raise ReleaseError(f"{listed}\n案例文件有问题，先修好（make validate 通过）再发布数据包。")
    target = out / version
    if target.exists() and not force:
        raise ReleaseError(f"版本 {version} 已经发布过（{target}）；换一个版本号（VERSION=），或加 FORCE=1 覆盖")
    previous = [p for p in releases(out) if version_key(p.name) < version_key(version)]
    files = table_files(check.cases, vocab.categories())
    current = {row["id"]: (row["title"], row["record_sha256"])
               for row in csv.DictReader(io.StringIO(files["cases.csv"].decode("utf-8-sig")))}
    log = changelog(version, previous[-1] if previous else None, current)
    staging = out / f".{version}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    descriptor = package_descriptor(version, check.cases)
    (staging / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name in LICENCE_FILES:
        shutil.copyfile(ROOT / name, staging / name)
    (staging / "CHANGELOG.md").write_text(log, encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return ReleaseReport(target, len(check.cases), log)
