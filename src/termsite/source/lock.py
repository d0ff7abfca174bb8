"""Published versions never change: ``versions/lock.json`` maps every published version file
(its path from the project root) to the SHA-256 of its bytes.

A version counts as published once its publication date has come — on or before today in
Asia/Tokyo (:func:`termsite.timeline.dates.today_in_tokyo`, so ``TERMS_TODAY`` is honoured) — or when its
publication date is not recorded (``published: null``, a historical version).

- ``termsite lock`` adds the versions published since the last run and never changes or removes an
  entry: if a locked file changed, it refuses and leaves the lock as it is.
- ``termsite immutable`` (run on every pull request) reports each locked file that changed or
  disappeared, and each published version that is not locked yet; ``termsite check`` and every build
  refuse a changed or deleted locked file too (:mod:`termsite.source.immutability`).
- Withdrawals and corrections (``versions/<document>/withdrawals/``, ``corrections/``) are locked the
  day they are made, in the pull request that adds them: the lock is the record that they were
  stated in time (:mod:`termsite.source.stated`). ``termsite lock`` refuses a backdated one, and
  locks again one edited before its date.

Neither needs the whole corpus to validate: an edit to a published file is reported even when the
edit also broke the file. The lock itself is guarded by CODEOWNERS (engineering).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from termsite.timeline.dates import today_in_tokyo
from termsite.source.immutability import CORRECTIONS, LOCK, WITHDRAWALS, file_hash, locked_changes, read_lock
from termsite.source.loading import load_version
from termsite.source.reading import read_source as _read
from termsite.problems import Location, Problem, display_path
from termsite.source.stated import backdated, still_open

__all__ = ["LOCK", "check_immutable", "published_versions", "read_lock", "update_lock"]


def _version_files(root: Path) -> list[Path]:
    """Version files and the declarations about them (withdrawals, corrections): all are locked once published."""
    found = [*(root / "versions").glob("*/*.yaml"), *(root / "versions").glob(f"*/{WITHDRAWALS}/*.yaml"),
             *(root / "versions").glob(f"*/{CORRECTIONS}/*.yaml")]
    return sorted(p for p in found if p.is_file())


def _publication(path: Path, root: Path) -> tuple[bool, date | None]:
    """(whether the file can be read, its publication date); unreadable files are for `termsite check`.
    A correction is published on the day its file is named after, a withdrawal on its `date:`."""
    if path.parent.name == CORRECTIONS:
        try:
            return True, date.fromisoformat(path.stem)
        except ValueError:
            return False, None
    if path.parent.name == WITHDRAWALS:
        source, _problems = _read(path, root, "withdrawal")
        return (False, None) if source is None else (True, date.fromisoformat(source.data["date"]))
    version, _problems = load_version(path, root)
    if version is None:
        return False, None
    return True, version.published


def published_versions(root: Path) -> dict[str, Path]:
    """Every readable version file whose publication date has come (or is not recorded), and every
    readable declaration (locked the day it is made)."""
    today = today_in_tokyo()
    found = {}
    for path in _version_files(root):
        readable, published = _publication(path, root)
        declaration = path.parent.name in (WITHDRAWALS, CORRECTIONS)
        if readable and (declaration or published is None or published <= today):
            found[display_path(path, root)] = path
    return found


def check_immutable(root: Path) -> list[Problem]:
    """Every locked file unchanged, every published file locked."""
    root = root.resolve()
    lock = read_lock(root)
    today = today_in_tokyo()
    reopened = still_open(root, today, lock)
    problems = locked_changes(root, today, reopened)
    late = backdated(root, today, lock)
    problems += late
    refused = {p.location.path for p in late}
    for rel, path in sorted(published_versions(root).items()):
        if rel in refused:
            continue
        if rel in reopened and file_hash(path) != lock[rel]:
            problems.append(Problem(Location(rel), f"this declaration changed after it was locked in {LOCK.as_posix()}",
                                    f"run `termsite lock` and commit {LOCK.as_posix()} (it can be changed until its "
                                    "date; from that day it stays as it is)"))
        if rel not in lock and path.parent.name in (WITHDRAWALS, CORRECTIONS):
            kind = "withdrawal" if path.parent.name == WITHDRAWALS else "correction"
            problems.append(Problem(Location(rel), f"this {kind} is not in {LOCK.as_posix()}: a declaration is "
                                    "recorded the day it is made",
                                    f"run `termsite lock` and commit {LOCK.as_posix()} with it"))
            continue
        if rel not in lock:
            _, published = _publication(path, root)
            day = f"its publication date {published} has come" if published else "its publication date is not recorded"
            kind = {WITHDRAWALS: "withdrawal", CORRECTIONS: "correction"}.get(path.parent.name, "version")
            later = {"withdrawal": "date the withdrawal", "correction": "name the file after"}.get(
                kind, "set `published:` to")
            problems.append(Problem(Location(rel), f"this {kind} is published ({day}) but not in {LOCK.as_posix()}",
                                    f"run `termsite lock` and commit {LOCK.as_posix()} (if it is not published yet, "
                                    f"{later} the day it will be)"))
    return problems


def update_lock(root: Path) -> tuple[list[str], list[Problem]]:
    """Add newly published versions; never change or drop an existing entry.

    Returns the paths added, or — leaving the lock untouched — the problems that stop it."""
    root = root.resolve()
    lock = read_lock(root)
    today = today_in_tokyo()
    reopened = still_open(root, today, lock)
    refused = [p for p in check_immutable(root) if p.location.path in lock and p.location.path not in reopened]
    if refused:
        return [], refused + [Problem(Location(LOCK.as_posix()), "not changed: `termsite lock` never replaces or "
                                      "removes an entry", "restore the published files above, then run it again")]
    late = backdated(root, today, lock)
    if late:
        return [], late + [Problem(Location(LOCK.as_posix()), "not changed: a backdated declaration is never recorded",
                                   "date it as the messages above say, then run it again")]
    added = []
    for rel, path in sorted(published_versions(root).items()):
        if rel not in lock or (rel in reopened and lock[rel] != file_hash(path)):
            lock[rel] = file_hash(path)
            added.append(rel)
    text = json.dumps(lock, indent=2, sort_keys=True) + "\n"
    target = root / LOCK
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return added, []
