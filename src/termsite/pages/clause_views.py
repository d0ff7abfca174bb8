"""The clause-history page as plain data for its template: each clause of an article with every
wording it has had, newest first, how each came to be, and the table row that marks it.

Split from views.py (one concept a module); the state of each wording on the reader's day comes
from its period, which per-clause commencement (一部施行) sets.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from termsite import labels
from termsite.comparison.clause_history import Amendment, ClauseHistory
from termsite.comparison.compare import Comparison, Group, Row, is_marked
from termsite.model import Article, Corpus, Document, Paragraph, Version
from termsite.pages.site import clause_url, comparison_url, current_url, version_url
from termsite.timeline.commencement import clause_period, wording_withdrawn
from termsite.timeline.status import in_force, period
from termsite.pages.views import ComparisonView, LinkView, _amendment_text, _day, _t, _translation_only, period_label


@dataclass(frozen=True)
class WordingEntry:
    """One wording of a clause, newest first: its period, how it came to be, and the table row
    that marks it against the wording before (absent for the first recorded wording)."""

    id: str
    period: str
    note: str
    version_url: str | None          # the first version with this wording (None: a deletion)
    comparison_url: str | None
    anchor: str
    table: ComparisonView | None
    paragraph: object | None = None  # the model's Paragraph / PreambleParagraph, shown as it reads
    article: Article | None = None
    parts: tuple[str, ...] = ()      # for an article changed in its paragraphs only: which ones
    start: date | None = None        # the period of this wording, for its state on the reader's day
    end: date | None = None
    withdrawn: date | None = None    # its deferred amendment was withdrawn before its day: it never applied


@dataclass(frozen=True)
class ClauseSection:
    id: str
    label: str
    entries: list[WordingEntry]


@dataclass(frozen=True)
class ClausePage:
    title: str
    article_id: str
    in_force_url: str | None
    sections: list[ClauseSection]


def _prefixed(group: Group, row: Row | None, clause: str, suffix: str) -> Group:
    """A group of a revision table holding one clause's row, with ids made unique on a page of many tables."""
    rows = [replace(row, id=f"row-{clause}--{suffix}")] if row is not None else [Row(f"row-{clause}--{suffix}", "changed", group.label)]
    return replace(group, id=f"{clause}--{suffix}", rows=rows, expanded=[])


def _step_view(doc: Document, a: Amendment, group: Group, versions: tuple[Version, ...], title: str,
               lang: str) -> ComparisonView:
    old_p, new_p = period(versions, a.revision.old), period(versions, a.revision.new)
    columns = (("old", period_label(old_p.start, old_p.end, lang)), ("new", period_label(new_p.start, new_p.end, lang)))
    if doc.comparison_order == "new-old":
        columns = columns[::-1]
    return ComparisonView(title, "", Comparison(a.revision, lang, [group]), columns)


def _find(v: Version, cid: str, kind: str) -> tuple[Article | None, object | None]:
    if kind == "preamble":
        return None, next((p for p in v.preamble if p.id == cid), None)
    for a in v.articles:
        if kind == "article" and a.id == cid:
            return a, None
        for p in a.paragraphs:
            if p.id == cid:
                return a, p
    return None, None


def _label(h: ClauseHistory, v: Version, lang: str) -> str:
    a, p = _find(v, h.id, h.kind)
    if h.kind == "preamble":
        return _t(lang, "Preamble")
    assert a is not None
    if h.kind == "article":
        return labels.article_heading(a, lang)
    assert isinstance(p, Paragraph)
    sole = len(a.paragraphs) == 1 and not p.omitted
    return labels.article(a.num, lang) if sole else labels.paragraph_ref(a.num, p.num, lang, p.through)


def _position(h: ClauseHistory) -> int:
    """Where the clause stood the last time it was in force, to list paragraphs in reading order."""
    v = h.wordings[-1].last
    ids = [p.id for p in v.preamble] + [p.id for a in v.articles for p in a.paragraphs]
    return ids.index(h.id) if h.id in ids else -1


def _section(doc: Document, h: ClauseHistory, versions: tuple[Version, ...], lang: str,
             governing: dict[str, ClauseHistory] | None = None) -> ClauseSection:
    order = {v.slug: i for i, v in enumerate(versions)}
    latest = h.wordings[-1].last
    label = _label(h, latest, lang)
    entries: list[WordingEntry] = []
    table: ComparisonView | None
    if h.removed is not None:
        r = h.removed
        suffix = r.revision.new.slug
        table = _step_view(doc, r, _prefixed(r.group, r.row, h.id, suffix), versions, f"{label} {_amendment_text(r, lang, h.id)}", lang)
        entries.append(WordingEntry(f"{h.id}--{suffix}", "", _amendment_text(r, lang, h.id), None,
                                    comparison_url(doc, r.revision), r.anchor, table))
    for w in reversed(h.wordings):
        start, end = clause_period(versions, h.id, w.first, w.last)
        gone = wording_withdrawn(versions, h.id, w.first, w.last)
        when = ("" if gone else period_label(start, end, lang) if start or end
                else _t(lang, "All recorded versions"))
        article, paragraph = _find(w.first, h.id, h.kind)
        url = version_url(doc, w.first)
        if w.amendment is None:
            entries.append(WordingEntry(f"{h.id}--{w.first.slug}", when, _t(lang, "As first recorded"), url, None, "",
                                        None, paragraph, article, start=start, end=end))
            continue
        a = w.amendment
        note = (_t(lang, "Translation revised %(date)s", date=_day(a.revision.new.effective, lang))
                if _translation_only(h, w, governing, order) else _amendment_text(a, lang, h.id))
        heading_only = h.kind == "article"
        parts: tuple[str, ...] = ()
        if heading_only and not (is_marked(a.group.heading_old) or is_marked(a.group.heading_new)):
            table = None  # only its paragraphs changed: their sections show how
            parts = tuple(r.label for r in a.group.rows if r.kind != "elided")
        else:
            table = _step_view(doc, a, _prefixed(a.group, a.row, h.id, w.first.slug), versions, f"{label} {note}", lang)
        entries.append(WordingEntry(f"{h.id}--{w.first.slug}", when, note, url,
                                    comparison_url(doc, a.revision), a.anchor, table,
                                    paragraph if table is None else None, article if table is None else None, parts,
                                    start=start, end=end, withdrawn=gone))
    return ClauseSection(h.id, label, entries)


def clause_page(corpus: Corpus, doc: Document, article_id: str, histories: dict[str, ClauseHistory],
                today: date, lang: str, governing: dict[str, ClauseHistory] | None = None) -> ClausePage:
    """The history of one article: a section for the article itself (heading, number), then one
    per paragraph it ever had, each listing every wording with its period, newest first."""
    versions = corpus.versions[doc.slug]
    own = sorted((h for h in histories.values() if h.article == article_id and h.wordings),
                 key=lambda h: (h.kind != "article", _position(h)))
    sections = [_section(doc, h, versions, lang, governing) for h in own]
    current = in_force(versions, today)
    in_force_url = None
    if current is not None and (article_id == "preamble" and current.preamble or current.article(article_id)):
        in_force_url = current_url(corpus, doc) + ("" if article_id == "preamble" else f"#{article_id}")
    return ClausePage(clause_title(article_id, histories, lang), article_id, in_force_url, sections)


def clause_title(article_id: str, histories: dict[str, ClauseHistory], lang: str) -> str:
    """第5条（…）の改正履歴 / History of Article 5 (…), named as the article last read."""
    h = histories.get(article_id)
    name = _t(lang, "Preamble") if h is None or h.kind == "preamble" or not h.wordings else _label(h, h.wordings[-1].last, lang)
    return _t(lang, "History of %(title)s", title=name)


def clause_index(doc: Document, versions: tuple[Version, ...], article_ids: list[str],
                 histories: dict[str, ClauseHistory], lang: str) -> list[LinkView]:
    """Every clause history page, named as its article last read."""
    out = []
    for aid in article_ids:
        h = histories.get(aid)
        label = _label(h, h.wordings[-1].last, lang) if h and h.wordings and h.kind == "article" else _t(lang, "Preamble")
        out.append(LinkView(label, clause_url(doc, aid)))
    return out
