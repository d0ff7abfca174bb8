"""Published versions never change: ``versions/lock.json`` maps every published version file
(its path from the project root) to the SHA-256 of its bytes.

A version counts as published once its publication date has come — on or before today in
Asia/Tokyo (:func:`termsite.timeline.dates.today_in_tokyo`, so ``TERMS_TODAY`` is honoured) — or when its
publication date is not recorded (``published: null``, a historical version).

- ``termsite lock`` adds the versions published since the last run and never changes or removes an
  entry: if a locked file changed, it refuses and leaves the lock as it is.
- ``termsite immutable`` (run on every pull request) reports each locked file that changed or
  disappeared, and each published version that is not locked yet.

Neither needs the whole corpus to validate: an edit to a published file is reported even when the
edit also broke the file. The lock itself is guarded by CODEOWNERS (engineering).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from termsite.timeline.dates import today_in_tokyo
from termsite.source.loading import load_version
from termsite.problems import Location, Problem, ValidationFailed, display_path

LOCK = Path("versions") / "lock.json"


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _version_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "versions").glob("*/*.yaml") if p.is_file())


def _publication(path: Path, root: Path) -> tuple[bool, date | None]:
    """(whether the file can be read, its publication date); unreadable files are for `termsite check`."""
    version, _problems = load_version(path, root)
    if version is None:
        return False, None
    return True, version.published


def published_versions(root: Path) -> dict[str, Path]:
    """Every readable version file whose publication date has come (or is not recorded)."""
    today = today_in_tokyo()
    found = {}
    for path in _version_files(root):
        readable, published = _publication(path, root)
        if readable and (published is None or published <= today):
            found[display_path(path, root)] = path
    return found


def read_lock(root: Path) -> dict[str, str]:
    path = root / LOCK
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        data = exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValidationFailed([Problem(Location(LOCK.as_posix()), "not a JSON object of file paths and SHA-256 "
                                        "hashes", "restore it (git checkout origin/main -- versions/lock.json)")])
    return data


def _when(path: Path, root: Path) -> str:
    readable, published = _publication(path, root)
    if readable and published is not None:
        return f"published on {published}"
    if readable:
        return "published (its publication date is not recorded)"
    return "published"


def check_immutable(root: Path) -> list[Problem]:
    """Every locked file unchanged, every published file locked."""
    root = root.resolve()
    lock = read_lock(root)
    problems = []
    for rel, digest in sorted(lock.items()):
        path = root / rel
        restore = f"restore it (git checkout origin/main -- {rel})"
        if not path.is_file():
            problems.append(Problem(Location(rel), "this published version was deleted",
                                    f"{restore}; published versions stay on the site for good"))
        elif _hash(path) != digest:
            problems.append(Problem(Location(rel), f"this version was {_when(path, root)} and can no longer "
                                    "be changed", f"{restore} and make a new version with `termsite new`"))
    for rel, path in sorted(published_versions(root).items()):
        if rel not in lock:
            _, published = _publication(path, root)
            day = f"its publication date {published} has come" if published else "its publication date is not recorded"
            problems.append(Problem(Location(rel), f"this version is published ({day}) but not in {LOCK.as_posix()}",
                                    f"run `termsite lock` and commit {LOCK.as_posix()} (if it is not published yet, "
                                    "set `published:` to the day it will be)"))
    return problems


def update_lock(root: Path) -> tuple[list[str], list[Problem]]:
    """Add newly published versions; never change or drop an existing entry.

    Returns the paths added, or — leaving the lock untouched — the problems that stop it."""
    root = root.resolve()
    lock = read_lock(root)
    refused = [p for p in check_immutable(root) if p.location.path in lock]
    if refused:
        return [], refused + [Problem(Location(LOCK.as_posix()), "not changed: `termsite lock` never replaces or "
                                      "removes an entry", "restore the published files above, then run it again")]
    added = []
    for rel, path in sorted(published_versions(root).items()):
        if rel not in lock:
            lock[rel] = _hash(path)
            added.append(rel)
    text = json.dumps(lock, indent=2, sort_keys=True) + "\n"
    target = root / LOCK
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return added, []
