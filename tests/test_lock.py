"""Published versions are immutable: versions/lock.json holds their hashes and catches any edit."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_project

DOC = "versions/your-connect"
LATER = "2026-11-24"  # a day after both samples were published


def termsite(project: Path, *args: str, today: str = LATER) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsite.cli", *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "TERMS_TODAY": today})


def project_with_lock(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", with_samples=True)
    assert (project / "versions/lock.json").read_bytes() == (ROOT / "versions/lock.json").read_bytes()
    return project


def paths(rel: str, upcoming: str | None = None) -> str:
    """The three ways instead of an edit: a correction, a withdrawal (only before the version takes
    effect), a new version."""
    correction = f"to fix a typo, declare a correction ({DOC}/corrections/<date>.yaml)"
    if upcoming:
        return (f"{correction}; to cancel it before it takes effect on {upcoming}, declare a withdrawal "
                f"({DOC}/withdrawals/{upcoming}.yaml); to change the terms, make a new version with `termsite new`")
    return f"{correction}; to change the terms, make a new version with `termsite new` (a version already in force cannot be withdrawn)"


def edited(rel: str, upcoming: str | None = None) -> str:
    return (f"{rel}:1:1: error: this file was published and is locked in versions/lock.json: its text can no longer "
            f"be changed — restore it (git checkout origin/main -- {rel}); then, {paths(rel, upcoming)}")


def test_the_committed_lock_covers_the_samples() -> None:
    lock = json.loads((ROOT / "versions/lock.json").read_text(encoding="utf-8"))
    assert sorted(lock) == [f"{DOC}/2026-03-01.yaml", f"{DOC}/initial.yaml"]
    result = termsite(ROOT, "immutable")
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout.strip() == "ok: every published version is unchanged"


def with_published_version_edited(tmp_path: Path) -> Path:
    """The locked samples with 負荷 turned back into 付加 in the published 2026-03-01 version."""
    project = project_with_lock(tmp_path)
    path = project / DOC / "2026-03-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("負荷", "付加", 1), encoding="utf-8")
    return project


def test_lock_on_the_samples_changes_nothing(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    result = termsite(project, "lock")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (project / "versions/lock.json").read_bytes() == (ROOT / "versions/lock.json").read_bytes()


def test_an_edit_to_a_published_version_fails(tmp_path: Path) -> None:
    project = with_published_version_edited(tmp_path)
    result = termsite(project, "immutable")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [edited(f"{DOC}/2026-03-01.yaml")]
    assert result.stderr.strip() in (ROOT / "EDITING.md").read_text(encoding="utf-8")  # the guide quotes it


def test_an_edit_to_the_initial_version_fails_even_if_it_breaks_the_file(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    path = project / DOC / "initial.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "oops: [\n", encoding="utf-8")
    result = termsite(project, "immutable")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [edited(f"{DOC}/initial.yaml")]
    path.write_text(path.read_text(encoding="utf-8").replace("oops: [\n", "# a comment is a change too\n"),
                    encoding="utf-8")
    assert termsite(project, "immutable").stderr.splitlines() == [
        edited(f"{DOC}/initial.yaml")]


def test_lock_refuses_to_change_an_entry(tmp_path: Path) -> None:
    project = with_published_version_edited(tmp_path)
    result = termsite(project, "lock")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        edited(f"{DOC}/2026-03-01.yaml"),
        "versions/lock.json: error: not changed: `termsite lock` never replaces or removes an entry — "
        "restore the published files above, then run it again"]
    assert (project / "versions/lock.json").read_bytes() == (ROOT / "versions/lock.json").read_bytes()


def test_a_new_version_is_editable_until_published_then_locked(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    created = termsite(project, "new", "your-connect", "--effective", "2027-01-01", "--published", "2026-12-01")
    assert created.returncode == 0, created.stderr
    path = project / DOC / "2027-01-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("（附則の番号を記入）", "S S D S 000400007747-02号"),
                    encoding="utf-8")
    # not published yet (today is before 2026-12-01): it passes, may still change, and lock leaves it out
    assert termsite(project, "immutable").returncode == 0
    assert termsite(project, "lock").stdout == ""
    path.write_text(path.read_text(encoding="utf-8").replace("負荷", "付加", 1), encoding="utf-8")
    assert termsite(project, "immutable").returncode == 0
    # on its publication date it must be locked
    late = termsite(project, "immutable", today="2026-12-01")
    assert late.returncode == 1
    assert late.stderr.splitlines() == [
        f"{DOC}/2027-01-01.yaml: error: this version is published (its publication date 2026-12-01 has come) but "
        "not in versions/lock.json — run `termsite lock` and commit versions/lock.json (if it is not published "
        "yet, set `published:` to the day it will be)"]
    locked = termsite(project, "lock", today="2026-12-01")
    assert (locked.returncode, locked.stdout) == (0, f"locked {DOC}/2027-01-01.yaml\n")
    lock = json.loads((project / "versions/lock.json").read_text(encoding="utf-8"))
    assert sorted(lock) == [f"{DOC}/2026-03-01.yaml", f"{DOC}/2027-01-01.yaml", f"{DOC}/initial.yaml"]
    assert termsite(project, "immutable", today="2026-12-01").returncode == 0
    # and from then on it is as fixed as the others
    path.write_text(path.read_text(encoding="utf-8").replace("付加", "負荷", 1), encoding="utf-8")
    assert termsite(project, "immutable", today="2026-12-01").stderr.splitlines() == [
        edited(f"{DOC}/2027-01-01.yaml", upcoming="2027-01-01")]


def test_deleting_a_published_version_fails(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    (project / DOC / "initial.yaml").unlink()
    result = termsite(project, "immutable")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{DOC}/initial.yaml: error: this file was published and is locked in versions/lock.json, but it was deleted "
        f"— restore it (git checkout origin/main -- {DOC}/initial.yaml): published text stays on the site for good; "
        f"then, {paths(DOC + '/initial.yaml')}"]
    assert termsite(project, "lock").returncode == 1


def test_without_a_lock_every_published_version_is_reported(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    (project / "versions/lock.json").unlink()
    result = termsite(project, "immutable", today="2026-01-29")  # before 2026-03-01 was published
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [f"{DOC}/initial.yaml"]
    assert termsite(project, "lock", today="2026-01-29").stdout == f"locked {DOC}/initial.yaml\n"
    assert termsite(project, "lock").stdout == f"locked {DOC}/2026-03-01.yaml\n"
    assert (project / "versions/lock.json").read_bytes() == (ROOT / "versions/lock.json").read_bytes()


def test_a_damaged_lock_is_reported(tmp_path: Path) -> None:
    project = project_with_lock(tmp_path)
    (project / "versions/lock.json").write_text("{\"versions/your-connect/initial.yaml\": ", encoding="utf-8")
    result = termsite(project, "immutable")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "versions/lock.json: error: not a JSON object of file paths and SHA-256 hashes — restore it "
        "(git checkout origin/main -- versions/lock.json)"]


def test_check_and_build_refuse_an_edited_or_deleted_published_version(tmp_path: Path) -> None:
    """Not only the pull-request workflow: `termsite check` and the build stop too, and nothing is built."""
    project = with_published_version_edited(tmp_path)
    for command in ("check", "build"):
        result = termsite(project, command)
        assert result.returncode == 1
        assert result.stderr.splitlines()[0] == edited(f"{DOC}/2026-03-01.yaml")
        assert not (project / "site").exists()
    (project / DOC / "2026-03-01.yaml").write_bytes((ROOT / DOC / "2026-03-01.yaml").read_bytes())
    assert termsite(project, "check").returncode == 0
    (project / DOC / "2026-03-01.yaml").unlink()
    result = termsite(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{DOC}/2026-03-01.yaml: error: this file was published and is "
                                                    "locked in versions/lock.json, but it was deleted")
