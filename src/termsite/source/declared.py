"""Loading and checking withdrawals (``versions/<doc>/withdrawals/<version>.yaml``) and corrections
(``versions/<doc>/corrections/<date>.yaml``) — see :mod:`termsite.declarations`.

Every mistake is one message with file, line and what to do: a withdrawal of a version already in
force on its date, a correction whose wrong wording is not (exactly once) in the published clause.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from termsite.declarations import Correction, Declarations, Fix, Withdrawal
from termsite.model import Bilingual, BulletList, Item, ItemList, Text, TextBlock, Version
from termsite.problems import Location, Problem, display_path
from termsite.source.immutability import CORRECTIONS, WITHDRAWALS
from termsite.source.loading import _read
from termsite.source.yamlsource import Path_


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
            w = Withdrawal(folder.name, version.slug, date.fromisoformat(data["date"]),
                           Bilingual(data["reason"]["ja"], data["reason"]["en"]), source.path, source.at(("date",)))
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
    return Declarations(tuple(sorted(withdrawals, key=key)), tuple(sorted(corrections, key=key)), withdrawn), problems


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


def clause_texts(v: Version, clause: str) -> list[Text] | None:
    """Every text of one clause (a preamble paragraph, a paragraph or an item, with what it holds)."""
    for pre in v.preamble:
        if pre.id == clause:
            return [pre.text]
    for a in v.articles:
        for p in a.paragraphs:
            if p.id == clause:
                return [t for b in p.blocks for t in _block_texts(b)]
            for b in p.blocks:
                if isinstance(b, ItemList):
                    found = _item_find(b.items, clause)
                    if found is not None:
                        return _item_texts(found)
    return None


def _block_texts(b: object) -> list[Text]:
    if isinstance(b, TextBlock):
        return [b.text]
    if isinstance(b, BulletList):
        return list(b.bullets)
    assert isinstance(b, ItemList)
    return [t for i in b.items for t in _item_texts(i)]


def _item_texts(i: Item) -> list[Text]:
    return [i.text, *i.bullets, *(t for s in i.items for t in _item_texts(s))]


def _item_find(items: tuple[Item, ...], clause: str) -> Item | None:
    for i in items:
        if i.id == clause:
            return i
        found = _item_find(i.items, clause)
        if found is not None:
            return found
    return None


def occurrences(texts: list[Text], lang: str, wording: str) -> int:
    return sum(t[lang].count(wording) for t in texts)


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
                        f"version {v.slug} has no paragraph, item or preamble paragraph `{c.clause}`",
                        "write the id of the clause that holds the misprint, e.g. art-2-p1 or art-2-p1-i3 "
                        "(the id shown in the address of the clause on the site)")]
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
