"""Published versions are immutable: the lock of content hashes catches any edit."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_project


def termsite(project: Path, *args: str, today: str = "2026-11-24") -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "termsite.cli", *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "TERMS_TODAY": today})


def project_with_lock(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", with_samples=True)
    (project / "versions/lock.json").write_bytes((ROOT / "versions/lock.json").read_bytes())
    return project


def test_the_committed_lock_matches_the_samples() -> None:
    result = termsite(ROOT, "immutable")
    assert result.returncode == 0, result.stderr


def test_an_edit_to_a_published_version_fails(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    path = project / "versions/your-connect/2026-03-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("負荷", "付加", 1), encoding="utf-8")
    result = termsite(project, "immutable")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "versions/your-connect/2026-03-01.yaml:1:1: error: this version is published and can no longer be changed — "
        "restore it (git checkout origin/main -- versions/your-connect/2026-03-01.yaml) and make a new version "
        "with `termsite new`")
    # and `termsite lock` refuses to bless the edit
    assert termsite(project, "lock").returncode == 1


def test_a_new_unpublished_version_passes_and_is_locked_once_published(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    created = termsite(project, "new", "your-connect", "--effective", "2027-01-01", "--published", "2026-12-01")
    assert created.returncode == 0, created.stderr
    path = project / "versions/your-connect/2027-01-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("（附則の番号を記入）", "S S D S 000400007747-02号"),
                    encoding="utf-8")
    assert termsite(project, "immutable").returncode == 0  # not published yet: editable
    late = termsite(project, "immutable", today="2026-12-01")
    assert late.returncode == 1 and "not in versions/lock.json — run `termsite lock`" in late.stderr
    assert termsite(project, "lock", today="2026-12-01").stdout.strip() == "locked versions/your-connect/2027-01-01.yaml"
    assert termsite(project, "immutable", today="2026-12-01").returncode == 0


def test_deleting_a_published_version_fails(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    (project / "versions/your-connect/initial.yaml").unlink()
    result = termsite(project, "immutable")
    assert result.returncode == 1 and "this published version was deleted" in result.stderr
