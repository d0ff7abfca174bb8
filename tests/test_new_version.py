"""`termsite new`: the next version from the latest one, and refusals with a reason."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_project
from termsite.source.loading import load_corpus
from termsite.problems import ValidationFailed


def new(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsite.cli", "new", "your-connect", *args], cwd=project,
                          capture_output=True, text=True)


def test_new_version_from_the_latest(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    result = new(project, "--effective", "2026-09-01", "--published", "2026-07-15")
    assert result.returncode == 0, result.stderr
    path = project / "versions/your-connect/2026-09-01.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/version.schema.json")
    assert "effective: 2026-09-01\npublished: 2026-07-15\n" in text
    assert "この改正規定は、令和8年9月1日から実施します。" in text
    assert "This revision takes effect on September 1, 2026." in text
    # left to do before it can be published: the change itself, and the 附則 number
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(project)
    assert [p.message for p in failed.value.problems] == [
        "the terms are the same as in versions/your-connect/2026-03-01.yaml: this version changes nothing but "
        "its 附則", "the 附則 number is still the placeholder from `termsite new`"]
    text = text.replace("（附則の番号を記入）", "S S D S 000400007747-02号")
    path.write_text(text.replace('ja: "ビデオ機能"', 'ja: "ビデオ通話機能"').replace(
        'en: "Video function"', 'en: "Video call function"'), encoding="utf-8")
    versions = load_corpus(project).versions["your-connect"]
    assert [v.slug for v in versions] == ["initial", "2026-03-01", "2026-09-01"]
    assert versions[-1].preamble == versions[-2].preamble
    assert versions[-1].articles != versions[-2].articles


@pytest.mark.parametrize("args, message", [
    (["--effective", "2026-02-30"], "error: effective date 2026-02-30 is not a date on the calendar"),
    (["--effective", "2026-03-01"], "error: the effective date 2026-03-01 is not after the latest version's (2026-03-01)"),
    (["--effective", "2026-09-01", "--published", "2026-09-02"], "error: published 2026-09-02 is after the effective date 2026-09-01"),
    (["--effective", "2026-09-01", "--published", "2026-08-20"], "error: 12 days' notice; your-connect requires 30 — make it effective on 2026-09-19 or later"),
])
def test_new_version_refuses_impossible_dates(tmp_path: Path, args: list[str], message: str) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    result = new(project, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert sorted(p.name for p in (project / "versions/your-connect").glob("*.yaml")) == ["2026-03-01.yaml", "initial.yaml"]


def test_new_version_refuses_an_existing_file(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    assert new(project, "--effective", "2026-09-01", "--published", "2026-07-15").returncode == 0
    result = new(project, "--effective", "2026-10-01", "--published", "2026-07-15")
    assert result.returncode == 2  # the new file still has the placeholder: fix it first
    assert "the 附則 number is still the placeholder" in result.stderr
