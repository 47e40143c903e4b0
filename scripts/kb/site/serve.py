"""A local static server for the built site that behaves like the hosts it is
published on (GitHub Pages, nginx): gzip for text files and cache headers.

Used by the tests, the benchmark and Lighthouse. Lighthouse and the search
benchmark judge a page by the bytes it transfers, so serving uncompressed
files would measure a server no reader ever meets. Listens on 127.0.0.1 only.

Usage::

    with serve(Path("site")) as base_url:
        ...
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import threading
from functools import lru_cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".mjs"}


@lru_cache(maxsize=4096)
def _gzipped(path: str, mtime: float) -> bytes:
    """Compressed once per file version: ``mtime`` is part of the cache key, so a rebuilt file is recompressed."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=6, mtime=0)


class StaticHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        if not self.path.split("?")[0].endswith((".html", "/")):
            self.send_header("Cache-Control", "public, max-age=31536000")
        super().end_headers()

    def do_GET(self) -> None:
        url_path = self.path.split("?")[0].split("#")[0]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return super().do_GET()  # the base class redirects to the slash form
            path = os.path.join(path, "index.html")
        compressible = os.path.isfile(path) and os.path.splitext(path)[1] in COMPRESSIBLE
        if not (compressible and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = _gzipped(path, os.path.getmtime(path))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path):
    """Serve ``site_dir`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(StaticHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
