"""Each revision amends the text in force the day before it takes effect, on generated legal histories
(tests/legal_events.py) — a version whose deferred amendment (一部施行) was withdrawn before its day
(取り止め) included, followed by a revision written from the text in force (as `termsite new` starts it)
or from the withdrawn version's file (the withdrawn amendment proposed again).

1. The old side of every revision's comparison is exactly the text the time model says is in force on
   the day before the new version takes effect (the every-day text of tests/test_time_model.py), and
   the comparison's marks turn that text into the new version's: the unmarked words and the deleted
   ones read the old text, the unmarked words and the inserted ones the new text, and a clause that
   reads the same on both sides carries no mark.
2. A stage of a version that keeps an amendment waiting has, for that clause, the wording in force on
   the day before that version.
"""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import event, given
from hypothesis import strategies as st

from legal_events import SLUG, History, histories
from termsite.comparison.compare import Comparison, compare
from termsite.model import ItemList, Paragraph, Revision, TextBlock, Version
from termsite.source.validation import validate_corpus
from termsite.timeline.clause_tree import ancestry, find
from termsite.timeline.commencement import same_wording, stage_on, stages
from test_identity import _blocks_text, _check_text, _units
from test_time_model import BOUNDED, site, state

_MADE: dict[tuple[object, ...], Comparison] = {}


def _compared(r: Revision) -> Comparison:
    key = (r.old.articles, r.new.articles, r.old.preamble, r.new.preamble)
    if key not in _MADE:
        if len(_MADE) > 512:
            _MADE.clear()
        _MADE[key] = compare(r, "ja")
    return _MADE[key]


def in_force_the_day_before(chain: tuple[Version, ...], v: Version) -> Version:
    assert v.effective is not None
    s = stage_on(chain, v.effective - timedelta(days=1))
    assert s is not None
    return s.text


def _paragraphs(v: Version) -> dict[str, Paragraph]:
    return {p.id: p for a in v.articles for p in a.paragraphs}


def _items(p: Paragraph) -> dict[str, str]:
    out: dict[str, str] = {}

    def walk(items: tuple) -> None:  # type: ignore[type-arg]
        for i in items:
            out[i.id] = i.text.ja
            walk(i.items)
    for b in p.blocks:
        if isinstance(b, ItemList):
            walk(b.items)
    return out


def assert_marks_turn_old_into_new(old: Version, new: Version, comparison: Comparison) -> None:
    """Every paragraph and item of ``old`` and ``new`` stands on its side of ``comparison`` with the
    words it has there; a shared one is marked exactly where it differs, an added one all inserted,
    a removed one all deleted."""
    units = _units(comparison)
    olds, news = _paragraphs(old), _paragraphs(new)
    home = {p.id: a.id for a in new.articles for p in a.paragraphs}
    written = {a.id for a in old.articles if not a.omitted}
    for pid in olds.keys() | news.keys():
        o, n = olds.get(pid), news.get(pid)
        old_unit, new_unit = units.get(pid, (None, None))
        if o is not None and n is not None:
            assert old_unit is not None and new_unit is not None, pid
            ot, oi = _blocks_text(old_unit.blocks, "old")
            nt, ni = _blocks_text(new_unit.blocks, "new")
            assert isinstance(o.blocks[0], TextBlock) and isinstance(n.blocks[0], TextBlock)
            _check_text(ot, nt, o.blocks[0].text.ja, n.blocks[0].text.ja)
            old_items, new_items = _items(o), _items(n)
            oi_map, ni_map = dict(oi), dict(ni)
            for iid in old_items.keys() & new_items.keys():
                _check_text(oi_map[iid], ni_map[iid], old_items[iid], new_items[iid])
            for iid in new_items.keys() - old_items.keys():
                assert all(s.mark == "ins" for s in ni_map[iid]), iid
            for iid in old_items.keys() - new_items.keys():
                assert all(s.mark == "del" for s in oi_map[iid]), iid
        elif n is not None:  # added: on the new side only, all of it inserted …
            assert new_unit is not None and old_unit is None, pid
            text, items = _blocks_text(new_unit.blocks, "new")
            spans = text + [s for _, each in items for s in each]
            assert isinstance(n.blocks[0], TextBlock)
            assert "".join(s.text for s in text if s.mark in ("same", "ins")) == n.blocks[0].text.ja, pid
            # … or, in an article the old text held only in a （略） range and now written out, unmarked
            assert all(s.mark == "ins" for s in spans) or (home[pid] not in written and all(
                s.mark == "same" for s in spans) and any(a.omitted for a in old.articles)), (pid, spans)
        else:  # removed: on the old side only, all of it deleted
            assert old_unit is not None and new_unit is None, pid
            text, items = _blocks_text(old_unit.blocks, "old")
            assert all(s.mark == "del" for s in text + [s for _, spans in items for s in spans]), pid


@BOUNDED
@given(st.one_of(histories(), histories(withdrawing=True)))
def test_each_revision_amends_the_text_in_force_the_day_before(history: History) -> None:
    after_withdrawal = 0
    for d in history.days():
        corpus = site(history.record(d), d)
        chain = corpus.versions[SLUG]
        withdrawn = {v.slug for v in chain if v.cancelled}
        for r in corpus.revisions(SLUG):
            expected = in_force_the_day_before(chain, r.new)
            day_before = r.new.effective - timedelta(days=1)  # type: ignore[operator]
            # the every-day text of the time model, computed on its own
            assert state(corpus, day_before)[1:3] == (expected.preamble, expected.articles)  # type: ignore[index]
            assert (r.old.preamble, r.old.articles) == (expected.preamble, expected.articles), (d, r.new.slug)
            assert_marks_turn_old_into_new(expected, r.new, _compared(r))
            after_withdrawal += r.old.slug in withdrawn
    if after_withdrawal:
        event("a revision after a withdrawn deferred amendment")


@BOUNDED
@given(histories(withdrawing=True))
def test_a_waiting_amendment_keeps_the_wording_in_force_the_day_before(history: History) -> None:
    for d in history.days():
        chain = site(history.record(d), d).versions[SLUG]
        for s in stages(chain):
            if not s.pending or s.version is chain[0]:
                continue
            before = in_force_the_day_before(chain, s.version)
            for cid, _ in s.pending:
                around = ancestry(before).get(cid, (cid,))[1:]
                if any(find(s.version, a) is None for a in around):
                    continue  # a part of an article the revision deletes goes with it
                if getattr(find(s.text, cid), "omitted", False) and find(before, cid) is None:
                    continue  # text written out of a （略） range waits in the range: no wording of its own
                assert same_wording(s.text, before, cid), (d, s.version.slug, s.start, cid, find(s.text, cid),
                                                           find(before, cid))


def test_the_generator_makes_a_revision_after_a_withdrawn_deferred_amendment() -> None:
    """The histories above hold the case the rules are about (not left to chance)."""
    found: list[date] = []

    @BOUNDED
    @given(histories(withdrawing=True))
    def look(history: History) -> None:
        cancelled = {w.version for w in history.cancellations}
        slugs = [v.slug for v in history.chain]
        if any(s in cancelled and i + 1 < len(slugs) for i, s in enumerate(slugs)):
            found.append(history.chain[0].effective)  # type: ignore[arg-type]
    look()
    assert found


@BOUNDED
@given(histories(withdrawing=True))
def test_the_check_judges_what_a_revision_defers_against_the_text_it_amends(history: History) -> None:
    """Each generated revision defers only what it changes in the text in force the day before it, and
    every day's text is a whole version (the generator asks the same checks with that text): the
    check of the whole record, withdrawals of deferred amendments declared, finds nothing to say of
    any `defers:` entry or withdrawal of one."""
    last = history.days()[-1]
    corpus = history.record(last)
    about = [p for p in validate_corpus(corpus) if "defers" in p.message or "would not be a whole version" in p.message]
    assert not about, [p.message for p in about]
