"""The record only grows: what the site has stated is never restated backwards.

A withdrawal (取り止め) or a correction (正誤) changes what the site states from its date on. Dated
before the day it is made, it would change what the site already said about days gone by — a
version shown in force that "never was", a wording read for months that "always read otherwise".
So a declaration is dated on or after the day it is checked, and once recorded it stays as it is.

What was already stated is ``versions/lock.json``: a declaration is locked the day it is made (in
the pull request that adds it), so an entry there is the committed record that it was stated in
time. A declaration that is not locked and is dated before today is backdated: `termsite check`,
every build, `termsite immutable` and `termsite lock` refuse it, each with one message saying what
to write instead — never to lock it. Until its own date a locked declaration may still be edited
(and locked again); from that day it is fixed like a published version.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from termsite.problems import Location, Problem, display_path
from termsite.source.immutability import CORRECTIONS, WITHDRAWALS
from termsite.source.yamlsource import read_yaml

KINDS = (WITHDRAWALS, CORRECTIONS)


@dataclass(frozen=True)
class Declared:
    """A declaration file as the record sees it: its path from the root, its date (None when the
    file cannot be read: `termsite check` reports that) and where the date is written."""

    rel: str
    path: Path
    kind: str
    day: date | None
    location: Location
    clauses: tuple[str, ...] = ()  # a withdrawal of deferred amendments: the clauses it names


def declaration_paths(root: Path) -> list[Path]:
    """Every declaration file of every document."""
    found = [p for kind in KINDS for p in (root / "versions").glob(f"*/{kind}/*.yaml")]
    return sorted(p for p in found if p.is_file())


def read_declared(path: Path, root: Path) -> Declared:
    """A correction is dated by its file name, a withdrawal by its ``date:``."""
    rel = display_path(path, root)
    kind = path.parent.name
    if kind == CORRECTIONS:
        try:
            return Declared(rel, path, kind, date.fromisoformat(path.stem), Location(rel, 1, 1))
        except ValueError:
            return Declared(rel, path, kind, None, Location(rel, 1, 1))
    source, _problems = read_yaml(rel, path.read_bytes())
    value = source.data.get("date") if source is not None and isinstance(source.data, dict) else None
    day = _iso(value)
    if source is None or day is None:
        return Declared(rel, path, kind, None, Location(rel, 1, 1))  # `termsite check` says what is wrong
    named = source.data.get("clauses")
    clauses = tuple(str(c) for c in named) if isinstance(named, list) else ()
    return Declared(rel, path, kind, day, source.at(("date",)), clauses)


def _iso(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def all_declared(root: Path) -> list[Declared]:
    return [read_declared(p, root) for p in declaration_paths(root)]


def backdated(root: Path, today: date, lock: dict[str, str]) -> list[Problem]:
    """Every declaration not on record (not in the lock) and dated before ``today``."""
    problems = []
    for d in all_declared(root):
        if d.day is None or d.rel in lock or d.day >= today:
            continue
        problems.append(backdated_problem(d, today, root))
    return problems


def backdated_problem(d: Declared, today: date, root: Path) -> Problem:
    document = Path(d.rel).parent.parent.name
    rule = ("the site has already stated what was in force on each day before today, and that never changes: "
            "a declaration takes effect on or after the day it is made")
    if d.kind == CORRECTIONS:
        return Problem(d.location, f"this correction is dated {d.day} (its file name), before today ({today}): {rule}",
                       f"rename it to versions/{document}/{CORRECTIONS}/{today}.yaml (or a later day): the site shows "
                       "the corrected wording, with its 正誤 note, from that day")
    version = Path(d.rel).stem
    effective = _iso(version)
    if d.clauses:
        what = (f"write `date: {today}` (or a later day before each deferred day of the clauses it names); if a "
                "deferred day has come, that amendment is in force: make a new version with `termsite new`, and "
                "delete this file")
    elif effective is not None and effective <= today:
        what = (f"version {version} has been in force since {effective}: it can no longer be withdrawn — to change "
                "the terms, make a new version with `termsite new` (to fix a misprint, declare a correction in "
                f"versions/{document}/{CORRECTIONS}/), and delete this file")
    else:
        what = f"write `date: {today}` (or a later day before the version takes effect)"
    return Problem(d.location, f"this withdrawal is dated {d.day}, before today ({today}): {rule}", what)


def not_in_effect(d: Declared, today: date) -> bool:
    """A declaration dated after today may still be edited (and locked again)."""
    return d.day is not None and d.day > today


def still_open(root: Path, today: date, lock: dict[str, str]) -> frozenset[str]:
    """The locked declarations that may still be edited: dated after today."""
    return frozenset(d.rel for d in all_declared(root) if d.rel in lock and not_in_effect(d, today))
