"""The version in force switches at exactly 00:00 Asia/Tokyo on the effective day."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import ROOT
from termsite.timeline.dates import today_in_tokyo
from termsite.source.loading import load_corpus
from termsite.pages.site import plan
from termsite.timeline.status import in_force, state


@pytest.fixture(scope="module")
def versions():
    return load_corpus(ROOT).versions["your-connect"]


@pytest.mark.parametrize("instant, slug", [
    (datetime(2026, 2, 28, 14, 59, 59, tzinfo=timezone.utc), "initial"),
    (datetime(2026, 2, 28, 15, 0, 0, tzinfo=timezone.utc), "2026-03-01"),
])
def test_switch_at_midnight_tokyo(versions, monkeypatch: pytest.MonkeyPatch, instant: datetime, slug: str) -> None:
    monkeypatch.delenv("TERMS_TODAY", raising=False)
    day = today_in_tokyo(instant)
    assert in_force(versions, day).slug == slug
    root = next(p for p in plan(load_corpus(ROOT), day).pages if p.src_uri == "index.md")
    assert root.version.slug == slug


def test_states(versions) -> None:
    initial, revised = versions
    day = today_in_tokyo(datetime(2026, 2, 28, 14, 59, 59, tzinfo=timezone.utc))
    assert (state(versions, initial, day), state(versions, revised, day)) == ("in-force", "upcoming")
    day = today_in_tokyo(datetime(2026, 2, 28, 15, 0, 0, tzinfo=timezone.utc))
    assert (state(versions, initial, day), state(versions, revised, day)) == ("superseded", "in-force")
