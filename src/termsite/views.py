"""What each kind of page shows, as plain data for the templates (no HTML here).

Banners carry every state a page can be in (upcoming / in force / superseded) with the dates
that separate them; the build shows the one for its day and ``banner.js`` re-checks with the
reader's clock, so a page is right on the effective day even before the next rebuild.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .compare import Comparison, compare
from .dates import long_date
from .i18n import gettext
from .model import Corpus, Document, Revision, Version
from .site import PageSpec, comparison_url, current_url, history_url, version_url
from .status import State, in_force, period, state


@dataclass(frozen=True)
class LinkView:
    text: str
    url: str


@dataclass(frozen=True)
class BannerVariant:
    state: State
    message: str
    links: tuple[LinkView, ...] = ()


@dataclass(frozen=True)
class Banner:
    start: date | None  # first day in force (None: since before this record)
    end: date | None    # last day in force (None: open)
    shown: State
    variants: tuple[BannerVariant, ...]


def _t(lang: str, message: str, **values: str) -> str:
    return gettext(lang, message) % values


def period_label(start: date | None, end: date | None, lang: str) -> str:
    """～2026年2月28日 / 2026年3月1日～ / From March 1, 2026 / Until February 28, 2026."""
    if lang == "ja":
        return f"{long_date(start, lang) if start else ''}～{long_date(end, lang) if end else ''}"
    if start and end:
        return f"{long_date(start, lang)} – {long_date(end, lang)}"
    if start:
        return _t(lang, "From %(date)s", date=long_date(start, lang))
    if end:
        return _t(lang, "Until %(date)s", date=long_date(end, lang))
    return ""


def banner(corpus: Corpus, doc: Document, v: Version, today: date, lang: str) -> Banner:
    versions = corpus.versions[doc.slug]
    p = period(versions, v)
    i = versions.index(v)
    successor = versions[i + 1] if i + 1 < len(versions) else None
    revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
    variants: list[BannerVariant] = []
    if p.start:
        links = [LinkView(_t(lang, "Comparison table"), comparison_url(doc, revisions[v.slug]))] if v.slug in revisions else []
        current = in_force(versions, today)
        if current:
            links.append(LinkView(_t(lang, "Terms in force"), current_url(corpus, doc)))
        variants.append(BannerVariant("upcoming", _t(lang, "This version applies from %(date)s.",
                                                     date=long_date(p.start, lang)), tuple(links)))
    if successor and successor.effective:
        variants.append(BannerVariant(
            "in-force",
            _t(lang, "The revised terms apply from %(date)s.", date=long_date(successor.effective, lang)),
            (LinkView(_t(lang, "Revised terms"), version_url(doc, successor)),
             LinkView(_t(lang, "Comparison table"), comparison_url(doc, Revision(v, successor))))))
    else:
        message = (_t(lang, "These terms apply from %(date)s.", date=long_date(p.start, lang)) if p.start
                   else _t(lang, "These are the terms in force."))
        variants.append(BannerVariant("in-force", message))
    if p.end and successor:
        variants.append(BannerVariant(
            "superseded", _t(lang, "This version applied until %(date)s.", date=long_date(p.end, lang)),
            (LinkView(_t(lang, "Version from %(date)s", date=long_date(successor.effective, lang)),  # type: ignore[arg-type]
                      version_url(doc, successor)),
             LinkView(_t(lang, "History of these terms"), history_url(doc)))))
    return Banner(p.start, p.end, state(versions, v, today), tuple(variants))


@dataclass(frozen=True)
class HistoryEntry:
    version: Version
    period: str
    start: date | None
    end: date | None
    state: State
    url: str
    comparison_url: str | None
    supplementary_number: str | None


def history(corpus: Corpus, doc: Document, today: date, lang: str) -> list[HistoryEntry]:
    """Every version, newest first, with its period — the static answer to "which applied on X"."""
    versions = corpus.versions[doc.slug]
    entries = []
    revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
    for v in versions:
        p = period(versions, v)
        own = [s for s in v.supplementary if s.effective == v.effective]
        entries.append(HistoryEntry(
            v, period_label(p.start, p.end, lang), p.start, p.end, state(versions, v, today),
            version_url(doc, v),
            comparison_url(doc, revisions[v.slug]) if v.slug in revisions else None,
            own[0].number if own else None))
    return list(reversed(entries))


@dataclass(frozen=True)
class ComparisonView:
    title: str
    as_of: str
    comparison: Comparison
    columns: tuple[tuple[str, str], ...]  # (side, label) in display order: ("old", "～2026年2月28日")
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def comparison_view(corpus: Corpus, doc: Document, revision: Revision, lang: str) -> ComparisonView:
    versions = corpus.versions[doc.slug]
    old_p = period(versions, revision.old)
    labels = {
        "period": (period_label(old_p.start, old_p.end, lang), period_label(revision.new.effective, None, lang)),
        "old-new": (_t(lang, "Old"), _t(lang, "New")),
        "before-after": (_t(lang, "Before revision"), _t(lang, "After revision")),
    }[doc.comparison_labels]
    columns = (("old", labels[0]), ("new", labels[1]))
    if doc.comparison_order == "new-old":
        columns = columns[::-1]
    result = compare(revision, lang)
    as_of = long_date(revision.new.published, lang) if revision.new.published else ""
    return ComparisonView(f"{doc.title[lang]} {doc.comparison_title[lang]}", as_of, result, columns,
                          result.counts())


@dataclass(frozen=True)
class PageHead:
    """The <title> and meta description of a generated page: unique, with the date where there is one."""

    title: str
    description: str


def page_head(corpus: Corpus, spec: PageSpec, lang: str) -> PageHead:
    doc = spec.document
    if spec.kind == "search" or doc is None:
        name = corpus.root_document.title[lang]
        return PageHead(_t(lang, "Search – %(title)s", title=name),
                        _t(lang, "Search every version of %(title)s, clause by clause.", title=name))
    title = doc.title[lang]
    versions = corpus.versions[doc.slug]
    if spec.kind == "history":
        return PageHead(_t(lang, "History of %(title)s", title=title),
                        _t(lang, "Every version of %(title)s with its period of application.", title=title))
    if spec.kind in ("comparison", "notice"):
        assert spec.revision is not None
        day = long_date(spec.revision.new.effective, lang) if spec.revision.new.effective else ""
        if spec.kind == "comparison":
            return PageHead(f"{title} {doc.comparison_title[lang]} " + _t(lang, "(revision of %(date)s)", date=day),
                            _t(lang, "What changed in %(title)s on %(date)s: the text before and after, every change underlined.",
                               title=title, date=day))
        return PageHead(_t(lang, "Notice of revision: %(title)s", title=title) + " " + _t(lang, "(revision of %(date)s)", date=day),
                        _t(lang, "Notice to customers of the revision of %(title)s applying from %(date)s.", title=title, date=day))
    assert spec.version is not None
    p = period(versions, spec.version)
    label = period_label(p.start, p.end, lang)
    if spec.kind == "current":
        return PageHead(title, _t(lang, "%(title)s: the terms in force (%(period)s), with every past version and comparison tables.",
                                  title=title, period=label))
    return PageHead(f"{title} ({label})", _t(lang, "%(title)s, the version applying %(period)s.", title=title, period=label))


@dataclass(frozen=True)
class NotFoundSection:
    lang: str
    heading: str
    message: str
    links: tuple[LinkView, ...]  # URLs below the site root (the Japanese root)


def not_found(corpus: Corpus) -> tuple[NotFoundSection, ...]:
    """The one 404 page GitHub Pages serves for every missing path, in both languages: Japanese
    (governing) first, each with the way to the terms in force, the history and search."""
    doc = corpus.root_document
    out = []
    for lang, root in (("ja", ""), ("en", "en/")):
        out.append(NotFoundSection(lang, _t(lang, "Page not found"),
                                   _t(lang, "There is no page at this address. It may have been mistyped, or the link may be out of date."),
                                   (LinkView(_t(lang, "Terms in force"), root + current_url(corpus, doc)),
                                    LinkView(_t(lang, "History and all versions"), root + history_url(doc)),
                                    LinkView(_t(lang, "Search the terms"), root + "search/"))))
    return tuple(out)
