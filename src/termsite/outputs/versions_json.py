"""``versions.json`` and each ``version.json``: which versions of each document exist, where each
stands on the build day (upcoming, partly in force, in force, superseded, withdrawn) with its
pages and files, and each version's full text as published — for customers' lawyers and
procurement tools that track the terms without reading pages. A withdrawn version is listed with
state ``withdrawn`` (never in force: no period), and each version with its withdrawal and the
corrections (正誤) its text shows."""
from __future__ import annotations

from datetime import date
from typing import Any

from termsite.declarations import Correction, declared
from termsite.model import LANGS, Corpus, Document, Lang, Revision, Version
from termsite.outputs.json_files import page_url, plain, schema_url
from termsite.pages.errata import holder
from termsite.pages.notice import SITE_URL
from termsite.pages.site import comparison_url, cumulative_url, history_url, version_url
from termsite.pages.withdrawn import withdrawn_revision
from termsite.timeline.commencement import commencement, commencement_dates, deferred
from termsite.timeline.status import in_force, period


def version_text(v: Version) -> dict[str, Any]:
    """The version as published. Which of its deferred amendments were withdrawn is the timeline's
    record, not its text: ``versions.json`` says it (``withdrawn_amendments``)."""
    data = plain(v)
    data.pop("slug")
    data.pop("cancelled", None)
    return {"slug": v.slug, **data}


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


def _entry(corpus: Corpus, doc: Document, v: Version, revision: Revision | None, period: dict[str, Any], state: str,
           changes_since: dict[Lang, str] | None) -> dict[str, Any]:
    """A version's entry in ``versions.json``: where it stands, its pages and files, what is declared about it."""
    own = [s.number for s in v.supplementary if s.effective == v.effective]
    return {
        "slug": v.slug,
        "effective": plain(v.effective),
        "published": plain(v.published),
        "period": period,
        "state": state,
        "change": v.change,
        "supplementary_number": own[0] if own else None,
        "url": {lang: page_url(lang, version_url(doc, v)) for lang in LANGS},
        "comparison": {lang: page_url(lang, comparison_url(doc, revision)) for lang in LANGS} if revision else None,
        "changes_since": changes_since,
        "text": SITE_URL + version_url(doc, v) + "version.json",
        "changes": SITE_URL + version_url(doc, v) + "changes.json" if revision else None,
        **version_declarations(corpus, doc, v),
    }


def withdrawn_entries(corpus: Corpus, doc: Document) -> list[dict[str, Any]]:
    """``versions.json`` entries of the withdrawn versions (never in force: no period)."""
    return [_entry(corpus, doc, v, withdrawn_revision(corpus, doc, v), {"start": None, "end": None}, "withdrawn", None)
            for v in declared(corpus, doc.slug).withdrawn]


def versions_index(corpus: Corpus, today: date) -> dict[str, Any]:
    """``versions.json`` for ``today``: every document and each of its versions, withdrawn ones too."""
    docs = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
        current = in_force(versions, today)
        superseded = {v.slug for v in versions[:versions.index(current)]} if current else set()
        entries = []
        for v in versions:
            changes_since = ({lang: page_url(lang, cumulative_url(doc, v)) for lang in LANGS}
                             if v.slug in superseded else None)
            entries.append(_entry(corpus, doc, v, revisions.get(v.slug), plain(period(versions, v)),
                                  commencement(versions, v, today).state, changes_since))
            if v.cancelled:  # 一部施行 withdrawn in part: which deferred amendments never take effect, and why
                entries[-1]["withdrawn_amendments"] = [
                    {"date": w.date.isoformat(), "clauses": list(w.clauses),
                     "reason": {"ja": w.reason.ja, "en": w.reason.en}}
                    for w in declared(corpus, doc.slug).cancellations if w.version == v.slug]
            if deferred(v):  # 一部施行: each day part of it takes effect (a version without says nothing new)
                entries[-1]["commencement"] = [{"effective": plain(day),
                                                "clauses": sorted(c for c, d in deferred(v).items() if d == day)}
                                               for day in commencement_dates(v)]
        entries += withdrawn_entries(corpus, doc)
        docs.append({"slug": doc.slug, "title": {"ja": doc.title.ja, "en": doc.title.en},
                     "operator": {"ja": doc.operator.ja, "en": doc.operator.en},
                     "governing_language": doc.governing_language,
                     "history": {lang: page_url(lang, history_url(doc)) for lang in LANGS},
                     "clauses": SITE_URL + doc.slug + "/clauses.json",
                     "corrections": [correction_record(corpus, doc, c) for c in declared(corpus, doc.slug).corrections],
                     "versions": entries})
    return {"$schema": schema_url("versions-index"), "generated_for": today.isoformat(), "site": SITE_URL, "documents": docs}
