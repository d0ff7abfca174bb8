"""What a reader needs besides the text, wherever they arrive: whether a clause applies today and
where it stands in the terms in force, versions named in sentences, the search page's data.

Kept apart from views.py (one page kind per view there); these are used by several page kinds.
The state on a day comes from timeline.status here and from terms.js's stateOn in the browser,
so a page stays right on the reader's clock (Asia/Tokyo midnight).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from termsite.model import Corpus, Document, Version
from termsite.outputs import searchfold
from termsite.pages.site import LANG_ROOT, current_url, history_url
from termsite.timeline.dates import long_date
from termsite.timeline.commencement import before, clause_commences, ends, withdrawn_on
from termsite.timeline.status import in_force, period
from termsite.pages.i18n import translated as _t


def version_phrase(start: date | None, end: date | None, lang: str, past: bool = False) -> str:
    """A version named inside a sentence: "the version that applied until February 28, 2026" /
    「2026年2月28日まで適用の版」 (a period label such as "Until …" does not fit in a sentence)."""
    s = long_date(start, lang) if start else ""
    e = long_date(end, lang) if end else ""
    if start and end:
        return (_t(lang, "the version that applied from %(start)s to %(end)s", start=s, end=e) if past
                else _t(lang, "the version applying from %(start)s to %(end)s", start=s, end=e))
    if start:
        return _t(lang, "the version effective %(date)s", date=s)
    if end:
        return (_t(lang, "the version that applied until %(date)s", date=e) if past
                else _t(lang, "the version applying until %(date)s", date=e))
    return _t(lang, "the only recorded version")


@dataclass(frozen=True)
class ClauseState:
    """What a clause of a version that is not in force says next to itself; the page shows the
    sentence for the state the banner shows (build day, then the reader's clock)."""

    superseded: str   # "" when the version has no end
    upcoming: str     # "" when the version has no start
    in_force_url: str | None   # the same clause in the terms in force (page-relative to the site root)
    not_in_force: str          # said instead when the terms in force do not have the clause


def clause_states(corpus: Corpus, doc: Document, v: Version, today: date, lang: str,
                  ids: list[str]) -> dict[str, ClauseState]:
    """For every clause id of ``v``: its state sentences and the same clause in the terms in force
    on the build day (the page at the terms' own URL, which follows the day)."""
    versions = corpus.versions[doc.slug]
    p = period(versions, v)
    i = versions.index(v)
    previous = before(versions, v)  # the text in force the day before ``v`` (a withdrawn amendment put back)
    following = versions[i + 1] if i + 1 < len(versions) else None
    amends = ends(versions)[i]      # what ``following`` amends: ``v``'s text on its last day
    current = in_force(versions, today)
    have = set(_ids(current)) if current is not None else set()
    out = {}
    for cid in ids:
        # 一部施行: a clause whose amendment is deferred keeps its own days, not the version's.
        start = clause_commences(previous, v, cid) if previous is not None else p.start
        amended = clause_commences(amends, following, cid) if following is not None else None
        end = amended - timedelta(days=1) if amended else None
        gone = withdrawn_on(amends, following, cid) if following is not None else None
        if gone is not None:
            superseded = _t(lang, "The amendment of this clause was withdrawn on %(date)s; this wording goes on applying.",
                            date=long_date(gone, lang))
        elif end and p.end and end > p.end and amended:
            superseded = _t(lang, "The amendment of this clause takes effect on %(date)s; until then this wording applies.",
                            date=long_date(amended, lang))
        else:
            superseded = _t(lang, "Not in force today: this wording applied until %(date)s.", date=long_date(end, lang)) if end else ""
        upcoming = _t(lang, "Not yet in force: this wording applies from %(date)s.", date=long_date(start, lang)) if start else ""
        url = current_url(corpus, doc) + "#" + cid if cid in have and current is not v else None
        out[cid] = ClauseState(superseded, upcoming, url,
                               _t(lang, "The terms in force have no such clause.") if current is not None else "")
    return out


def version_states(corpus: Corpus, doc: Document, v: Version, today: date, lang: str) -> dict[str, ClauseState]:
    """The clause states of a version page: none for a version in force with no successor
    announced (no clock can make it other than in force before the next build)."""
    versions = corpus.versions[doc.slug]
    p = period(versions, v)
    if p.end is None and in_force(versions, today) is v:
        return {}
    shown = [cid for cid in _ids(v) if cid not in _omitted(v)]  # a placeholder is not a clause
    return clause_states(corpus, doc, v, today, lang, shown)


def _omitted(v: Version) -> set[str]:
    return {a.id for a in v.articles if a.omitted} | {p.id for a in v.articles for p in a.paragraphs if p.omitted}


def _ids(v: Version) -> list[str]:
    """Every clause of a version that carries a line of its own (preamble, article, paragraph, 附則)."""
    out = [p.id for p in v.preamble]
    for a in v.articles:
        out.append(a.id)
        out += [p.id for p in a.paragraphs]
    out += [p.id for s in v.supplementary for p in s.paragraphs]
    return out


def in_force_urls(corpus: Corpus, doc: Document, today: date) -> dict[str, str]:
    """Every clause of the terms in force on ``today``, by id: its place at the terms' own URL."""
    current = in_force(corpus.versions[doc.slug], today)
    return {cid: current_url(corpus, doc) + "#" + cid for cid in (_ids(current) if current else [])}


@dataclass(frozen=True)
class AsOf:
    """What the history page's date finder needs to answer only from the record."""

    first_known: str              # the first recorded 実施期日 (ISO), "" if none
    first_undated: bool           # the first version's own 実施期日 is not recorded
    phrases: dict[str, tuple[str, str]]  # version slug → (its name in a sentence, the same in the past tense)


def asof_view(corpus: Corpus, doc: Document, lang: str) -> AsOf:
    versions = corpus.versions[doc.slug]
    known = [v.effective for v in versions if v.effective is not None]
    phrases = {}
    for v in versions:
        p = period(versions, v)
        phrases[v.slug] = (version_phrase(p.start, p.end, lang), version_phrase(p.start, p.end, lang, past=True))
    return AsOf(known[0].isoformat() if known else "", bool(versions) and versions[0].effective is None, phrases)


def search_view(corpus: Corpus, lang: str) -> dict[str, str]:
    """The search page's data for terms.js: the folding table (the same the index was made with),
    the vocabulary (search-vocabulary.json) and each document's versions, to name the one in force
    on the reader's day."""
    documents = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        documents.append({
            "title": doc.title[lang], "current": LANG_ROOT[lang] + current_url(corpus, doc),
            "history": LANG_ROOT[lang] + history_url(doc),
            "versions": [{"slug": v.slug,
                          "start": p.start.isoformat() if p.start else "",
                          "end": p.end.isoformat() if p.end else ""}
                         for v in versions for p in [period(versions, v)]]})
    folding = {"replace": [{"pattern": r["pattern"], "to": r["to"]} for r in searchfold.table()["replace"]],
               "references": {"patterns": [{k: s[k] for k in ("pattern", "groups", "key") if k in s}
                                           for s in searchfold.table()["references"]["patterns"]],
                              "subitems": searchfold.table()["references"]["subitems"]},
               "vocabulary": searchfold.vocabulary()}
    return {"history_url": history_url(corpus.root_document),
            "folding": json.dumps(folding, ensure_ascii=False, separators=(",", ":")),
            "documents": json.dumps(documents, ensure_ascii=False, separators=(",", ":"))}
