"""The customer notices (第1条7: web posting and e-mail), one shape for the three things customers
are told of, so the notice page, ``termsite notice`` and the feed say them the same way:

- a revision (改定のお知らせ): effective date, one line per changed article, links to the new terms
  and the comparison;
- a withdrawal (取り止めのお知らせ): the revision that will not take effect, when and why, and the
  terms that continue to apply;
- the corrections of a day (正誤のお知らせ): one line per corrected wording, said not to be a revision.

Wording comes from the message catalog; the lines come from the comparison or the declarations, so
nothing in a notice is written by hand."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from termsite import labels
from termsite.comparison.clause_history import comparisons_for
from termsite.comparison.compare import Comparison, compare
from termsite.declarations import declared
from termsite.timeline.dates import long_date, wareki
from termsite.pages.errata import corrections
from termsite.pages.i18n import gettext
from termsite.model import Corpus, Document, Revision, Version
from termsite.pages.partial import rest_words, withdrawn_words
from termsite.pages.site import LANG_ROOT, comparison_url, current_url, history_url, version_url
from termsite.pages.withdrawn import withdrawn_revision
from termsite.timeline.clause_tree import ancestry, changed
from termsite.timeline.commencement import clause_commences, deferred
from termsite.timeline.status import in_force

SITE_URL = "https://portal.your-connect.com/terms/"


@dataclass(frozen=True)
class NoticeLine:
    label: str
    kind: str  # changed / added / removed, in the notice's language
    anchor: str


@dataclass(frozen=True)
class Notice:
    lang: str
    title: str
    effective: str
    intro: str
    lines: tuple[NoticeLine, ...]
    terms_url: str
    comparison_url: str
    terms_label: str
    comparison_label: str
    summary_label: str
    dated: str = ""        # the day the notice was given, as the language writes it ("" if not recorded)
    dated_iso: str = ""


def changed_articles(revision: Revision, lang: str, comparison: Comparison | None = None) -> list[NoticeLine]:
    """One line per changed unit of the text: the preamble, each article, each 附則
    (``comparison``: the build's own comparison of the revision, when it has one)."""
    kinds = {"changed": gettext(lang, "revised"), "added": gettext(lang, "newly established"),
             "removed": gettext(lang, "deleted")}
    old_articles = {a.id: a for a in revision.old.articles}
    new_articles = {a.id: a for a in revision.new.articles}
    out = []
    for group in (comparison or compare(revision, lang)).groups:
        if group.kind == "elided" or group.status == "same":
            continue
        status = group.status
        if group.kind == "article":
            article = new_articles.get(group.id) or old_articles[group.id]
            was = old_articles.get(group.id)
            if article.deleted and was is not None and not was.deleted:
                # Deleted in place (「第11条　削除」): the notice names the article as it was and says 削除.
                article, status = was, "removed"
            label = labels.article_heading(article, lang)
        elif group.kind == "preamble":
            label = gettext(lang, "Preamble")
        else:
            label = gettext(lang, "Supplementary Provisions")
        out.append(NoticeLine(label, kinds[status] + _own_days(revision, group.id, lang), group.id))
    return out


def _own_days(revision: Revision, article_id: str, lang: str) -> str:
    """「（2027年1月1日実施）」 after an article whose amendments take effect later than the
    revision (一部施行); both days when only part of the article waits."""
    if not (deferred(revision.new) or revision.new.cancelled):
        return ""
    parts = _changed_parts(revision, article_id)
    gone = sorted({d for c, d in revision.new.cancelled if c in parts})
    if gone:  # a deferred amendment in this article withdrawn (取り止め) before its day
        return gettext(lang, " (withdrawn on %(date)s)") % {
            "date": ("、" if lang == "ja" else ", ").join(long_date(d, lang) for d in gone)}
    days = sorted({d for d in (clause_commences(revision.old, revision.new, cid)
                               for cid in _changed_parts(revision, article_id)) if d is not None})
    if not days or days == [revision.new.effective]:
        return ""
    words = ("、" if lang == "ja" else ", ").join(long_date(d, lang) for d in days)
    return gettext(lang, " (takes effect %(dates)s)") % {"dates": words}


def _changed_parts(revision: Revision, article_id: str) -> list[str]:
    """The article and every paragraph and item in it (either side) that the revision changes."""
    ids = [cid for v in (revision.old, revision.new) for cid, chain in ancestry(v).items() if chain[-1] == article_id]
    return [c for c in dict.fromkeys(ids) if changed(revision.old, revision.new, c)]


def later_days(corpus: Corpus, doc: Document, revision: Revision, lang: str) -> str:
    """" Some amendments take effect later: …" for a revision that takes effect in steps."""
    later = sorted(((c, d) for c, d in deferred(revision.new).items()), key=lambda p: (p[1], p[0]))
    versions = corpus.versions[doc.slug]
    withdrawn = withdrawn_words(versions, revision.new, lang)
    if not later:
        return ("" if lang == "ja" or not withdrawn else " ") + withdrawn
    return ("" if lang == "ja" else " ") + gettext(lang, "Some amendments take effect later: %(rest)s.") % {
        "rest": rest_words(versions, tuple(later), lang)} + ("" if lang == "ja" or not withdrawn else " ") + withdrawn


def _when(day: date, lang: str) -> str:
    """令和8年10月1日（2026年10月1日） / October 1, 2026: a day as a notice gives it."""
    return f"{wareki(day)}（{long_date(day, 'ja')}）" if lang == "ja" else long_date(day, "en")


def notice(corpus: Corpus, doc: Document, revision: Revision, lang: str) -> Notice:
    day = revision.new.effective
    assert day is not None
    when = _when(day, lang)
    root = SITE_URL + LANG_ROOT[lang]
    return Notice(
        lang=lang,
        title=gettext(lang, "Notice of revision: %(title)s") % {"title": doc.title[lang]},
        effective=when,
        intro=_intro(corpus, doc, revision, lang, when),
        lines=tuple(changed_articles(revision, lang, comparisons_for(corpus, lang).get(revision))),
        terms_url=root + version_url(doc, revision.new),
        comparison_url=root + comparison_url(doc, revision),
        terms_label=gettext(lang, "Revised terms"),
        comparison_label=gettext(lang, "Comparison table"),
        summary_label=gettext(lang, "Revised parts"),
        dated=long_date(revision.new.published, lang) if revision.new.published else "",
        dated_iso=revision.new.published.isoformat() if revision.new.published else "",
    )


def _intro(corpus: Corpus, doc: Document, revision: Revision, lang: str, when: str) -> str:
    later = later_days(corpus, doc, revision, lang)
    if not later:
        return gettext(lang, "We have revised the %(title)s. The revised terms take effect on %(date)s. "
                             "The revised parts are as follows.") % {"title": doc.title[lang], "date": when}
    return (gettext(lang, "We have revised the %(title)s. The revised terms take effect on %(date)s.")
            % {"title": doc.title[lang], "date": when} + later + ("" if lang == "ja" else " ")
            + gettext(lang, "The revised parts are as follows."))


def withdrawal_notice(corpus: Corpus, doc: Document, v: Version, lang: str) -> Notice:
    """The 取り止め of ``v``: the revision that will not take effect, and the terms that apply instead."""
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


def as_text(n: Notice) -> str:
    bullet = "・" if n.lang == "ja" else "- "
    sep = "：" if n.lang == "ja" else ": "
    lines = [n.title, "", n.intro, ""]
    lines += [f"{bullet}{line.label}{sep}{line.kind}" for line in n.lines]
    lines += ([""] if n.lines else []) + [f"{n.terms_label}{sep}{n.terms_url}", f"{n.comparison_label}{sep}{n.comparison_url}"]
    return "\n".join(lines) + "\n"
