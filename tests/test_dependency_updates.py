"""An update proposed the way Dependabot makes it leaves a lock that installs.

Dependabot's pip updater treats requirements.in → requirements.txt as a pip-compile pair: it writes the new pin
into requirements.in, then runs ``pip-compile <the options of requirements.txt's header> -P name==version
requirements.in`` and keeps the header. These tests do the same with the pinned pip-tools, against the public
index (PyPI), and ask pip whether the result installs with ``--require-hashes`` (a dry run: nothing is
installed). They need the registry and are skipped, saying so, when it cannot be reached.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from lock_support import locked, normal

INDEX = "https://pypi.org/simple"
BIN = Path(sys.executable).parent


def registry_reachable() -> bool:
    try:
        with urllib.request.urlopen(f"{INDEX}/pip/", timeout=10):
            return True
    except (urllib.error.URLError, OSError):
        return False


needs_registry = pytest.mark.skipif(not registry_reachable(), reason=f"{INDEX} cannot be reached: an update "
                                    "cannot be resolved offline")


def public_index_env() -> dict[str, str]:
    """This process's environment, without any pip setting that would add other package sources."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": INDEX, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def header(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")][:6]


def header_command(text: str) -> list[str]:
    """The pip-compile command written in the lock's header (Dependabot reuses its options)."""
    m = re.search(r"^#    (pip-compile .*)$", text, re.M)
    assert m, "requirements.txt has no pip-compile header: regenerate it with `make lock`"
    return shlex.split(m[1])


def releases(name: str) -> list[str]:
    """The releases of ``name`` on the registry, newest first (pip's own listing)."""
    result = subprocess.run([str(BIN / "python"), "-m", "pip", "index", "versions", name], capture_output=True,
                            text=True, env=public_index_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    m = re.search(r"^Available versions: (.*)$", result.stdout, re.M)
    assert m, result.stdout
    return [v.strip() for v in m[1].split(",")]


def another_release(name: str, current: str) -> str:
    """A final release of ``name`` other than ``current``: the one just before it (the lock is up to date,
    so the one after it may not exist yet)."""
    finals = [v for v in releases(name) if re.fullmatch(r"[0-9.]+", v)]
    assert current in finals, (name, current, finals[:5])
    older = finals[finals.index(current) + 1:]
    assert older, f"{name} has no release before {current}"
    return older[0]


def update_like_dependabot(tmp_path: Path, name: str, version: str, *, direct: bool) -> tuple[str, str]:
    """Copy the pair, update ``name`` to ``version`` as Dependabot does; returns (requirements.in, requirements.txt)."""
    for file in ("requirements.in", "requirements.txt"):
        shutil.copy(ROOT / file, tmp_path / file)
    manifest = tmp_path / "requirements.in"
    if direct:
        text, count = re.subn(rf"^({re.escape(name)}(?:\[[a-z,]+\])?)==[^\s#]+", rf"\g<1>=={version}",
                              manifest.read_text(encoding="utf-8"), flags=re.M | re.I)
        assert count == 1, f"{name} is not pinned once in requirements.in"
        manifest.write_text(text, encoding="utf-8")
    original = (tmp_path / "requirements.txt").read_text(encoding="utf-8")
    command = header_command(original)
    assert command[-1] == "requirements.in" and "--generate-hashes" in command
    result = subprocess.run([str(BIN / "pip-compile"), "--quiet", *command[1:-1], "-P", f"{name}=={version}",
                             "requirements.in"], cwd=tmp_path, capture_output=True, text=True,
                            env=public_index_env(), timeout=600)
    assert result.returncode == 0, result.stderr
    return manifest.read_text(encoding="utf-8"), (tmp_path / "requirements.txt").read_text(encoding="utf-8")


def installs_with_hashes(tmp_path: Path, lock: Path) -> dict[str, str]:
    """What pip would install from ``lock`` into an empty environment, hashes checked; name → version."""
    report = tmp_path / "report.json"
    result = subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--dry-run", "--ignore-installed",
                             "--require-hashes", "--quiet", "--report", str(report), "-r", str(lock)],
                            capture_output=True, text=True, env=public_index_env(), timeout=900)
    assert result.returncode == 0, result.stderr
    return {normal(item["metadata"]["name"]): item["metadata"]["version"]
            for item in json.loads(report.read_text(encoding="utf-8"))["install"]}


def check_consistent(tmp_path: Path, manifest: str, lock: str, name: str, version: str) -> None:
    before = locked((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    after = locked(lock)
    assert after[normal(name)][0] == version
    assert all(hashes for _v, hashes in after.values()), "every package keeps its hashes"
    assert header(lock) == header((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    for line in manifest.splitlines():  # every pin asked for is what the lock holds
        m = re.match(r"([A-Za-z0-9_.-]+)(?:\[[a-z,]+\])?==([0-9.]+)", line)
        if m:
            assert after[normal(m[1])][0] == m[2], line
    for other, (old, hashes) in before.items():  # a package that stays at its version keeps its hashes
        if other in after and after[other][0] == old:
            assert set(after[other][1]) == set(hashes), other
    (tmp_path / "requirements.txt").write_text(lock, encoding="utf-8")
    planned = installs_with_hashes(tmp_path, tmp_path / "requirements.txt")
    assert planned == {n: v for n, (v, _h) in after.items()}


@needs_registry
def test_a_direct_dependency_moved_like_dependabot_leaves_an_installable_lock(tmp_path: Path) -> None:
    """jsonschema has dependencies of its own (attrs, referencing, rpds-py…): pip-compile resolves them again."""
    name = "jsonschema"
    version = another_release(name, locked((ROOT / "requirements.txt").read_text(encoding="utf-8"))[name][0])
    manifest, lock = update_like_dependabot(tmp_path, name, version, direct=True)
    check_consistent(tmp_path, manifest, lock, name, version)


@needs_registry
def test_a_dependency_of_a_dependency_moved_like_dependabot_leaves_an_installable_lock(tmp_path: Path) -> None:
    """lxml is pinned only in the lock (python-docx needs it): Dependabot proposes it too, with hashes."""
    name = "lxml"
    assert not re.search(r"^lxml==", (ROOT / "requirements.in").read_text(encoding="utf-8"), re.M | re.I)
    version = another_release(name, locked((ROOT / "requirements.txt").read_text(encoding="utf-8"))[name][0])
    manifest, lock = update_like_dependabot(tmp_path, name, version, direct=False)
    assert manifest == (ROOT / "requirements.in").read_text(encoding="utf-8")
    check_consistent(tmp_path, manifest, lock, name, version)
