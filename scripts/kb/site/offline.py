"""``make offline``: the whole site as a zip that works from ``file://``.

The offline variant is built by the one build path (:func:`kb.site.build.build_site`
with ``offline=True``): the project's ``mkdocs.yml`` with file-friendly links
(``use_directory_urls: false``). Search is the same as on the published site:
the header box, ``assets/kb-search.js`` and the index in ``search/``
(:mod:`kb.search.index`), whose files are scripts a page can load from
``file://``. The zip unpacks to one folder; readers open ``index.html`` in it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from kb.paths import BUILD_DIR, ROOT

BUNDLE_NAME = "基层党建案例库"
OFFLINE_DIR = BUILD_DIR / "offline"


class BundleExists(Exception):
    pass


def bundle_path(dist_dir: Path, date: dt.date) -> Path:
    return dist_dir / f"{BUNDLE_NAME}-{date.isoformat()}.zip"


def build_offline_site(workdir: Path = OFFLINE_DIR, cases_dir: Path | None = None) -> Path:
    """Build the offline variant into ``workdir/site`` (through :func:`kb.site.build.build_site`)."""
    from kb.site.build import build_site

    return build_site(cases_dir, workdir / "site", workdir / "docs", offline=True).site_dir


def write_bundle(site_dir: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{BUNDLE_NAME}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(target)
    return target


def make_offline_bundle(dist_dir: Path = ROOT / "dist", force: bool = False, date: dt.date | None = None,
                        workdir: Path = OFFLINE_DIR, cases_dir: Path | None = None) -> Path:
    target = bundle_path(dist_dir, date or dt.date.today())
    if target.exists() and not force:
        raise BundleExists(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} 已经存在，没有覆盖"
                           "（确需重新生成请运行 make offline FORCE=1）")
    return write_bundle(build_offline_site(workdir, cases_dir), target)
