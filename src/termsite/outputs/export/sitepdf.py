"""The PDF of each published revision's 新旧対照表, in both languages, built with the site and
linked from its comparison page (「PDFで見る」 / "View as PDF").

Typst typesets them all (no browser), in a process of its own started before MkDocs renders, so
that it overlaps the pages' rendering on another core. The files go to a folder of their own (MkDocs empties its site folder before it writes) and are
moved into the site when both are done.

Published revisions do not change (``versions/lock.json``), so each PDF is also kept in a cache
folder under the hash of its table, the engine's version, the template and the font files: a build
whose tables are all cached typesets nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

from termsite.comparison.clause_history import comparisons_for
from termsite.model import LANGS, Corpus, Document, Revision
from termsite.outputs.export.files import Request
from termsite.outputs.export.table import export_table
from termsite.outputs.export.fonts import FAMILY, japanese_fonts
from termsite.outputs.export.pdf import check_glyphs, engine_key, table_json
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


class SitePdfs:
    """Starts at once; :meth:`wait` returns the folder, or raises what went wrong.

    The Japanese font is looked up first, in the build's own thread: without it the build stops
    (:class:`~termsite.outputs.export.fonts.FontMissing`) before anything is made or cached. A
    thread then makes each table (the pages' own comparisons) and takes what it can from the cache;
    the rest are typeset by a process of its own (``python -m termsite.outputs.export.pdf``): the
    Typst compiler holds the interpreter lock while it works, so in a thread it would take turns
    with MkDocs instead of using the other core. Each table goes to it as a file, named on a line."""

    def __init__(self, corpus: Corpus, today: date, folder: Path, cache: Path | None = None):
        self.folder = folder
        self.cache = cache
        self.printed: list[Path] = []  # the files this build typeset (not taken from the cache)
        self.fonts = japanese_fonts()
        self._key = engine_key(self.fonts)
        folder.mkdir(parents=True, exist_ok=True)
        self._jobs_dir = folder / ".jobs"
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._worker: subprocess.Popen[bytes] | None = None
        self._jobs = [(doc, r, lang) for doc, r in printed(corpus, today) for lang in LANGS]
        self._corpus, self._today = corpus, today
        self._thread = threading.Thread(target=self._run, name="site-pdfs", daemon=True)
        self._thread.start()

    def _start_worker(self) -> subprocess.Popen[bytes]:
        package_root = str(Path(__file__).resolve().parents[3])  # this termsite, installed or not
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, os.environ.get("PYTHONPATH"))))}
        self._jobs_dir.mkdir(parents=True, exist_ok=True)
        return subprocess.Popen([sys.executable, "-m", "termsite.outputs.export.pdf", *(str(f.path) for f in self.fonts)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)

    def _run(self) -> None:
        try:
            for n, (doc, revision, lang) in enumerate(self._jobs):
                if self._stop.is_set():
                    return
                made = comparisons_for(self._corpus, lang).get(revision)  # the pages' own comparison
                table = export_table(self._corpus, doc, revision, lang, self._today, comparison=made)
                data = table_json(table, [FAMILY])
                what = f"{table.subject} ({lang})"
                check_glyphs(data, self.fonts, what)
                path = self.folder / LANG_ROOT[lang] / pdf_url(doc, revision, lang)
                kept = self._cached(data)
                path.parent.mkdir(parents=True, exist_ok=True)
                if kept is not None and _copied(kept, path):
                    continue
                if self._worker is None:
                    self._worker = self._start_worker()  # only when a PDF is not in the cache
                job = self._jobs_dir / f"{n}.json"
                job.write_text(json.dumps({"data": data, "path": str(path), "kept": str(kept) if kept else None,
                                           "what": what}, ensure_ascii=False), encoding="utf-8")
                assert self._worker.stdin is not None
                self._worker.stdin.write(f"{job}\n".encode())
                self._worker.stdin.flush()
                self.printed.append(path)
        except BaseException as exc:  # handed to the build's thread by wait()
            self._error = exc

    def _cached(self, data: str) -> Path | None:
        """The cache's file for this table with this engine, template and fonts."""
        if self.cache is None:
            return None
        key = hashlib.sha256(f"{self._key}\0{data}".encode()).hexdigest()
        return self.cache / f"{key}.pdf"

    def wait_quietly(self) -> None:
        """After a failed build: stop making tables and the typesetting process."""
        self._stop.set()
        self._thread.join()
        if self._worker is not None and self._worker.poll() is None:
            self._worker.kill()
            self._worker.communicate()
        shutil.rmtree(self._jobs_dir, ignore_errors=True)

    def wait(self) -> Path:
        self._thread.join()
        worker, self._worker = self._worker, None
        output = b""
        if worker is not None:
            output, _ = worker.communicate()  # closes its input: it finishes the last table and stops
        shutil.rmtree(self._jobs_dir, ignore_errors=True)
        if self._error is not None:
            raise self._error
        if worker is not None and worker.returncode:
            raise RuntimeError(output.decode("utf-8", "replace").strip() or "the PDFs were not made")
        return self.folder
