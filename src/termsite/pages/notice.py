"""The customer notice for a revision (第1条7: web posting and e-mail): effective date, one line
per changed article, links to the new terms and the comparison. Wording comes from the message
catalog; the list comes from the comparison, so nothing in it is written by hand."""
from __future__ import annotations

from dataclasses import dataclass

from termsite import labels
from termsite.comparison.clause_history import comparisons_for
from termsite.comparison.compare import Comparison, compare
from termsite.timeline.dates import long_date, wareki
from termsite.pages.i18n import gettext
from termsite.model import Corpus, Document, Revision
from termsite.pages.partial import rest_words, withdrawn_words
from termsite.pages.site import LANG_ROOT, comparison_url, version_url
from termsite.timeline.clause_tree import ancestry, changed
from termsite.timeline.commencement import clause_commences, deferred

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


def notice(corpus: Corpus, doc: Document, revision: Revision, lang: str) -> Notice:
    day = revision.new.effective
    assert day is not None
    when = f"{wareki(day)}（{long_date(day, 'ja')}）" if lang == "ja" else long_date(day, "en")
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


def as_text(n: Notice) -> str:
    bullet = "・" if n.lang == "ja" else "- "
    sep = "：" if n.lang == "ja" else ": "
    lines = [n.title, "", n.intro, ""]
    lines += [f"{bullet}{line.label}{sep}{line.kind}" for line in n.lines]
    lines += ([""] if n.lines else []) + [f"{n.terms_label}{sep}{n.terms_url}", f"{n.comparison_label}{sep}{n.comparison_url}"]
    return "\n".join(lines) + "\n"
