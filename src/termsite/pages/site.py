"""The site's pages, derived from the corpus and the day: which page shows which version.

Framework-free: a static-site adapter (``hooks/terms.py`` for MkDocs) turns each
:class:`PageSpec` into a page and renders it with the templates in ``overrides/``.
URLs are relative to the language root (``""`` for Japanese, ``"en/"`` for English) and never
change once a version is published: ``your-connect/2026-03-01/``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from termsite.model import Corpus, Document, Revision, Version
from termsite.timeline.status import in_force

PageKind = Literal["current", "version", "comparison", "cumulative", "clause", "history", "search", "notice",
                   "withdrawn", "document", "clauses"]
LANG_ROOT = {"ja": "", "en": "en/"}


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # e.g. your-connect/2026-03-01/index.md
    kind: PageKind
    document: Document | None = None
    version: Version | None = None
    revision: Revision | None = None
    clause: str | None = None  # the article id of a clause history page

    @property
    def url(self) -> str:
        """The page's URL below its language root: "" for the root, "your-connect/history/"."""
        return self.src_uri.removesuffix("index.md")


def version_url(doc: Document, v: Version) -> str:
    return f"{doc.slug}/{v.slug}/"


def comparison_url(doc: Document, revision: Revision) -> str:
    return f"{doc.slug}/{revision.new.slug}/comparison/"


def notice_url(doc: Document, revision: Revision) -> str:
    return f"{doc.slug}/{revision.new.slug}/notice/"


def cumulative_url(doc: Document, v: Version) -> str:
    """Changes from ``v`` to the terms in force: a stable address per superseded version."""
    return f"{doc.slug}/{v.slug}/changes-since/"


def clause_url(doc: Document, article_id: str) -> str:
    """The history of one article (``preamble`` for the preamble), its paragraphs as sections."""
    return f"{doc.slug}/clauses/{article_id}/"


def clause_pages(versions: tuple[Version, ...]) -> list[str]:
    """The article ids with a history page: every article with text in some version, in the
    order of their last appearance (removed ones after their old neighbour)."""
    out: list[str] = []
    for v in reversed(versions):
        ids = (["preamble"] if v.preamble else []) + [a.id for a in v.articles if not a.omitted]
        for i, aid in enumerate(ids):
            if aid in out:
                continue
            before = next((ids[j] for j in range(i - 1, -1, -1) if ids[j] in out), None)
            out.insert(out.index(before) + 1 if before else 0, aid)
    return out


def history_url(doc: Document) -> str:
    return f"{doc.slug}/history/"


def document_url(doc: Document) -> str:
    """The document's own folder: its versions (the root document's terms in force are at the root)."""
    return f"{doc.slug}/"


def clauses_url(doc: Document) -> str:
    """The index of the clause history pages below it."""
    return f"{doc.slug}/clauses/"


def current_url(corpus: Corpus, doc: Document) -> str:
    return "" if doc is corpus.root_document else f"{doc.slug}/"


@dataclass
class Plan:
    corpus: Corpus
    today: date
    pages: list[PageSpec] = field(default_factory=list)

    def by_src(self) -> dict[str, PageSpec]:
        return {p.src_uri: p for p in self.pages}


def plan(corpus: Corpus, today: date) -> Plan:
    """Every generated page; the same list for both languages."""
    result = Plan(corpus, today)
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        current = in_force(versions, today) or versions[0]
        result.pages.append(PageSpec(current_url(corpus, doc) + "index.md", "current", doc, current))
        result.pages.append(PageSpec(history_url(doc) + "index.md", "history", doc))
        if current_url(corpus, doc) != document_url(doc):  # a trimmed address answers with an index, not 404
            result.pages.append(PageSpec(document_url(doc) + "index.md", "document", doc))
        result.pages.append(PageSpec(clauses_url(doc) + "index.md", "clauses", doc))
        for v in versions:
            result.pages.append(PageSpec(version_url(doc, v) + "index.md", "version", doc, v))
        for v in versions[:versions.index(current)]:  # superseded: compared with the terms in force
            result.pages.append(PageSpec(cumulative_url(doc, v) + "index.md", "cumulative", doc, v,
                                         Revision(corpus.ended(doc.slug, v), current)))
        for aid in clause_pages(versions):
            result.pages.append(PageSpec(clause_url(doc, aid) + "index.md", "clause", doc, clause=aid))
        for revision in corpus.revisions(doc.slug):
            result.pages.append(PageSpec(comparison_url(doc, revision) + "index.md", "comparison", doc,
                                         revision.new, revision))
            result.pages.append(PageSpec(notice_url(doc, revision) + "index.md", "notice", doc,
                                         revision.new, revision))
        result.pages += withdrawn_pages(corpus, doc)
    result.pages.append(PageSpec("search/index.md", "search"))
    return result


def withdrawn_pages(corpus: Corpus, doc: Document) -> list[PageSpec]:
    """A withdrawn version keeps the addresses it was published at: its text (with the withdrawn
    banner), its comparison table and its notice (now the notice of the withdrawal)."""
    out = []
    d = corpus.declarations.get(doc.slug)
    announced = d.announced if d else {}
    for v in d.withdrawn if d else ():
        earlier = [x for x in corpus.versions[doc.slug] if x.effective is None or (v.effective and x.effective < v.effective)]
        before = announced.get(v.slug) or (corpus.ended(doc.slug, earlier[-1]) if earlier else None)  # as announced: later 正誤 aside
        revision = Revision(before, v) if before else None
        out.append(PageSpec(version_url(doc, v) + "index.md", "withdrawn", doc, v, revision))
        if revision is not None:
            out.append(PageSpec(comparison_url(doc, revision) + "index.md", "comparison", doc, v, revision))
            out.append(PageSpec(notice_url(doc, revision) + "index.md", "notice", doc, v, revision))
    return out


# Pages that show one version or one revision: besides those versions they only use their
# neighbours' dates (a period ends the day before the next version starts; a banner names it).
_LOCAL_KINDS = {"current", "version", "comparison", "cumulative", "notice"}


def _inputs(current: Plan, spec: PageSpec) -> tuple[object, ...]:
    """The objects a page is made from. Any other kind of page (history, search, kinds added
    later) counts as made from every version of its document, or of the whole corpus."""
    corpus = current.corpus
    if spec.document is None:
        return (*corpus.documents, *(v for vs in corpus.versions.values() for v in vs))
    versions = corpus.versions[spec.document.slug]
    if spec.kind not in _LOCAL_KINDS:
        return (spec.document, *versions)
    shown = [v for v in (spec.version, spec.revision and spec.revision.old, spec.revision and spec.revision.new) if v]
    around: list[object] = [spec.document]
    for v in shown:
        i = next((n for n, x in enumerate(versions) if x is v), -1)
        if i < 0:  # a withdrawn version: out of the chain, its pages name the versions around it
            return (spec.document, *versions, *shown)
        # a version page says when each clause last changed: every earlier version counts
        first = 0 if spec.kind in ("current", "version") else max(i - 1, 0)
        around += versions[first: i + 2]
    return tuple(around)


def changed_pages(previous: Plan | None, current: Plan) -> set[str] | None:
    """The pages (``src_uri``) that may read differently after the corpus was reloaded, or None
    when every page must be rebuilt (the first build, a new day, pages added or removed).

    Unchanged files are loaded as the same objects (see :mod:`loading`), so an input that is
    the very same object as before is unchanged; anything else counts as changed."""
    if previous is None or previous.today != current.today or \
            [p.src_uri for p in previous.pages] != [p.src_uri for p in current.pages] or \
            any(a is not b for a, b in zip(previous.corpus.documents, current.corpus.documents)):
        return None
    changed = set()
    for old, new in zip(previous.pages, current.pages):
        before, after = _inputs(previous, old), _inputs(current, new)
        if old.kind != new.kind or len(before) != len(after) or any(a is not b for a, b in zip(before, after)):
            changed.add(new.src_uri)
    return changed
