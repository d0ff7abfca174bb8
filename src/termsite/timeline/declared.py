"""Withdrawals and corrections as the public sees them on a day.

- A withdrawal drops its version out of the document's chain of versions — the chain every
  "what is in force on day D" answer is computed from (:mod:`termsite.timeline.commencement`) —
  from the withdrawal's date. Before that day the version is an ordinary upcoming one (it is
  withdrawn before its effective date, so it is never in force on any day).
- A correction (正誤) replaces the declared wrong wording with the right one from its date, in the
  version it names and in each earlier and later version that carries the same wording in that
  clause without a break, so every page, table and file made for that day reads as corrected and
  every comparison compares like with like; never in a version withdrawn before its date
  (:func:`carriers`). Each version keeps the list
  of corrections it shows (``Declarations.applied``) for the 正誤 notes.

Versions untouched by a correction stay the very same objects (comparisons are cached by them).
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, Callable, TypeVar

from termsite.declarations import Correction, Declarations, Withdrawal
from termsite.model import Bilingual, Corpus, SupplementaryProvision, Text, Version

W = TypeVar("W", Text, Bilingual)
from termsite.timeline.wording import clause_texts, occurrences


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
            chain = _ordered((*chain, *waiting))
        withdrawn = tuple(v for v in d.withdrawn if v.slug in done)
        corrections = tuple(c for c in d.corrections if day is None or c.date <= day)
        chain, withdrawn, applied = _corrected(chain, withdrawn, public, corrections)
        versions[doc.slug] = chain
        declarations[doc.slug] = Declarations(public, corrections, withdrawn, applied)
    return Corpus(corpus.documents, versions, declarations)


def _ordered(versions: tuple[Version, ...]) -> tuple[Version, ...]:
    return tuple(sorted(versions, key=lambda v: (v.effective is not None, v.effective or date.min)))


def _corrected(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], withdrawals: tuple[Withdrawal, ...],
               corrections: tuple[Correction, ...]
               ) -> tuple[tuple[Version, ...], tuple[Version, ...], dict[str, tuple[Correction, ...]]]:
    applied: dict[str, list[Correction]] = {}
    for c in corrections:
        for v in carriers(chain, withdrawn, withdrawals, c):
            applied.setdefault(v.slug, []).append(c)
    if not applied:
        return chain, withdrawn, {}

    def fix(v: Version) -> Version:
        for c in applied.get(v.slug, ()):
            v = corrected(v, c)
        return v

    return tuple(fix(v) for v in chain), tuple(fix(v) for v in withdrawn), {k: tuple(cs) for k, cs in applied.items()}


def carries(v: Version, c: Correction) -> bool:
    texts = clause_texts(v, c.clause)
    return texts is not None and all(occurrences(texts, lang, fix.wrong) == 1
                                     for lang in ("ja", "en") if (fix := c.fix(lang)) is not None)


def carriers(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], withdrawals: tuple[Withdrawal, ...],
             c: Correction) -> list[Version]:
    """The versions a correction applies to, as the versions stood on the correction's day.

    - The version it names, and every version before and after it in the chain that carries the same
      wrong wording in that clause without a break (copied by `termsite new`): each revision's
      comparison and each clause history then compares corrected text with corrected text, and
      shows no change a revision did not make.
    - A version withdrawn before the correction's day is a record: the correction never rewrites it.
      A correction naming it fixes the same words where the terms in force carry them — in the
      version that applied instead on the day it was to take effect, and its run.
    - A version withdrawn later still carries the corrections made while it was upcoming."""
    withdrawn_on = {w.version: w.date for w in withdrawals}
    then = _ordered((*chain, *(v for v in withdrawn if withdrawn_on[v.slug] > c.date)))
    named = next((v for v in then if v.slug == c.version), None)
    if named is None:
        record = next((v for v in withdrawn if v.slug == c.version), None)
        if record is None:
            return []
        named = _in_force_instead(then, record)
        if named is None:
            return []
    if not carries(named, c):
        return []
    at = then.index(named)
    first = at
    while first > 0 and carries(then[first - 1], c):
        first -= 1
    last = at
    while last + 1 < len(then) and carries(then[last + 1], c):
        last += 1
    return list(then[first:last + 1])


def _in_force_instead(chain: tuple[Version, ...], record: Version) -> Version | None:
    """The version of ``chain`` that applied on the day ``record`` was to take effect."""
    before = [v for v in chain if v.effective is None or (record.effective and v.effective <= record.effective)]
    return before[-1] if before else None


def corrected(v: Version, c: Correction) -> Version:
    """``v`` with the wrong wording of ``c`` replaced by the right one inside clause ``c.clause``
    (an article's id: its heading only; a 附則 paragraph's id: its text)."""
    def swap(t: W) -> W:
        ja, en = t.ja, t.en
        if c.ja is not None:
            ja = ja.replace(c.ja.wrong, c.ja.right)
        if c.en is not None:
            en = en.replace(c.en.wrong, c.en.right)
        return t if (ja, en) == (t.ja, t.en) else replace(t, ja=ja, en=en)

    article = v.article(c.clause)
    if article is not None:
        if article.heading is None:
            return v
        fixed = replace(article, heading=swap(article.heading))
        return replace(v, articles=tuple(fixed if a is article else a for a in v.articles))
    for s in v.supplementary:
        for sp in s.paragraphs:
            if sp.id == c.clause:
                paragraphs = tuple(replace(p, text=swap(p.text)) if p is sp else p for p in s.paragraphs)
                provision = replace(s, paragraphs=paragraphs)
                return replace(v, supplementary=tuple(provision if x is s else x for x in v.supplementary))
    result: Version = _within(v, c.clause, swap, False)
    return result


def _within(obj: Any, clause: str, fn: Callable[[Text], Text], inside: bool) -> Any:
    """``obj`` with ``fn`` applied to every text inside the unit whose id is ``clause``; unchanged
    parts stay the same objects."""
    if isinstance(obj, Text):
        return fn(obj) if inside else obj
    if isinstance(obj, tuple):
        out = tuple(_within(x, clause, fn, inside) for x in obj)
        return obj if all(a is b for a, b in zip(out, obj)) else out
    if not is_dataclass(obj) or isinstance(obj, (type, SupplementaryProvision)):
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
