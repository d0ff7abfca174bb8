"""The text ``termsite new`` starts from: the latest version's file as it will be in force.

A deferred amendment of the latest version withdrawn before its day (取り止め of part of an 一部施行)
never takes effect: the earlier wording of its clauses goes on applying, and the next version revises
that, not the withdrawn wording. So each withdrawn clause's block in the latest file is replaced by
the same clause's block in the previous version's file (exactly as written there, comments kept,
re-indented to its new place), and a clause the withdrawn amendment inserted is taken out. The result is checked against the text the timeline says will be in
force (the last stage of the latest version), after the clauses that the taking out moved are numbered
as they are in force; where that is not enough (a withdrawn deletion), the editor is told to start the
file by hand.

Framework-free.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from termsite.model import Article, Corpus, Item, Paragraph, Version
from termsite.source.loading import load_version
from termsite.timeline.commencement import ancestry, find, stages
from termsite.declarations.as_of import as_of


class NotWhole(Exception):
    """The latest version's text in force cannot be made by putting blocks back; the message says which clauses."""


def in_force_source(root: Path, corpus: Corpus, document: str, text: str, path: Path) -> tuple[str, Version | None]:
    """``text`` (the latest version's file) with each withdrawn amendment's clause as the previous
    version's file writes it, and the text in force it must load as (None when nothing was withdrawn);
    ``path`` is where the result will be written."""
    chain = as_of(corpus, None).versions[document]
    latest = chain[-1]
    if not latest.cancelled or len(chain) < 2:
        return text, None
    previous = chain[-2]
    expected = stages(chain)[-1].text
    before = (root / previous.path).read_bytes().decode("utf-8").replace("\r\n", "\n")
    withdrawn = latest.cancelled_ids()
    around = ancestry(latest)
    # a clause inside another withdrawn one goes back with it
    outer = [c for c in withdrawn if not any(a in withdrawn for a in around.get(c, (c,))[1:])]
    edits: list[tuple[int, int, str]] = []
    for cid in outer:
        new_unit, old_unit = find(latest, cid), find(previous, cid)
        if new_unit is None:  # a deletion withdrawn: where the clause goes back is not one block's place
            raise NotWhole(f"a clause it deleted ({cid}) stays in force")
        start, end, column = _block(text, new_unit.location.line, new_unit.location.column)
        if old_unit is None:  # an insertion withdrawn: the clause's list entry goes, lines and all
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].strip() != "-":
                raise NotWhole(f"{cid} is not written as an entry of its own")
            edits.append((line_start, end + 1 if text[end:end + 1] == "\n" else end, ""))
            continue
        old_start, old_end, old_column = _block(before, old_unit.location.line, old_unit.location.column)
        edits.append((start, end, _indented(before[old_start:old_end], column - old_column)))
    return _renumbered(_edited(text, edits), root, path, expected), expected


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _renumbered(text: str, root: Path, path: Path, expected: Version) -> str:
    """``text`` with each clause numbered as in ``expected``: an insertion taken out (or a clause put
    back) moves the numbers of the clauses after it back (繰上げ / 繰下げ), as the withdrawn amendment
    never did. Only a ``num:`` is rewritten; anything else that differs is left for the check."""
    version, _problems = load_version(path, root, raw=text.encode("utf-8"))
    tree = yaml.compose(text, Loader=yaml.SafeLoader)
    if version is None or tree is None:
        return text
    edits = []
    for cid in ancestry(expected):
        want, have = find(expected, cid), find(version, cid)
        if want is None or have is None or _number(want) == _number(have):
            continue
        node = _mapping_at(tree, have.location.line - 1, have.location.column - 1)
        value = next((v for k, v in node.value if k.value == "num"), None) if node is not None else None
        if value is not None:
            edits.append((value.start_mark.index, value.end_mark.index, _number(want)))
    return _edited(text, edits)


def _number(unit: Article | Paragraph | Item) -> str:
    """A clause's ``num:`` as the source writes it: 3, or "14_2" / "2_2" for a 枝番."""
    if isinstance(unit, Article):
        parts = unit.num.parts
    elif isinstance(unit, Item):
        parts = (unit.num, *unit.branch)
    else:
        parts = (unit.num,)
    return str(parts[0]) if len(parts) == 1 else '"' + "_".join(map(str, parts)) + '"'


def _block(text: str, line: int, column: int) -> tuple[int, int, int]:
    """Where the mapping that starts at ``line``:``column`` (1-based) stands in ``text``: its first
    and past-last character (trailing blank and comment lines left out) and its column (0-based)."""
    tree = yaml.compose(text, Loader=yaml.SafeLoader)
    node = _mapping_at(tree, line - 1, column - 1) if tree is not None else None
    if node is None:
        raise NotWhole(f"no block starts at line {line}")
    start, end = node.start_mark.index, node.end_mark.index
    lines = text[start:end].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start, start + len("".join(lines).rstrip()), node.start_mark.column


def _mapping_at(node: yaml.Node, line: int, column: int) -> yaml.MappingNode | None:
    if isinstance(node, yaml.MappingNode):
        if node.start_mark.line == line and node.start_mark.column == column:
            return node
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    else:
        return None
    for child in children:
        found = _mapping_at(child, line, column)
        if found is not None:
            return found
    return None


def _indented(block: str, delta: int) -> str:
    """``block`` moved ``delta`` columns (its first line starts where the replaced block started)."""
    first, *rest = block.split("\n")
    if delta >= 0:
        moved = [(" " * delta + ln) if ln.strip() else ln for ln in rest]
    else:
        moved = [ln[min(-delta, len(ln) - len(ln.lstrip(" "))):] for ln in rest]
    return "\n".join([first, *moved])
