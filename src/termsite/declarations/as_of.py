"""Withdrawals and corrections as the public sees them on a day.

- A withdrawal drops its version out of the document's chain of versions — the chain every
  "what is in force on day D" answer is computed from (:mod:`termsite.timeline.commencement`) —
  from the withdrawal's date. Before that day the version is an ordinary upcoming one (it is
  withdrawn before its effective date, so it is never in force on any day).
- A withdrawal naming ``clauses`` withdraws only those deferred amendments (一部施行) of a version
  in force: from its date they never take effect, and their earlier wording goes on applying.
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
from datetime import date, timedelta
from typing import Any, Callable, TypeVar

from termsite.declarations import Correction, Declarations, Withdrawal
from termsite.model import Bilingual, Corpus, SupplementaryProvision, Text, Version

W = TypeVar("W", Text, Bilingual)
from termsite.declarations.wording import clause_texts
from termsite.timeline.commencement import ends


def as_of(corpus: Corpus, day: date | None) -> Corpus:
    """``corpus`` with the withdrawals and corrections published by ``day`` (None: all of them).
    The same object for the same corpus and day (a build asks once per language and output)."""
    if not any(d.withdrawals or d.corrections or d.cancellations for d in corpus.declarations.values()):
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
        announced = {w.version: before for w in public if (before := _followed(corpus, doc.slug, w)) is not None}
        cancellations = tuple(w for w in d.cancellations if day is None or w.date <= day)
        chain = cancelled(chain, cancellations)
        chain, withdrawn, applied = _corrected(chain, withdrawn, public, corrections)
        versions[doc.slug] = chain
        last = {v.slug: end for v, end in zip(chain, ends(chain)) if end is not v} if cancellations else {}
        declarations[doc.slug] = Declarations(public, corrections, withdrawn, applied, announced, cancellations, last)
    return Corpus(corpus.documents, versions, declarations)


def cancelled(chain: tuple[Version, ...], cancellations: tuple[Withdrawal, ...]) -> tuple[Version, ...]:
    """``chain`` with the deferred amendments withdrawn by ``cancellations`` (published by the day
    asked about) marked on their versions: from then on those amendments never take effect
    (:func:`termsite.timeline.commencement.steps`)."""
    if not cancellations:
        return chain
    named: dict[str, list[tuple[str, date]]] = {}
    for w in cancellations:
        named.setdefault(w.version, []).extend((c, w.date) for c in w.clauses)
    return tuple(replace(v, cancelled=(*v.cancelled, *named[v.slug])) if v.slug in named else v for v in chain)


def _followed(corpus: Corpus, slug: str, w: Withdrawal) -> Version | None:
    """The text the withdrawn version was to amend, as the site showed it the day before the
    withdrawal (with the corrections published by then, and none made later): the text in force on
    the last day of the version before it (:func:`termsite.timeline.commencement.ends`)."""
    then = _as_of(corpus, w.date - timedelta(days=1)).versions[slug]
    named = next((v for v in then if v.slug == w.version), None)
    if named is None or then.index(named) == 0:
        return None
    return ends(then)[then.index(named) - 1]


def _ordered(versions: tuple[Version, ...]) -> tuple[Version, ...]:
    return tuple(sorted(versions, key=lambda v: (v.effective is not None, v.effective or date.min)))


def _corrected(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], withdrawals: tuple[Withdrawal, ...],
               corrections: tuple[Correction, ...]
               ) -> tuple[tuple[Version, ...], tuple[Version, ...], dict[str, tuple[Correction, ...]]]:
    applied: dict[str, list[tuple[Correction, Aim]]] = {}
    for c in corrections:
        for v, held in reach(chain, withdrawn, withdrawals, c):
            applied.setdefault(v.slug, []).append((c, held))
    if not applied:
        return chain, withdrawn, {}

    def fix(v: Version) -> Version:
        for c, aim in applied.get(v.slug, ()):
            v = corrected(v, c, aim)
        return v

    return (tuple(fix(v) for v in chain), tuple(fix(v) for v in withdrawn),
            {k: tuple(c for c, _ in cs) for k, cs in applied.items()})


Aim = dict[str, str]  # language → the whole text (as published) that holds the wrong wording


def aim(v: Version, c: Correction) -> Aim | None:
    """The text of ``v``'s clause that holds the wrong wording, per language; None unless exactly one
    text holds it, once."""
    texts = clause_texts(v, c.clause)
    if texts is None:
        return None
    out: Aim = {}
    for lang in ("ja", "en"):
        fix = c.fix(lang)
        if fix is None:
            continue
        holding = [text[lang] for text in texts if fix.wrong in text[lang]]
        if len(holding) != 1 or holding[0].count(fix.wrong) != 1:
            return None
        out[lang] = holding[0]
    return out


def held(v: Version, c: Correction, target: Aim) -> Aim | None:
    """Where ``v``'s clause holds the words to correct, per language: the very text the correction
    was declared on, if the clause has it; otherwise the one text holding the wrong wording, if it
    holds it once in the whole clause (a sentence revised elsewhere still carrying the misprint).
    None: ``v`` does not carry it."""
    texts = clause_texts(v, c.clause)
    if texts is None:
        return None
    out: Aim = {}
    for lang, text in target.items():
        fix = c.fix(lang)
        assert fix is not None
        if any(each[lang] == text for each in texts):
            out[lang] = text
            continue
        holding = [each[lang] for each in texts if fix.wrong in each[lang]]
        if len(holding) != 1 or sum(each[lang].count(fix.wrong) for each in texts) != 1:
            return None
        out[lang] = holding[0]
    return out


def carriers(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], withdrawals: tuple[Withdrawal, ...],
             c: Correction) -> list[Version]:
    return [v for v, _ in reach(chain, withdrawn, withdrawals, c)]


def reach(chain: tuple[Version, ...], withdrawn: tuple[Version, ...], withdrawals: tuple[Withdrawal, ...],
          c: Correction) -> list[tuple[Version, Aim]]:
    """The versions a correction applies to, as the versions stood on the correction's day, each with
    the text it corrects there (:func:`held`).

    - The version it names, and every version before and after it in the chain that carries the
      words (copied by `termsite new`) without a break: each revision's comparison and each clause
      history then compares corrected text with corrected text, and shows no change a revision did
      not make.
    - A version withdrawn before the correction's day is a record: the correction never rewrites it.
      A correction naming it fixes the same words where the terms in force carry them — in the
      version that applied instead on the day it was to take effect, and its run.
    - A version withdrawn later still carries the corrections made while it was upcoming."""
    withdrawn_on = {w.version: w.date for w in withdrawals}
    then = _ordered((*chain, *(v for v in withdrawn if withdrawn_on[v.slug] > c.date)))
    named = next((v for v in then if v.slug == c.version), None)
    source = named or next((v for v in withdrawn if v.slug == c.version), None)
    target = aim(source, c) if source is not None else None
    if source is None or target is None:
        return []
    if named is None:
        named = _in_force_instead(then, source)
        if named is None:
            return []
    found = {v.slug: h for v in then if (h := held(v, c, target)) is not None}
    # a version whose amendment of the clause was withdrawn before its day carries the words on in
    # the text in force (its file's withdrawn wording aside): the run goes on through it, and its text
    # in force reads as corrected from the versions around it
    carried = set(found) | {v.slug for v, end in zip(then, ends(then)) if end is not v and held(end, c, target)}
    if named.slug not in carried:
        return []
    at = then.index(named)
    first = at
    while first > 0 and then[first - 1].slug in carried:
        first -= 1
    last = at
    while last + 1 < len(then) and then[last + 1].slug in carried:
        last += 1
    return [(v, found[v.slug]) for v in then[first:last + 1] if v.slug in found]


def _in_force_instead(chain: tuple[Version, ...], record: Version) -> Version | None:
    """The version of ``chain`` that applied on the day ``record`` was to take effect."""
    before = [v for v in chain if v.effective is None or (record.effective and v.effective <= record.effective)]
    return before[-1] if before else None


def corrected(v: Version, c: Correction, target: Aim) -> Version:
    """``v`` with the wrong wording of ``c`` replaced by the right one in the text ``target`` of
    clause ``c.clause`` (an article's id: its heading only; a 附則 paragraph's id: its text)."""
    def swap(t: W) -> W:
        ja, en = t.ja, t.en
        if c.ja is not None and ja == target.get("ja"):
            ja = ja.replace(c.ja.wrong, c.ja.right)
        if c.en is not None and en == target.get("en"):
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
