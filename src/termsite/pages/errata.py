"""Corrections (正誤) as the pages show them, as plain data for the templates: the 正誤 note on a
corrected clause of a version page, the corrections listed on the history and clause-history pages
(each with the versions it corrects), and the clause a correction is in, named as the tables name
clauses.

Everything is computed from the corpus the build shows for its day (``declarations.as_of.as_of``),
which says which versions carry each correction (``Declarations.applied``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from termsite import labels
from termsite.declarations import Correction, declared
from termsite.model import Corpus, Document, ItemList, Item, Version
from termsite.pages.i18n import gettext
from termsite.pages.views import LinkView
from termsite.pages.site import clause_url, history_url, version_url
from termsite.timeline.dates import long_date
from termsite.pages.i18n import translated as _t


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
