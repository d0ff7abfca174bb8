"""What text of a document is in force on a given day, clause by clause (一部施行).

A revision takes effect on its version's ``effective`` day, except the amendments its own 附則
defers (``defers:`` on a 附則 paragraph): until each deferred day the previous wording of those
clauses still governs. So a document's life is a run of *stages* — stretches of days over which
the in-force text does not change — and each stage has a consolidated text: the version that
brought it, with every amendment not yet in force put back to the previous wording
(:mod:`termsite.timeline.consolidation` makes that text).

Everything that says what is in force (pages, banners, JSON, feed, notice, the client clock) asks
this module; it is free of any site framework.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, cast

from termsite.model import Article, ArticleNumber, Item, ItemList, Paragraph, SupplementaryProvision, Version
from termsite.timeline.clause_tree import Unit, ancestry, find
from termsite.timeline.consolidation import consolidated
from termsite.timeline.memo import per_object

CommencementState = Literal["upcoming", "partly-in-force", "in-force", "superseded"]


def own_supplementary(v: Version) -> SupplementaryProvision | None:
    """The 附則 the revision to ``v`` adds: the one whose 実施期日 is ``v``'s effective date
    (earlier 附則 are carried verbatim, each with its own revision's date)."""
    return next((s for s in v.supplementary if v.effective is not None and s.effective == v.effective), None)


def deferred(v: Version) -> dict[str, date]:
    """Clause id → its own 実施期日, for the amendments ``v``'s 附則 defers (those withdrawn before
    their day, ``v.cancelled``, never take effect: they are not here)."""
    return {cid: day for cid, day in declared_deferrals(v).items() if cid not in v.cancelled_ids()}


def declared_deferrals(v: Version) -> dict[str, date]:
    """Clause id → its own 実施期日, for every amendment ``v``'s 附則 defers, withdrawn or not."""
    s = own_supplementary(v)
    if s is None:
        return {}
    return {cid: d.effective for p in s.paragraphs for d in p.defers for cid in d.clauses}


def commencement_dates(v: Version) -> tuple[date, ...]:
    """Every day on which part of ``v`` takes effect, first the version's own day."""
    later = sorted(set(deferred(v).values()))
    return ((v.effective,) if v.effective else ()) + tuple(later)


# --- stages ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stage:
    """A stretch of days over which the in-force text does not change."""

    version: Version                  # the version whose revision brought this stage
    start: date | None                # first day (None: an unknown start)
    end: date | None                  # last day (None: open)
    text: Version                     # the consolidated text in force
    pending: tuple[tuple[str, date], ...]  # clause ids of ``version`` not yet in force, with their day


def steps(previous: Version | None, v: Version) -> tuple[tuple[date | None, Version, tuple[tuple[str, date], ...]], ...]:
    """How the revision from ``previous`` to ``v`` takes effect: (first day, text in force, amendments
    still waiting) for each of its commencement days. Made once per pair of versions (a build asks
    for every page, feed entry and JSON record)."""
    if previous is None or not (deferred(v) or v.cancelled):
        return ((v.effective, v, ()),)
    return _staged(previous, v)


@per_object(256)
def _staged(previous: Version, v: Version) -> tuple[tuple[date | None, Version, tuple[tuple[str, date], ...]], ...]:
    """:func:`steps` of a revision that defers amendments or had some withdrawn."""
    out = []
    declared = declared_deferrals(v)
    gone = dict(v.cancelled)  # clause → the day its amendment was withdrawn
    # a withdrawal while the revision is in force starts a stage: the same text, one amendment less waiting
    starts = sorted({*commencement_dates(v), *(d for d in gone.values() if v.effective and d > v.effective)})
    for start in starts:
        pending = tuple(sorted(((c, d) for c, d in declared.items() if d > start and not (c in gone and gone[c] <= start)),
                               key=lambda p: (p[1], p[0])))
        held = [c for c, _ in pending] + [c for c in gone if c not in dict(pending)]  # a withdrawn one is never made
        out.append((start, consolidated(previous, v, held) if held else v, pending))
    return tuple(out)


@per_object(64)
def ends(versions: tuple[Version, ...]) -> tuple[Version, ...]:
    """Each version's text in force on its last day (its last stage): the version itself, unless a
    deferred amendment of it was withdrawn before its day (``v.cancelled``) — then its text with the
    withdrawn amendments put back to the wording in force before. The next revision amends that text:
    it is the old side of the next comparison and what the next revision's deferred amendments wait
    in (each version's stages are made from the text in force the day before it, not the file before
    it)."""
    out: list[Version] = []
    for v in versions:
        out.append(steps(out[-1] if out else None, v)[-1][1])
    return tuple(out)


def before(versions: tuple[Version, ...], v: Version) -> Version | None:
    """The text in force on the day before ``v`` (a version of ``versions``) takes effect: the last
    stage of the version before it (None for the first)."""
    i = _index(versions, v)
    return ends(versions)[i - 1] if i else None


def _index(versions: tuple[Version, ...], v: Version) -> int:
    return next(i for i, x in enumerate(versions) if x is v)


@per_object(64)
def stages(versions: tuple[Version, ...]) -> tuple[Stage, ...]:
    """The document's in-force texts in order. A version without deferrals is one stage whose
    text is the version itself (the same object), so documents without 一部施行 are unchanged."""
    last = ends(versions)
    out = [(v, start, text, pending) for i, v in enumerate(versions)
           for start, text, pending in steps(last[i - 1] if i else None, v)]
    result = []
    for j, (v, start, text, pending) in enumerate(out):
        following = out[j + 1][1] if j + 1 < len(out) else None
        result.append(Stage(v, start, following - timedelta(days=1) if following else None, text, pending))
    return tuple(result)


def stage_on(versions: tuple[Version, ...], day: date) -> Stage | None:
    """The stage in force on ``day`` (None before the first known start)."""
    current = None
    for s in stages(versions):
        if s.start is None or s.start <= day:
            current = s
    return current


def in_force_text(versions: tuple[Version, ...], day: date) -> Version | None:
    """The text of the document in force on ``day``, clause by clause."""
    s = stage_on(versions, day)
    return s.text if s else None


@dataclass(frozen=True)
class Commencement:
    """Where one version stands on a day. ``rest`` lists, for a version upcoming or partly in
    force, the later days on which its deferred amendments take effect, with their clause ids."""

    state: CommencementState
    start: date | None                 # the version's effective day
    complete: date | None              # the day all of it is in force (== start without deferrals)
    end: date | None                   # its last day in force (None: open)
    rest: tuple[tuple[date, tuple[str, ...]], ...]


def commencement(versions: tuple[Version, ...], v: Version, day: date) -> Commencement:
    """The state of ``v`` on ``day``: upcoming, partly in force (some amendments still to take
    effect), in force, or superseded."""
    mine = [s for s in stages(versions) if s.version is v]
    end = mine[-1].end if mine else None
    complete = mine[-1].start if mine else v.effective
    current = stage_on(versions, day)
    if v.effective is not None and v.effective > day:
        state: CommencementState = "upcoming"
        waiting = mine[0].pending if mine else ()
    elif current is not None and current.version is v:
        state = "partly-in-force" if current.pending else "in-force"
        waiting = current.pending
    else:
        state, waiting = "superseded", ()
    days: dict[date, list[str]] = {}
    for cid, d in waiting:
        days.setdefault(d, []).append(cid)
    return Commencement(state, v.effective, complete, end, tuple((d, tuple(c)) for d, c in sorted(days.items())))


def clause_commences(previous: Version | None, v: Version, clause_id: str) -> date | None:
    """The day ``v``'s wording of ``clause_id`` takes effect in the revision from ``previous``: the
    first of its commencement days on which the text in force reads as ``v`` does there. So a
    paragraph renumbered by a deferred insertion, or an article holding a deferred item, waits too.
    None if it never takes effect; a clause whose number only a withdrawn amendment would have moved
    takes effect under its earlier number (its wording is ``v``'s all the same)."""
    if previous is None or not (deferred(v) or v.cancelled):
        return v.effective
    mine = find(v, clause_id)
    for start, text, _ in steps(previous, v):
        if find(text, clause_id) == mine:
            return start
    if withdrawn_amendment(previous, v, clause_id):
        return None
    for start, text, _ in steps(previous, v):
        if _unnumbered(find(text, clause_id)) == _unnumbered(mine):
            return start
    return v.effective


def withdrawn_on(previous: Version | None, v: Version, clause_id: str) -> date | None:
    """The day ``v``'s amendment of ``clause_id`` was withdrawn (the withdrawal naming it, or the
    clause around or inside it), when its wording never takes effect."""
    if not withdrawn_amendment(previous, v, clause_id):
        return None
    chains = ancestry(v) | (ancestry(previous) if previous else {})
    near = [d for c, d in v.cancelled if c in chains.get(clause_id, (clause_id,)) or clause_id in chains.get(c, ())]
    return min(near) if near else min(d for _, d in v.cancelled)


def withdrawn_amendment(previous: Version | None, v: Version, clause_id: str) -> bool:
    """Whether ``v``'s wording of ``clause_id`` never takes effect: its deferred amendment (or one
    inside or around it) was withdrawn before its day, and the earlier wording goes on applying. A
    number that only a withdrawn insertion or deletion elsewhere would have moved is no wording."""
    if previous is None or not v.cancelled:
        return False
    return _unnumbered(find(steps(previous, v)[-1][1], clause_id)) != _unnumbered(find(v, clause_id))


def same_wording(a: Version, b: Version, clause_id: str) -> bool:
    """Whether ``clause_id`` says the same in ``a`` and ``b``, whatever number it bears in each."""
    return a is b or _unnumbered(find(a, clause_id)) == _unnumbered(find(b, clause_id))


def _unnumbered(unit: Unit | None) -> Unit | None:
    """``unit`` with its number and its parts' numbers set aside: what it says, wherever it stands."""
    if unit is None:
        return None
    if isinstance(unit, Article):
        return replace(unit, num=ArticleNumber((0,)), through=None,
                       paragraphs=tuple(cast(Paragraph, _unnumbered(p)) for p in unit.paragraphs))
    if isinstance(unit, Paragraph):
        blocks = tuple(ItemList(tuple(cast(Item, _unnumbered(i)) for i in b.items)) if isinstance(b, ItemList) else b
                       for b in unit.blocks)
        return replace(unit, num=0, through=None, blocks=blocks)
    return replace(unit, num=0, branch=(), items=tuple(cast(Item, _unnumbered(i)) for i in unit.items))


def wording_in_force(versions: tuple[Version, ...], clause_id: str, day: date) -> Version | None:
    """The version whose wording of ``clause_id`` governs on ``day``."""
    current: Version | None = None
    last = ends(versions)
    for i, v in enumerate(versions):
        previous = last[i - 1] if i else None
        if withdrawn_amendment(previous, v, clause_id):
            continue
        start = clause_commences(previous, v, clause_id)
        if start is None or start <= day:
            current = v
    return current


def clause_period(versions: tuple[Version, ...], clause_id: str, first: Version,
                  last: Version) -> tuple[date | None, date | None]:
    """The days a wording of ``clause_id`` — carried unchanged from ``first`` through ``last`` —
    governs: from the day it takes effect (``first``'s day for that clause; if ``first``'s amendment of
    it was withdrawn before its day, the day of the first later version of the run that brings it
    after all) to the day before the next wording takes effect (a later amendment withdrawn before its
    day brings none: this wording goes on applying). (None, None) for a wording that never applied."""
    i, j = _index(versions, first), _index(versions, last)
    end = ends(versions)
    start = None
    for k in range(i, j + 1):
        previous = end[k - 1] if k else None
        if not withdrawn_amendment(previous, versions[k], clause_id):
            start = clause_commences(previous, versions[k], clause_id)
            break
    else:
        return None, None
    for k in range(j + 1, len(versions)):
        if not withdrawn_amendment(end[k - 1], versions[k], clause_id):
            following = clause_commences(end[k - 1], versions[k], clause_id)
            return start, following - timedelta(days=1) if following else None
    return start, None


def wording_withdrawn(versions: tuple[Version, ...], clause_id: str, first: Version, last: Version) -> date | None:
    """The day ``first``'s amendment of ``clause_id`` was withdrawn, when the wording it brought — carried
    unchanged through ``last`` — never applied (no later version of the run brings it after all)."""
    i, j = _index(versions, first), _index(versions, last)
    end = ends(versions)
    if any(not withdrawn_amendment(end[k - 1] if k else None, versions[k], clause_id) for k in range(i, j + 1)):
        return None
    return withdrawn_on(end[i - 1] if i else None, first, clause_id)
