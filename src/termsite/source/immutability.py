"""Published text never changes, and the check and the build say so, not only the pull-request workflow.

``versions/lock.json`` maps each published source file (a version, a withdrawal, a correction) to the
SHA-256 of its bytes. Any change to, or deletion of, a locked file is refused by ``termsite check``,
by every build and by ``termsite immutable``, with the path legal should take instead:

- a typo: a correction (``versions/<document>/corrections/<date>.yaml``), any published version;
- a version not yet in force that must not take effect: a withdrawal
  (``versions/<document>/withdrawals/<version>.yaml``);
- anything else: a new version (``termsite new``).

Reading the lock and hashing needs no parsing, so an edit is reported even when it also broke the
file. Which paths are open is decided from the file name (a version's name is its effective date).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path, PurePosixPath

from termsite.problems import Location, Problem, ValidationFailed

LOCK = Path("versions") / "lock.json"
WITHDRAWALS = "withdrawals"
CORRECTIONS = "corrections"


def file_hash(path: Path) -> str:
    """SHA-256 of the file as text: a Windows checkout (CRLF, byte order mark) of an unchanged file
    hashes the same, as the loader reads it the same (for an LF file, the hash of its bytes)."""
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    return hashlib.sha256(raw).hexdigest()


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


def _effective(slug: str) -> date | None:
    try:
        return date.fromisoformat(slug)
    except ValueError:
        return None


def paths_open(rel: str, today: date, root: Path | None = None) -> str:
    """What to do instead of editing or deleting the locked file ``rel``."""
    p = PurePosixPath(rel)
    if root is not None and (root / p.parent / WITHDRAWALS / p.name).is_file():
        return (f"it was withdrawn (versions/{p.parent.name}/{WITHDRAWALS}/{p.name}) and stays on record as "
                "published; to change the terms, make a new version with `termsite new`")
    folder = p.parent.name
    if folder in (WITHDRAWALS, CORRECTIONS):
        if folder == WITHDRAWALS:
            return ("a published withdrawal stays on record and the version stays withdrawn; to bring in its terms "
                    "after all, make a new version with `termsite new`")
        return ("a published correction stays on record; if it was wrong itself, change the wording by a new version "
                "(`termsite new`): a second correction of the same words is refused")
    doc = folder
    correction = f"to fix a typo, declare a correction (versions/{doc}/{CORRECTIONS}/<date>.yaml)"
    new = "to change the terms, make a new version with `termsite new`"
    effective = _effective(p.stem)
    if effective is not None and effective > today:
        withdrawal = (f"to cancel it before it takes effect on {effective}, declare a withdrawal "
                      f"(versions/{doc}/{WITHDRAWALS}/{p.stem}.yaml)")
        return f"{correction}; {withdrawal}; {new}"
    return f"{correction}; {new} (a version already in force cannot be withdrawn)"


def locked_changes(root: Path, today: date, still_open: frozenset[str] = frozenset()) -> list[Problem]:
    """Every locked file that changed or disappeared, each with the path to take instead.
    ``still_open``: locked declarations whose date is still to come, which may yet be edited
    (:mod:`termsite.source.stated`)."""
    problems = []
    for rel, digest in sorted(read_lock(root).items()):
        path = root / rel
        if rel in still_open:
            continue
        restore = f"git checkout origin/main -- {rel}"
        if not path.is_file():
            problems.append(Problem(Location(rel), "this file was published and is locked in "
                                    f"{LOCK.as_posix()}, but it was deleted",
                                    f"restore it ({restore}): published text stays on the site for good; "
                                    f"then, {paths_open(rel, today, root)}"))
        elif file_hash(path) != digest:
            problems.append(Problem(Location(rel, 1, 1), "this file was published and is locked in "
                                    f"{LOCK.as_posix()}: its text can no longer be changed",
                                    f"restore it ({restore}); then, {paths_open(rel, today, root)}"))
    return problems
