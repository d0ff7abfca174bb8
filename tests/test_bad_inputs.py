"""Every mistake a legal editor can make gets one clear message with file, line and column.

Each folder in fixtures/bad/ is copied over the small valid project in fixtures/base/; its
``expect.txt`` holds the exact lines ``termsite check`` must print (nothing more, nothing less).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from termsite.loading import load_corpus
from termsite.problems import ValidationFailed

CASES = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25


def test_the_base_project_is_valid(tmp_path: Path) -> None:
    load_corpus(make_project(tmp_path / "p"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", case / "project")
    expected = (case / "expect.txt").read_text(encoding="utf-8").strip().splitlines()
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(project)
    assert [str(p) for p in failed.value.problems] == expected
