"""The clause tree of a version: articles hold paragraphs, paragraphs hold items (in their item
lists), items hold sub-items. Finding a clause by its id anywhere in that tree, and the chain of
clauses around it, is what every question about one clause starts from — whether a revision
changed it, which withdrawal or deferral names it or the clause around it.
"""
from __future__ import annotations

from typing import Sequence, TypeVar, Union

from termsite.model import Article, Item, ItemList, Paragraph, Version
from termsite.timeline.memo import per_object

Unit = Union[Article, Paragraph, Item]  # any clause of the tree
U = TypeVar("U", Article, Paragraph, Item)  # one kind of clause, the same kind back


def ancestry(v: Version) -> dict[str, tuple[str, ...]]:
    """Each article, paragraph and item id of ``v`` → its own id and its ancestors' ids, nearest first."""
    out: dict[str, tuple[str, ...]] = {}

    def walk(unit: Unit, up: tuple[str, ...]) -> None:
        chain = (unit.id,) + up
        out[unit.id] = chain
        for child in children(unit):
            walk(child, chain)

    for a in v.articles:
        walk(a, ())
    return out


def children(unit: Unit) -> tuple[Unit, ...]:
    if isinstance(unit, Article):
        return unit.paragraphs
    if isinstance(unit, Paragraph):
        return tuple(it for b in unit.blocks if isinstance(b, ItemList) for it in b.items)
    return unit.items


def find(v: Version, clause_id: str) -> Unit | None:
    """The article, paragraph or item ``clause_id`` of ``v``, or None."""
    return _index(v).get(clause_id)


@per_object(512)
def _index(v: Version) -> dict[str, Unit]:
    """``v``'s clauses by id (each clause's history asks of every version: thousands of look-ups)."""
    found: dict[str, Unit] = {}

    def walk(units: Sequence[Unit]) -> None:
        for u in units:
            found.setdefault(u.id, u)  # the first in reading order, as a search from the top finds
            walk(children(u))

    walk(v.articles)
    return found


def changed(old: Version, new: Version, clause_id: str) -> bool:
    """Whether the revision from ``old`` to ``new`` changes ``clause_id`` (its wording, number,
    children; added or deleted)."""
    return find(old, clause_id) != find(new, clause_id)
