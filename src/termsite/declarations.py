"""What legal declares about published versions besides the versions themselves: a withdrawal
(取り止め) of a version before it takes effect, and a correction (正誤) of a misprint.

Both are files of their own next to the versions — never an edit of a published file, which stays
exactly as it was published (:mod:`termsite.source.immutability`):

- ``versions/<document>/withdrawals/<version>.yaml``: the version named by the file never takes
  effect; it keeps its page, marked withdrawn, with the date and the reason.
- ``versions/<document>/corrections/<date>.yaml``: from that day the declared wording of a clause
  reads as corrected, with a 正誤 note; it is not a revision and has no notice period.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from termsite.model import NOWHERE, Bilingual, Corpus, Version
from termsite.problems import Location


@dataclass(frozen=True)
class Withdrawal:
    """取り止め: ``version`` (a slug) is withdrawn on ``date`` (Asia/Tokyo), for ``reason``."""

    document: str
    version: str
    date: date
    reason: Bilingual
    path: str = ""
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Fix:
    """One language's part of a 正誤: 「wrong」は「right」の誤り."""

    wrong: str
    right: str


@dataclass(frozen=True)
class Correction:
    """正誤 of one clause (a paragraph, an item, a preamble paragraph), first published in
    ``version``, reading as corrected from ``date`` in that version and in every later one that
    still carries the wrong wording there."""

    document: str
    date: date
    version: str
    clause: str
    ja: Fix | None
    en: Fix | None
    path: str = ""
    location: Location = field(default=NOWHERE, compare=False)

    def fix(self, lang: str) -> Fix | None:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Declarations:
    """A document's withdrawals and corrections, in order of date."""

    withdrawals: tuple[Withdrawal, ...] = ()
    corrections: tuple[Correction, ...] = ()
    withdrawn: tuple[Version, ...] = ()  # the withdrawn versions, as published
    # version slug → the corrections its text shows (worked out per day: see timeline.declared)
    applied: dict[str, tuple[Correction, ...]] = field(default_factory=dict, compare=False)

    def withdrawal(self, slug: str) -> Withdrawal | None:
        return next((w for w in self.withdrawals if w.version == slug), None)

    def withdrawn_version(self, slug: str) -> Version | None:
        return next((v for v in self.withdrawn if v.slug == slug), None)


NONE = Declarations()


def declared(corpus: Corpus, slug: str) -> Declarations:
    """A document's declarations (none for a corpus made without them)."""
    return corpus.declarations.get(slug, NONE)
