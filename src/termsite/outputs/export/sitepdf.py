"""The PDF of each published revision's 新旧対照表, in both languages, built with the site and
linked from its comparison page (「PDFで見る」 / "View as PDF").

Typst typesets them all (no browser), in a thread of its own started before MkDocs renders, so
that it overlaps the pages' rendering. The files go to a folder of their own (MkDocs empties its site folder before it writes) and are
moved into the site when both are done.

Published revisions do not change (``versions/lock.json``), so each PDF is also kept in a cache
folder under the hash of its table, the engine's version, the template and the font files: a build
whose tables are all cached typesets nothing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import threading
from datetime import date
from pathlib import Path

from termsite.comparison.clause_history import comparisons_for
from termsite.model import LANGS, Corpus, Document, Revision
from termsite.outputs.export.files import Request
from termsite.outputs.export.table import export_table
from termsite.outputs.export.fonts import FAMILY, japanese_fonts
from termsite.outputs.export.pdf import engine_key, table_json, typeset_json
from termsite.pages.site import LANG_ROOT, comparison_url
from termsite.timeline.publication import is_public


def pdf_url(doc: Document, revision: Revision, lang: str) -> str:
    """Where the PDF is, relative to the language's root: beside the comparison page."""
    return comparison_url(doc, revision) + Request(doc, revision, False).file_name(lang, "pdf")


def printed(corpus: Corpus, today: date) -> list[tuple[Document, Revision]]:
    """The revisions that get a PDF: every published one."""
    return [(doc, r) for doc in corpus.documents for r in corpus.revisions(doc.slug) if is_public(r.new, today)]


def _copied(kept: Path, path: Path) -> bool:
    """The cached PDF copied to ``path``; False when it is not there (then it is printed)."""
    try:
        shutil.copyfile(kept, path)
    except OSError:
        return False
    return True


def _keep(path: Path, kept: Path) -> None:
    """Into the cache, whole or not at all (another build may be reading it); a cache that cannot be
    written (removed meanwhile, read-only) costs the next build a print, never this build."""
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, partial)
        os.replace(partial, kept)
    except OSError:
        partial.unlink(missing_ok=True)


class SitePdfs:
    """Starts typesetting at once; :meth:`wait` returns the folder, or raises what went wrong.
    The Japanese font is looked up first, in the build's own thread: without it the build stops
    (:class:`~termsite.outputs.export.fonts.FontMissing`) before anything is made or cached."""

    def __init__(self, corpus: Corpus, today: date, folder: Path, cache: Path | None = None):
        self.folder = folder
        self.cache = cache
        self.printed: list[Path] = []  # the files this build typeset (not taken from the cache)
        self.fonts = japanese_fonts()
        self._key = engine_key(self.fonts)
        folder.mkdir(parents=True, exist_ok=True)
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._jobs = [(doc, r, lang) for doc, r in printed(corpus, today) for lang in LANGS]
        self._corpus, self._today = corpus, today
        self._thread = threading.Thread(target=self._run, name="site-pdfs", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for doc, revision, lang in self._jobs:
                if self._stop.is_set():
                    return
                made = comparisons_for(self._corpus, lang).get(revision)  # the pages' own comparison
                table = export_table(self._corpus, doc, revision, lang, self._today, comparison=made)
                data = table_json(table, [FAMILY])
                path = self.folder / LANG_ROOT[lang] / pdf_url(doc, revision, lang)
                kept = self._cached(data)
                path.parent.mkdir(parents=True, exist_ok=True)
                if kept is not None and _copied(kept, path):
                    continue
                path.write_bytes(typeset_json(data, self.fonts, f"{table.subject} ({lang})"))
                self.printed.append(path)
                if kept is not None:
                    _keep(path, kept)
        except BaseException as exc:  # handed to the build's thread by wait()
            self._error = exc

    def _cached(self, data: str) -> Path | None:
        """The cache's file for this table with this engine, template and fonts."""
        if self.cache is None:
            return None
        key = hashlib.sha256(f"{self._key}\0{data}".encode()).hexdigest()
        return self.cache / f"{key}.pdf"

    def wait_quietly(self) -> None:
        """After a failed build: stop after the PDF being made, before its folder is removed."""
        self._stop.set()
        self._thread.join()

    def wait(self) -> Path:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.folder
