"""What each kind of page shows, as plain data for the templates (no HTML here).

Banners carry every state a page can be in (upcoming / in force / superseded) with the dates
that separate them; the build shows the one for its day and ``banner.js`` re-checks with the
reader's clock, so a page is right on the effective day even before the next rebuild.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from datetime import date, timedelta

from termsite import labels
from termsite.comparison.clause_history import Amendment, ClauseHistory, Wording, wording_for
from termsite.comparison.compare import Comparison, compare
from termsite.timeline.dates import long_date
from termsite.pages.reader import version_phrase
from termsite.model import Corpus, Document, Revision, Version
from termsite.pages.site import LANG_ROOT, PageSpec, clause_url, comparison_url, cumulative_url, current_url, history_url, version_url
from termsite.pages import partial
from termsite.timeline.commencement import Stage, clause_commences, commencement, stages, withdrawn_on
from termsite.timeline.status import State, in_force, period
from termsite.pages.i18n import translated as _t


@dataclass(frozen=True)
class LinkView:
    text: str
    url: str


@dataclass(frozen=True)
class BannerVariant:
    state: State
    message: str
    links: tuple[LinkView, ...] = ()
    lead: LinkView | None = None  # shown before the message: where the terms in force are
    start: date | None = None     # for one step of a partly-in-force version: the days it covers
    end: date | None = None


@dataclass(frozen=True)
class Banner:
    start: date | None  # first day in force (None: since before this record)
    end: date | None    # last day in force (None: open)
    shown: State
    variants: tuple[BannerVariant, ...]
    full: date | None = None  # 一部施行: the day all of the version is in force (partly in force before)


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


def banner(corpus: Corpus, doc: Document, v: Version, today: date, lang: str, root: bool = False) -> Banner:
    """``root``: the page at the URL the terms name as where they are published. Read there after
    the next version's effective day (before the rebuild), it must say first which terms apply."""
    versions = corpus.versions[doc.slug]
    shown = partial.shown_stage(versions, v, today) if root else None
    if shown is not None:
        return _partial_root_banner(corpus, doc, shown, lang)
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
                                                     date=long_date(p.start, lang))
                                      + partial.upcoming_rest(versions, v, lang), tuple(links)))
    steps = partial.partial_stages(versions, v)
    for s in steps:
        links = [LinkView(_t(lang, "Terms in force"), current_url(corpus, doc))]
        if v.slug in revisions:
            links.append(LinkView(_t(lang, "Comparison table"), comparison_url(doc, revisions[v.slug])))
        variants.append(BannerVariant("partly-in-force", partial.partly_message(versions, s, lang, root=False),
                                      tuple(links), start=s.start, end=s.end))
    if successor and successor.effective:
        variants.append(BannerVariant(
            "in-force",
            _t(lang, "The revised terms apply from %(date)s.", date=long_date(successor.effective, lang))
            + partial.upcoming_rest(versions, successor, lang),
            (LinkView(_t(lang, "Revised terms"), version_url(doc, successor)),
             LinkView(_t(lang, "Comparison table"), comparison_url(doc, Revision(corpus.ended(doc.slug, v), successor))))))
    else:
        message = (_t(lang, "These terms apply from %(date)s.", date=long_date(p.start, lang)) if p.start
                   else _t(lang, "These are the terms in force."))
        withdrawn = partial.withdrawn_words(versions, v, lang)
        variants.append(BannerVariant("in-force", message + ("" if lang == "ja" or not withdrawn else " ") + withdrawn))
    if p.end and successor and root:
        variants.append(_root_superseded(doc, p.end, successor, lang))
    elif p.end and successor:
        links = [LinkView(_t(lang, "Version from %(date)s", date=long_date(successor.effective, lang)),  # type: ignore[arg-type]
                          version_url(doc, successor))]
        current = in_force(versions, today)
        if current is not None and versions.index(current) > i:  # the page exists on the build day
            links.append(LinkView(_t(lang, "Changes since this version"), cumulative_url(doc, v)))
        links.append(LinkView(_t(lang, "History of these terms"), history_url(doc)))
        for step in partial.partial_stages(versions, successor):  # 一部施行: some of its wording still applies
            variants.append(BannerVariant(
                "superseded", _t(lang, "This version applied until %(date)s.", date=long_date(p.end, lang))
                + ("" if lang == "ja" else " ") + partial.still_applies(versions, step, lang), tuple(links), start=step.start, end=step.end))
        variants.append(BannerVariant(
            "superseded", _t(lang, "This version applied until %(date)s.", date=long_date(p.end, lang)), tuple(links)))
    return Banner(p.start, p.end, commencement(versions, v, today).state, tuple(variants),
                  partial.last_stage_start(versions, v) if steps else None)


def _root_superseded(doc: Document, end: date, now: Version, lang: str) -> BannerVariant:
    """The terms page read after the text it shows stopped applying: first, where the terms now are."""
    return BannerVariant(
        "superseded",
        _t(lang, "The terms shown below applied until %(date)s and are no longer in force.", date=long_date(end, lang)),
        (LinkView(_t(lang, "History of these terms"), history_url(doc)),),
        LinkView(_t(lang, "The terms now in force (the version effective %(date)s)",
                    date=long_date(now.effective, lang)),  # type: ignore[arg-type]
                 version_url(doc, now)))


def _partial_root_banner(corpus: Corpus, doc: Document, s: Stage, lang: str) -> Banner:
    """The terms page while a revision is partly in force: it shows the consolidated text, which
    holds until the next step; from then on it points at the text in force."""
    versions = corpus.versions[doc.slug]
    v = s.version
    revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
    links = [LinkView(_t(lang, "The whole revision"), version_url(doc, v))]
    if v.slug in revisions:
        links.append(LinkView(_t(lang, "Comparison table"), comparison_url(doc, revisions[v.slug])))
    after = next((x for x in stages(versions) if x.start and s.end and x.start > s.end), None)
    state: State = "partly-in-force" if s.pending else "in-force"  # else only withdrawn amendments held back
    variants = [BannerVariant(state, partial.partly_message(versions, s, lang, root=True), tuple(links))]
    if after is not None and s.end is not None:
        variants.append(_root_superseded(doc, s.end, after.version, lang))
    full = s.end + timedelta(days=1) if s.end else None
    return Banner(s.start, s.end, state, tuple(variants), full)


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
    since_url: str | None = None  # changes from this version to the terms in force
    full: date | None = None       # 一部施行: the day all of it is in force
    rest: str = ""                 # 一部施行: which amendments wait, until when


def history(corpus: Corpus, doc: Document, today: date, lang: str) -> list[HistoryEntry]:
    """Every version, newest first, with its period — the static answer to "which applied on X"."""
    versions = corpus.versions[doc.slug]
    entries = []
    revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
    current = in_force(versions, today)
    superseded = versions[:versions.index(current)] if current else ()
    for v in versions:
        p = period(versions, v)
        own = [s for s in v.supplementary if s.effective == v.effective]
        entries.append(HistoryEntry(
            v, period_label(p.start, p.end, lang), p.start, p.end, commencement(versions, v, today).state,
            version_url(doc, v),
            comparison_url(doc, revisions[v.slug]) if v.slug in revisions else None,
            own[0].number if own else None,
            cumulative_url(doc, v) if v in superseded else None,
            partial.last_stage_start(versions, v) if partial.partial_stages(versions, v) else None,
            partial.upcoming_rest(versions, v, lang).strip()))
    return list(reversed(entries))


@dataclass(frozen=True)
class ComparisonView:
    title: str
    as_of: str
    comparison: Comparison
    columns: tuple[tuple[str, str], ...]  # (side, label) in display order: ("old", "～2026年2月28日")
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    intro: str = ""  # what the table compares, when it is not one revision
    row_days: dict[str, str] = field(default_factory=dict)  # 一部施行: row id → its own day, in words
    days_note: str = ""


def comparison_view(corpus: Corpus, doc: Document, revision: Revision, lang: str,
                    comparison: Comparison | None = None, cumulative: bool = False) -> ComparisonView:
    """The table of one revision, or (``cumulative``) of any earlier version against the terms
    in force — the same comparison either way, only the title and column labels differ."""
    versions = corpus.versions[doc.slug]
    old_p = period(versions, revision.old)
    new_p = period(versions, revision.new)
    labels = {
        "period": (period_label(old_p.start, old_p.end, lang),
                   period_label(revision.new.effective, new_p.end if cumulative else None, lang)),
        "old-new": (_t(lang, "Old"), _t(lang, "New")),
        "before-after": (_t(lang, "Before revision"), _t(lang, "After revision")),
    }[doc.comparison_labels]
    columns = (("old", labels[0]), ("new", labels[1]))
    if doc.comparison_order == "new-old":
        columns = columns[::-1]
    result = comparison or compare(revision, lang)
    as_of = long_date(revision.new.published, lang) if revision.new.published else ""
    if cumulative:
        intro = _t(lang, "Everything that changed from %(version)s to the terms in force "
                         "(%(current)s), in one table. A clause changed more than once shows its net change: "
                         "its wording in that version against its wording in force.",
                   version=version_phrase(old_p.start, old_p.end, lang, past=True),
                   current=version_phrase(new_p.start, new_p.end, lang))
        since = _t(lang, "Changes since %(version)s", version=version_phrase(old_p.start, old_p.end, lang, past=True))
        return ComparisonView(f"{doc.title[lang]} {since}", as_of, result,
                              columns, result.counts(), intro)
    return ComparisonView(f"{doc.title[lang]} {doc.comparison_title[lang]}", as_of, result, columns,
                          result.counts(), row_days=partial.row_days(revision, result, lang),
                          days_note=partial.days_note(versions, revision, lang))


# --- clause history ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClauseMark:
    """What a clause on a version page says about its history: "2026年3月1日改正" and where."""

    text: str
    comparison_url: str | None  # the revision table, with ``anchor`` the row that shows the change
    anchor: str
    history_url: str            # the clause's history page, with ``history_anchor``
    history_anchor: str


@cache
def _day(day: date | None, lang: str) -> str:
    """A date as words, once per day and language: every clause of every version page names one."""
    return long_date(day, lang) if day else ""


def _amendment_text(a: Amendment, lang: str, clause_id: str = "") -> str:
    """「2026年3月1日改正」: the day the amendment of this clause took effect (a deferred one's own day)."""
    gone = withdrawn_on(a.revision.old, a.revision.new, clause_id) if clause_id else None
    if gone is not None:  # its deferred amendment was withdrawn before its day (取り止め)
        return _t(lang, "Amendment withdrawn %(date)s", date=_day(gone, lang))
    when = _day(clause_commences(a.revision.old, a.revision.new, clause_id) if clause_id else a.revision.new.effective,
                lang)
    if a.kind == "added":
        return _t(lang, "Added %(date)s", date=when)
    if a.kind == "removed":
        return _t(lang, "Deleted %(date)s", date=when)
    return _t(lang, "Amended %(date)s", date=when)


def _translation_only(h: ClauseHistory, w: Wording, governing: dict[str, ClauseHistory] | None,
                      order: dict[str, int]) -> bool:
    """Whether a wording of the reference translation came with no change of the governing text."""
    g = governing.get(h.id) if governing is not None else None
    if g is None or w.amendment is None:
        return False
    gw = wording_for(g, w.first, order)
    return gw is not None and gw.first is not w.first


def clause_marks(doc: Document, v: Version, versions: tuple[Version, ...],
                 histories: dict[str, ClauseHistory], lang: str,
                 governing: dict[str, ClauseHistory] | None = None) -> dict[str, ClauseMark]:
    """For every article and paragraph of ``v``: the revision its wording in ``v`` comes from.
    With the governing language's histories, a fix of the translation alone says so."""
    order = {x.slug: i for i, x in enumerate(versions)}
    first = versions[0] is v
    out: dict[str, ClauseMark] = {}
    for cid, h in histories.items():
        w = wording_for(h, v, order) if h.wordings else None
        if w is None:
            continue
        page = clause_url(doc, h.article)
        anchor = "" if h.kind == "article" else cid
        if w.amendment is None:
            text = _t(lang, "As first recorded") if first else _t(lang, "Unchanged since the first recorded version")
            out[cid] = ClauseMark(text, None, "", page, anchor)
        else:
            text = _amendment_text(w.amendment, lang, cid)
            if _translation_only(h, w, governing, order):
                text = _t(lang, "Translation revised %(date)s", date=_day(w.amendment.revision.new.effective, lang))
            out[cid] = ClauseMark(text, comparison_url(doc, w.amendment.revision), w.amendment.anchor, page, anchor)
    return out


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
    if spec.kind == "document":
        return PageHead(_t(lang, "Versions of %(title)s", title=title),
                        _t(lang, "Every version of %(title)s with its period, and the one in force.", title=title))
    if spec.kind == "clauses":
        return PageHead(_t(lang, "Clauses of %(title)s", title=title),
                        _t(lang, "Every clause of %(title)s, each with the history of its wording.", title=title))
    if spec.kind in ("comparison", "notice"):
        assert spec.revision is not None
        day = long_date(spec.revision.new.effective, lang) if spec.revision.new.effective else ""
        if spec.kind == "comparison":
            return PageHead(f"{title} {doc.comparison_title[lang]} " + _t(lang, "(revision of %(date)s)", date=day),
                            _t(lang, "What changed in %(title)s on %(date)s: the text before and after, every change underlined.",
                               title=title, date=day))
        return PageHead(_t(lang, "Notice of revision: %(title)s", title=title) + " " + _t(lang, "(revision of %(date)s)", date=day),
                        _t(lang, "Notice to customers of the revision of %(title)s applying from %(date)s.", title=title, date=day))
    if spec.kind == "clause":
        assert spec.clause is not None
        name = _article_name(versions, spec.clause, lang)
        return PageHead(_t(lang, "History of %(title)s", title=name) + f" – {title}",
                        _t(lang, "Every wording of %(clause)s of %(title)s, with its period and what each revision changed.",
                           clause=name, title=title))
    assert spec.version is not None
    p = period(versions, spec.version)
    label = period_label(p.start, p.end, lang)
    phrase = version_phrase(p.start, p.end, lang, past=spec.kind == "cumulative")
    if spec.kind == "cumulative":
        return PageHead(f"{title} " + _t(lang, "Changes since %(version)s", version=phrase),
                        _t(lang, "Everything that changed in %(title)s from %(version)s to the terms "
                                 "in force, every change underlined.", title=title, version=phrase))
    if spec.kind == "current":
        return PageHead(title, _t(lang, "%(title)s: the terms in force (%(period)s), with every past version and comparison tables.",
                                  title=title, period=label))
    return PageHead(f"{title} ({label})", _t(lang, "%(title)s: %(version)s.", title=title, version=phrase))


def _article_name(versions: tuple[Version, ...], article_id: str, lang: str) -> str:
    """第5条（Your Connectサービスの廃止） as the article last read (or 前文 for the preamble)."""
    for v in reversed(versions):
        a = v.article(article_id)
        if a is not None:
            return labels.article_heading(a, lang)  # 第9条　削除 for an article deleted in place
    return _t(lang, "Preamble")


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
    for lang, root in LANG_ROOT.items():
        out.append(NotFoundSection(lang, _t(lang, "Page not found"),
                                   _t(lang, "There is no page at this address. It may have been mistyped, or the link may be out of date."),
                                   (LinkView(_t(lang, "Terms in force"), root + current_url(corpus, doc)),
                                    LinkView(_t(lang, "History and all versions"), root + history_url(doc)),
                                    LinkView(_t(lang, "Search the terms"), root + "search/"))))
    return tuple(out)
