"""Which versions the public may see on a given day: a version appears on its ``published`` day
(Asia/Tokyo), when the daily 00:07 build publishes it — not when its pull request is merged.

Filtering happens once, here: the build hands :func:`public` corpus to every output (pages,
navigation, search, feeds, JSON, sitemaps, banners), so no template or writer decides it again.
``termsite serve`` and the pull-request check see every version (:func:`preview_mode`), with
the not yet published ones marked.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta

from termsite.model import Corpus, Document, Version
from termsite.declarations.as_of import as_of

PREVIEW_ENV = "TERMS_PREVIEW"  # set by `termsite serve`: show versions before their publication day


def is_public(v: Version, day: date) -> bool:
    """Published on or before ``day``; a version without a recorded publication date is public."""
    return v.published is None or v.published <= day


def public(corpus: Corpus, day: date) -> Corpus:
    """The corpus as the public sees it on ``day``. Publication dates never go backwards from one
    version to the next (validation), so only the newest versions can be held back; a document
    none of whose versions is published yet is left out entirely.

    The same object for the same corpus and day: a build asks three times (each language's pages,
    then the machine-readable files), and its comparisons and clause histories are shared by the
    corpus' identity (``clause_history.comparisons_for``)."""
    if _last and _last[0][0] is corpus and _last[0][1] == day:
        return _last[0][2]
    given = corpus
    corpus = as_of(corpus, day)  # withdrawals and corrections published by that day
    versions = {slug: tuple(v for v in vs if is_public(v, day)) for slug, vs in corpus.versions.items()}
    documents = tuple(d for d in corpus.documents if versions[d.slug])
    shown = Corpus(documents, {d.slug: versions[d.slug] for d in documents}, corpus.declarations)
    _last[:] = [(given, day, shown)]
    return shown


_last: list[tuple[Corpus, date, Corpus]] = []


def preview_mode() -> bool:
    return os.environ.get(PREVIEW_ENV, "") not in ("", "0")


def for_build(corpus: Corpus, day: date) -> Corpus:
    """What a build shows: everything in a preview (``termsite serve``), the public corpus otherwise."""
    return as_of(corpus, None) if preview_mode() else public(corpus, day)


@dataclass(frozen=True)
class Schedule:
    """When a new version reaches readers if its pull request is merged on ``today``."""

    appears: date            # the first day it is on the public site
    scheduled: bool          # True: held back until its publication day; False: appears at merge
    notice_days: int | None  # real notice: from the day it appears to the effective date
    short: bool              # the real notice falls short of the document's minimum
    earliest_effective: date | None  # with publication today, the first effective date that is enough


def schedule(doc: Document, v: Version, today: date) -> Schedule:
    scheduled = v.published is not None and v.published > today
    appears = v.published if scheduled and v.published else today
    notice_days = (v.effective - appears).days if v.effective else None
    minimum = doc.minimum_notice_days or 0
    short = (v.change == "material" and notice_days is not None and notice_days < minimum)
    return Schedule(appears, scheduled, notice_days, short, today + timedelta(days=minimum) if short else None)


def schedule_note(doc: Document, v: Version, today: date) -> str:
    """One paragraph for the pull-request check (Markdown): when the version appears, and whether
    merging today still gives customers the notice the document requires."""
    s = schedule(doc, v, today)
    if s.scheduled:
        return (f"**Not yet published.** Merged now, {v.path} stays off the public site until its publication day "
                f"**{s.appears.isoformat()}** (Asia/Tokyo): the daily 00:07 build publishes it then. "
                f"公開日 {s.appears.isoformat()} の 0:07（日本時間）にサイトに載ります。")
    note = (f"**Published on merge.** The publication day {v.published} has come: merged today "
            f"({today.isoformat()}), {v.path} appears at once and the notice period runs from today.")
    if s.notice_days is not None and s.notice_days < 0:
        note += (f"\n\n> [!WARNING]\n> Its effective date {v.effective} has already passed: make a new version "
                 f"with `termsite new` and later dates instead.\n> 実施日 {v.effective} を過ぎています。"
                 f"`termsite new` で日付を改めた新しい版を作ってください。")
    elif s.short and s.earliest_effective is not None:
        note += (f"\n\n> [!WARNING]\n> Merged today, customers get {s.notice_days} days' notice; {doc.slug} requires "
                 f"{doc.minimum_notice_days}. Set a later pair — `published: {today.isoformat()}` (or later) and "
                 f"`effective: {s.earliest_effective.isoformat()}` (or later), renaming the file to match.\n"
                 f"> 今日取り込むと通知期間は{s.notice_days}日で、必要な{doc.minimum_notice_days}日に足りません。"
                 f"`published:` と `effective:`（とファイル名）を後ろにずらしてください。")
    return note
