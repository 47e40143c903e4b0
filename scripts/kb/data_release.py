"""``make release``: a versioned, citable Frictionless Data Package in ``dist/data/<version>/``.

The package holds ``datapackage.json`` (the tables, their Table Schemas with Chinese field
descriptions — the codebook — and the licences), one CSV per table of
:mod:`kb.site.render.data_tables` (the same writer as the site's 数据下载), the licence
files, and ``CHANGELOG.md``: the cases added, changed and withdrawn since the previous
release (compared by id and ``record_sha256``).

The package is build output (``dist/`` is not committed): it is a function of the case files,
so the release commit's case files make it again. What cannot be made again is what each
release held, so ``make release`` records it in the ledger ``data-releases.yml`` beside the
cases folder (committed): every version with its date and each case's title and
``record_sha256``. The next release's CHANGELOG compares with the ledger, and the site
(:mod:`kb.site.render.open_data`) publishes the newest release under ``data/releases/<version>/``
while the case files still match it, and otherwise says which cases changed since.
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

import yaml

from kb.model.case import Case
from kb.model.vocab import YAML_LOADER
from kb.model.trust import CODE_LICENCE, CONTENT_LICENCE, SOURCE_TEXTS_NOTE
from kb.paths import ROOT
from kb.site.render.data_tables import table_files, tables

RELEASES_DIR = ROOT / "dist" / "data"
LEDGER_NAME = "data-releases.yml"
LEDGER_HEAD = ("# 已发布的数据包（make release 写入；提交这个文件）：每个版本的日期，和当时每个案例的标题、记录指纹 record_sha256。\n"
               "# 数据包本身写在 dist/data/<版本>/，不提交：用发布那次提交的案例文件运行 make release 可以重新生成。\n")
VERSION_RE = re.compile(r"^\d{4}\.\d{2}\.\d{2}(?:\.\d+)?$")
LICENCE_FILES = ("LICENSE", "LICENSE-content")
TITLE = "基层党建创新案例库数据包"


class ReleaseError(Exception):
    """The message says what to do, in Chinese."""


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Release:
    """One entry of the ledger: a version, its date, and ``{id: (title, record_sha256)}`` of its cases."""
    version: str
    date: str
    cases: dict[str, tuple[str, str]]

    def matches(self, current: dict[str, tuple[str, str]]) -> bool:
        return self.cases == current


def ledger_path(cases_dir: Path) -> Path:
    return Path(cases_dir).parent / LEDGER_NAME


def releases(cases_dir: Path) -> list[Release]:
    """The releases of the ledger beside ``cases_dir``, oldest first."""
    path = ledger_path(cases_dir)
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) if path.is_file() else None
    found = [Release(str(entry["version"]), str(entry["date"]),
                     {case_id: (item["title"], item["record_sha256"]) for case_id, item in entry["cases"].items()})
             for entry in entries or []]
    return sorted(found, key=lambda release: version_key(release.version))


def _write_ledger(cases_dir: Path, entries: list[Release]) -> None:
    data = [{"version": r.version, "date": r.date,
             "cases": {case_id: {"title": title, "record_sha256": digest} for case_id, (title, digest) in r.cases.items()}}
            for r in sorted(entries, key=lambda release: version_key(release.version))]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    ledger_path(cases_dir).write_text(LEDGER_HEAD + text, encoding="utf-8")


def current_cases(files: dict[str, bytes]) -> dict[str, tuple[str, str]]:
    """``{id: (title, record_sha256)}`` of the cases table :func:`kb.site.render.data_tables.table_files` wrote."""
    rows = csv.DictReader(io.StringIO(files["cases.csv"].decode("utf-8-sig")))
    return {row["id"]: (row["title"], row["record_sha256"]) for row in rows}


def package_files(release: Release, previous: Release | None, cases: list[Case],
                  tables_written: dict[str, bytes]) -> dict[str, bytes]:
    """Every file of the release's package, by name: the tables, ``datapackage.json``, the licences
    and the CHANGELOG. ``tables_written``: :func:`kb.site.render.data_tables.table_files` of ``cases``."""
    descriptor = package_descriptor(release.version, cases)
    return {**tables_written,
            "datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            **{name: (ROOT / name).read_bytes() for name in LICENCE_FILES},
            "CHANGELOG.md": changelog(release, previous).encode("utf-8")}


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


def changelog(release: Release, previous: Release | None) -> str:
    current, before = release.cases, previous.cases if previous else {}
    added = sorted(set(current) - set(before))
    withdrawn = sorted(set(before) - set(current))
    changed = sorted(i for i in set(current) & set(before) if current[i][1] != before[i][1])
    since = f"自上一版 {previous.version} 以来" if previous else "这是第一个版本"
    lines = [f"# {TITLE} {release.version}", "", f"发布日期：{release.date}。{since}：新增 {len(added)} 个案例，"
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
        return (f"数据包已写入 {self.folder}：{self.cases} 个案例。{first}\n"
                f"请检查 CHANGELOG.md，再提交 {LEDGER_NAME}（发布记录）；数据包本身不提交，可以附在 GitHub 的发布（Release）上。")


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
    earlier = releases(cases_dir)
    if (target.exists() or any(r.version == version for r in earlier)) and not force:
        raise ReleaseError(f"版本 {version} 已经发布过（{LEDGER_NAME} 或 {target}）；换一个版本号（VERSION=），或加 FORCE=1 覆盖")
    tables_written = table_files(check.cases, vocab.categories())
    release = Release(version, dt.date.today().isoformat(), current_cases(tables_written))
    previous = [r for r in earlier if version_key(r.version) < version_key(version)]
    files = package_files(release, previous[-1] if previous else None, check.cases, tables_written)
    staging = out / f".{version}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    _write_ledger(cases_dir, [*(r for r in earlier if r.version != version), release])
    return ReleaseReport(target, len(check.cases), files["CHANGELOG.md"].decode("utf-8"))
