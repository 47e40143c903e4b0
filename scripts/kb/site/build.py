"""The one way the site is built: ``python -m kb build``.

Validate the library once, render every page once (:func:`kb.site.generate.generate`),
then run MkDocs in this process on the rendered folder. A second process builds
the search index from the rendered records, from the moment they are written
(before the other pages are rendered) until after MkDocs, and a forked helper
builds about half of the pages inside the MkDocs run (:mod:`kb.site.page_split`),
so both cores work. ``make build``, ``make serve`` (its first build), ``make pdf``,
``make offline``, the tests and the benchmark all call :func:`build_site`.

MkDocs runs with the project's ``mkdocs.yml`` and, instead of its hook, one
:class:`kb.site.plugin.SitePlugin` per build, told that the pages are already
rendered. A plain ``mkdocs build`` or ``mkdocs serve`` uses the hook, which renders
the pages itself and refuses invalid cases.

Usage::

    report = build_site(cases_dir=Path("cases"), site_dir=Path("site"))
"""

from __future__ import annotations

import contextlib
import functools
import logging
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.site.generate import generate
from kb.paths import GENERATED_DOCS_DIR, ROOT, default_cases_dir
from kb.site.config import PROJECT_CONFIG

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
               pdf: bool = False, search: bool = True, preview_drafts: bool = False,
               teacher: bool = False, site_url: str | None = None) -> BuildReport:
    """Build the whole site into ``site_dir``; ``offline`` builds the variant for
    ``file://`` (links to ``*.html``; search works there too);
    ``pdf`` also prints every handout to PDF and links it (``make pdf``);
    ``preview_drafts`` builds what ``make serve`` shows, files with problems as pages of their
    problems (:mod:`kb.site.draft_preview`), for ``make screenshots``: never a site to publish;
    ``teacher`` builds the 教师版 (teaching notes on case and module pages and handouts, 教师版 on every
    page; :mod:`kb.site.edition`); ``site_url`` sets the public address (None: ``mkdocs.yml``'s).

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
                            preview_drafts=preview_drafts, search_source_written=start_indexing if search else None,
                            teacher=teacher, site_url=site_url)
        seconds["render"] = time.perf_counter() - start
        start = time.perf_counter()
        with _warnings_in_chinese(cases_dir):
            run_mkdocs(docs_dir, site_dir, offline=offline, teacher=teacher, site_url=site_url)
        seconds["mkdocs"] = time.perf_counter() - start
        if indexing:
            start = time.perf_counter()
            seconds["search_process"] = indexing.finish()  # the indexing process's own time
            seconds["search"] = time.perf_counter() - start  # what the build waited for after MkDocs
    finally:
        if indexing:
            indexing.cancel()  # after a failure: stop the child; after finish(): the empty staging folder
    if pdf:
        from kb.site.pdf import publish_pdfs

        start = time.perf_counter()
        publish_pdfs(site_dir, docs_dir)
        seconds["pdf"] = time.perf_counter() - start
    return BuildReport(len(rendered.cases), site_dir, seconds)


@contextlib.contextmanager
def _warnings_in_chinese(cases_dir: Path):
    """When the strict build stops on warnings, raise :class:`kb.site.mkdocs_warnings.BuildWarnings`:
    a warning about a page generated from a case becomes a problem of that case file, in Chinese."""
    from mkdocs.exceptions import Abort

    from kb.site.mkdocs_warnings import BuildWarnings, CollectedWarnings, translate

    collecting = CollectedWarnings()
    logging.getLogger("mkdocs").addHandler(collecting)
    try:
        yield
    except Abort:
        problems, others = [], []
        for message in collecting.messages:
            problem = translate(message, cases_dir)
            problems.append(problem) if problem else others.append(message)
        raise BuildWarnings(problems, others) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collecting)


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


def run_mkdocs(docs_dir: Path, site_dir: Path, *, offline: bool = False, split: bool = True,
               teacher: bool = False, site_url: str | None = None) -> list[str]:
    """``mkdocs build --strict`` of the project's config on the pages already rendered in ``docs_dir``,
    in this process, with about half of the pages built by a forked helper (:mod:`kb.site.page_split`;
    ``split=False``, or a process running other threads: all in this process, as a plain ``mkdocs build``
    does); ``offline``: links to ``*.html`` (``use_directory_urls: false``). The pages the helper built."""
    from mkdocs.commands.build import build
    from mkdocs.utils import clean_directory

    from kb.site.page_split import can_split
    from kb.site.plugin import SitePlugin, site_config

    _show_mkdocs_warnings()
    plugin = SitePlugin(pages_rendered=True, split=split and can_split(), teacher=teacher, site_url=site_url or "")
    config = site_config(plugin, docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True,
                         **({"use_directory_urls": False} if offline else {}),
                         **({"site_url": site_url} if site_url else {}))
    # MkDocs skips the helper's pages only in a dirty build; the folder is emptied here instead.
    clean_directory(config.site_dir)
    _quiet_dirty_warning()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, dirty=True)
    finally:
        plugin.cancel()
        config.plugins.on_shutdown()
    return plugin.split.share if plugin.split else []


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
    handler.addFilter(_not_collected)  # build_site prints them in Chinese
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)


def _not_collected(record: logging.LogRecord) -> bool:
    """False while :func:`_warnings_in_chinese` collects MkDocs' warnings (in this or another build)."""
    from kb.site.mkdocs_warnings import CollectedWarnings

    return not any(isinstance(handler, CollectedWarnings) for handler in logging.getLogger("mkdocs").handlers)


# What ``make serve`` watches besides the cases, their modules and mkdocs.yml: every input of the
# rendered folder, which itself is not watched (:func:`serve_site`).
WATCHED = ("vocab", "docs", "overrides")

def serve_site(cases_dir: Path | None = None, docs_dir: Path = GENERATED_DOCS_DIR,
               dev_addr: str = "127.0.0.1:8000") -> None:
    """``make serve``: render once, then a live-reloading server (MkDocs' own, as ``mkdocs serve`` runs it).

    MkDocs builds the preview itself (into a temporary folder); the server's build object
    (:class:`kb.site.plugin.SitePlugin` with ``serving``) re-renders after each change,
    re-checking and re-rendering only what changed (:mod:`kb.site.incremental`), and
    ``--dirty`` makes MkDocs rebuild only the pages whose Markdown changed. The search index
    of the preview is rebuilt in the background after each build. Drafts that still have
    problems are shown with a 草稿 banner (:mod:`kb.site.draft_preview`); :func:`build_site`
    still refuses them. The rendered folder is output, made again from the watched folders
    (cases, modules, vocab, docs, overrides), so it is not watched: its own writes would start
    a second rebuild (4 s at N=1,000), and an edit saved meanwhile waited behind it.
    """
    from mkdocs.commands.build import build

    from kb.check.module_load import default_modules_dir
    from mkdocs import __version__ as mkdocs_version
    from mkdocs.livereload import LiveReloadServer

    from kb.site import mkdocs_private
    from kb.site.plugin import SitePlugin, site_config

    # Stopped by a process manager (SIGTERM) as by Ctrl-C: the temporary site folder is then
    # removed. A server started in the background (`make serve &`) ignores Ctrl-C's SIGINT.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    cases_dir = cases_dir or default_cases_dir()
    plugin = SitePlugin(cases_dir=cases_dir.resolve(), pages_rendered=True, preview_drafts=True, serving=True)
    plugin.render(docs_dir)
    _show_mkdocs_warnings()
    _quiet_dirty_warning()
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    host, port = dev_addr.rsplit(":", 1)
    serve_url = f"http://{host}:{port}/"

    def load():
        config = site_config(plugin, docs_dir=str(docs_dir), site_dir=site_dir, dev_addr=dev_addr, strict=False)
        config.site_url = serve_url
        return config

    def rebuild(config=None):
        build(config or load(), serve_url=serve_url, dirty=True)

    config = load()
    config.plugins.on_startup(command="serve", dirty=True)
    server_class = LiveReloadServer
    if mkdocs_private.checked():
        server_class = mkdocs_private.ReloadClientAsFile  # live reload without inline script (the CSP forbids it)
    else:
        logging.getLogger("mkdocs").warning(
            f"MkDocs {mkdocs_version} 不是检查过的 {mkdocs_private.CHECKED_MKDOCS_VERSION}："
            "预览页面修改后不会自动刷新，请手动刷新浏览器（见 scripts/kb/site/mkdocs_private.py）")
    server = server_class(builder=rebuild, host=host, port=int(port), root=site_dir)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        rebuild(config)
        for folder in (cases_dir, *[p for p in [default_modules_dir(cases_dir)] if p.is_dir()],
                       *(ROOT / name for name in WATCHED), PROJECT_CONFIG):
            server.watch(str(folder))
        try:
            server.serve()
        except KeyboardInterrupt:
            # make passes the signal on to this process too, and a reader may press Ctrl-C twice:
            # a second one must not interrupt the clean-up (the temporary site folder) with a traceback
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
