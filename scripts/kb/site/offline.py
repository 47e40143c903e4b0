"""``make offline``: the whole site as a zip that works from ``file://``.

The offline variant is built by the one build path (:func:`kb.site.build.build_site`
with ``offline=True``): the project's ``mkdocs.yml`` with file-friendly links
(``use_directory_urls: false``). Search is the same as on the published site:
the header box, ``assets/kb-search.js`` and the index in ``search/``
(:mod:`kb.search.index`), whose files are scripts a page can load from
``file://``. The zip unpacks to one folder; readers open ``index.html`` in it.

``make teacher`` builds the 教师版 the same way (``teacher=True``): everything of the public
bundle plus the teaching notes (:mod:`kb.site.edition`), as ``基层党建案例库-教师版-<日期>.zip``.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from kb.paths import BUILD_DIR, ROOT

BUNDLE_NAME = "基层党建案例库"
TEACHER_BUNDLE_NAME = f"{BUNDLE_NAME}-教师版"
OFFLINE_DIR = BUILD_DIR / "offline"
TEACHER_DIR = BUILD_DIR / "teacher"


class BundleExists(Exception):
    pass


def bundle_name(teacher: bool = False) -> str:
    return TEACHER_BUNDLE_NAME if teacher else BUNDLE_NAME


def bundle_path(dist_dir: Path, date: dt.date, teacher: bool = False) -> Path:
    return dist_dir / f"{bundle_name(teacher)}-{date.isoformat()}.zip"


def build_offline_site(workdir: Path = OFFLINE_DIR, cases_dir: Path | None = None, teacher: bool = False,
                       site_url: str | None = None) -> Path:
    """Build the offline variant into ``workdir/site`` (through :func:`kb.site.build.build_site`)."""
    from kb.site.build import build_site

    return build_site(cases_dir, workdir / "site", workdir / "docs", offline=True, teacher=teacher,
                      site_url=site_url).site_dir


def write_bundle(site_dir: Path, target: Path, folder: str = BUNDLE_NAME) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(target)
    return target


def make_offline_bundle(dist_dir: Path = ROOT / "dist", force: bool = False, date: dt.date | None = None,
                        workdir: Path | None = None, cases_dir: Path | None = None, teacher: bool = False,
                        site_url: str | None = None) -> Path:
    """The public bundle, or with ``teacher`` the 教师版 (its own work folder, so both can be built in turn)."""
    target = bundle_path(dist_dir, date or dt.date.today(), teacher)
    if target.exists() and not force:
        raise BundleExists(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} 已经存在，没有覆盖"
                           f"（确需重新生成请运行 make {'teacher' if teacher else 'offline'} FORCE=1）")
    workdir = workdir or (TEACHER_DIR if teacher else OFFLINE_DIR)
    return write_bundle(build_offline_site(workdir, cases_dir, teacher, site_url), target, bundle_name(teacher))
