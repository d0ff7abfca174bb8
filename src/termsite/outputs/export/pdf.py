"""The 新旧対照表 as PDF: the print page (``overrides/export/comparison_print.html``) printed by Chromium.

Why Chromium and not WeasyPrint (both were tried on the sample revision): Chromium breaks Japanese
lines by the strict 禁則 rules (no 、。」） at a line start), repeats the table header, keeps rows
whole and fills the @page margin boxes (page numbers) — and it is already the browser of the tests
and the pull-request run. Printing runs in the browser's own process, so the site build prints
its PDFs while MkDocs renders (:class:`Printer` in a thread of its own, one browser for all).
"""
from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from markupsafe import Markup

from termsite.outputs.export.table import ExportTable, caption_lines
from termsite.pages.templating import render, standalone_env

TEMPLATE = "export/comparison_print.html"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NO_BROWSER = ("no Chromium to print the PDF with: install Debian's `chromium`, set TERMS_CHROMIUM to a "
              "Chromium binary, or run `make browser` (Playwright's download)")


class NoBrowser(RuntimeError):
    """No Chromium on this machine: the PDFs cannot be printed."""


def _css_string(text: str) -> Markup:
    """Text inside a CSS string in the page's <style> (where HTML entities are not decoded)."""
    return Markup("".join(f"\\{ord(c):x} " if c in '"\\<>&\n' else c for c in text))


def print_html(table: ExportTable) -> str:
    """The print page of ``table``: self-contained, nothing fetched."""
    env = standalone_env(table.lang)
    before, _, rest = table.t("Page %(page)s of %(pages)s").partition("%(page)s")
    middle, _, after = rest.partition("%(pages)s")
    return render(env, TEMPLATE, table=table, caption=caption_lines(table),
                  page_words=[_css_string(w) for w in (before, middle, after)],
                  margin_title=_css_string(table.title))


def chromium_path() -> str | None:
    """TERMS_CHROMIUM, else Debian's chromium; None means Playwright's own download (GitHub's
    runners set TERMS_CHROMIUM=playwright: their apt chromium is a snap wrapper)."""
    configured = os.environ.get("TERMS_CHROMIUM")
    if configured == "playwright":
        return None
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Printer:
    """One headless Chromium for any number of PDFs. Use it from one thread only (Playwright's
    synchronous API belongs to the thread that started it)."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None

    def __enter__(self) -> "Printer":
        from playwright.sync_api import Error, sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        except Error as exc:
            self._playwright.stop()
            raise NoBrowser(f"{NO_BROWSER} ({str(exc).splitlines()[0]})") from exc
        self._page = self._browser.new_page()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._browser.close()
        self._playwright.stop()

    def print_html(self, html: str, path: Path, stamp: date | None = None) -> Path:
        """Print ``html`` to ``path``; ``stamp`` replaces the printing time in the file's dates, so
        that the same table gives the same bytes (the site's build is reproducible)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._page.set_content(html, wait_until="load")
        data = self._page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=False)
        if stamp is not None:
            data = _DATES.sub(lambda m: m.group(1) + stamp.strftime("%Y%m%d").encode() + b"000000", data)
        path.write_bytes(_renumbered(data))
        return path

    def print_table(self, table: ExportTable, path: Path) -> Path:
        return self.print_html(print_html(table), path, table.published or table.new_date)


def _renumbered(data: bytes) -> bytes:
    """The tagged PDF names its structure elements after the browser's node counter, which runs on
    from one print to the next: numbered from 1 here, in the same order (the ID tree stays sorted)."""
    found = sorted({int(n) for n in _NODE.findall(data)})
    number = {n: i for i, n in enumerate(found, 1)}
    return _NODE.sub(lambda m: b"(node%08d)" % number[int(m.group(1))], data)


_NODE = re.compile(rb"\(node([0-9]{8})\)")
_DATES = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)[0-9]{14}")  # same length: the offsets stay right


def write_pdf(table: ExportTable, path: Path) -> Path:
    with Printer() as printer:
        return printer.print_table(table, path)
