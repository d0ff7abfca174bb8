"""What pages say about a revision that takes effect in steps (一部施行): which amendments wait,
until when, and which text the terms page shows meanwhile. The answers come from
:mod:`termsite.timeline.commencement`; this module only words them.
"""
from __future__ import annotations

from datetime import date, timedelta

from termsite import labels
from termsite.comparison.compare import Comparison
from termsite.model import Article, Item, Paragraph, Revision, Version
from termsite.timeline.clause_tree import ancestry, find
from termsite.timeline.commencement import Stage, clause_commences, deferred, stage_on, stages, withdrawn_on
from termsite.timeline.dates import long_date
from termsite.pages.i18n import translated as _t


def clause_label(versions: tuple[Version, ...], clause_id: str, lang: str) -> str:
    """第2条 / 第3条第2項 / 第4条第1項第4号 (Article 2 / Article 3(2) / Article 4(1)(4)), as the
    newest version holding the clause numbers it."""
    for v in reversed(versions):
        chain = ancestry(v).get(clause_id)
        if chain is None:
            continue
        units = [find(v, c) for c in reversed(chain)]
        art = units[0]
        assert isinstance(art, Article)
        text = labels.article(art.num, lang)
        for u in units[1:]:
            if isinstance(u, Paragraph):
                text = (f"{text}第{u.num}項" if lang == "ja" else f"{text}({u.num})")
            elif isinstance(u, Item):
                text = (f"{text}第{u.num}号" if lang == "ja" else f"{text}, item {u.num}")
        return text
    return clause_id


def rest_words(versions: tuple[Version, ...], pending: tuple[tuple[str, date], ...], lang: str) -> str:
    """"the amendment of 第2条 from 2027年1月1日; …" for the amendments still waiting."""
    parts = [_t(lang, "the amendment of %(clause)s from %(date)s",
                clause=clause_label(versions, cid, lang), date=long_date(day, lang)) for cid, day in pending]
    return ("、" if lang == "ja" else "; ").join(parts)


def withdrawn_words(versions: tuple[Version, ...], v: Version, lang: str) -> str:
    """"The amendment of 第2条 was withdrawn on 2026年11月16日; …" for the deferred amendments of ``v``
    withdrawn (取り止め) before their day; nothing when there are none."""
    by_day: dict[date, list[str]] = {}
    for cid, day in v.cancelled:
        by_day.setdefault(day, []).append(clause_label(versions, cid, lang))
    return ("" if lang == "ja" else " ").join(
        _t(lang, "The amendment of %(clauses)s was withdrawn on %(date)s; the earlier wording of those clauses "
                 "goes on applying.", clauses=("、" if lang == "ja" else ", ").join(names), date=long_date(day, lang))
        for day, names in sorted(by_day.items()))


def _and(lang: str, first: str, second: str) -> str:
    return first + ("" if lang == "ja" or not first or not second else " ") + second


def held_back(s: Stage) -> bool:
    """Whether the stage's text is not the whole of its version: amendments wait or were withdrawn."""
    return bool(s.pending or s.version.cancelled)


def partial_stages(versions: tuple[Version, ...], v: Version) -> list[Stage]:
    """The stages in which ``v`` is only partly in force (empty without deferrals): some amendments
    wait, or were withdrawn before their day."""
    return [s for s in stages(versions) if s.version is v and held_back(s)]


def last_stage_start(versions: tuple[Version, ...], v: Version) -> date | None:
    """The day all of ``v`` is in force."""
    mine = [s for s in stages(versions) if s.version is v]
    return mine[-1].start if mine else v.effective


def shown_stage(versions: tuple[Version, ...], v: Version, today: date) -> Stage | None:
    """For the page of the terms in force: the partial stage of ``v`` in force on ``today``, whose
    consolidated text that page shows instead of ``v``'s whole text; None when all of it is in force."""
    s = stage_on(versions, today)
    return s if s is not None and s.version is v and held_back(s) else None


def text_since(versions: tuple[Version, ...], s: Stage) -> date | None:
    """The first day the stage's text has applied: a withdrawal of a waiting amendment starts a stage
    (one amendment less waiting) without changing the text."""
    start = s.start
    for earlier in reversed([x for x in stages(versions) if x.version is s.version and x.start and s.start
                             and x.start < s.start]):
        if earlier.text != s.text or earlier.end is None or start is None or earlier.end + timedelta(days=1) != start:
            break
        start = earlier.start
    return start


def partly_message(versions: tuple[Version, ...], s: Stage, lang: str, root: bool) -> str:
    withdrawn = withdrawn_words(versions, s.version, lang)
    if not s.pending:  # all in force but the withdrawn amendments
        since = long_date(s.version.effective, lang) if s.version.effective else ""
        first = (_t(lang, "These are the terms in force.") if root or not since
                 else _t(lang, "These terms apply from %(date)s.", date=since))
        return _and(lang, first, withdrawn)
    return _and(lang, _waiting_message(versions, s, lang, root), withdrawn)


def _waiting_message(versions: tuple[Version, ...], s: Stage, lang: str, root: bool) -> str:
    rest = rest_words(versions, s.pending, lang)
    start = long_date(s.start, lang) if s.start else ""
    if root:
        return _t(lang, "These are the terms in force. The revision of %(date)s is partly in force: %(rest)s. "
                        "Until then the earlier wording of those clauses applies and is shown below.",
                  date=long_date(s.version.effective, lang) if s.version.effective else start, rest=rest)
    since = long_date(s.version.effective, lang) if s.version.effective else start
    return _t(lang, "This version is partly in force since %(date)s: %(rest)s. Until then the earlier wording "
                    "of those clauses applies; this page shows the whole revision.", date=since, rest=rest)


def upcoming_rest(versions: tuple[Version, ...], v: Version, lang: str) -> str:
    """" Not all at once: the amendment of 第2条 from …" for an upcoming version with deferrals
    (nothing otherwise, so other banners read as before)."""
    mine = [s for s in stages(versions) if s.version is v]
    withdrawn = withdrawn_words(versions, v, lang)
    if not mine or not mine[0].pending:
        return ("" if lang == "ja" or not withdrawn else " ") + withdrawn
    return ("" if lang == "ja" else " ") + _and(lang, _t(lang, "Not all at once: %(rest)s.",
                                                        rest=rest_words(versions, mine[0].pending, lang)), withdrawn)


def reads_as_before(s: Stage, previous: Version, clause_id: str) -> bool:
    """Whether ``clause_id`` in the stage's text is the earlier wording (an amendment still
    waiting): its 「…改正」 line is then the earlier version's, not the revision's."""
    shown = find(s.text, clause_id)
    return shown != find(s.version, clause_id) and shown == find(previous, clause_id)


def row_days(revision: Revision, comparison: Comparison, lang: str) -> dict[str, str]:
    """For a revision that takes effect in steps: each row of its table (``row-<clause id>``) whose
    amendment takes effect later than the revision, with the words for its day."""
    if not (deferred(revision.new) or revision.new.cancelled):
        return {}
    out = {}
    for g in comparison.groups:
        for r in g.rows:
            if r.kind == "elided" or not r.id.startswith("row-"):
                continue
            on = withdrawn_on(revision.old, revision.new, r.id[4:])
            if on is not None:
                out[r.id] = _t(lang, "Withdrawn on %(date)s: the earlier wording applies", date=long_date(on, lang))
                continue
            day = clause_commences(revision.old, revision.new, r.id[4:])
            if day is not None and day != revision.new.effective:
                out[r.id] = _t(lang, "Takes effect %(date)s", date=long_date(day, lang))
    return out


def days_note(versions: tuple[Version, ...], revision: Revision, lang: str) -> str:
    """The line above such a table: the revision's day, and which amendments wait until when."""
    later = sorted(deferred(revision.new).items(), key=lambda p: (p[1], p[0]))
    withdrawn = withdrawn_words(versions, revision.new, lang)
    if not later or revision.new.effective is None:
        return withdrawn
    return _and(lang, _t(lang, "This revision takes effect on %(date)s, except %(rest)s; the rows concerned say so.",
              date=long_date(revision.new.effective, lang), rest=rest_words(versions, tuple((c, d) for c, d in later), lang)), withdrawn)


def still_applies(versions: tuple[Version, ...], s: Stage, lang: str) -> str:
    """On the page of the version a partly-in-force revision amends: its wording of the clauses
    whose amendment waits still applies."""
    withdrawn = withdrawn_words(versions, s.version, lang)
    if not s.pending:
        return withdrawn
    return _and(lang, _t(lang, "Its wording of some clauses still applies until their amendment takes effect: %(rest)s.",
                         rest=rest_words(versions, s.pending, lang)), withdrawn)
