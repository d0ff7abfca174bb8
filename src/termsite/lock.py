"""Published versions never change: ``versions/lock.json`` holds the SHA-256 of every published
version file; the pull-request check compares the files with it.

A version counts as published once its publication date has come (Asia/Tokyo), or when its
publication date is not recorded (a historical version). The lock itself is guarded by CODEOWNERS.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .dates import today_in_tokyo
from .loading import load_corpus
from .problems import Location, Problem

LOCK = Path("versions") / "lock.json"


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _published(root: Path) -> dict[str, Path]:
    corpus = load_corpus(root)
    today = today_in_tokyo()
    return {v.path: root / v.path for vs in corpus.versions.values() for v in vs
            if v.published is None or v.published <= today}


def read_lock(root: Path) -> dict[str, str]:
    path = root / LOCK
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def check_immutable(root: Path) -> list[Problem]:
    """Every locked file unchanged, every published file locked."""
    lock = read_lock(root)
    problems = []
    for rel, digest in sorted(lock.items()):
        path = root / rel
        if not path.exists():
            problems.append(Problem(Location(rel, 1, 1), "this published version was deleted",
                                    f"restore it (git checkout origin/main -- {rel}); published versions stay"))
        elif _hash(path) != digest:
            problems.append(Problem(Location(rel, 1, 1), "this version is published and can no longer be changed",
                                    f"restore it (git checkout origin/main -- {rel}) and make a new version "
                                    "with `termsite new`"))
    for rel in sorted(set(_published(root)) - set(lock)):
        problems.append(Problem(Location(rel, 1, 1), "this version is published but not in versions/lock.json",
                                "run `termsite lock` and commit versions/lock.json"))
    return problems


def update_lock(root: Path) -> tuple[list[str], list[Problem]]:
    """Add newly published versions; never change an existing entry."""
    lock = read_lock(root)
    problems = [p for p in check_immutable(root) if "not in versions/lock.json" not in p.message]
    if problems:
        return [], problems
    added = []
    for rel, path in sorted(_published(root).items()):
        if rel not in lock:
            lock[rel] = _hash(path)
            added.append(rel)
    (root / LOCK).write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return added, []
