"""Loading and checking withdrawals (``versions/<doc>/withdrawals/<version>.yaml``) and corrections
(``versions/<doc>/corrections/<date>.yaml``) — see :mod:`termsite.declarations`.

Every mistake is one message with file, line and what to do: a withdrawal of a version already in
force on its date, a withdrawal of a deferred amendment (``clauses:``) that is not deferred or whose
day has come, a correction whose wrong wording is not (exactly once) in the published clause.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from termsite.declarations import Correction, Declarations, Fix, Withdrawal
from termsite.model import Bilingual, Version
from termsite.problems import Location, Problem, display_path
from termsite.source.immutability import CORRECTIONS, WITHDRAWALS
from termsite.source.reading import read_source as _read
from termsite.source.meaning import meaning_changes
from termsite.source.yamlsource import Path_
from termsite.timeline.commencement import declared_deferrals
from termsite.declarations.as_of import carriers
from termsite.declarations.wording import clause_texts, occurrences, spans


def declaration_files(folder: Path) -> Iterator[Path]:
    """The declaration files of one document's folder."""
    for kind in (WITHDRAWALS, CORRECTIONS):
        yield from sorted(p for p in (folder / kind).glob("*") if p.is_file())


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def load_declarations(folder: Path, root: Path, versions: list[Version]) -> tuple[Declarations, list[Problem]]:
    """``folder``: versions/<document>/; ``versions``: that document's version files, all of them."""
    problems: list[Problem] = []
    by_slug = {v.slug: v for v in versions}
    withdrawals: list[Withdrawal] = []
    cancellations: list[Withdrawal] = []
    corrections: list[Correction] = []
    for path in declaration_files(folder):
        shown = display_path(path, root)
        kind = path.parent.name
        if path.suffix != ".yaml":
            problems.append(Problem(Location(shown, 1, 1), f"files in {kind}/ end in .yaml",
                                    f"rename it to {path.stem}.yaml"))
            continue
        schema = "withdrawal" if kind == WITHDRAWALS else "correction"
        source, found = _read(path, root, schema)
        problems += found
        if source is None:
            continue
        data = source.data
        if kind == WITHDRAWALS:
            version = by_slug.get(path.stem)
            if version is None:
                problems.append(Problem(Location(shown, 1, 1), f"there is no version {path.stem} to withdraw",
                                        f"name the file after the version's file (versions/{folder.name}/"
                                        "<effective-date>.yaml → withdrawals/<effective-date>.yaml)"))
                continue
            clauses = tuple(data.get("clauses", ()))
            w = Withdrawal(folder.name, version.slug, date.fromisoformat(data["date"]),
                           Bilingual(data["reason"]["ja"], data["reason"]["en"]), source.path, source.at(("date",)),
                           clauses)
            if clauses:
                problems += _check_cancellation(w, version, source.at)
                cancellations.append(w)
                continue
            problems += _check_withdrawal(w, version)
            withdrawals.append(w)
            continue
        day = _date(path.stem)
        if day is None:
            problems.append(Problem(Location(shown, 1, 1), f"the file name {path.name} is not a date",
                                    "name it after the day the correction is published: corrections/YYYY-MM-DD.yaml"))
            continue
        for i, raw in enumerate(data["corrections"]):
            fixes = {lang: Fix(raw[lang]["wrong"], raw[lang]["right"]) if lang in raw else None for lang in ("ja", "en")}
            c = Correction(folder.name, day, raw["version"], raw["clause"], fixes["ja"], fixes["en"], source.path,
                           source.at(("corrections", i)))
            version = by_slug.get(c.version)
            if version is None:
                problems.append(Problem(source.at(("corrections", i, "version")), f"there is no version {c.version}",
                                        f"write the file name (without .yaml) of a version in versions/{folder.name}/"))
                continue
            problems += _check_correction(c, version, source.at, i)
            corrections.append(c)
    key = lambda d: (d.date, d.path)  # noqa: E731
    withdrawn = tuple(by_slug[w.version] for w in withdrawals)
    made = Declarations(tuple(sorted(withdrawals, key=key)), tuple(sorted(corrections, key=key)), withdrawn,
                        cancellations=tuple(sorted(cancellations, key=key)))
    if not problems:
        problems += overlapping(made, versions)
    return made, problems


def overlapping(d: Declarations, versions: list[Version]) -> list[Problem]:
    """Two corrections that change the same words (or overlapping words) of one text of a version are
    refused: each passage is corrected once, so no correction depends on the order they apply in."""
    withdrawn = {v.slug for v in d.withdrawn}
    chain = tuple(sorted((v for v in versions if v.slug not in withdrawn),
                         key=lambda v: (v.effective is not None, v.effective or date.min)))
    ordered = sorted(d.corrections, key=lambda c: (c.date, c.path, c.location))
    runs = [{v.slug: v for v in carriers(chain, d.withdrawn, d.withdrawals, c)} for c in ordered]
    problems = []
    for j, later in enumerate(ordered):
        for i, earlier in enumerate(ordered[:j]):
            clash = _clash(earlier, later, runs[i], runs[j])
            if clash is None:
                continue
            slug, lang, words = clash
            where = f"{earlier.path}:{earlier.location.line}" if earlier.location.line else earlier.path
            problems.append(Problem(later.location, f"this correction and the one at {where} both change 「{words}」 in "
                                    f"`{later.clause}` of version {slug} ({'Japanese' if lang == 'ja' else 'English'})",
                                    "correct each passage once: put both changes into one correction of the whole "
                                    "passage (a correction already published stays as it is: then this further "
                                    "change is a new version, `termsite new`)"))
            break
    return problems


def _clash(a: Correction, b: Correction, run_a: dict[str, Version], run_b: dict[str, Version]
           ) -> tuple[str, str, str] | None:
    for slug in run_a.keys() & run_b.keys():
        v = run_a[slug]
        for lang in ("ja", "en"):
            fa, fb = a.fix(lang), b.fix(lang)
            texts_a, texts_b = clause_texts(v, a.clause), clause_texts(v, b.clause)
            if fa is None or fb is None or texts_a is None or texts_b is None:
                continue
            for ta, sa, ea in spans(texts_a, lang, fa.wrong):
                for tb, sb, eb in spans(texts_b, lang, fb.wrong):
                    if ta == tb and sa < eb and sb < ea:
                        return slug, lang, fb.wrong
    return None


def _check_withdrawal(w: Withdrawal, v: Version) -> list[Problem]:
    if v.effective is None or w.date >= v.effective:
        took = f"took effect on {v.effective}" if v.effective else "has been in force from the start"
        return [Problem(w.location, f"version {v.slug} {took}, before this withdrawal ({w.date}): a version in force "
                        "cannot be withdrawn",
                        f"to fix a typo, declare a correction (versions/{w.document}/corrections/<date>.yaml); to change "
                        "the terms, make a new version with `termsite new`")]
    if v.published is not None and w.date < v.published:
        return [Problem(w.location, f"withdrawn on {w.date}, before it is published ({v.published})",
                        f"a version not yet published is not withdrawn: delete versions/{w.document}/{v.slug}.yaml "
                        "and this file, or date the withdrawal on or after its publication")]
    return []


def _check_cancellation(w: Withdrawal, v: Version, where: Callable[[Path_], Location]) -> list[Problem]:
    """A withdrawal of deferred amendments names clauses ``v``'s own 附則 defers, each before its day,
    and is dated on or after the version's publication."""
    waiting = declared_deferrals(v)
    problems = []
    if v.published is not None and w.date < v.published:
        problems.append(Problem(w.location, f"withdrawn on {w.date}, before version {v.slug} is published "
                                f"({v.published})", f"a version not yet published is simply edited: fix "
                                f"versions/{w.document}/{v.slug}.yaml and delete this file"))
    spots = {cid: where(("clauses", i)) for i, cid in reversed(list(enumerate(w.clauses)))}
    unknown = [cid for cid in w.clauses if cid not in waiting]
    come = [cid for cid in w.clauses if cid in waiting and w.date >= waiting[cid]]
    if unknown:
        named = ", ".join(sorted(waiting)) or "none"
        problems.append(Problem(spots[unknown[0]], f"`clauses` names {', '.join(unknown)}, whose amendment version "
                                f"{v.slug} does not defer (its 附則 `defers:` names: {named})",
                                "name only clauses of the version's own `defers:` whose day has not come; an "
                                "amendment in force is changed by a new version (`termsite new`)"))
    elif come:
        days = ", ".join(f"{cid} on {waiting[cid]}" for cid in come)
        problems.append(Problem(spots[come[0]], f"the deferred amendment{'s' if len(come) > 1 else ''} named here "
                                f"take{'' if len(come) > 1 else 's'} effect ({days}) on or before this withdrawal's "
                                f"date ({w.date}): an amendment in force cannot be withdrawn",
                                "to change it back, make a new version with `termsite new`, and delete this file"))
    if len(set(w.clauses)) != len(w.clauses):
        problems.append(Problem(where(("clauses",)), "`clauses` names a clause twice", "name each clause once"))
    return problems


def _check_correction(c: Correction, v: Version, where: Callable[[Path_], Location], i: int) -> list[Problem]:
    """``where``: the source's ``at`` (the location of a value)."""
    problems = []
    if v.published is not None and c.date < v.published:
        problems.append(Problem(where(("corrections", i, "version")),
                                f"corrected on {c.date}, before version {v.slug} is published ({v.published})",
                                f"a version not yet published is simply edited: fix versions/{c.document}/{v.slug}.yaml "
                                "and delete this correction"))
        return problems
    texts = clause_texts(v, c.clause)
    if texts is None:
        return [Problem(where(("corrections", i, "clause")),
                        f"version {v.slug} has no paragraph, item, preamble paragraph, article or 附則 paragraph "
                        f"`{c.clause}`",
                        "write the id of the clause that holds the misprint, e.g. art-2-p1 or art-2-p1-i3 (the id "
                        "shown in the address of the clause on the site); for a heading, the article's id (art-2); "
                        "for a 附則, its paragraph's id (suppl-2026-03-01-p1)")]
    meaning = _meaning(c, where, i)
    if meaning is not None:
        return [meaning]
    for lang in ("ja", "en"):
        fix = c.fix(lang)
        if fix is None:
            continue
        language = "Japanese" if lang == "ja" else "English"
        spot = where(("corrections", i, lang, "wrong"))
        if fix.wrong == fix.right:
            problems.append(Problem(spot, "the wrong and the right wording are the same",
                                    "write the wording as published in `wrong:` and as it should read in `right:`"))
            continue
        found = occurrences(texts, lang, fix.wrong)
        if found == 0:
            shown = " / ".join(t[lang] for t in texts)
            if len(shown) > 120:
                shown = shown[:119] + "…"
            problems.append(Problem(spot, f"the {language} text of `{c.clause}` in version {v.slug} does not contain "
                                    f"「{fix.wrong}」: it reads 「{shown}」",
                                    "copy the wrong wording exactly as published; a correction changes only the "
                                    "declared words — any other change is a new version (`termsite new`)"))
        elif found > 1:
            problems.append(Problem(spot, f"「{fix.wrong}」 occurs {found} times in the {language} text of `{c.clause}`",
                                    "include more of the surrounding words so that it occurs once"))
    return problems


def _meaning(c: Correction, where: Callable[[Path_], Location], i: int) -> Problem | None:
    """One message for a correction that changes the meaning (:mod:`termsite.source.meaning`), in
    either language or both."""
    said = []
    first: Location | None = None
    for lang in ("ja", "en"):
        fix = c.fix(lang)
        changes = meaning_changes(fix.wrong, fix.right, lang) if fix is not None else []
        if fix is not None and changes:
            said.append(f"「{fix.wrong}」 → 「{fix.right}」 changes {'; '.join(changes)}")
            first = first or where(("corrections", i, lang, "right"))
    if first is None:
        return None
    return Problem(first, f"{' and '.join(said)}: that is a revision, not a misprint",
                   "write a new version with `termsite new` (it takes effect after its notice period); a correction "
                   "(正誤) may only fix a misprint and keeps every number, date, period, amount, party and negation "
                   "as published")
