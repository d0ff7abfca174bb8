"""The Atom feeds of revisions, one per language and one per document in each: how subscribers
hear of a revision, a withdrawal or a correction. A withdrawal and each day's corrections get an
entry of their own (a correction is called a correction, never a revision). Entries are stable
forever and dated by publication, never by the build, so a feed only changes when something is
announced."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from typing import Any

from termsite.comparison.clause_history import comparisons_for
from termsite.declarations import declared
from termsite.model import Corpus, Document, Revision
from termsite.pages.i18n import gettext
from termsite.pages.notice import (
    SITE_URL, as_text, changed_articles, correction_notice, later_days, notice, withdrawal_notice,
)
from termsite.pages.partial import clause_label
from termsite.pages.site import LANG_ROOT, comparison_url, history_url, notice_url, version_url
from termsite.pages.withdrawn import withdrawn_revision, withdrawn_revisions
from termsite.timeline.dates import long_date

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:portal.your-connect.com,2026:"


def _revision_day(revision: Revision) -> date:
    """When a revision became known: its publication date (the effective date if none is recorded)."""
    v = revision.new
    return v.published or v.effective or date(2000, 1, 1)


def feed_url(document: Document | None = None) -> str:
    """Below a language root: the combined feed (feed.xml), or one document's (your-connect/feed.xml)."""
    return f"{document.slug}/feed.xml" if document is not None else "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """An Atom entry besides the revisions: a withdrawal, or a day's corrections."""

    day: date
    id: str
    title: str
    link: str
    related: str
    summary: str
    content: str


def feed_entries(corpus: Corpus, lang: str, tag: str) -> list[FeedEntry]:
    out = []
    root = SITE_URL + LANG_ROOT[lang]
    for doc in corpus.documents:
        d = declared(corpus, doc.slug)
        title = doc.title[lang]
        for v in d.withdrawn:
            w = d.withdrawal(v.slug)
            assert w is not None and v.effective is not None
            revision = withdrawn_revision(corpus, doc, v)
            out.append(FeedEntry(
                w.date, f"{tag}terms/{doc.slug}/{v.slug}/withdrawn/{lang}",
                gettext(lang, "%(title)s: withdrawal of the revision that was to take effect on %(date)s")
                % {"title": title, "date": long_date(v.effective, lang)},
                root + version_url(doc, v), root + (notice_url(doc, revision) if revision else history_url(doc)),
                gettext(lang, "Withdrawn on %(date)s.") % {"date": long_date(w.date, lang)}
                + ("" if lang == "ja" else " ") + w.reason[lang],
                as_text(withdrawal_notice(corpus, doc, v, lang))))
        for w in d.cancellations:  # deferred amendments withdrawn before their day
            amended = next((x for x in corpus.versions[doc.slug] if x.slug == w.version), None)
            if amended is None or amended.effective is None:
                continue
            names = ("、" if lang == "ja" else ", ").join(clause_label(corpus.versions[doc.slug], c, lang)
                                                         for c in w.clauses)
            said = gettext(lang, "The amendment of %(clauses)s was withdrawn on %(date)s; the earlier wording of "
                                 "those clauses goes on applying.") % {"clauses": names, "date": long_date(w.date, lang)}
            out.append(FeedEntry(
                w.date, f"{tag}terms/{doc.slug}/{amended.slug}/withdrawn/{'-'.join(w.clauses)}/{lang}",
                gettext(lang, "%(title)s: withdrawal of deferred amendments of the revision of %(date)s")
                % {"title": title, "date": long_date(amended.effective, lang)},
                root + version_url(doc, amended), root + history_url(doc),
                said + ("" if lang == "ja" else " ") + w.reason[lang], said + "\n\n" + w.reason[lang] + "\n"))
        for day in sorted({c.date for c in d.corrections}):
            notice = correction_notice(corpus, doc, day, lang)
            if notice is None:
                continue
            sep = "：" if lang == "ja" else ": "
            out.append(FeedEntry(
                day, f"{tag}terms/{doc.slug}/corrections/{day.isoformat()}/{lang}",
                gettext(lang, "%(title)s: correction of %(date)s") % {"title": title, "date": long_date(day, lang)},
                root + history_url(doc) + "#corrections-h", notice.terms_url,
                gettext(lang, "Correction of %(date)s (not a revision).") % {"date": long_date(day, lang)}
                + ("" if lang == "ja" else " ") + ("、" if lang == "ja" else "; ").join(
                    f"{line.label}{sep}{line.kind}" for line in notice.lines),
                as_text(notice)))
    return out


def atom_feed(corpus: Corpus, lang: str, document: Document | None = None) -> bytes:
    """Revisions, newest first (RFC 4287). Entry ids are tag URIs of the revision and language,
    stable forever; ``updated`` is the latest publication date, never the build time. With
    ``document``, that document's feed (its own id and address; the same entries)."""
    # plain tag names under a literal default xmlns: no prefixes, and ElementTree's global
    # namespace registry is left alone
    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": lang})
    root = SITE_URL + LANG_ROOT[lang]

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, tag, attrs)
        if text is not None:
            el.text = text
        return el

    def stamp(day: date) -> str:
        return f"{day.isoformat()}T00:00:00+09:00"  # the day begins in Asia/Tokyo

    # a withdrawn revision keeps its entry (same id), updated on the day of its withdrawal, and the
    # withdrawal and each day's corrections get entries of their own: the feed never goes back
    withdrawn = {r.new.slug: declared(corpus, doc.slug).withdrawal(r.new.slug)
                 for doc in corpus.documents for r in withdrawn_revisions(corpus, doc)}
    documents = [document] if document is not None else list(corpus.documents)
    revisions = [(doc, r) for doc in documents
                 for r in (*corpus.revisions(doc.slug), *withdrawn_revisions(corpus, doc))]
    extra = [e for e in feed_entries(corpus, lang, TAG)
             if document is None or e.id.startswith(f"{TAG}terms/{document.slug}/")]

    def updated(revision: Revision) -> date:
        w = withdrawn.get(revision.new.slug)
        return w.date if w else _revision_day(revision)

    order: list[tuple[date, str, Any]] = [(updated(r), f"{doc.slug}/{r.new.slug}", (doc, r)) for doc, r in revisions]
    order += [(e.day, e.id, e) for e in extra]
    order.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if document is None:
        sub(feed, "id", f"{TAG}terms/{lang}")
        sub(feed, "title", gettext(lang, "Revisions of the terms"))
    else:
        sub(feed, "id", f"{TAG}terms/{document.slug}/{lang}")
        sub(feed, "title", gettext(lang, "Revisions of the %(title)s") % {"title": document.title[lang]})
    known = [d for doc in documents for v in corpus.versions[doc.slug] for d in (v.published, v.effective) if d is not None]
    sub(feed, "updated", stamp(order[0][0] if order else min(known, default=date(2000, 1, 1))))
    sub(feed, "link", rel="self", type="application/atom+xml", href=root + feed_url(document))
    sub(feed, "link", rel="alternate", type="text/html", href=root + (history_url(document) if document else ""))
    author = sub(feed, "author")
    sub(author, "name", corpus.root_document.operator[lang])
    sep, join = ("：", "、") if lang == "ja" else (": ", "; ")
    for day, _key, item in order:
        entry = sub(feed, "entry")
        if isinstance(item, FeedEntry):
            sub(entry, "id", item.id)
            sub(entry, "title", item.title)
            sub(entry, "published", stamp(item.day))
            sub(entry, "updated", stamp(item.day))
            sub(entry, "link", rel="alternate", type="text/html", href=item.link)
            sub(entry, "link", rel="related", type="text/html", href=item.related)
            sub(entry, "summary", item.summary)
            sub(entry, "content", item.content, type="text")
            continue
        doc, revision = item
        v = revision.new
        sub(entry, "id", f"{TAG}terms/{doc.slug}/{v.slug}/{lang}")
        when = long_date(v.effective, lang) if v.effective else ""
        title = gettext(lang, "%(title)s: revision effective %(date)s") % {"title": doc.title[lang], "date": when}
        sub(entry, "title", (gettext(lang, "[Withdrawn]") + " " + title) if v.slug in withdrawn else title)
        sub(entry, "published", stamp(_revision_day(revision)))
        sub(entry, "updated", stamp(day))
        sub(entry, "link", rel="alternate", type="text/html", href=root + comparison_url(doc, revision))
        sub(entry, "link", rel="related", type="text/html", href=root + version_url(doc, v))
        lines = [f"{line.label}{sep}{line.kind}" for line in changed_articles(revision, lang, comparisons_for(corpus, lang).get(revision))]
        summary = gettext(lang, "Effective %(date)s.") % {"date": when} + later_days(corpus, doc, revision, lang) \
            + ("" if lang == "ja" else " ") + join.join(lines)
        sub(entry, "summary", summary)
        sub(entry, "content", as_text(notice(corpus, doc, revision, lang)), type="text")
    ET.indent(feed)
    return (b'<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(feed, encoding="utf-8") + b"\n")
