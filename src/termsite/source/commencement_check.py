"""The 附則 check: every date its text gives must be the revision's 実施期日 or a declared
per-clause one (一部施行), and every declared deferral must name a clause the revision changes.

A ただし書 that gives part of a revision a later day, written only in the text, would leave the
site showing the deferred wording as in force too early; so it is refused with the way to write it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from termsite.model import Deferral, SupplementaryProvision, Version, Withdrawal
from termsite.problems import Problem
from termsite.timeline.clause_tree import ancestry, changed, find
from termsite.timeline.commencement import declared_deferrals, deferred, own_supplementary, steps
from termsite.timeline.consolidation import consolidated
from termsite.timeline.dates import find_dates, long_date

_HOW = ("for 一部施行 (partial commencement) declare the later day and the clauses it applies to under that 附則 "
        "paragraph, e.g. `defers: [{{effective: {day}, clauses: [{ids}]}}]` (the ids of the article, paragraph or "
        "item whose amendment waits); see EDITING.md, 一部施行")
_CLAUSE = re.compile(r"第([0-9０-９]+)条((?:の[0-9０-９]+)*)(?:第([0-9０-９]+)項)?")


def _guess_ids(text: str) -> str:
    """The clause ids a ただし書 seems to name (第2条 → art-2, 第3条第2項 → art-3-p2), as a hint."""
    after = text[text.find("ただし"):] if "ただし" in text else text
    ids = []
    for num, branches, para in _CLAUSE.findall(after):
        aid = "art-" + "_".join([str(int(num))] + [str(int(b)) for b in branches.split("の")[1:]])
        ids.append(f"{aid}-p{int(para)}" if para else aid)
    return ", ".join(dict.fromkeys(ids)) or "art-7"


def supplementary_dates(s: SupplementaryProvision) -> list[Problem]:
    """Each date in each paragraph's Japanese text is the 実施期日, the enactment day or a declared
    deferral of this 附則; each declared day is written in its paragraph's text, in both languages."""
    problems: list[Problem] = []
    declared = {d.effective for p in s.paragraphs for d in p.defers}
    for p in s.paragraphs:
        try:
            found = find_dates(p.text.ja)
        except ValueError as exc:
            problems.append(Problem(p.text.location, str(exc), "write a date that exists"))
            continue
        for words, day in found:
            if day in (s.effective, s.enacted) or day in declared:
                continue
            exception = any(w in p.text.ja for w in ("ただし", "かかわらず"))
            what = ("a ただし書 gives part of the revision" if exception else "the 附則 text gives")
            problems.append(Problem(
                p.text.location,
                f"{what} the 実施期日 {words} ({day}), which is neither this 附則's `effective` ({s.effective}) "
                f"nor a declared partial-commencement day",
                _HOW.format(day=day, ids=_guess_ids(p.text.ja)) if exception else
                (f"if the whole revision takes effect on {day}, make that day the version's `effective:` (and "
                 f"file name) and this 附則's; if only part of it does, "
                 + _HOW.format(day=day, ids=_guess_ids(p.text.ja)))))
        for d in p.defers:
            if d.effective not in [day for _, day in found]:
                problems.append(Problem(d.location, f"`defers` gives {d.effective}, but the Japanese text of "
                                        f"this 附則 paragraph names no such day",
                                        "write the day in the 附則 text as enacted, or correct `effective:`"))
            elif long_date(d.effective, "en") not in p.text.en:
                problems.append(Problem(d.location, f"`defers` gives {d.effective}, but the English text of "
                                        f"this 附則 paragraph does not say {long_date(d.effective, 'en')}",
                                        "translate the 附則 paragraph with its later day"))
    return problems


def deferrals(previous: Version | None, v: Version, following: Version | None) -> list[Problem]:
    """Declared deferrals name clauses the revision changes, once each, on a day after the
    revision's own and before the next version's."""
    s = own_supplementary(v)
    problems: list[Problem] = []
    if s is None:
        return problems
    seen: dict[str, str] = {}
    chains = {**(ancestry(previous) if previous else {}), **ancestry(v)}
    for p in s.paragraphs:
        for d in p.defers:
            if previous is None:
                problems.append(Problem(d.location, "the first version of a document has no earlier wording "
                                        "to keep in force", "remove `defers:`; give the version the day it "
                                        "takes effect as `effective:`"))
                continue
            if v.effective is not None and d.effective <= v.effective:
                problems.append(Problem(d.location, f"deferred day {d.effective} is not after the revision's "
                                        f"実施期日 {v.effective}", "a deferred amendment takes effect later than "
                                        "the rest; otherwise leave it out of `defers:`"))
            if following is not None and following.effective is not None and d.effective >= following.effective:
                problems.append(Problem(d.location, f"deferred day {d.effective} is not before the next version "
                                        f"({following.path}, effective {following.effective})",
                                        "the next version must start after every deferred day of this one; "
                                        "move one of the dates"))
            for cid in d.clauses:
                if find(v, cid) is None and find(previous, cid) is None:
                    problems.append(Problem(d.location, f"`defers` names {cid}, which is no article, paragraph "
                                            "or item of this version or the previous one",
                                            "use the clause's id (art-7, art-3-p2, art-2-p1-i3)"))
                elif not changed(previous, v, cid):
                    problems.append(Problem(d.location, f"`defers` names {cid}, which this revision does not "
                                            "change", "list only clauses whose wording this revision amends; "
                                            "nothing else has a later 実施期日"))
                elif _placeholder(previous, v, cid):
                    problems.append(Problem(d.location, f"`defers` names {cid}, a placeholder (（略）): its text "
                                            "is not on this site, and it amends nothing",
                                            "name the article or paragraph written out of it, or leave it out"))
                clash = next((c for c in chains.get(cid, (cid,)) if c in seen), None)
                if clash is None:
                    clash = next((c for c, chain in chains.items() if cid in chain[1:] and c in seen), None)
                if clash is not None:
                    problems.append(Problem(d.location, f"`defers` names {cid}, and {clash} "
                                            f"({seen[clash]}) contains it or is it",
                                            "give each amendment one day: name a clause once, never both "
                                            "an article and a part of it"))
                seen[cid] = str(d.effective)
    return problems


def _placeholder(previous: Version, v: Version, cid: str) -> bool:
    """Whether ``cid`` is a （略） in the revision (or one it removes): no amendment to defer. An
    article written out of a placeholder under the placeholder's id is one."""
    now = find(v, cid)
    if now is not None:
        return getattr(now, "omitted", False)
    return getattr(find(previous, cid), "omitted", False)


# --- every day's text is a version --------------------------------------------------------------

def _defer_entry(v: Version, pending: tuple[tuple[str, date], ...]) -> Deferral | None:
    """The `defers:` entry whose day ends a stage: the nearest day still waiting."""
    s = own_supplementary(v)
    if s is None or not pending:
        return None
    nearest = min(d for _, d in pending)
    return next((d for p in s.paragraphs for d in p.defers if d.effective == nearest), None)


def _candidates(previous: Version, v: Version, pending: Sequence[str]) -> list[str]:
    """Clauses the revision changes that are not yet deferred (nor inside or around one), smallest first."""
    chains = {**ancestry(previous), **ancestry(v)}
    waiting = set(pending)
    out = [cid for cid, chain in chains.items()
           if not waiting.intersection(chain) and not any(cid in chains.get(w, ())[1:] for w in waiting)
           and changed(previous, v, cid) and not _placeholder(previous, v, cid)]
    return sorted(out, key=lambda cid: (-len(chains[cid]), list(chains).index(cid)))


def _drag_along(previous: Version, v: Version, pending: list[str],
                validate: Callable[[Version], list[Problem]]) -> list[str]:
    """The fewest further clauses whose deferral makes the text in force valid: one if one does,
    else added one at a time, each the one that leaves fewest problems (empty if none helps)."""
    left = len(validate(consolidated(previous, v, pending)))
    candidates = _candidates(previous, v, pending)
    for cid in candidates:
        if not validate(consolidated(previous, v, pending + [cid])):
            return [cid]
    chosen: list[str] = []
    while left and len(chosen) < 6:
        scored = [(len(validate(consolidated(previous, v, pending + chosen + [c]))), c)
                  for c in candidates if c not in chosen]
        if not scored or min(scored)[0] >= left:
            return []
        left, cid = min(scored)
        chosen.append(cid)
    return chosen if not left else []


def stage_texts(previous: Version | None, v: Version,
                validate: Callable[[Version], list[Problem]]) -> list[Problem]:
    """The text in force on each day a part of ``v`` still waits is itself a whole version: numbers
    run on, 枝番 and placeholders agree, every cross-reference names the article bearing that number
    that day. Otherwise one problem at the `defers:` entry, naming the clauses to defer with it."""
    if previous is None or not deferred(v) or validate(v) or validate(previous):
        return []
    problems = []
    for i, (start, text, pending) in enumerate(steps(previous, v)):
        if not pending:
            continue
        found = validate(text)
        entry = _defer_entry(v, pending)
        if not found or entry is None:
            continue
        later = steps(previous, v)[i + 1][0] if i + 1 < len(steps(previous, v)) else None
        ids = [c for c, _ in pending]
        extra = _drag_along(previous, v, ids, validate)
        span = f"from {start} to {later - timedelta(days=1)}" if later else f"from {start}"
        first = found[0].message
        how = (f"defer {', '.join(extra)} with it: add {'it' if len(extra) == 1 else 'them'} to this entry's "
               f"`clauses:` (the clauses renumbered by, or referring to, what waits), or defer less"
               if extra else "defer the clauses that depend on what waits with it (renumbered ones, cross-"
               "references to it), or defer less")
        problems.append(Problem(entry.location, f"{span}, while {', '.join(ids)} wait"
                                f"{'s' if len(ids) == 1 else ''}, the text in force would not be a whole "
                                f"version: {first}", how))
    return problems


def cancellation_texts(w: Withdrawal, previous: Version | None, v: Version,
                       validate: Callable[[Version], list[Problem]]) -> list[Problem]:
    """Withdrawing deferred amendments (``w.clauses``) keeps every day's text a whole version: from
    the withdrawal's date, with those clauses in their earlier wording and the other waiting ones
    still waiting, the text in force passes what a version passes. Otherwise one problem at the
    withdrawal, naming the deferred clauses to withdraw with it (renumbered by, or referring to,
    what is withdrawn)."""
    waiting = declared_deferrals(v)
    if previous is None or not w.clauses or any(c not in waiting or waiting[c] <= w.date for c in w.clauses):
        return []  # the clause checks have said what is wrong
    if validate(v) or validate(previous):
        return []
    mine = replace(v, cancelled=tuple((c, w.date) for c in w.clauses))
    made = steps(previous, mine)
    for i, (start, text, pending) in enumerate(made):
        following = made[i + 1][0] if i + 1 < len(made) else None
        if following is not None and following <= w.date:
            continue  # over before the withdrawal: the record as published
        found = validate(text)
        if not found:
            continue
        ids = list(w.clauses) + [c for c, _ in pending]
        left = [c for c in waiting if c not in w.clauses]
        extra = next(([c] for c in left if not validate(consolidated(previous, v, ids + [c]))), [])
        how = (f"withdraw {', '.join(extra)} with it: add it to `clauses:` (the deferred clauses renumbered by, "
               "or referring to, what is withdrawn), or withdraw none of them" if extra else
               "withdraw the deferred clauses that depend on it with it (renumbered ones, cross-references to it), "
               "or make a new version with `termsite new`")
        return [Problem(w.location, f"from {max(w.date, start) if start else w.date}, with the amendment of "
                        f"{', '.join(w.clauses)} withdrawn, the text in force would not be a whole version: "
                        f"{found[0].message}", how)]
    return []
