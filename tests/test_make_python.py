"""`make … PYTHON=…` is honoured even when .venv/ already exists: CI passes the interpreter setup-python
installed (3.11, then the newest), and a .venv/ made by another Python version is made again — never
silently reused. Run on a copy of the Makefile and tools/find-python with stand-in interpreters."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

FAKE = """#!/bin/sh
# a stand-in Python 3.MINOR: answers the two version questions the Makefile and tools/find-python ask
case "$*" in
  *"version_info[0], sys.version_info[1]"*) echo "3 MINOR" ;;
  *) echo "3.MINOR" ;;
esac
"""


def fake_python(path: Path, minor: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FAKE.replace("MINOR", str(minor)), encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml", "requirements.in", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools/find-python", tmp_path / "tools/find-python")
    fake_python(tmp_path / ".venv/bin/python", 11)  # a .venv/ made with 3.11
    return tmp_path


def dry_run(project: Path, *args: str) -> str:
    result = subprocess.run(["make", "-n", "setup", *args], cwd=project, capture_output=True, text=True)
    return result.stdout + result.stderr


def test_a_venv_of_another_python_is_made_again(project: Path, tmp_path: Path) -> None:
    newest = fake_python(tmp_path / "bin/python3.14", 14)
    out = dry_run(project, f"PYTHON={newest}")
    assert f".venv has Python 3.11, PYTHON={newest} is 3.14: setting .venv up again" in out
    assert not (project / ".venv").exists()
    assert f"tools/find-python {newest}" in out  # and set up with the interpreter named


def test_a_venv_of_the_same_python_is_kept(project: Path, tmp_path: Path) -> None:
    same = fake_python(tmp_path / "bin/python3.11", 11)
    out = dry_run(project, f"PYTHON={same}")
    assert "setting .venv up again" not in out and (project / ".venv/bin/python").exists()


def test_without_python_the_existing_venv_is_kept(project: Path) -> None:
    out = dry_run(project)
    assert "setting .venv up again" not in out and (project / ".venv/bin/python").exists()


def test_a_python_that_is_not_one_is_reported_and_not_used(project: Path, tmp_path: Path) -> None:
    old = fake_python(tmp_path / "bin/python3.9", 9)
    out = dry_run(project, f"PYTHON={old}")
    assert f"PYTHON={old} is not a Python 3.11+" in out
