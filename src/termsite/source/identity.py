"""A clause keeps its identity through renumbering: the check that finds renumbering without ids.

The comparison pairs articles, paragraphs (項) and items (号, 細目) by ``id``. An id the editor does
not write is derived from the number (``art-5``, ``art-5-p2``, ``art-5-p2-i3``), so inserting,
deleting or moving a clause and renumbering the rest silently pairs each shifted clause with its
neighbour's old text. This check finds it at every level: a clause whose id is derived, and whose
text is the same as, or close to, the previous version's text of *another* clause — closer than to
its own old text, and closer than that other clause's own successor — is refused with the
``id:`` line that keeps it paired with its old self.

Closeness is :class:`difflib.SequenceMatcher`'s ratio on the Japanese (governing) text, from the
standard library: no dependency to keep, and the measure the comparison's block alignment already
uses. :data:`THRESHOLD` is measured on the sample texts (tests/test_identity.py): renumbering with
updated cross-references and small edits stays above it, genuinely different clauses below it.

Levels are checked top down, and each level is checked as if the ids asked for above were
already written (children's derived ids follow their parent's id), so adding the article's id
is the one message for an article that moved with its paragraphs and items.
"""
from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Literal

from termsite.model import Article, BulletList, Item, ItemList, Paragraph, TextBlock, Version
from termsite.problems import Location, Problem
from termsite.timeline.clause_tree import ancestry, find

Level = Literal["article", "paragraph", "item"]
LEVELS: tuple[Level, ...] = ("article", "paragraph", "item")

#: Ratio at or above which two clauses read as the same clause (see the module docstring).
THRESHOLD = 0.75


@dataclass(frozen=True)
class Clause:
    level: Level
    id: str
    derived: bool      # whether the id is the one derived from the number (not written by the editor)
    label: str         # 第3条, 第3条2, 第3条1(2): as the check's other messages name clauses
    text: str
    location: Location


def similarity(a: str, b: str, containing: bool = False) -> float:
    """SequenceMatcher's ratio, 2·matches / total length: 1.0 for equal texts. With ``containing``
    (articles and paragraphs, whose text holds their children's), the share of the shorter text
    found in the longer counts too: a parent that lost or gained a child is still itself."""
    if a == b:
        return 1.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    return _score(m, len(a), len(b), containing)


def _score(m: SequenceMatcher, la: int, lb: int, containing: bool) -> float:
    ratio = m.ratio()
    if not containing or not la or not lb:
        return ratio
    matched = sum(block.size for block in m.get_matching_blocks())
    return max(ratio, matched / min(la, lb))


def _close(a: str, b: str, containing: bool) -> float:
    """``similarity`` when it can reach the threshold; 0.0 otherwise, decided by cheap bounds first."""
    if a == b:
        return 1.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if not containing and (m.real_quick_ratio() < THRESHOLD or m.quick_ratio() < THRESHOLD):
        return 0.0
    if not a or not b:
        return 0.0
    if containing and m.quick_ratio() * (len(a) + len(b)) / 2 / min(len(a), len(b)) < THRESHOLD:
        return 0.0
    return _score(m, len(a), len(b), containing)


# --- the clauses of a version ------------------------------------------------------------------

def _item_number(item: Item) -> str:
    return "の".join(str(p) for p in (item.num, *item.branch))


def _item_text(item: Item) -> str:
    return "\n".join([item.text.ja, *(b.ja for b in item.bullets), *(_item_text(s) for s in item.items)])


def _paragraph_lines(p: Paragraph) -> list[str]:
    out: list[str] = []
    for block in p.blocks:
        if isinstance(block, TextBlock):
            out.append(block.text.ja)
        elif isinstance(block, BulletList):
            out += [b.ja for b in block.bullets]
        else:
            out += [_item_text(i) for i in block.items]
    return out


def _parent_text(lines: list[str]) -> str:
    """A parent's text for comparing: its lines and its children's, in sorted order, so that
    children moved within it (with their ids) leave it the same clause."""
    return "\n".join(sorted(lines))


def _paragraph_text(p: Paragraph) -> str:
    return _parent_text(_paragraph_lines(p))


def _article_text(a: Article) -> str:
    heading = [a.heading.ja] if a.heading else []
    return _parent_text(heading + [line for p in a.paragraphs for line in _paragraph_lines(p)])


def _items(items: tuple[Item, ...], parent: str, where: str) -> Iterator[Clause]:
    for item in items:
        label = f"{where}({_item_number(item)})"
        yield Clause("item", item.id, item.id == f"{parent}-i{item.key}", label, _item_text(item), item.location)
        yield from _items(item.items, item.id, label)


def clauses(v: Version, level: Level) -> list[Clause]:
    """The clauses of one level that have text of their own (placeholders and 「削除」 have none)."""
    out: list[Clause] = []
    for a in v.articles:
        if a.omitted or a.deleted or not a.paragraphs:
            continue
        name = a.num.label("ja")
        if level == "article":
            out.append(Clause("article", a.id, a.id == f"art-{a.num.key}", name, _article_text(a), a.location))
            continue
        for p in a.paragraphs:
            if p.omitted:
                continue
            if level == "paragraph":
                out.append(Clause("paragraph", p.id, p.id == f"{a.id}-p{p.num}", f"{name}{p.num}",
                                  _paragraph_text(p), p.location))
                continue
            for block in p.blocks:
                if isinstance(block, ItemList):
                    out += _items(block.items, p.id, f"{name}{p.num}")
    return out


# --- ids as they would be once the asked-for ids are written -------------------------------------

def _reid_items(items: tuple[Item, ...], old_parent: str, new_parent: str, wanted: dict[str, str]) -> tuple[Item, ...]:
    out = []
    for item in items:
        iid = wanted.get(item.id, item.id)
        if iid == item.id and item.id == f"{old_parent}-i{item.key}":
            iid = f"{new_parent}-i{item.key}"
        out.append(replace(item, id=iid, items=_reid_items(item.items, item.id, iid, wanted)))
    return tuple(out)


def _reid_paragraph(p: Paragraph, old_parent: str, new_parent: str, wanted: dict[str, str]) -> Paragraph:
    pid = wanted.get(p.id, p.id)
    if pid == p.id and p.id == f"{old_parent}-p{p.num}":
        pid = f"{new_parent}-p{p.num}"
    blocks = tuple(replace(b, items=_reid_items(b.items, p.id, pid, wanted)) if isinstance(b, ItemList) else b
                   for b in p.blocks)
    return replace(p, id=pid, blocks=blocks)


def with_ids(v: Version, wanted: dict[str, str]) -> Version:
    """``v`` with the clauses in ``wanted`` (current id → id to write) renamed, and every derived id
    below them derived again from the new parent id, as the loader would."""
    if not wanted:
        return v
    articles = []
    for a in v.articles:
        aid = wanted.get(a.id, a.id)
        paragraphs = tuple(_reid_paragraph(p, a.id, aid, wanted) for p in a.paragraphs)
        articles.append(replace(a, id=aid, paragraphs=paragraphs))
    return replace(v, articles=tuple(articles))


# --- the check ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Renumbered:
    """``new`` reads like ``old`` of the previous version (``ratio``) but is not paired with it.
    ``displaced``: the clause that holds ``old``'s id now only because of its number (a clause
    inserted in its place); it needs an id of its own once ``new`` takes the id back."""

    new: Clause
    old: Clause
    ratio: float
    original: str = ""                 # ``new``'s id as written in the version checked
    displaced: Clause | None = None


def _level(previous: Version, v: Version, level: Level) -> list[Renumbered]:
    old = {c.id: c for c in clauses(previous, level)}
    new = clauses(v, level)
    containing = level != "item"
    new_by_id = {c.id: c for c in new}
    # an old clause still standing, word for word, under its own id is paired already
    free_old = [o for o in old.values() if o.id not in new_by_id or new_by_id[o.id].text != o.text]
    found: list[tuple[float, int, Clause, Clause]] = []
    for index, n in enumerate(new):
        if not n.derived:
            continue  # an id the editor wrote is the editor's decision
        own = old.get(n.id)
        if own is not None and own.text == n.text:
            continue
        own_ratio = similarity(n.text, own.text, containing) if own is not None else 0.0
        for o in free_old:
            if o.id == n.id:
                continue
            ratio = _close(n.text, o.text, containing)
            if ratio < THRESHOLD or ratio <= own_ratio:
                continue
            successor = new_by_id.get(o.id)
            if successor is not None and similarity(successor.text, o.text, containing) >= ratio:
                continue
            found.append((ratio, index, n, o))
    # one old clause for one new clause, the closest pairs first
    taken_new: set[str] = set()
    taken_old: set[str] = set()
    out: list[Renumbered] = []
    for ratio, _index, n, o in sorted(found, key=lambda f: (-f[0], f[1])):
        if n.id in taken_new or o.id in taken_old:
            continue
        taken_new.add(n.id)
        taken_old.add(o.id)
        out.append(Renumbered(n, o, ratio))
    return sorted(out, key=lambda r: (r.new.location.line, r.new.location.column))


def renumbered(previous: Version, v: Version) -> list[Renumbered]:
    """Every clause of ``v`` renumbered or moved without its id, top level first. A version with an
    id used twice has that message already; what it pairs with is undecidable until it is fixed."""
    for level in LEVELS:
        ids = [c.id for c in clauses(v, level)]
        if len(ids) != len(set(ids)):
            return []
    out: list[Renumbered] = []
    wanted: dict[str, str] = {}
    for level in LEVELS:
        renamed = with_ids(v, wanted)
        back = {b.label: a.id for a, b in zip(clauses(v, level), clauses(renamed, level))}  # labels are unique
        found = _level(previous, renamed, level)
        asked = {r.old.id for r in found}
        moving = {r.new.id for r in found}
        displaced = {c.id: c for c in clauses(renamed, level) if c.id in asked and c.id not in moving}
        for r in found:
            d = displaced.get(r.old.id)
            out.append(replace(r, original=back[r.new.label], displaced=d))
            wanted[back[r.new.label]] = r.old.id
            if d is not None:
                wanted[back[d.label]] = own_id(d)
    return out


def own_id(c: Clause) -> str:
    """The id suggested for a clause whose derived id is given back to the clause that had it."""
    return f"{c.id}-new"


def ids_to_write(previous: Version, v: Version) -> dict[str, str]:
    """What the check asks for: id in ``v`` → the ``id:`` line to write."""
    out = {}
    for r in renumbered(previous, v):
        out[r.original] = r.old.id
        if r.displaced is not None:
            out[_written_id(v, r.displaced)] = own_id(r.displaced)
    return out


def _written_id(v: Version, c: Clause) -> str:
    for other in clauses(v, c.level):
        if other.label == c.label:
            return other.id
    return c.id


_WHAT = {"article": "article", "paragraph": "paragraph", "item": "item"}


def _article_of(v: Version) -> dict[str, str]:
    """Paragraph and item id → the id of the article holding it."""
    return {cid: chain[-1] for cid, chain in ancestry(v).items() if len(chain) > 1}


def _moved_hint(what: str, new_label: str, old_label: str, own: str) -> str:
    return (f"a {what} moved to another article is deleted from {old_label} and added as {new_label} (the "
            f"comparison shows 「削る」 there and 「新設」 here, as the amending text does): give {new_label} an "
            f"id of its own, e.g. `id: {own}`")


def check(previous: Version, v: Version) -> list[Problem]:
    """One problem per clause renumbered or moved without its ``id``, naming both clauses; a
    paragraph or item moved to another article is added there under an id of its own."""
    problems = []
    found = renumbered(previous, v)
    old_home, new_home = _article_of(previous), _article_of(v)
    articles = {r.original: r.old.id for r in found if r.new.level == "article"}
    for r in found:
        how = "the same text as" if r.ratio == 1.0 else f"nearly the text ({r.ratio:.0%} alike) of"
        what = _WHAT[r.new.level]
        if r.new.level != "article" and r.original in new_home and r.old.id in old_home:
            home = new_home[r.original]
            if articles.get(home, home) != old_home[r.old.id]:
                problems.append(Problem(
                    r.new.location, f"{what} {r.new.label} has {how} {r.old.label} of {previous.path} (id "
                    f"`{r.old.id}`), in another article", _moved_hint(what, r.new.label, r.old.label,
                                                                      own_id(r.new))))
                continue
        problems.append(Problem(
            r.new.location,
            f"{what} {r.new.label} has {how} {r.old.label} of {previous.path} (id `{r.old.id}`): "
            "renumbered or moved without its id",
            f"add `id: {r.old.id}` to {r.new.label} (under its `num:`) so the comparison and links follow it; "
            + (f"then {r.displaced.label}, which has that id only from its number, needs one of its own, "
               f"e.g. `id: {own_id(r.displaced)}`" if r.displaced is not None else
               f"if it is a new {what}, give it an `id:` of its own")))
    return problems + moved_between_articles(previous, v, set(articles))  # articles asked an id: first that


def moved_between_articles(previous: Version, v: Version, unsettled: Collection[str] = ()) -> list[Problem]:
    """A paragraph or item keeps its id only within its article: one that is written with the id of the
    previous version's clause in another article is refused (pages, histories and the comparison
    follow a clause within its article; a move between articles is a deletion and an addition).
    ``unsettled``: articles asked for their id, whose clauses are judged once it is written."""
    old_home, new_home = _article_of(previous), _article_of(v)
    problems = []
    for cid, home in new_home.items():
        was = old_home.get(cid)
        if was is None or was == home or home in unsettled:
            continue
        unit = find(v, cid)
        new_article, old_article = v.article(home), previous.article(was)
        parent = ancestry(v)[cid][1]
        derived = unit is not None and cid == (f"{parent}-p{unit.num}" if isinstance(unit, Paragraph)
                                               else f"{parent}-i{unit.key}" if isinstance(unit, Item) else "")
        if derived:
            continue  # an id from the number follows its article: `renumbered` speaks of it
        if unit is None or new_article is None or old_article is None or any(
                c in new_home and new_home.get(c) != old_home.get(c) for c in ancestry(v)[cid][1:-1]):
            continue  # inside a moved paragraph: its message covers it
        what = "item" if isinstance(unit, Item) else "paragraph"
        where, before = new_article.num.label("ja"), old_article.num.label("ja")
        own = f"{home}-p{unit.num}-new" if isinstance(unit, Paragraph) else f"{cid}-{home}"
        problems.append(Problem(
            unit.location, f"{what} `{cid}` is in {where} here, but in {before} in {previous.path}: a clause keeps "
            "its id only within its article",
            _moved_hint(what, f"the {what} in {where}", before, own)))
    return problems
