"""``termsite export``: which comparison to write, under which name, as Word or PDF."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from termsite.model import Corpus, Document, Revision
from termsite.outputs.export.table import ExportTable, export_table

FORMATS = ("docx", "pdf")


class ExportError(ValueError):
    """A document or version that is not there: the message says what is."""


@dataclass(frozen=True)
class Request:
    doc: Document
    revision: Revision
    cumulative: bool  # an earlier version against this one (--against), like the changes-since tables

    def file_name(self, lang: str, fmt: str) -> str:
        since = f"-since-{self.revision.old.slug}" if self.cumulative else ""
        return f"{self.doc.slug}-{self.revision.new.slug}{since}-comparison-{lang}.{fmt}"


def request(corpus: Corpus, document: str, version: str, against: str | None = None) -> Request:
    """The revision that made ``version`` (against the version before it), or ``against`` → ``version``."""
    doc = next((d for d in corpus.documents if d.slug == document), None)
    if doc is None:
        raise ExportError(f"no document {document!r}; the documents are: "
                          + ", ".join(d.slug for d in corpus.documents))
    versions = corpus.versions[doc.slug]
    slugs = [v.slug for v in versions]
    if version not in slugs:
        raise ExportError(f"{document} has no version {version!r}; its versions are: {', '.join(slugs)}")
    index = slugs.index(version)
    if against is None:
        if index == 0:
            raise ExportError(f"{document} {version} is the first version: there is nothing to compare it with "
                              "(give --against another version)")
        return Request(doc, Revision(corpus.ended(doc.slug, versions[index - 1]), versions[index]), False)
    if against not in slugs[:index]:
        raise ExportError(f"--against must be a version of {document} before {version}: "
                          + ", ".join(slugs[:index]) if index else f"{version} is the first version")
    old = corpus.ended(doc.slug, versions[slugs.index(against)])
    return Request(doc, Revision(old, versions[index]), index - slugs.index(against) > 1)


def table_for(corpus: Corpus, req: Request, lang: str, today: date) -> ExportTable:
    return export_table(corpus, req.doc, req.revision, lang, today, cumulative=req.cumulative)


def write(corpus: Corpus, req: Request, lang: str, fmt: str, path: Path, today: date) -> Path:
    table = table_for(corpus, req, lang, today)
    if fmt == "docx":
        from termsite.outputs.export.docx import write_docx

        return write_docx(table, path)
    from termsite.outputs.export.pdf import write_pdf

    return write_pdf(table, path)


def review_names(req: Request) -> list[str]:
    """The files the pull-request run writes for one changed version: Word and PDF, Japanese first."""
    return [req.file_name(lang, fmt) for lang in ("ja", "en") for fmt in FORMATS]


def write_review_files(corpus: Corpus, reqs: list[Request], folder: Path, today: date) -> list[Path]:
    """Word and PDF of each request, both languages, into ``folder`` (the font is looked up once)."""
    from termsite.outputs.export.docx import write_docx
    from termsite.outputs.export.fonts import japanese_fonts
    from termsite.outputs.export.pdf import write_pdf

    written: list[Path] = []
    if not reqs:
        return written
    fonts = japanese_fonts()
    for req in reqs:
        for lang in ("ja", "en"):
            table = table_for(corpus, req, lang, today)
            written.append(write_docx(table, folder / req.file_name(lang, "docx")))
            written.append(write_pdf(table, folder / req.file_name(lang, "pdf"), fonts))
    return written
