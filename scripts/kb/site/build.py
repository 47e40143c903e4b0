"""The one way the site is built: ``python -m kb build``.

Validate the library once, render every page once (:func:`kb.site.generate.generate`),
then run MkDocs in this process on the rendered folder. A second process builds
the search index from the rendered records, from the moment they are written
(before the other pages are rendered) until after MkDocs, and a forked helper
builds about half of the pages inside the MkDocs run (:mod:`kb.site.page_split`),
so both cores work. ``make build``, ``make serve`` (its first build), ``make pdf``,
``make offline``, the tests and the benchmark all call :func:`build_site`.

MkDocs runs with the project's ``mkdocs.yml`` and its hook; the hook sees
that the pages are already rendered (:func:`pages_rendered`) and does not
render them again. A plain ``mkdocs build`` or ``mkdocs serve`` has no such
note, so there the hook renders the pages itself and refuses invalid cases.

Usage::

    report = build_site(cases_dir=Path("cases"), site_dir=Path("site"))
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.site.generate import generate
from kb.paths import GENERATED_DOCS_DIR, ROOT, default_cases_dir
from kb.site.config import PROJECT_CONFIG

# Folders whose pages this process has just rendered, so the MkDocs hook's next
# on_config leaves them alone (once: under ``serve`` later rebuilds render again).
_RENDERED: set[Path] = set()


def note_rendered(docs_dir: Path) -> None:
    """Tell the MkDocs hook's next ``on_config`` that ``docs_dir`` holds freshly rendered pages."""
    _RENDERED.add(Path(docs_dir).resolve())


def pages_rendered(docs_dir: Path) -> bool:
    """True once after :func:`build_site` or :func:`serve_site` rendered ``docs_dir``."""
    key = Path(docs_dir).resolve()
    if key in _RENDERED:
        _RENDERED.discard(key)
        return True
    return False


# What `python -m kb build` calls each key of BuildReport.seconds, kept beside the code that
# adds the keys so that a new stage cannot go unnamed; "search" is what the build still waited
# for after MkDocs, "search_process" the indexing process's own time.
STAGE_NAMES = {"render": "检查和生成页面", "mkdocs": "MkDocs（两个进程分担页面）", "pdf": "PDF 讲义",
               "search_process": "搜索索引进程（与前两步同时进行）", "search": "MkDocs 之后等待搜索索引"}


@dataclass
class BuildReport:
    cases: int
    site_dir: Path
    seconds: dict[str, float] = field(default_factory=dict)


def build_site(cases_dir: Path | None = None, site_dir: Path = ROOT / "site",
               docs_dir: Path = GENERATED_DOCS_DIR, *, offline: bool = False,
               pdf: bool = False, search: bool = True, preview_drafts: bool = False) -> BuildReport:
    """Build the whole site into ``site_dir``; ``offline`` builds the variant for
    ``file://`` (links to ``*.html``; search works there too);
    ``pdf`` also prints every handout to PDF and links it (``make pdf``);
    ``preview_drafts`` builds what ``make serve`` shows, files with problems as pages of their
    problems (:mod:`kb.site.draft_preview`), for ``make screenshots``: never a site to publish.

    Raises :class:`kb.site.generate.InvalidCases` before writing anything when a case
    or module file has problems.
    """
    cases_dir = cases_dir or default_cases_dir()
    seconds: dict[str, float] = {}
    indexing: _SearchIndexing | None = None

    def start_indexing(source_path: Path) -> None:
        nonlocal indexing
        indexing = _start_search_index(source_path, site_dir)

    try:
        start = time.perf_counter()
        rendered = generate(cases_dir=cases_dir, out_dir=docs_dir, directory_urls=not offline, printing=pdf,
                            preview_drafts=preview_drafts, search_source_written=start_indexing if search else None)
        seconds["render"] = time.perf_counter() - start
        note_rendered(docs_dir)
        start = time.perf_counter()
        with _warnings_in_chinese(cases_dir):
            run_mkdocs(docs_dir, site_dir, offline=offline)
        seconds["mkdocs"] = time.perf_counter() - start
        if indexing:
            start = time.perf_counter()
            seconds["search_process"] = indexing.finish()  # the indexing process's own time
            seconds["search"] = time.perf_counter() - start  # what the build waited for after MkDocs
    finally:
        _RENDERED.discard(Path(docs_dir).resolve())  # MkDocs stopped before its hook ran
        if indexing:
            indexing.cancel()  # after a failure: stop the child; after finish(): the empty staging folder
    if pdf:
        from kb.site.pdf import publish_pdfs

        start = time.perf_counter()
        publish_pdfs(site_dir, docs_dir)
        seconds["pdf"] = time.perf_counter() - start
    return BuildReport(len(rendered.cases), site_dir, seconds)


_collecting = None  # a kb.site.mkdocs_warnings.CollectedWarnings while build_site runs MkDocs


@contextlib.contextmanager
def _warnings_in_chinese(cases_dir: Path):
    """When the strict build stops on warnings, raise :class:`kb.site.mkdocs_warnings.BuildWarnings`:
    a warning about a page generated from a case becomes a problem of that case file, in Chinese."""
    from mkdocs.exceptions import Abort

    from kb.site.mkdocs_warnings import BuildWarnings, CollectedWarnings, translate

    global _collecting
    _collecting = CollectedWarnings()
    logging.getLogger("mkdocs").addHandler(_collecting)
    try:
        yield
    except Abort:
        problems, others = [], []
        for message in _collecting.messages:
            problem = translate(message, cases_dir)
            problems.append(problem) if problem else others.append(message)
        raise BuildWarnings(problems, others) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(_collecting)
        _collecting = None


@dataclass
class _SearchIndexing:
    """The search index, built by a second process while the pages are rendered and built.

    The index reads search's ``source.json`` beside the rendered folder, never a built page,
    so it need not wait for MkDocs. It is written beside the site (MkDocs empties the
    site folder when it starts) and moved into ``site/search/`` once both are done.
    """

    process: object
    staging: Path
    site_dir: Path

    def finish(self) -> float:
        """Wait for the index, move it into the site; the seconds the indexing process took."""
        from kb.search.index import finish_indexing

        seconds = finish_indexing(self.process)
        target = self.site_dir / "search"
        target.mkdir(parents=True, exist_ok=True)
        for path in self.staging.iterdir():
            if (target / path.name).is_dir():
                shutil.rmtree(target / path.name)
            path.replace(target / path.name)
        return seconds

    def cancel(self) -> None:
        """After :meth:`finish` only the empty staging folder remains; after a failure, the child too."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.staging, ignore_errors=True)


def _start_search_index(source_path: Path, site_dir: Path) -> _SearchIndexing:
    from kb.search.index import start_indexing

    site_dir = Path(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-search-", dir=site_dir.parent))
    return _SearchIndexing(start_indexing(source_path, staging), staging, site_dir)


def run_mkdocs(docs_dir: Path, site_dir: Path, *, offline: bool = False, split: bool = True) -> None:
    """``mkdocs build --strict`` of the project's config on other folders, in this process,
    with about half of the pages built by a forked helper (:mod:`kb.site.page_split`;
    ``split=False``: all in this process, as a plain ``mkdocs build`` does)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils import clean_directory

    from kb.site import page_split

    _show_mkdocs_warnings()
    overrides = {}
    if offline:
        from kb.site.offline import offline_overrides

        overrides = offline_overrides()
    config = load_config(config_file=str(PROJECT_CONFIG), docs_dir=str(docs_dir), site_dir=str(site_dir),
                         strict=True, **overrides)
    # MkDocs skips the helper's pages only in a dirty build; the folder is emptied here instead.
    clean_directory(config.site_dir)
    _quiet_dirty_warning()
    if split:
        page_split.request()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, dirty=True)
    finally:
        page_split.cancel()
        config.plugins.on_shutdown()


@functools.lru_cache(maxsize=1)
def _quiet_dirty_warning() -> None:
    """A dirty build warns that navigation may be stale; ours is fixed in mkdocs.yml (and
    :func:`run_mkdocs` empties the site folder first)."""
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())


@functools.lru_cache(maxsize=1)
def _show_mkdocs_warnings() -> None:
    """MkDocs' own command line prints its warnings; in-process we attach a handler, once."""
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.addFilter(lambda record: _collecting is None)  # build_site prints them in Chinese
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)


# What ``make serve`` watches besides the cases, their modules and mkdocs.yml: every input of the
# rendered folder, which itself is not watched (the hook's ``on_serve``).
WATCHED = ("vocab", "docs", "overrides")

# Set by :func:`serve_site` for the MkDocs hook, which runs in the same process.
SERVING_ENV = "KB_SERVING"


def serving() -> bool:
    """True inside ``make serve``: the hook leaves the rendered folder unwatched and
    re-indexes the preview for search in the background after each build."""
    return os.environ.get(SERVING_ENV) == "1"


def serve_site(cases_dir: Path | None = None, docs_dir: Path = GENERATED_DOCS_DIR,
               dev_addr: str = "127.0.0.1:8000") -> None:
    """``make serve``: render once, then MkDocs' live-reloading server.

    MkDocs builds the preview itself (into a temporary folder); its hook
    re-renders after each change, and ``--dirty`` makes MkDocs rebuild only
    the pages whose Markdown changed. The search index of the preview is
    rebuilt in the background after each build (:func:`serving`). Drafts
    that still have problems are shown with a 草稿 banner (:mod:`kb.site.draft_preview`);
    :func:`build_site` still refuses them.
    """
    from mkdocs.commands.serve import serve

    from kb.check.module_load import default_modules_dir
    from kb.site import incremental
    from kb.site.draft_preview import PREVIEW_ENV
    from kb.site.preview import inject_client_as_file

    incremental.remember()  # a rebuild re-checks and re-renders only what changed
    # Stopped by a process manager (SIGTERM) as by Ctrl-C: MkDocs then removes its temporary
    # site folder. A server started in the background (`make serve &`) ignores Ctrl-C's SIGINT.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    cases_dir = cases_dir or default_cases_dir()
    generate(cases_dir=cases_dir, out_dir=docs_dir, preview_drafts=True)
    note_rendered(docs_dir)
    os.environ[SERVING_ENV] = "1"
    os.environ[PREVIEW_ENV] = "1"  # the hook's rebuilds show drafts with problems as 草稿 pages too
    os.environ["KB_CASES_DIR"] = str(cases_dir)  # the hook renders the rebuilds from the same folder
    _show_mkdocs_warnings()
    inject_client_as_file()  # live reload without inline script (the CSP forbids it)
    _quiet_dirty_warning()
    serve(config_file=str(PROJECT_CONFIG), livereload=True, build_type="dirty", strict=False,
          watch=[str(cases_dir), *(str(p) for p in [default_modules_dir(cases_dir)] if p.is_dir()),
                 *(str(ROOT / folder) for folder in WATCHED)],
          docs_dir=str(docs_dir), dev_addr=dev_addr)
