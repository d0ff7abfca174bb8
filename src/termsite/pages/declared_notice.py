"""The customer notices of a withdrawal (取り止めのお知らせ) and of corrections (正誤のお知らせ), in
the shape of a revision's notice (:mod:`termsite.pages.notice`), so the notice page, ``termsite
notice`` and the feed say them the same way. A correction's notice says it is not a revision."""
from __future__ import annotations

from datetime import date

from termsite.declarations import declared
from termsite.model import Corpus, Document, Version
from termsite.pages.declared_views import corrections, withdrawn_revision
from termsite.pages.i18n import gettext
from termsite.pages.notice import SITE_URL, Notice, NoticeLine
from termsite.pages.site import LANG_ROOT, comparison_url, current_url, history_url, version_url
from termsite.timeline.dates import long_date, wareki
from termsite.timeline.status import in_force


def _when(day: date, lang: str) -> str:
    return f"{wareki(day)}（{long_date(day, 'ja')}）" if lang == "ja" else long_date(day, "en")


def withdrawal_notice(corpus: Corpus, doc: Document, v: Version, lang: str) -> Notice:
    w = declared(corpus, doc.slug).withdrawal(v.slug)
    assert w is not None and v.effective is not None
    root = SITE_URL + LANG_ROOT[lang]
    instead = in_force(corpus.versions[doc.slug], v.effective)
    revision = withdrawn_revision(corpus, doc, v)
    values = {"title": doc.title[lang], "date": _when(v.effective, lang), "withdrawn": _when(w.date, lang),
              "published": long_date(v.published, lang) if v.published else "", "reason": w.reason[lang]}
    intro = gettext(lang, "The revision of the %(title)s that was to take effect on %(date)s has been withdrawn on "
                          "%(withdrawn)s and will not take effect. Reason: %(reason)s") % values
    return Notice(
        lang=lang,
        title=gettext(lang, "Notice of withdrawal: %(title)s") % {"title": doc.title[lang]},
        effective=_when(v.effective, lang), intro=intro, lines=(),
        terms_url=root + (version_url(doc, instead) if instead else history_url(doc)),
        comparison_url=root + (comparison_url(doc, revision) if revision else version_url(doc, v)),
        terms_label=gettext(lang, "The terms that continue to apply"),
        comparison_label=gettext(lang, "Comparison table of the withdrawn revision"),
        summary_label="", dated=long_date(w.date, lang), dated_iso=w.date.isoformat())


def correction_notice(corpus: Corpus, doc: Document, day: date, lang: str) -> Notice | None:
    """The 正誤 published on ``day``, or None if there is none."""
    entries = [e for e in corrections(corpus, doc, lang) if e.date == day]
    if not entries:
        return None
    root = SITE_URL + LANG_ROOT[lang]
    lines = tuple(NoticeLine(e.clause, e.wording, "") for e in reversed(entries))
    intro = gettext(lang, "We have corrected misprints in the %(title)s. From %(date)s the following read as "
                          "corrected. This is a correction, not a revision of the terms.") % {
        "title": doc.title[lang], "date": _when(day, lang)}
    return Notice(
        lang=lang, title=gettext(lang, "Notice of correction: %(title)s") % {"title": doc.title[lang]},
        effective=_when(day, lang), intro=intro, lines=lines,
        terms_url=root + current_url(corpus, doc),
        comparison_url=root + history_url(doc),
        terms_label=gettext(lang, "Terms in force"), comparison_label=gettext(lang, "History of these terms"),
        summary_label=gettext(lang, "Corrections"), dated=long_date(day, lang), dated_iso=day.isoformat())

