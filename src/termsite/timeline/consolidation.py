"""The consolidated text (一部施行): a version's text with the amendments not yet in force put
back to the previous version's wording — an inserted clause taken out again and the clauses after
it renumbered back (繰上げ), a deleted one put back in its place (繰下げ), a clause written out of a
（略） range put back into it — as a drafter would consolidate the text in force on a day between a
revision's effective day and a deferred amendment's.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence, cast

from termsite.model import Article, ArticleNumber, Item, ItemList, Paragraph, Version
from termsite.timeline.clause_tree import U, Unit, children, find


def _main(u: Unit) -> int:
    return u.num.parts[0] if isinstance(u, Article) else u.num


def _last(u: Unit) -> int:
    """The main number of the last clause a unit stands for (a placeholder's ``through``)."""
    if isinstance(u, Article):
        return u.through.parts[0] if u.through else u.num.parts[0]
    if isinstance(u, Paragraph):
        return u.through if u.through else u.num
    return u.num


def _number(u: Unit) -> tuple[int, ...]:
    """Where a clause stands among its siblings: 第3条 < 第3条の2 < 第4条; (2) < (2の2) < (3)."""
    if isinstance(u, Article):
        return u.num.parts
    return (u.num, *u.branch) if isinstance(u, Item) else (u.num,)


def _branch(u: Unit) -> bool:
    """A 枝番 clause (第14条の2, 第2号の2): inserted or deleted without renumbering the others."""
    return len(u.num.parts) > 1 if isinstance(u, Article) else isinstance(u, Item) and bool(u.branch)


def _omitted(u: Unit) -> bool:
    return not isinstance(u, Item) and u.omitted


def _shift(u: U, delta: int) -> U:
    """Renumber by ``delta`` (繰上げ / 繰下げ), as the deferred insertion or deletion would have; a
    枝番 clause moves with its main number (第14条の2 → 第13条の2)."""
    unit: Unit = u
    if isinstance(unit, Article):
        through = ArticleNumber((unit.through.parts[0] + delta,) + unit.through.parts[1:]) if unit.through else None
        return cast(U, replace(unit, num=ArticleNumber((unit.num.parts[0] + delta,) + unit.num.parts[1:]),
                               through=through))
    if isinstance(unit, Paragraph):
        return cast(U, replace(unit, num=unit.num + delta, through=unit.through + delta if unit.through else None))
    return cast(U, replace(unit, num=unit.num + delta))


def _renumbered_by(units: Sequence[Unit], i: int, old_by_id: Mapping[str, Unit], delta: int,
                   expected: bool) -> bool:
    """Whether ``units[i:]`` stand moved in ``delta``'s direction (an insertion: up, a deletion: down)
    from their numbers in the previous version, as the first of them that was there shows;
    ``expected`` when none of them was."""
    for u in units[i:]:
        o = old_by_id.get(u.id)
        if o is not None:
            return (_main(u) - _main(o)) * delta > 0
    return expected


def _hidden_in(old: Sequence[Unit], gone: Unit, units: Sequence[Unit]) -> Unit | None:
    """The previous version's placeholder (（略）) whose range holds ``gone``'s number: a clause that
    was there all along, only not reproduced — unless that placeholder still stands whole in
    ``units`` (renumbered, perhaps: then ``gone`` is new beside it)."""
    if _branch(gone):
        return None
    span = {u.id: _last(u) - _main(u) for u in units if _omitted(u)}
    return next((o for o in old if _omitted(o) and _main(o) <= _main(gone) <= _last(o)
                 and span.get(o.id) != _last(o) - _main(o)), None)


def _placeholder(like: Unit, gone: Unit) -> Unit:
    """A （略） standing for ``gone`` alone, made like the previous version's placeholder ``like``."""
    if isinstance(like, Article) and isinstance(gone, Article):
        return replace(like, id=gone.id, num=gone.num, through=None, location=gone.location)
    if isinstance(like, Paragraph) and isinstance(gone, Paragraph):
        return replace(like, id=gone.id, num=gone.num, through=None, location=gone.location)
    return like


def _into(units: list[U], back: U, old_by_id: Mapping[str, Unit]) -> list[U]:
    """``units`` without the placeholders made by the revision inside ``back``'s range, when ``back``
    is a （略） range of the previous version put back: its parts go back into it."""
    if not _omitted(back):
        return units
    olds = list(old_by_id.values())
    return [u for u in units if u is back or not _omitted(u) or any(u is o for o in olds)
            or not (_main(back) <= _main(u) and _last(u) <= _last(back))]


def _merge_placeholders(units: list[U], i: int, old: Sequence[U] = ()) -> list[U]:
    """Join the placeholder at ``i`` with placeholders right before and after it (第6条～第7条,
    第8条, 第9条～第10条 → 第6条～第10条), as the previous version showed them."""
    lo, hi = i, i
    while lo > 0 and _omitted(units[lo - 1]) and not _branch(units[lo - 1]) and _last(units[lo - 1]) + 1 == _main(units[lo]):
        lo -= 1
    while hi + 1 < len(units) and _omitted(units[hi + 1]) and not _branch(units[hi + 1]) \
            and _last(units[hi]) + 1 == _main(units[hi + 1]):
        hi += 1
    if lo == hi:
        return units
    first: Unit = units[lo]
    end = _last(units[hi])
    same = next((o for o in old if _omitted(o) and _main(o) == _main(first) and _last(o) == end), None)
    if same is not None:  # exactly the range the previous version showed: that very placeholder
        merged: Unit = same
    elif isinstance(first, Article):
        merged = replace(first, through=ArticleNumber((end,)))
    elif isinstance(first, Paragraph):
        merged = replace(first, through=end)
    else:
        return units
    return units[:lo] + [cast(U, merged)] + units[hi + 1:]


def _restore(new: tuple[U, ...], old: tuple[U, ...], target: str) -> tuple[U, ...] | None:
    """``new`` with ``target`` (somewhere in it or below) put back as in ``old``; None if absent."""
    new_ids = [u.id for u in new]
    old_by_id = {u.id: u for u in old}
    if target in new_ids or target in old_by_id:
        units = list(new)
        if target in new_ids:
            i = new_ids.index(target)
            if target in old_by_id:  # back in its earlier wording, and in its earlier place if it moved
                units[i] = old_by_id[target]
                return tuple(sorted(_into(units, old_by_id[target], old_by_id), key=_number))
            gone = units.pop(i)  # an inserted clause not yet in force
            hidden = _hidden_in(old, gone, units)
            follows = i < len(units) and _main(units[i]) == _main(gone) + 1
            if not _branch(gone) and _renumbered_by(units, i, old_by_id, +1, hidden is None and follows):
                units[i:] = [_shift(u, -1) for u in units[i:]]
            elif hidden is not None:  # written out of a （略） range: still not reproduced
                units.insert(i, cast(U, _placeholder(hidden, gone)))
                units = _merge_placeholders(units, i, old)
            return tuple(units)
        back = old_by_id[target]  # a deleted clause still in force
        units = _into(units, back, old_by_id)
        new_ids = [u.id for u in units]
        olds = [u.id for u in old]
        before = [oid for oid in olds[:olds.index(target)] if oid in new_ids]
        i = new_ids.index(before[-1]) + 1 if before else 0
        follows = i < len(units) and _main(units[i]) == _main(back)
        if not _branch(back) and _renumbered_by(units, i, old_by_id, -1, follows):
            units[i:] = [_shift(u, +1) for u in units[i:]]
        units.insert(i, back)
        return tuple(units)
    for i, u in enumerate(new):
        o = old_by_id.get(u.id)
        inner = _restore_inside(u, o, target)
        if inner is not None:
            units = list(new)
            units[i] = inner
            return tuple(units)
    return None


def _restore_inside(u: U, o: U | None, target: str) -> U | None:
    if isinstance(u, Article):
        got = _restore(u.paragraphs, o.paragraphs if isinstance(o, Article) else (), target)
        return cast(U, replace(u, paragraphs=got)) if got is not None else None
    if isinstance(u, Paragraph):
        para = cast(Paragraph, u)
        olds = tuple(x for x in children(o) if isinstance(x, Item)) if o is not None else ()
        blocks = list(para.blocks)
        for bi, b in enumerate(blocks):
            if isinstance(b, ItemList):
                got_items = _restore(b.items, olds, target)
                if got_items is not None:
                    blocks[bi] = ItemList(got_items)
                    if not got_items:  # the only item was the insertion taken out: the paragraph had no list
                        del blocks[bi]
                    return cast(U, replace(para, blocks=tuple(blocks)))
        if olds and not any(isinstance(b, ItemList) for b in blocks):  # its only items deleted: the list goes back
            got_back = _restore((), olds, target)
            if got_back:
                at = next((i for i, b in enumerate(cast(Paragraph, o).blocks) if isinstance(b, ItemList)), len(blocks))
                blocks.insert(min(at, len(blocks)), ItemList(got_back))
                return cast(U, replace(para, blocks=tuple(blocks)))
        return None
    got_sub = _restore(u.items, o.items if isinstance(o, Item) else (), target)
    return cast(U, replace(u, items=got_sub)) if got_sub is not None else None


def consolidated(previous: Version, v: Version, pending: Sequence[str]) -> Version:
    """``v``'s text with the amendments of ``pending`` clauses not yet made: each of them as in
    ``previous`` (an inserted clause absent, a deleted one still there)."""
    articles = v.articles
    # insertions and deletions first, while the numbers still show what they moved; then rewordings
    for cid in sorted(pending, key=lambda c: find(previous, c) is not None and find(v, c) is not None):
        got = _restore(articles, previous.articles, cid)
        if got is not None:
            articles = got
    if pending:
        olds = {a.id: a for a in previous.articles}
        articles = tuple(_absorb(articles, previous.articles))
        articles = tuple(replace(a, paragraphs=tuple(_absorb(a.paragraphs, olds[a.id].paragraphs)))
                         if a.id in olds and a is not olds[a.id] else a for a in articles)
    return replace(v, articles=articles)


def _absorb(units: Sequence[U], old: Sequence[U]) -> list[U]:
    """``units`` without the placeholders that a restored placeholder of ``old`` (the very object)
    covers: the parts of a （略） range written out by the revision, all put back in it."""
    restored = [u for u in units if _omitted(u) and any(u is o for o in old)]
    return [u for u in units if not (_omitted(u) and not any(u is r for r in restored)
                                     and any(_main(r) <= _main(u) and _last(u) <= _last(r) for r in restored))]
