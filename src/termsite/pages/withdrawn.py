"""A withdrawn version (取り止め) as the pages show it, as plain data for the templates: its banner
and where the terms that apply instead are, what stands for its period, its line on the history
page, its page's <title>, and the revision it would have made (whose comparison table, notice,
``changes.json`` and feed entry keep their addresses).

Everything is computed from the corpus the build shows for its day (``declarations.as_of.as_of``):
a withdrawn version is no longer in the chain, its replacement (if any) is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from termsite.declarations import Withdrawal, declared
from termsite.model import Corpus, Document, Revision, Version
from termsite.pages.i18n import gettext
from termsite.pages.views import LinkView, PageHead
from termsite.pages.site import PageSpec, withdrawn_pages, comparison_url, current_url, history_url, version_url
from termsite.timeline.dates import long_date
from termsite.timeline.status import in_force
from termsite.pages.i18n import translated as _t


@dataclass(frozen=True)
class WithdrawnView:
    """The banner of a withdrawn version, its comparison table and its notice page."""

    withdrawal: Withdrawal
    label: str        # 【取り止め】
    message: str      # this version … was withdrawn on … and never took effect
    reason: str
    links: tuple[LinkView, ...]


def withdrawn_revision(corpus: Corpus, doc: Document, v: Version) -> Revision | None:
    """The revision as it was announced (its comparison table and notice keep their addresses):
    from the last version of the chain that took effect before it."""
    spec = next((s for s in withdrawn_pages(corpus, doc) if s.version is v), None)
    return spec.revision if spec else None


def withdrawn_revisions(corpus: Corpus, doc: Document) -> list[Revision]:
    """The revisions that were announced and then withdrawn: their comparison, ``changes.json`` and
    feed entries stay (same addresses and ids)."""
    return [r for v in declared(corpus, doc.slug).withdrawn if (r := withdrawn_revision(corpus, doc, v))]


def withdrawn_view(corpus: Corpus, doc: Document, v: Version, lang: str) -> WithdrawnView:
    w = declared(corpus, doc.slug).withdrawal(v.slug)
    assert w is not None and v.effective is not None
    chain = corpus.versions[doc.slug]
    planned = long_date(v.effective, lang)
    message = _t(lang, "This version was to apply from %(date)s. It was withdrawn on %(withdrawn)s and never took "
                       "effect: it is kept here as it was published.",
                 date=planned, withdrawn=long_date(w.date, lang))
    links = []
    instead = in_force(chain, v.effective)
    if instead is not None:
        links.append(LinkView(_t(lang, "The terms that apply on %(date)s instead", date=planned), version_url(doc, instead)))
        following = chain[chain.index(instead) + 1:]
        if following and following[0].effective:
            links.append(LinkView(_t(lang, "Version from %(date)s", date=long_date(following[0].effective, lang)),
                              version_url(doc, following[0])))
    links.append(LinkView(gettext(lang, "Terms in force"), current_url(corpus, doc)))
    links.append(LinkView(gettext(lang, "History of these terms"), history_url(doc)))
    return WithdrawnView(w, gettext(lang, "[Withdrawn]"), message, w.reason[lang], tuple(links))


def withdrawn_period(v: Version, lang: str) -> str:
    """What stands for a period: it never had one."""
    assert v.effective is not None
    return _t(lang, "Withdrawn (was to apply from %(date)s)", date=long_date(v.effective, lang))


@dataclass(frozen=True)
class WithdrawnEntry:
    """A line of the history page for a withdrawn version."""

    version: Version
    period: str
    withdrawn: str
    reason: str
    url: str
    comparison_url: str | None


def withdrawn_history(corpus: Corpus, doc: Document, lang: str) -> list[WithdrawnEntry]:
    d = declared(corpus, doc.slug)
    out = []
    for v in sorted(d.withdrawn, key=lambda v: v.effective or date.min, reverse=True):
        w = d.withdrawal(v.slug)
        assert w is not None
        revision = withdrawn_revision(corpus, doc, v)
        out.append(WithdrawnEntry(v, withdrawn_period(v, lang), long_date(w.date, lang), w.reason[lang],
                                  version_url(doc, v), comparison_url(doc, revision) if revision else None))
    return out


def withdrawn_head(spec: PageSpec, lang: str) -> PageHead:
    """<title> and description of a withdrawn version's page."""
    doc, v = spec.document, spec.version
    assert doc is not None and v is not None
    title = doc.title[lang]
    period = withdrawn_period(v, lang)
    return PageHead(f"{title} ({period})", _t(lang, "%(title)s: a version that was withdrawn before it took effect (%(period)s).",
                                              title=title, period=period))
