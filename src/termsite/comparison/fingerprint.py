"""A published comparison never changes silently: the marks of each published revision's table are
fingerprinted in ``versions/marks-lock.json``, row by row and in each language.

The marks come from the word analyser (SudachiPy and its dictionary) and the diff code; an upgrade
of either may cut or mark a text differently. ``termsite check`` and every build compare the tables
they would show with the fingerprints and refuse, naming the rows (第11条1, Article 11), when a
published table would change. ``termsite lock`` adds the tables published since it last ran; a
maintainer who means the change re-locks with ``termsite lock --remark-reason "…"``, which records
the day, the reason, the analyser and the rows in the file's ``remarks`` (README, Maintenance).

A revision is published when its new version's publication day has come in Asia/Tokyo (or is not
recorded), as for ``versions/lock.json``. The tables are fingerprinted from the versions as locked,
before any declared correction (正誤): a correction changes a table on purpose and on the record; the
check is for what nobody declared — the analyser, its dictionary, the diff code.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from termsite.comparison.clause_history import comparisons_for
from termsite.comparison.diff import MARKING, Span
from termsite.comparison.sides import Row
from termsite.comparison.words import analyser
from termsite.model import Corpus, Revision
from termsite.problems import Location, Problem, ValidationFailed

MARKS_LOCK = Path("versions") / "marks-lock.json"
LANGS = ("ja", "en")
RELOCK = 'termsite lock --remark-reason "…"'

Table = dict[str, dict[str, str]]  # row id → {"label": how the table names it, "marks": fingerprint}


def marking() -> str:
    """The analyser and the diff code that mark the tables, by name and version."""
    return f"{analyser()}; {MARKING}"


def _spans(obj: Any, out: list[list[str]]) -> None:
    if isinstance(obj, Span):
        out.append([obj.mark, obj.text])
    elif isinstance(obj, list):
        for x in obj:
            _spans(x, out)
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            _spans(getattr(obj, f.name), out)


def row_fingerprint(row: Row) -> str:
    """SHA-256 of the row's text on both sides, span by span with its mark."""
    old: list[list[str]] = []
    new: list[list[str]] = []
    _spans(row.old, old)
    _spans(row.new, new)
    raw = json.dumps([row.kind, old, new], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def published_revisions(corpus: Corpus, today: date) -> dict[str, Revision]:
    """Each revision whose new version is published, by ``<document>/<version>``."""
    found = {}
    for document, versions in corpus.versions.items():
        for old, new in zip(versions, versions[1:]):
            if new.published is None or new.published <= today:
                found[f"{document}/{new.slug}"] = Revision(old, new)
    return found


def tables(corpus: Corpus, today: date) -> dict[str, dict[str, Table]]:
    """The fingerprints of every published table: revision → language → rows with a mark."""
    out: dict[str, dict[str, Table]] = {}
    for key, revision in published_revisions(corpus, today).items():
        out[key] = {}
        for lang in LANGS:
            comparison = comparisons_for(corpus, lang).get(revision)
            out[key][lang] = {row.id: {"label": row.label, "marks": row_fingerprint(row)}
                              for group in comparison.groups for row in group.rows if row.kind != "elided"}
    return out


def read_marks_lock(root: Path) -> dict[str, Any]:
    path = root / MARKS_LOCK
    if not path.exists():
        return {"marking": "", "revisions": {}, "remarks": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("revisions"), dict):
        raise ValidationFailed([Problem(Location(MARKS_LOCK.as_posix()), "not the fingerprints of published "
                                        "comparisons", f"restore it (git checkout origin/main -- {MARKS_LOCK.as_posix()})")])
    data.setdefault("remarks", [])
    return data


def changed_rows(locked: dict[str, Table], now: dict[str, Table]) -> dict[str, list[str]]:
    """Per language, the labels of the rows whose marks differ (or that appear or disappear)."""
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        before, after = locked.get(lang, {}), now.get(lang, {})
        ids = [i for i in after if before.get(i, {}).get("marks") != after[i]["marks"]]
        ids += [i for i in before if i not in after]
        if ids:
            out[lang] = [(after.get(i) or before[i])["label"] for i in ids]
    return out


def check_marks(root: Path, corpus: Corpus, today: date) -> list[Problem]:
    """Each fingerprinted published table that would change, with its rows named."""
    lock = read_marks_lock(root)
    if not lock["revisions"]:
        return []
    problems = []
    now = tables(corpus, today)
    for key, locked in sorted(lock["revisions"].items()):
        if key not in now:
            continue  # a version no longer in the chain is reported by the version lock
        changed = changed_rows(locked, now[key])
        if not changed:
            continue
        rows = "; ".join(f"{lang}: {', '.join(labels)}" for lang, labels in changed.items())
        document, slug = key.split("/", 1)
        was, current = lock.get("marking") or "an earlier marking", marking()
        source = (f"it was locked with {was}, the marks now come from {current}" if was != current else
                  f"the analyser, its dictionary and the diff code name the versions it was locked with ({current}), so "
                  f"something else in the comparison code or the environment changed the marks")
        problems.append(Problem(
            Location(f"versions/{document}/{slug}.yaml"),
            f"the published comparison table of {key} would be marked differently ({rows}); {source}",
            f"keep the pinned versions in requirements.in, or, if the new marks are meant, re-lock with a recorded "
            f"reason: {RELOCK} (README, Maintenance), and commit {MARKS_LOCK.as_posix()}"))
    return problems


def update_marks(root: Path, corpus: Corpus, today: date, reason: str | None) -> tuple[list[str], list[Problem]]:
    """Fingerprint newly published tables; with ``reason``, also re-lock the changed ones and record why.

    Returns what was added or re-locked, or — leaving the file untouched — the problems that stop it."""
    lock = read_marks_lock(root)
    now = tables(corpus, today)
    done: list[str] = []
    relocked: dict[str, dict[str, list[str]]] = {}
    for key, table in sorted(now.items()):
        if key not in lock["revisions"]:
            lock["revisions"][key] = table
            done.append(f"fingerprinted the comparison of {key}")
            continue
        changed = changed_rows(lock["revisions"][key], table)
        if changed:
            relocked[key] = changed
    if relocked and not reason:
        return [], check_marks(root, corpus, today)
    for key, changed in relocked.items():
        lock["revisions"][key] = now[key]
        rows = "; ".join(f"{lang}: {', '.join(labels)}" for lang, labels in changed.items())
        done.append(f"re-locked the comparison of {key} ({rows})")
    if relocked:
        lock["remarks"].append({"day": today.isoformat(), "reason": reason, "was": lock.get("marking", ""),
                                "now": marking(), "rows": relocked})
    if done:
        lock["marking"] = marking()
        text = json.dumps(lock, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        (root / MARKS_LOCK).write_text(text, encoding="utf-8")
    return done, []
