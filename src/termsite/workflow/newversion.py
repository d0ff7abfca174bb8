"""``termsite new``: start the next version of a document from the latest one.

The new file is the latest file's text — its comments and layout kept — with three changes:

- the values of ``effective:`` and ``published:`` (their comments kept), and ``change:`` reset to
  ``material`` (a new revision is a material change unless the editor decides otherwise);
- a 附則 skeleton appended at the end of the ``supplementary:`` list (the key is added if missing):
  ``enacted:`` the publication date, ``effective:`` the new date, the 実施期日 sentence written out
  in both languages, and :data:`~termsite.source.placeholders.NUMBER_PLACEHOLDER` as its number, which
  ``termsite check`` refuses (:mod:`termsite.source.placeholders`), so it cannot be published by mistake.

Dates that cannot make a valid version are refused before anything is written, with one line
saying why and what to do. No site framework is imported here.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from termsite.model import Corpus

from termsite.timeline.dates import long_date, today_in_tokyo, wareki
from termsite.declarations.as_of import as_of
from termsite.source.loading import load_corpus, load_version
from termsite.source.placeholders import NUMBER_PLACEHOLDER
from termsite.workflow.inforce import NotWhole, in_force_source


class NewVersionError(Exception):
    """A reason the version cannot be started, in words for the editor: ``what — what to do``."""


_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: str, what: str) -> date:
    if not _ISO.fullmatch(value):
        raise NewVersionError(f"{what} {value} is not written YYYY-MM-DD — write it like 2026-09-01")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NewVersionError(f"{what} {value} is not a date on the calendar — "
                              "check the month and day (YYYY-MM-DD, e.g. 2026-09-01)") from None


def new_version(root: Path, document: str, effective: str, published: str | None = None) -> Path:
    """Write ``versions/<document>/<effective>.yaml`` and return its path.

    Raises :class:`NewVersionError` for a reason the editor can fix, and
    :class:`~termsite.problems.ValidationFailed` when the existing versions do not validate."""
    day = _date(effective, "effective date")
    published_day = _date(published, "publication date") if published else today_in_tokyo()
    corpus = load_corpus(root)
    docs = {d.slug: d for d in corpus.documents}
    if document not in docs:
        raise NewVersionError(f"no document `{document}` — choose one of: {', '.join(sorted(docs))} "
                              "(documents are set up in content/documents/)")
    doc = docs[document]
    latest = corpus.versions[document][-1]
    target = root / "versions" / document / f"{day.isoformat()}.yaml"
    shown = target.relative_to(root).as_posix()
    if target.exists() and any(w.version == day.isoformat() for w in corpus.declarations[document].withdrawals):
        raise NewVersionError(f"{shown} is a withdrawn version: it keeps its file and its date for good — "
                              "make the new version effective on another day")
    if latest.effective is not None and day <= latest.effective:
        if target.exists():
            raise NewVersionError(f"the effective date {day} is not after the latest version's ({latest.effective}): "
                                  f"{shown} already exists — edit that file if it is not published yet, "
                                  f"or choose a day after {latest.effective}")
        raise NewVersionError(f"the effective date {day} is not after the latest version's ({latest.effective}) — "
                              f"choose a day after {latest.effective}")
    if target.exists():
        raise NewVersionError(f"{shown} already exists — edit that file, or choose another day")
    if published_day > day:
        raise NewVersionError(f"published {published_day} is after the effective date {day} — "
                              "a version must be published before it applies")
    if latest.published is not None and published_day < latest.published:
        raise NewVersionError(f"published {published_day} is before the latest version's publication "
                              f"({latest.published}) — check the publication date")
    notice = (day - published_day).days
    if notice < doc.minimum_notice_days:
        earliest = published_day + timedelta(days=doc.minimum_notice_days)
        raise NewVersionError(f"{notice} days' notice; {document} requires {doc.minimum_notice_days} — "
                              f"make it effective on {earliest} or later (or publish earlier); to fix a misprint "
                              f"in published text, declare a correction instead (versions/{document}/corrections/"
                              f"{published_day}.yaml: no notice period, but no change of meaning; EDITING.md, 7)")

    source = root / latest.path
    text = source.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    try:  # a deferred amendment withdrawn before its day never takes effect: the draft starts without it
        text, in_force = in_force_source(root, corpus, document, text, target)
    except NotWhole as why:
        raise NewVersionError(_by_hand(corpus, document, shown, str(why))) from None
    text = _set_value(text, "effective", day.isoformat(), shown)
    text = _set_value(text, "published", published_day.isoformat(), shown)
    if re.search(r"(?m)^change:", text):
        text = _set_value(text, "change", "material", shown)
    text = _append_supplementary(text, day, published_day, shown)

    with open(target, "x", encoding="utf-8", newline="") as out:  # "x": never overwrite
        out.write(text.replace("\n", newline))
    version, problems = load_version(target, root)
    if version is None or problems:
        target.unlink()
        first = problems[0] if problems else "it could not be read"
        raise NewVersionError(f"the copy of {latest.path} did not come out right ({first}) — "
                              "copy the file by hand as README.md describes")
    if in_force is not None and version.articles != in_force.articles:
        target.unlink()
        raise NewVersionError(_by_hand(corpus, document, shown, "it would not read as the text in force"))
    return target


def _by_hand(corpus: Corpus, document: str, shown: str, why: str) -> str:
    """What to do when the text in force cannot be made by putting the withdrawn clauses' earlier wording back."""
    chain = as_of(corpus, None).versions[document]
    latest, previous = chain[-1], chain[-2]
    withdrawn = ", ".join(latest.cancelled_ids())
    return (f"the amendment of {withdrawn} in {latest.path} was withdrawn before its day, and the draft cannot be "
            f"made by putting the earlier wording back ({why}) — copy {latest.path} to {shown} by hand with "
            f"those clauses as {previous.path} has them (EDITING.md, 1)")


def _set_value(text: str, key: str, value: str, shown: str) -> str:
    """Replace the value of the top-level ``key:`` line, keeping a trailing comment in its column."""
    pattern = re.compile(rf"(?m)^({key}:[ \t]*)([^#\n]*?)([ \t]*(?:#[^\n]*)?)$")

    def replace(match: re.Match[str]) -> str:
        tail = match.group(3)
        comment = tail.lstrip(" \t")
        if comment:
            spaces = len(tail) - len(comment) - (len(value) - len(match.group(2)))
            tail = " " * max(1, spaces) + comment
        return match.group(1) + value + tail

    text, count = pattern.subn(replace, text, count=1)
    if not count:
        raise NewVersionError(f"no top-level `{key}:` line to change in the latest version — "
                              f"write `{key}:` on a line of its own there, then run this again ({shown})")
    return text


def _skeleton(indent: str, day: date, published_day: date) -> list[str]:
    lines = [
        f"- enacted: {published_day.isoformat()}",
        f"  number: \"{NUMBER_PLACEHOLDER}\"",
        f"  effective: {day.isoformat()}",
        "  paragraphs:",
        "    - num: 1",
        "      caption: {ja: \"（実施期日）\", en: \"(Effective date)\"}",
        "      text:",
        f"        ja: \"この改正規定は、{wareki(day)}から実施します。\"",
        f"        en: \"This revision takes effect on {long_date(day, 'en')}.\"",
    ]
    return [indent + line + "\n" for line in lines]


_KEY = re.compile(r"^supplementary:[ \t]*(\[[ \t]*\])?[ \t]*(#.*)?$")


def _append_supplementary(text: str, day: date, published_day: date, shown: str) -> str:
    """The 附則 skeleton as the last entry of the top-level ``supplementary:`` list."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if line.startswith("supplementary:")), None)
    if start is None:  # no 附則 yet: add the key at the end
        return "".join(lines).rstrip("\n") + "\n\nsupplementary:\n" + "".join(_skeleton("  ", day, published_day))
    match = _KEY.match(lines[start].rstrip("\n"))
    if match is None:
        raise NewVersionError(f"`supplementary:` of the latest version is not a block list — write each 附則 "
                              f"on its own lines starting with `- ` (see versions/FORMAT.md) ({shown})")
    if match.group(1):  # `supplementary: []`
        comment = f"  {match.group(2)}" if match.group(2) else ""
        lines[start] = f"supplementary:{comment}\n"
    # The list runs until the next top-level key; comments at column 0 just before that key belong to it.
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[^\s#-]", lines[i])), len(lines))
    last = start
    for i in range(start + 1, end):
        if lines[i].strip() and not lines[i].startswith("#"):
            last = i
    first_item = next((re.match(r"([ \t]*)- ", lines[i]) for i in range(start + 1, end)
                       if re.match(r"[ \t]*- ", lines[i])), None)
    indent = first_item.group(1) if first_item else "  "
    lines[last + 1:last + 1] = _skeleton(indent, day, published_day)
    return "".join(lines)
