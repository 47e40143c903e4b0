"""MkDocs on two cores: a forked helper builds about half of the pages.

MkDocs renders pages one after another in one process, and with 1,000 cases
almost all of its time goes into the pages (Markdown, then the theme's
template). :func:`kb.site.build.run_mkdocs` asks for a split: its build object
(:class:`kb.site.plugin.SitePlugin`) holds a :class:`PageSplit`, and calls, in one ordinary MkDocs build:

``on_nav`` → :meth:`PageSplit.start`
    Fork. The helper converts and builds its pages (:func:`helper_share`), exactly as
    MkDocs would (its own page-building steps, :mod:`kb.site.mkdocs_private`), and writes
    them into the site. In the main process those pages report themselves
    unmodified, so MkDocs (run with ``dirty=True`` on a folder
    :func:`kb.site.build.run_mkdocs` has just emptied) skips them.
``on_env`` → :meth:`PageSplit.take_anchors`
    Wait for the helper's Markdown stage; copy onto its pages the anchors they
    contain and the anchor links they make, so MkDocs' anchor check after the
    build covers every page, both ways.
``on_post_build`` → :meth:`PageSplit.finish`
    Wait for the helper; its warnings are logged here, where ``--strict`` counts them.

Every page is converted and checked once, by the same Markdown, theme and
plugin: the site is byte for byte the site one process builds
(``tests/test_page_split.py``). ``make serve``, a plain ``mkdocs build`` and a
process running other threads or another MkDocs version (:func:`can_split`) never split.
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import struct
import threading
import traceback
from dataclasses import dataclass, field

log = logging.getLogger("mkdocs.kb.page_split")



def can_split() -> bool:
    """Whether this process may split a build now: only on the MkDocs version whose private
    page-building steps the helper uses were checked (:mod:`kb.site.mkdocs_private`), and only
    if it runs no other thread.

    ``fork`` copies only the calling thread, and with it every lock the other threads
    hold at that moment; a helper that then needs one of them (an import, a stream,
    a cache) waits forever, and the build with it. ``python -m kb build`` runs one
    thread; a test worker or a server does not, so there all pages are built here."""
    from kb.site.mkdocs_private import checked

    return checked() and hasattr(os, "fork") and threading.active_count() == 1


# The helper's part of the pages' Markdown, by size (the main process also copies the
# static files, writes the theme's own files and checks the anchors: measured, little).
HELPER_SHARE = 0.5


def helper_share(files) -> list:
    """The documentation pages the helper builds. The work on a page grows with its
    Markdown, so the pages are dealt out by size, largest first, to whichever side is
    further below its part (the index pages that list every case are the largest)."""
    pages = sorted(files.documentation_pages(), key=lambda f: (-_size(f), f.src_uri))
    share, helper, main = [], 0, 0
    for file in pages:
        if helper * (1 - HELPER_SHARE) < main * HELPER_SHARE:  # the largest page stays here
            share.append(file)
            helper += _size(file)
        else:
            main += _size(file)
    return sorted(share, key=lambda f: f.src_uri)


def _size(file) -> int:
    return os.path.getsize(file.abs_src_path) if file.abs_src_path else len(file.content_bytes)


@dataclass
class _HelperProcess:
    pid: int
    reader: int
    messages: "queue.Queue[dict]" = field(default_factory=queue.Queue)

    def listen(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        with os.fdopen(self.reader, "rb") as pipe:
            while header := pipe.read(8):
                self.messages.put(pickle.loads(pipe.read(struct.unpack("Q", header)[0])))
        self.messages.put({"stage": "gone"})

    def next(self, stage: str) -> dict:
        message = self.messages.get()
        for name, level, text in message.get("warnings", []):
            logging.getLogger(name).log(level, text)
        if message["stage"] != stage:
            raise RuntimeError(f"构建案例页面的辅助进程出错：\n{message.get('error', '进程意外退出')}")
        return message

    def stop(self) -> None:
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


class PageSplit:
    """One build's split: the helper it forked, and the pages the helper built (:attr:`share`)."""

    def __init__(self):
        self.share: list[str] = []  # the helper's pages, by source path (the tests look)
        self._process: _HelperProcess | None = None

    def start(self, nav, config, files) -> None:
        """``on_nav``: fork the helper; its pages report themselves unmodified here."""
        share = helper_share(files)
        self.share = [file.src_uri for file in share]
        if not share:
            return
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: never returns into MkDocs
            os.close(reader)
            code = 1
            try:
                _helper(share, nav, config, files, writer)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        for file in share:  # MkDocs' dirty build skips a page whose file says it is unmodified
            file.is_modified = _unmodified
        self._process = _HelperProcess(pid, reader)
        self._process.listen()

    def take_anchors(self, files) -> None:
        """``on_env``: the anchors of the helper's pages and the anchor links on them."""
        if self._process is None:
            return
        anchors = self._process.next("rendered")["anchors"]
        for src_uri, (present, links) in anchors.items():
            page = files.get_file_from_path(src_uri).page
            page.present_anchor_ids = present
            page.links_to_anchors = {files.get_file_from_path(target): found for target, found in links.items()}

    def finish(self) -> None:
        """``on_post_build``: wait for the helper's pages; raise if it failed."""
        if self._process is None:
            return
        process, self._process = self._process, None
        try:
            process.next("built")
        finally:
            process.stop()

    def cancel(self) -> None:
        """After a build that stopped early: the helper is stopped."""
        if self._process is not None:
            self._process.stop()
            self._process = None


def _unmodified() -> bool:
    return False


class _Collect(logging.Handler):
    """The helper's warnings, passed to the main process instead of printed twice."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _helper(share, nav, config, files, writer: int) -> None:
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    from kb.site.mkdocs_private import build_page, populate_page

    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):
        mkdocs_log.removeHandler(handler)
    collected = _Collect()
    mkdocs_log.addHandler(collected)

    def send(message: dict) -> None:
        message["warnings"], collected.records = collected.records, []
        data = pickle.dumps(message)
        os.write(writer, struct.pack("Q", len(data)))
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view):]

    try:
        for file in share:
            if file.page is None:
                Page(None, file, config)
            populate_page(file.page, config, files)
        send({"stage": "rendered", "anchors": {
            file.src_uri: (file.page.present_anchor_ids,
                           {target.src_uri: links for target, links in (file.page.links_to_anchors or {}).items()})
            for file in share}})
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in share:
            build_page(file.page, config, doc_files, nav, env)
        send({"stage": "built"})
    except BaseException:
        send({"stage": "failed", "error": traceback.format_exc()})
        raise
    finally:
        os.close(writer)
