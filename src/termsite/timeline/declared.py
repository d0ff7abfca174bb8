"""Withdrawals and corrections as the public sees them on a day.

- A withdrawal drops its version out of the document's chain of versions — the chain every
  "what is in force on day D" answer is computed from (:mod:`termsite.timeline.commencement`) —
  from the withdrawal's date. Before that day the version is an ordinary upcoming one (it is
  withdrawn before its effective date, so it is never in force on any day).
- A correction (正誤) replaces the declared wrong wording with the right one from its date, in the
  version it names and in each later version that still carries the same wording in that clause,
  so every page, table and file made for that day reads as corrected. Each version keeps the list
  of corrections it shows (``Declarations.applied``) for the 正誤 notes.

Versions untouched by a correction stay the very same objects (comparisons are cached by them).
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, Callable

from termsite.declarations import Correction, Declarations
from termsite.model import Corpus, SupplementaryProvision, Text, Version
from termsite.source.declared import clause_texts, occurrences


def as_of(corpus: Corpus, day: date | None) -> Corpus:
    """``corpus`` with the withdrawals and corrections published by ``day`` (None: all of them).
    The same object for the same corpus and day (a build asks once per language and output)."""
    if not any(d.withdrawals or d.corrections for d in corpus.declarations.values()):
        return corpus
    if _last and _last[0][0] is corpus and _last[0][1] == day:
        return _last[0][2]
    made = _as_of(corpus, day)
    _last[:] = [(corpus, day, made)]
    return made


_last: list[tuple[Corpus, date | None, Corpus]] = []


def _as_of(corpus: Corpus, day: date | None) -> Corpus:
    versions: dict[str, tuple[Version, ...]] = {}
    declarations: dict[str, Declarations] = {}
    for doc in corpus.documents:
        chain = corpus.versions[doc.slug]
        d = corpus.declarations.get(doc.slug)
        if d is None:
            versions[doc.slug] = chain
            continue
        public = tuple(w for w in d.withdrawals if day is None or w.date <= day)
        done = {w.version for w in public}
        waiting = [v for v in d.withdrawn if v.slug not in done]  # withdrawn later: still upcoming today
        if waiting:
            chain = tuple(sorted((*chain, *waiting), key=lambda v: (v.effective is not None, v.effective or date.min)))
        withdrawn = tuple(v for v in d.withdrawn if v.slug in done)
        corrections = tuple(c for c in d.corrections if day is None or c.date <= day)
        chain, withdrawn, applied = _corrected(chain, withdrawn, corrections)
        versions[doc.slug] = chain
        declarations[doc.slug] = Declarations(public, corrections, withdrawn, applied)
    return Corpus(corpus.documents, versions, declarations)


def _corrected(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], corrections: tuple[Correction, ...]
               ) -> tuple[tuple[Version, ...], tuple[Version, ...], dict[str, tuple[Correction, ...]]]:
    applied: dict[str, list[Correction]] = {}
    for c in corrections:
        for v in carriers(chain, withdrawn, c):
            applied.setdefault(v.slug, []).append(c)
    if not applied:
        return chain, withdrawn, {}

    def fix(v: Version) -> Version:
        for c in applied.get(v.slug, ()):
            v = corrected(v, c)
        return v

    return tuple(fix(v) for v in chain), tuple(fix(v) for v in withdrawn), {k: tuple(cs) for k, cs in applied.items()}


def _carries(v: Version, c: Correction) -> bool:
    texts = clause_texts(v, c.clause)
    return texts is not None and all(occurrences(texts, lang, fix.wrong) == 1
                                     for lang in ("ja", "en") if (fix := c.fix(lang)) is not None)


def carriers(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], c: Correction) -> list[Version]:
    """The versions a correction applies to: the one it names, then each following version of the
    chain while that clause still carries the wrong wording (copied by `termsite new`)."""
    named = next((v for v in (*chain, *withdrawn) if v.slug == c.version), None)
    if named is None or not _carries(named, c):
        return []
    out = [named]
    if named in chain:
        for v in chain[chain.index(named) + 1:]:
            if not _carries(v, c):
                break
            out.append(v)
    return out


def corrected(v: Version, c: Correction) -> Version:
    """``v`` with the wrong wording of ``c`` replaced by the right one inside clause ``c.clause``."""
    def swap(t: Text) -> Text:
        ja, en = t.ja, t.en
        if c.ja is not None:
            ja = ja.replace(c.ja.wrong, c.ja.right)
        if c.en is not None:
            en = en.replace(c.en.wrong, c.en.right)
        return t if (ja, en) == (t.ja, t.en) else replace(t, ja=ja, en=en)

    return _within(v, c.clause, swap, False)  # type: ignore[no-any-return]


def _within(obj: Any, clause: str, fn: Callable[[Text], Text], inside: bool) -> Any:
    """``obj`` with ``fn`` applied to every text inside the unit whose id is ``clause``; unchanged
    parts stay the same objects."""
    if isinstance(obj, Text):
        return fn(obj) if inside else obj
    if isinstance(obj, tuple):
        out = tuple(_within(x, clause, fn, inside) for x in obj)
        return obj if all(a is b for a, b in zip(out, obj)) else out
    if not is_dataclass(obj) or isinstance(obj, SupplementaryProvision):
        return obj
    inside = inside or getattr(obj, "id", None) == clause
    changes = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, (tuple, Text)) or (is_dataclass(value) and not isinstance(value, type)):
            new = _within(value, clause, fn, inside)
            if new is not value:
                changes[f.name] = new
    return replace(obj, **changes) if changes else obj
