"""Two builds of the same commit for the same day are byte-identical (search index included)."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import ROOT


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(sites, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termsite.workflow.build import build_site

    first = sites.get("2026-03-01")
    monkeypatch.setenv("TERMS_TODAY", "2026-03-01")
    second = build_site(ROOT, tmp_path / "again")
    a, b = digest(first), digest(second)
    assert len(a) > 50 and "search/ja.json" in a and "sitemap.xml" in a
    assert a == b


def test_a_different_day_changes_the_site(sites) -> None:
    """The comparison above could pass on a build that ignores the day; this one could not."""
    assert digest(sites.get("2026-02-15"))["index.html"] != digest(sites.get("2026-03-01"))["index.html"]
