"""Serving a built site under /terms/ (as GitHub Pages will) and starting Debian's Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """TERMS_CHROMIUM, else Debian's chromium; None means Playwright's own download (GitHub's
    runners set TERMS_CHROMIUM=playwright: their apt chromium is a snap wrapper)."""
    configured = os.environ.get("TERMS_CHROMIUM")
    if configured == "playwright":
        return None
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")

PREFIX = "/terms/"
NO_BROWSER = "no browser"  # the start of every skip for want of one; tests/conftest.py counts them
FIX_BROWSER = "make browser  (Playwright's download: .venv/bin/python -m playwright install chromium)"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files below PREFIX, as a Pages project site serves them: any missing path, in either
    language, gets the site's top-level 404.html with status 404."""

    prefix = PREFIX

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


class SiteServer:
    """``site`` served below ``prefix`` (/terms/, as deployed; any other path to try another base)."""

    def __init__(self, site: Path, prefix: str = PREFIX):
        self.site, self.prefix = site, prefix
        handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.prefix}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

