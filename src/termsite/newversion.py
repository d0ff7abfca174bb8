"""``termsite new``: start the next version of a document from the latest one.

The new file is the latest file's text (comments and layout kept), with the dates changed and a
附則 skeleton appended whose 実施期日 is filled in. Its number is left for the editor: the check
refuses the placeholder, so it cannot be published by mistake.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from .dates import long_date, today_in_tokyo, wareki
from .loading import load_corpus
from .validation import NUMBER_PLACEHOLDER


class NewVersionError(Exception):
    """A reason the version cannot be started, in words for the editor."""


def _date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NewVersionError(f"{what} {value} is not a date on the calendar — write YYYY-MM-DD, e.g. 2026-09-01") from None


def new_version(root: Path, document: str, effective: str, published: str | None = None) -> Path:
    corpus = load_corpus(root)
    docs = {d.slug: d for d in corpus.documents}
    if document not in docs:
        raise NewVersionError(f"no document `{document}` — choose one of: {', '.join(sorted(docs))}")
    doc = docs[document]
    day = _date(effective, "effective date")
    published_day = _date(published, "publication date") if published else today_in_tokyo()
    latest = corpus.versions[document][-1]
    if latest.effective is not None and day <= latest.effective:
        raise NewVersionError(f"the effective date {day} is not after the latest version's ({latest.effective}) — "
                              "choose a later day")
    target = root / "versions" / document / f"{day.isoformat()}.yaml"
    if target.exists():
        raise NewVersionError(f"{target.relative_to(root)} already exists — edit it, or choose another day")
    if published_day > day:
        raise NewVersionError(f"published {published_day} is after the effective date {day} — "
                              "a version must be published before it applies")
    if (day - published_day).days < doc.minimum_notice_days:
        earliest = published_day + timedelta(days=doc.minimum_notice_days)
        raise NewVersionError(f"{(day - published_day).days} days' notice; {document} requires "
                              f"{doc.minimum_notice_days} — make it effective on {earliest} or later")
    text = (root / latest.path).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^effective:.*$", f"effective: {day.isoformat()}", text, count=1)
    text = re.sub(r"(?m)^published:.*$", f"published: {published_day.isoformat()}", text, count=1)
    if not re.search(r"(?m)^supplementary:", text):
        text = text.rstrip("\n") + "\n\nsupplementary:\n"
    text = text.rstrip("\n") + "\n" + (
        f"  - enacted: {published_day.isoformat()}\n"
        f"    number: \"{NUMBER_PLACEHOLDER}\"\n"
        f"    effective: {day.isoformat()}\n"
        "    paragraphs:\n"
        "      - num: 1\n"
        "        caption: {ja: \"（実施期日）\", en: \"(Effective date)\"}\n"
        "        text:\n"
        f"          ja: \"この改正規定は、{wareki(day)}から実施します。\"\n"
        f"          en: \"This revision takes effect on {long_date(day, 'en')}.\"\n")
    target.write_text(text, encoding="utf-8")
    return target
