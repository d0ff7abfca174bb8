"""What the pages say about withdrawals (取り止め) and corrections (正誤), as plain data for the
templates: the withdrawn banner and where the terms that apply instead are, the 正誤 note on a
clause, and their lines on the history and clause-history pages.

Everything is computed from the corpus the build shows for its day (``timeline.declared.as_of``):
a withdrawn version is no longer in the chain, its replacement (if any) is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from termsite import labels
from termsite.declarations import Correction, Withdrawal, declared
from termsite.model import Corpus, Document, ItemList, Item, Revision, Version
from termsite.pages.i18n import gettext
from termsite.pages.views import LinkView, PageHead
from termsite.pages.site import PageSpec, withdrawn_pages, clause_url, comparison_url, current_url, history_url, version_url
from termsite.timeline.dates import long_date
from termsite.timeline.status import in_force


@dataclass(frozen=True)
class WithdrawnView:
    """The banner of a withdrawn version, its comparison table and its notice page."""

    withdrawal: Withdrawal
    label: str        # 【取り止め】
    message: str      # this version … was withdrawn on … and never took effect
    reason: str
    links: tuple[LinkView, ...]


def _t(lang: str, message: str, **values: str) -> str:
    return gettext(lang, message) % values


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


# --- corrections ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ErratumNote:
    """正誤 on a clause: what was corrected, on which day."""

    date: date
    text: str
    clause: str       # the paragraph, item or preamble paragraph corrected
    history_url: str  # the clause's history page, where the correction is listed


def note_text(c: Correction, lang: str, dated: bool = True, clause: str = "") -> str:
    """正誤（2026年8月10日）：「困難なである」は「困難である」の誤り — in the page's language, or the
    other language's correction said to be of that text; without the date (``dated=False``) in a
    notice that gives it once."""
    when = long_date(c.date, lang)
    own = c.fix(lang)
    if own is not None and clause:  # on the clause itself: which part of it (第2条1(3)中 …)
        return _t(lang, "Correction of %(date)s: in %(clause)s, for “%(wrong)s” read “%(right)s”.", date=when,
                  clause=clause, wrong=own.wrong, right=own.right)
    if own is not None:
        message = "Correction of %(date)s: for “%(wrong)s” read “%(right)s”." if dated else "for “%(wrong)s” read “%(right)s”"
        return _t(lang, message, date=when, wrong=own.wrong, right=own.right)
    other = "en" if lang == "ja" else "ja"
    fix = c.fix(other)
    assert fix is not None
    if other == "en":
        message = ("Correction of %(date)s to the English translation: for “%(wrong)s” read “%(right)s”." if dated
                   else "English translation: for “%(wrong)s” read “%(right)s”")
    else:
        message = ("Correction of %(date)s to the Japanese text: for “%(wrong)s” read “%(right)s”." if dated
                   else "Japanese text: for “%(wrong)s” read “%(right)s”")
    return _t(lang, message, date=when, wrong=fix.wrong, right=fix.right)


def holder(v: Version, clause: str) -> tuple[str, str] | None:
    """(the id whose block shows the note — a paragraph, a preamble paragraph, an article (its
    heading) or a 附則 paragraph —, the article id; "" for a 附則, which has no clause history)."""
    if any(p.id == clause for p in v.preamble):
        return clause, "preamble"
    if any(sp.id == clause for s in v.supplementary for sp in s.paragraphs):
        return clause, ""
    for a in v.articles:
        if a.id == clause:
            return a.id, a.id
        for p in a.paragraphs:
            if p.id == clause or any(_has_item(b.items, clause) for b in p.blocks if isinstance(b, ItemList)):
                return p.id, a.id
    return None


def _has_item(items: tuple[Item, ...], clause: str) -> bool:
    return any(i.id == clause or _has_item(i.items, clause) for i in items)


def erratum_notes(corpus: Corpus, doc: Document, v: Version, lang: str) -> dict[str, tuple[ErratumNote, ...]]:
    """For a version page: paragraph (or preamble paragraph) id → the corrections its text shows."""
    out: dict[str, list[ErratumNote]] = {}
    for c in declared(corpus, doc.slug).applied.get(v.slug, ()):
        held = holder(v, c.clause)
        if held is None:
            continue
        out.setdefault(held[0], []).append(ErratumNote(c.date, note_text(c, lang, clause=clause_label(v, c.clause, lang)), c.clause,
                                                       _where(doc, held)))
    return {k: tuple(v) for k, v in out.items()}


def clause_label(v: Version, clause: str, lang: str) -> str:
    """第2条1(3) / Article 2(1)(3): the clause a correction is in, as the tables name clauses."""
    if any(p.id == clause for p in v.preamble):
        return gettext(lang, "Preamble")
    for s in v.supplementary:
        for sp in s.paragraphs:
            if sp.id == clause:
                return labels.supplementary_ref(s.number, sp.num, lang)
    for a in v.articles:
        if a.id == clause:
            return labels.heading_ref(a.num, lang)
        for p in a.paragraphs:
            base = labels.paragraph_ref(a.num, p.num, lang) if len(a.paragraphs) > 1 else labels.article(a.num, lang)
            if p.id == clause:
                return base
            for b in p.blocks:
                if isinstance(b, ItemList):
                    path = _item_path(b.items, clause, 0, lang)
                    if path:
                        return base + path
    return clause


def _item_path(items: tuple[Item, ...], clause: str, depth: int, lang: str) -> str:
    for i in items:
        label = labels.item(i.num, depth, lang)
        if i.id == clause:
            return label
        deeper = _item_path(i.items, clause, depth + 1, lang)
        if deeper:
            return label + deeper
    return ""


@dataclass(frozen=True)
class CorrectionEntry:
    """A line of the history page (and of a clause's history): one 正誤 and the versions it corrects."""

    date: date
    day: str
    clause: str
    note: str
    versions: tuple[LinkView, ...]
    history_url: str
    wording: str = ""  # the note without its date (for a notice that gives the date once)


def corrections(corpus: Corpus, doc: Document, lang: str, article_id: str | None = None) -> list[CorrectionEntry]:
    """Every correction published, newest first (``article_id``: only those in that article)."""
    d = declared(corpus, doc.slug)
    shown = {v.slug: v for v in (*corpus.versions[doc.slug], *d.withdrawn)}
    out = []
    for c in reversed(d.corrections):
        carriers = [shown[slug] for slug, cs in d.applied.items() if c in cs and slug in shown]
        carriers.sort(key=lambda v: v.effective or date.min)
        if not carriers:
            continue
        held = holder(carriers[0], c.clause)
        if held is None or (article_id is not None and held[1] != article_id):
            continue
        links = tuple(LinkView(_version_name(v, lang), version_url(doc, v)) for v in carriers)
        out.append(CorrectionEntry(c.date, long_date(c.date, lang), clause_label(carriers[0], c.clause, lang),
                                   note_text(c, lang), links, _where(doc, held),
                                   note_text(c, lang, dated=False)))
    return out


def _where(doc: Document, held: tuple[str, str]) -> str:
    """The page listing a correction: its article's clause history (at the paragraph), the
    preamble's, or — for a 附則, which has none — the document's history."""
    if not held[1]:
        return history_url(doc)
    return clause_url(doc, held[1]) + ("" if held[1] in ("preamble", held[0]) else f"#{held[0]}")


def _version_name(v: Version, lang: str) -> str:
    if v.effective is None:
        return gettext(lang, "first recorded version")
    return _t(lang, "Version from %(date)s", date=long_date(v.effective, lang))


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
