"""The past never changes, and every day's text is a whole version: the time model's rules, on
generated legal histories (tests/legal_events.py) — versions, deferrals of articles, paragraphs and
items (inserted, deleted, renumbered, written out of a （略） range, 枝番), withdrawals, corrections.

For every pair of days D1 < D2 of a history, the site state the domain core computes from the record
as it stood on D2 — for every day up to D1, the text in force (every clause in both languages, its
number) and its status (the version in force, the amendments still waiting) — is the one it computed
from the record as of D1, except what a correction dated after D1 changes, and each such correction
is noted on the version it corrects. And the text in force on every day validates as a version.

Bounded for CI; ``HYPOTHESIS_PROFILE=long`` runs many more examples (printed with -s).
"""
from __future__ import annotations

import os
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings

from legal_events import SLUG, History, histories
from termsite.model import Corpus, Correction
from termsite.source.validation import validate_version
from termsite.timeline.clause_tree import ancestry, find
from termsite.timeline.commencement import ends, stage_on, stages
from termsite.declarations.as_of import as_of, cancelled

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
BOUNDED = settings(max_examples=5000 if LONG else 300, deadline=None, database=None if LONG else settings().database,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
COUNT = {"examples": 0, "pairs": 0, "days": 0, "stages": 0}


def site(corpus: Corpus, day: date) -> Corpus:
    """What the site built on ``day`` from ``corpus`` computes from (withdrawals and corrections applied)."""
    return as_of(Corpus(corpus.documents, dict(corpus.versions), dict(corpus.declarations)), day)


def state(corpus: Corpus, day: date) -> tuple[object, ...] | None:
    """The terms in force on ``day`` and their status: the version in force, its text (every clause,
    both languages, numbers), the amendments still waiting."""
    s = stage_on(corpus.versions[SLUG], day)
    if s is None:
        return None
    return (s.version.slug, s.text.preamble, s.text.articles, s.pending)


def _corrected(s: tuple[object, ...] | None, fixes: tuple[Correction, ...]) -> tuple[object, ...] | None:
    """``s`` with each correction's words put right, wherever its clause stands (the generated words
    〈N〉 name one clause each, so a replacement cannot reach another clause)."""
    if s is None or not fixes:
        return s
    text = repr(s)
    for c in fixes:
        for lang, fix in (("ja", c.ja), ("en", c.en)):
            if fix is not None:  # in that language's words only
                wrong, right = repr(fix.wrong)[1:-1], repr(fix.right)[1:-1]
                text = re.sub(rf"\b{lang}='((?:[^'\\]|\\.)*)'",
                              lambda m: f"{lang}='{m.group(1).replace(wrong, right)}'", text)
    return s if text == repr(s) else _Repr(text)


class _Repr(str):
    """A state compared by its text (:func:`_corrected`)."""

    def __eq__(self, other: object) -> bool:
        return str(self) == repr(other)

    __hash__ = str.__hash__


def check_days(history: History, last: date) -> list[date]:
    days = {d + timedelta(days=k) for d in history.days() for k in (-1, 0)}
    return sorted(d for d in days if d <= last)


@BOUNDED
@given(histories())
def test_the_past_never_changes(history: History) -> None:
    days = history.days()
    COUNT["examples"] += 1
    event(f"deferred amendments withdrawn: {len(history.cancellations)}")
    event(f"versions: {len(history.chain)}, withdrawn: {len(history.withdrawals)}, "
          f"corrections: {len(history.corrections)}")
    event(f"deferred amendments: {sum(bool(v.supplementary[-1].paragraphs[0].defers) for v in history.chain)}")
    if history.drags:
        event("the check named clauses to defer with a deferral")
    if history.refused:
        event("a deferral the check refused without a clause to add (dropped)")
    COUNT["drags"] = COUNT.get("drags", 0) + history.drags
    COUNT["refused"] = COUNT.get("refused", 0) + history.refused
    for i, d1 in enumerate(days):
        then = site(history.record(d1), d1)
        for d2 in days[i + 1:]:
            later = history.record(d2)
            now = site(later, d2)
            # The record as of D2 without the corrections made since D1 states on every day ≤ D1 what the
            # record as of D1 did: later versions and withdrawals never reach back. The corrections made
            # since are the only change allowed, each exactly its own words (a correction applies to every
            # version carrying them, as the record stands on its day) and each noted where it applies.
            fixes = tuple(c for c in history.corrections if d1 < c.date <= d2)
            decl = later.declarations[SLUG]
            base = site(Corpus(later.documents, later.versions, {SLUG: type(decl)(
                decl.withdrawals, tuple(c for c in decl.corrections if c not in fixes), decl.withdrawn,
                cancellations=decl.cancellations)}), d2) \
                if fixes else now
            COUNT["pairs"] += 1
            for day in check_days(history, d1):
                COUNT["days"] += 1
                assert state(base, day) == state(then, day), (d1, d2, day)
                assert _corrected(state(base, day), fixes) == state(now, day), (d1, d2, day)
            applied = now.declarations[SLUG].applied
            withdrawn = {v.slug for v in later.declarations[SLUG].withdrawn}
            for c in fixes:  # each correction that changed something is noted on the version it names, or —
                # when that version was withdrawn — on the versions of the terms in force that carried the words
                noted = {slug for slug, cs in applied.items() if c in cs}
                named = next((v for v in (*history.record(d2).versions[SLUG], *later.declarations[SLUG].withdrawn)
                              if v.slug == c.version), None)
                if named is not None and c.version in noted:
                    continue
                if c.version in withdrawn:
                    # (and on a version withdrawn after the correction's day, which carried it while upcoming)
                    assert noted <= {v.slug for v in later.versions[SLUG]} | withdrawn, (c, noted)
                    continue
                assert not noted, c


@BOUNDED
@given(histories())
def test_every_days_text_is_a_version(history: History) -> None:
    """Every stage of the chain as it stands on each day — 一部施行 stages included — validates as a
    published version does; the last stage of each version is that version."""
    for d in history.days():
        corpus = site(history.record(d), d)
        chain = corpus.versions[SLUG]
        for s in stages(chain):
            COUNT["stages"] += 1
            assert validate_version(s.text) == [], (s.version.slug, s.start, s.pending, validate_version(s.text))
        for i, v in enumerate(chain):
            mine = [s for s in stages(chain) if s.version is v]
            assert not mine[-1].pending
            if not v.cancelled:
                assert mine[-1].text == v
            for cid in v.cancelled_ids():  # a withdrawn amendment never takes effect: the earlier wording stays
                amended = ends(chain)[i - 1]  # the text in force the day before ``v``
                around = ancestry(amended).get(cid, (cid,))[1:]
                if getattr(find(mine[-1].text, cid), "omitted", False) and find(amended, cid) is None:
                    continue  # an article written out of a （略） range, withdrawn: back in the range, no wording
                if all(find(v, a) is not None for a in around):  # (a part of a deleted article stays with it)
                    assert find(mine[-1].text, cid) == find(amended, cid), (v.slug, cid)


def teardown_module() -> None:
    if LONG:
        print(f"\nlong profile: {COUNT}")


def _num(u: object) -> tuple[int, ...]:
    from termsite.model import Article, Item
    if isinstance(u, Article):
        return u.num.parts
    if isinstance(u, Item):
        return (u.num, *u.branch)
    return (u.num,)  # type: ignore[attr-defined]


def _spans(u: object) -> tuple[int, int]:
    n = _num(u)[0]
    through = getattr(u, "through", None)
    end = through if isinstance(through, int) else (through.parts[0] if through is not None else n)
    return n, end


def _levels(t: object, v: object, p: object) -> list[tuple[tuple[object, ...], tuple[object, ...], tuple[object, ...]]]:
    """Each list of sibling clauses, as (in the stage, in the version, in the previous version)."""
    from termsite.timeline.clause_tree import children  # the one definition of a clause's children
    out = [(t.articles, v.articles, p.articles)]  # type: ignore[attr-defined]
    i = 0
    while i < len(out):
        ts, vs, ps = out[i]
        v_by, p_by = {u.id: u for u in vs}, {u.id: u for u in ps}  # type: ignore[attr-defined]
        for u in ts:
            if u.id in v_by and u.id in p_by:  # type: ignore[attr-defined]
                out.append((children(u), children(v_by[u.id]), children(p_by[u.id])))  # type: ignore[attr-defined,arg-type]
        i += 1
    return out


@BOUNDED
@given(histories())
def test_a_deferral_renumbers_only_what_it_moves(history: History) -> None:
    """While an amendment waits, a clause numbered alike before and after the revision keeps that
    number, when every waiting clause beside it leaves numbers alone: one reworded in place, a 枝番
    (第2号の2), or one written out of a （略） range (it was there all along, not reproduced)."""
    chain = cancelled(tuple(v for v in history.chain if not history.withdrawn(v.slug)), tuple(history.cancellations))
    for s in stages(chain):
        if not s.pending:
            continue
        previous = ends(chain)[chain.index(s.version) - 1]  # the text the revision amends
        waiting = {c for c, _ in s.pending}
        for ts, vs, ps in _levels(s.text, s.version, previous):
            v_by, p_by = {u.id: u for u in vs}, {u.id: u for u in ps}  # type: ignore[attr-defined]
            holes = [_spans(u) for u in ps if getattr(u, "omitted", False)]

            def in_place(cid: str) -> bool:
                new, old = v_by.get(cid), p_by.get(cid)
                if new is not None and old is not None:
                    return _num(new) == _num(old)
                unit = new or old
                return len(_num(unit)) > 1 or (old is None and any(a <= _num(unit)[0] <= b for a, b in holes))

            here = waiting & (set(v_by) | set(p_by))
            if not here or not all(in_place(c) for c in here):
                continue
            for u in ts:
                uid = u.id  # type: ignore[attr-defined]
                if uid in here or uid not in v_by or uid not in p_by:
                    continue
                if _num(v_by[uid]) == _num(p_by[uid]):
                    assert _num(u) == _num(v_by[uid]), (s.version.slug, s.start, uid, sorted(here))


@BOUNDED
@given(histories())
def test_deferring_every_amendment_keeps_the_earlier_text(history: History) -> None:
    """A revision whose every article waits (a placeholder is no amendment: what is written out of one
    waits) leaves the earlier text in force, word for word, number for number, in the earlier order,
    placeholders as they were — or a text that is no version, which the check refuses: never a valid
    text that is not the earlier one."""
    from termsite.timeline.consolidation import consolidated

    chain = cancelled(tuple(v for v in history.chain if not history.withdrawn(v.slug)), tuple(history.cancellations))
    # each revision amends the text in force the day before it (a withdrawn deferred amendment put back)
    for previous, v in zip(ends(chain), chain[1:]):
        ids = list(dict.fromkeys([a.id for a in v.articles] + [a.id for a in previous.articles]))
        waiting = [aid for aid in ids if not any(a.omitted for a in (*previous.articles, *v.articles) if a.id == aid)]
        text = consolidated(previous, v, waiting)
        if validate_version(text):
            event("deferring every article leaves an invalid text: the check refuses it")
            continue  # refused by the check (the stage check), never shown
        assert text.articles == previous.articles, (v.slug, waiting)
