"""Withdrawals and corrections in the machine-readable outputs: ``versions.json`` (a withdrawn
version listed with state ``withdrawn``, each version with the corrections its text shows),
``version.json``, ``clauses.json`` and the Atom feed (a new entry for each withdrawal and each day
of corrections, so subscribers hear of them; a correction is called a correction, never a revision).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from termsite.declarations import Correction, declared
from termsite.model import LANGS, Corpus, Document, Version
from termsite.pages.declared_views import holder, withdrawn_revision
from termsite.pages.i18n import gettext
from termsite.pages.notice import SITE_URL, as_text, correction_notice, withdrawal_notice
from termsite.pages.partial import clause_label
from termsite.pages.site import LANG_ROOT, comparison_url, history_url, notice_url, version_url
from termsite.timeline.dates import long_date


def _url(lang: str, rel: str) -> str:
    return SITE_URL + LANG_ROOT[lang] + rel


def correction_record(corpus: Corpus, doc: Document, c: Correction) -> dict[str, Any]:
    d = declared(corpus, doc.slug)
    versions = [slug for slug, cs in d.applied.items() if c in cs]
    named = next((v for v in (*corpus.versions[doc.slug], *d.withdrawn) if v.slug == c.version), None)
    held = holder(named, c.clause) if named else None
    return {"kind": "correction", "date": c.date.isoformat(), "version": c.version, "versions": versions,
            "clause": c.clause, "paragraph": held[0] if held else None,
            **{lang: ({"wrong": f.wrong, "right": f.right} if (f := c.fix(lang)) else None) for lang in LANGS}}


def version_declarations(corpus: Corpus, doc: Document, v: Version) -> dict[str, Any]:
    """What ``versions.json`` and ``version.json`` add to a version: its withdrawal and its corrections."""
    d = declared(corpus, doc.slug)
    w = d.withdrawal(v.slug)
    return {"withdrawn": {"date": w.date.isoformat(), "reason": {"ja": w.reason.ja, "en": w.reason.en}} if w else None,
            "corrections": [correction_record(corpus, doc, c) for c in d.applied.get(v.slug, ())]}


def withdrawn_entries(corpus: Corpus, doc: Document) -> list[dict[str, Any]]:
    """``versions.json`` entries of the withdrawn versions (never in force: no period)."""
    out = []
    for v in declared(corpus, doc.slug).withdrawn:
        revision = withdrawn_revision(corpus, doc, v)
        own = [s.number for s in v.supplementary if s.effective == v.effective]
        out.append({
            "slug": v.slug, "effective": v.effective.isoformat() if v.effective else None,
            "published": v.published.isoformat() if v.published else None,
            "period": {"start": None, "end": None}, "state": "withdrawn", "change": v.change,
            "supplementary_number": own[0] if own else None,
            "url": {lang: _url(lang, version_url(doc, v)) for lang in LANGS},
            "comparison": {lang: _url(lang, comparison_url(doc, revision)) for lang in LANGS} if revision else None,
            "changes_since": None,
            "text": SITE_URL + version_url(doc, v) + "version.json",
            "changes": SITE_URL + version_url(doc, v) + "changes.json" if revision else None,
            **version_declarations(corpus, doc, v)})
    return out


def clause_corrections(corpus: Corpus, doc: Document) -> dict[str, list[dict[str, Any]]]:
    """``clauses.json``: clause id (the paragraph or preamble paragraph holding it) → its corrections."""
    out: dict[str, list[dict[str, Any]]] = {}
    for c in declared(corpus, doc.slug).corrections:
        record = correction_record(corpus, doc, c)
        if record["paragraph"] and record["versions"]:
            out.setdefault(record["paragraph"], []).append(record)
    return out


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


def withdrawn_revisions(corpus: Corpus, doc: Document) -> list[Any]:
    """The revisions that were announced and then withdrawn: their feed entries stay (same ids)."""
    return [r for v in declared(corpus, doc.slug).withdrawn if (r := withdrawn_revision(corpus, doc, v))]
