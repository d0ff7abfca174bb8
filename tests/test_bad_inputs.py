"""Every mistake a legal editor can make gets one clear message with file, line and column.

Each folder in fixtures/bad/ is copied over the small valid project in fixtures/base/; its
``expect.txt`` holds the exact lines ``termsite check`` must print (nothing more, nothing less).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from termsite.source.loading import load_corpus
from termsite.problems import ValidationFailed

CASES = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25


def test_the_base_project_is_valid(tmp_path: Path) -> None:
    load_corpus(make_project(tmp_path / "p"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``today.txt``, when there is one, is the day the mistake is made on (TERMS_TODAY)."""
    if (case / "today.txt").exists():
        monkeypatch.setenv("TERMS_TODAY", (case / "today.txt").read_text(encoding="utf-8").strip())
    project = make_project(tmp_path / "p", case / "project")
    expected = (case / "expect.txt").read_text(encoding="utf-8").strip().splitlines()
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(project)
    assert [str(p) for p in failed.value.problems] == expected


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = project / "versions/your-connect/2026-03-01.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(project)
    size = path.stat().st_size
    assert size > 1_000_000
    assert [str(p) for p in failed.value.problems] == [
        f"versions/your-connect/2026-03-01.yaml:1:1: error: file is {size:,} bytes; the limit is 1,000,000 — "
        "split the document or remove what does not belong in it"]


@pytest.mark.parametrize("variant", ["crlf", "bom", "bom+crlf"])
def test_windows_files_load_identically(tmp_path: Path, variant: str) -> None:
    """A file saved by a Windows editor (CRLF, BOM) gives the very same model: never mis-parsed."""
    reference = load_corpus(make_project(tmp_path / "ref", with_samples=True))
    project = make_project(tmp_path / "p", with_samples=True)
    for path in (project / "versions/your-connect").glob("*.yaml"):
        raw = path.read_bytes()
        if "crlf" in variant:
            raw = raw.replace(b"\n", b"\r\n")
        if "bom" in variant:
            raw = b"\xef\xbb\xbf" + raw
        path.write_bytes(raw)
    assert load_corpus(project).versions == reference.versions


CATALOGUE = Path(__file__).resolve().parents[1] / "docs" / "editor-errors.md"


def render_catalogue() -> str:
    """docs/editor-errors.md: every mistake in fixtures/bad/ with the message the check prints."""
    lines = ["# Mistakes the check catches", "",
             "Generated from `tests/fixtures/bad/` (each case is one realistic mistake in a small project);",
             "`tests/test_bad_inputs.py` keeps this page and the fixtures in step.",
             "A published file is never edited or deleted: a misprint is a correction, a version not yet in force",
             "is withdrawn, anything else is a new version (EDITING.md, section 7; versions/FORMAT.md).", ""]
    for case in CASES:
        about = (case / "about.txt").read_text(encoding="utf-8").strip()
        if (case / "today.txt").exists():
            about += f" (checked as on {(case / 'today.txt').read_text(encoding='utf-8').strip()})"
        lines += [f"## {case.name}", "", about, "", "```"]
        lines += (case / "expect.txt").read_text(encoding="utf-8").strip().splitlines()
        lines += ["```", ""]
    return "\n".join(lines)


def test_catalogue_is_up_to_date() -> None:
    if os.environ.get("UPDATE_DOCS"):
        CATALOGUE.write_text(render_catalogue(), encoding="utf-8")
    assert CATALOGUE.read_text(encoding="utf-8") == render_catalogue(), "run UPDATE_DOCS=1 make test"
