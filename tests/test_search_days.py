"""Search offers only wordings of the terms that applied, each with exactly the days it applied:
on generated legal histories (tests/legal_events.py: 一部施行, deferred amendments withdrawn before
their day, versions withdrawn before their day, corrections), the index the site writes
(searchwordings.index, from the corpus as the site built on the history's last day sees it) against
the text in force on each day (tests/wording_days.py). A deferred amendment withdrawn before its day,
or a version withdrawn before its day, never applied: its wording is not offered (unless the same
words applied on other days, with those days).

The built site's index is checked by the same rule in test_cancellation_site.py and test_withdrawal.py.
"""
from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, event, given, settings

from legal_events import SLUG, History, histories
from termsite.comparison.clause_history import Comparisons, clause_histories
from termsite.model import Corpus, ItemList, Paragraph
from termsite.outputs import searchwordings
from termsite.outputs.searchindex import keyed_clauses
from termsite.timeline.commencement import clause_period, deferred, find, stage_on, wording_withdrawn
from termsite.declarations.as_of import as_of
from wording_days import assert_every_wording_applied_exactly_on_its_days, days_to_check, holds, offered

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
BOUNDED = settings(max_examples=2000 if LONG else 200, deadline=None, database=None if LONG else settings().database,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@BOUNDED
@given(histories())
def test_every_wording_in_the_index_applied_exactly_on_its_days(history: History) -> None:
    last = history.days()[-1]
    record = history.record(last)
    corpus = as_of(Corpus(record.documents, dict(record.versions), dict(record.declarations)), last)
    versions = corpus.versions[SLUG]
    event(f"withdrawn amendments: {bool(any(v.cancelled for v in versions))}")
    event(f"withdrawn versions: {bool(history.withdrawals)}")
    for lang in ("ja", "en"):
        assert_every_wording_applied_exactly_on_its_days(searchwordings.index(corpus, lang), versions, lang)


@BOUNDED
@given(histories())
def test_the_clause_history_and_search_agree_on_every_day(history: History) -> None:
    """Around a withdrawn deferred amendment, a paragraph's history (its page and clauses.json:
    clause_histories, each wording with its period, or withdrawn before it applied) names one wording
    for every day the paragraph is in force and none for another day — the withdrawn wording no day,
    unless a later version brings it after all, and the wording before it every day until the next
    one takes effect; a number only a withdrawn insertion would have moved is no wording — and search
    offers that wording's text on each of those days.

    Histories whose deferred amendments were all withdrawn (with a deferral still to come, the history
    follows each version's own wording, which a paragraph renumbered or holding a waiting item does not
    read as in between), and paragraphs without items (one whose own sentence took effect while an
    amendment of its item was withdrawn reads, as a whole, as no version does)."""
    last = history.days()[-1]
    record = history.record(last)
    corpus = as_of(Corpus(record.documents, dict(record.versions), dict(record.declarations)), last)
    versions = corpus.versions[SLUG]
    if any(deferred(v) for v in versions):
        return
    event(f"withdrawn amendments: {bool(any(v.cancelled for v in versions))}")
    days = days_to_check(versions)
    shown = offered(searchwordings.index(corpus, "ja"), 0)
    for cid, h in clause_histories(versions, Comparisons("ja")).items():
        if h.kind != "paragraph" or any(isinstance(b, ItemList) for w in h.wordings for v in versions
                                        [versions.index(w.first):versions.index(w.last) + 1]
                                        for b in getattr(find(v, cid), "blocks", ())):
            continue
        claimed: dict[date, str | None] = {}
        for w in h.wordings:
            if wording_withdrawn(versions, cid, w.first, w.last) is not None:
                continue
            start, end = clause_period(versions, cid, w.first, w.last)
            on = {d for d in days if (start is None or start <= d) and (end is None or d <= end)}
            assert not on & set(claimed), (cid, w.first.slug, w.last.slug, sorted(on & set(claimed)))
            own = {a: t for a, _l, _h, t, _k in keyed_clauses(w.first, "ja")}.get(cid)
            claimed.update((d, own) for d in on)
        in_force = set()
        for d in days:
            s = stage_on(versions, d)
            unit = find(s.text, cid) if s is not None else None
            if isinstance(unit, Paragraph) and not unit.omitted:
                in_force.add(d)
        assert set(claimed) == in_force, (cid, sorted(set(claimed) ^ in_force))
        for d, own in claimed.items():
            if own is not None:
                assert any(holds(d, p) for p in shown.get((cid, own), [])), (cid, d, own)
