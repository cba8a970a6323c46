"""Serve a built site under a sub-path, the way GitHub Pages serves a project.

A project site lives at https://OWNER.github.io/REPO/, not at the root, so
any link written as "/page/" breaks there. Serving the build under the same
sub-path locally (and 404 everywhere else) makes such links fail in tests.
Text files are sent gzip-compressed when the browser asks, as GitHub Pages
does, so page weights and load times match what readers get.
Used by the browser tests, the handout PDFs and the benchmark.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime: float) -> bytes:  # mtime: a changed file is re-read
    with open(path, "rb") as f:
        return gzip.compress(f.read(), compresslevel=6, mtime=0)


class _SubPathHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def send_head(self):
        url_path = urlsplit(self.path).path
        if not url_path.startswith(self.prefix):
            self.send_error(404)  # outside the project, as on GitHub Pages
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path) and url_path.endswith("/"):
            path = os.path.join(path, "index.html")
        if (os.path.splitext(path)[1] in COMPRESSIBLE and os.path.isfile(path)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = _gzipped(path, os.path.getmtime(path))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        return super().translate_path("/" + url_path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        # Serve the site's own 404 page, as GitHub Pages does.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that moves on mid-download closes the socket; not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A threaded HTTP server on 127.0.0.1 with a free port; use as a context manager."""

    def __init__(self, site_dir: Path, sub_path: str = "/"):
        site_dir = Path(site_dir)
        if not (site_dir / "index.html").is_file():
            raise FileNotFoundError(f"{site_dir} has no index.html: build the site first.")
        prefix = "/" + sub_path.strip("/") + "/" if sub_path.strip("/") else "/"
        handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
        self._httpd = _QuietServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
        host, port = self._httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self.base_url = self.origin + prefix
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
