"""Which version applies on a given day, and what each version's banner says.

"In force" is derived, never stored: from effective dates and the day in Asia/Tokyo.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from termsite.model import Version

State = Literal["upcoming", "partly-in-force", "in-force", "superseded"]


def in_force(versions: tuple[Version, ...], day: date) -> Version | None:
    """The version applying on ``day``: the latest one whose effective date has come.

    A first version with an unknown start date applies to any day before its successor."""
    current = None
    for v in versions:
        if v.effective is None or v.effective <= day:
            current = v
    return current


def until(versions: tuple[Version, ...], v: Version) -> date | None:
    """The last day ``v`` applies: the day before the next version's effective date (None for a
    withdrawn version, which is not in the chain: it never applied)."""
    # (by its file: the text a version had on its last day — a withdrawn deferred amendment put
    # back — is that version's all the same)
    i = next((k for k, x in enumerate(versions) if x is v or x.slug == v.slug), None)
    if i is None:
        return None
    following = versions[i + 1].effective if i + 1 < len(versions) else None
    return following - timedelta(days=1) if following else None


def state(versions: tuple[Version, ...], v: Version, day: date) -> State:
    current = in_force(versions, day)
    if current is v:
        return "in-force"
    if v.effective is not None and v.effective > day:
        return "upcoming"
    return "superseded"


@dataclass(frozen=True)
class Period:
    """The period a version applies: ～2026年2月28日 / 2026年3月1日～ (either end may be open)."""

    start: date | None
    end: date | None


def period(versions: tuple[Version, ...], v: Version) -> Period:
    return Period(v.effective, until(versions, v))
