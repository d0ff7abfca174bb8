"""Search as a phone reader meets it: the built site served compressed, Chromium's CPU throttled 4×.

For each query: the time from the query being committed (one "input" event, as an IME commits text)
to its results being on the page, cold (a fresh page, nothing loaded yet) and warm (after another
query on the same page); the bytes and requests the server sent for it (counted on the server: a
page-level view misses what a worker fetches; the first query is charged the search index, which the
page fetches as it opens); and the longest main-thread task while a query is
typed letter by letter. ``python bench/search.py SITE`` measures an already built site.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PREFIX = "/terms/"
THROTTLE = 4
QUERIES = {"ja": ["電子メール", "動作ログ", "30日", "第5条4", "存在しない語句"],
           "en": ["e-mail", "activity log", "notify", "Article 5(4)", "zzzq"]}
TYPED = {"en": "notification by e-mail", "ja": "電子メールにより通知"}
COMPRESSED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt")


@dataclass
class Traffic:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    bytes: int = 0
    index_requests: int = 0  # of these, the search index (fetched by the search page as it opens)
    index_bytes: int = 0

    def add(self, n: int, index: bool) -> None:
        with self.lock:
            self.requests += 1
            self.bytes += n
            if index:
                self.index_requests += 1
                self.index_bytes += n

    def snapshot(self) -> tuple[int, int]:
        with self.lock:
            return self.requests, self.bytes

    def index(self) -> tuple[int, int]:
        with self.lock:
            return self.index_requests, self.index_bytes


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site below /terms/, text compressed with gzip (as GitHub Pages serves it); counts what it sends."""

    traffic: Traffic

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        clean = self.path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(PREFIX):
            self.send_error(404)
            return
        path = Path(self.translate_path("/" + clean[len(PREFIX):]))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        else:
            status = 200
        body = path.read_bytes()
        headers = {"Content-Type": self.guess_type(str(path)), "Cache-Control": "max-age=600"}
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.traffic.add(len(body), clean.startswith(PREFIX + "search/") and clean.endswith(".json"))

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    def __init__(self, site: Path) -> None:
        self.traffic = Traffic()
        handler = type("Handler", (_Handler,), {"traffic": self.traffic})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{PREFIX}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Commit a query as an IME does (one "input" event) and resolve when its answer is on the page.
COMMIT = """q => new Promise(resolve => {
  const box = document.getElementById('terms-search'), input = document.getElementById('terms-q');
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (!box.querySelector('.terms-result-count, .terms-noresult')) return;
    seen.disconnect();
    requestAnimationFrame(() => resolve({ms: performance.now() - t0,
      results: box.querySelectorAll('li.terms-result').length, line: box.querySelector('p').innerText}));
  });
  seen.observe(box, {childList: true, subtree: true});
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
})"""

LONG_TASKS = """() => { window.__longest = 0;
  new PerformanceObserver(list => list.getEntries().forEach(e => { window.__longest = Math.max(window.__longest, e.duration); }))
    .observe({type: 'longtask'}); }"""


def _page(browser: Any, url: str) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(url)
    page.wait_for_selector("#terms-q", state="visible")
    return page


def measure(site: Path) -> dict[str, Any]:
    """Figures per language and query, and the worst of each (``first_ms``, ``next_ms``, ``kb``,
    ``requests``, ``longest_task_ms``)."""
    from playwright.sync_api import sync_playwright

    # the same Chromium and flags as the browser tests (the build itself no longer starts a browser)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from browser_support import LAUNCH_ARGS, chromium_path

    server = Server(site)
    rows: list[dict[str, Any]] = []
    longest = 0.0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
            for lang, queries in QUERIES.items():
                url = server.base + ("en/" if lang == "en" else "") + "search/"
                for i, q in enumerate(queries):
                    opened = server.traffic.index()
                    page = _page(browser, url)  # cold: a fresh page, with an empty cache
                    before = server.traffic.snapshot()
                    cold = page.evaluate(COMMIT, q)
                    after = server.traffic.snapshot()
                    # the first query's cost: what it fetched, plus the index the page fetched as it opened
                    index = [a - b for a, b in zip(server.traffic.index(), opened)]
                    after = (after[0] + index[0], after[1] + index[1])
                    page.evaluate(COMMIT, queries[(i + 1) % len(queries)])
                    before_warm = server.traffic.snapshot()
                    warm = page.evaluate(COMMIT, q)  # warm: another query came first
                    after_warm = server.traffic.snapshot()
                    rows.append({"lang": lang, "query": q, "results": cold["results"], "line": cold["line"],
                                 "first_ms": round(cold["ms"]), "next_ms": round(warm["ms"]),
                                 "kb": round((after[1] - before[1]) / 1024, 1), "requests": after[0] - before[0],
                                 "next_kb": round((after_warm[1] - before_warm[1]) / 1024, 1)})
                    page.context.close()
                page = _page(browser, url)  # typing letter by letter from cold, a task per key
                page.evaluate(LONG_TASKS)
                page.locator("#terms-q").click()
                if lang == "en":
                    page.keyboard.type(TYPED[lang], delay=120)
                else:  # an IME commits text in pieces
                    for n in range(1, len(TYPED[lang]) + 1):
                        page.evaluate("""t => { const i = document.getElementById('terms-q'); i.value = t;
                                          i.dispatchEvent(new Event('input', {bubbles: true})); }""", TYPED[lang][:n])
                        page.wait_for_timeout(120)
                page.wait_for_timeout(500)
                longest = max(longest, float(page.evaluate("window.__longest")))
                page.context.close()
            browser.close()
    finally:
        server.close()
    return {"rows": rows, "first_ms": max(r["first_ms"] for r in rows), "next_ms": max(r["next_ms"] for r in rows),
            "kb": max(r["kb"] for r in rows), "requests": max(r["requests"] for r in rows),
            "longest_task_ms": round(longest)}


if __name__ == "__main__":
    figures = measure(Path(sys.argv[1]))
    for r in figures.pop("rows"):
        print(json.dumps(r, ensure_ascii=False))
    print(json.dumps(figures))
