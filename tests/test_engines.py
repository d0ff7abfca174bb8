"""The second engine: ProperDocs (a maintained fork of MkDocs 1.x) builds the same site from the same
mkdocs.yml, hooks and theme — the same files, the same pages byte for byte once the generator tag, which
names the engine, is set aside. It builds in a process of its own (`termsite build --engine properdocs`):
ProperDocs answers every `mkdocs.*` import from the moment it is loaded."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import LATER_DAY, ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def without_generator(html: bytes) -> bytes:
    found = GENERATOR.findall(html)
    assert len(found) == 1, f"{len(found)} generator tags"
    return GENERATOR.sub(b"", html)


def test_properdocs_builds_the_same_site_as_mkdocs(sites, tmp_path: Path) -> None:
    mkdocs_site = sites.get(LATER_DAY)
    properdocs_site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "build", "--engine", "properdocs",
                             "--site-dir", str(properdocs_site)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TERMS_TODAY": LATER_DAY}, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = files(mkdocs_site), files(properdocs_site)
    assert sorted(ours) == sorted(theirs)  # the same pages and files
    pages = [name for name in ours if name.endswith(".html")]
    assert len(pages) > 20
    different = []
    for name, path in ours.items():
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if name.endswith(".html"):
            generator = GENERATOR.search(b)
            assert b'content="mkdocs-1.' in a and generator and b"ProperDocs" in generator.group(0)
            a, b = without_generator(a), without_generator(b)
        if a != b:
            different.append(name)
    assert different == []


def test_the_engine_is_chosen_in_the_build_not_in_the_hooks() -> None:
    """hooks/terms.py stays a thin adapter: it names no engine; the build picks one."""
    hooks = (ROOT / "hooks/terms.py").read_text(encoding="utf-8")
    assert "properdocs" not in hooks.lower()
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "build", "--engine", "zensical"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "invalid choice: 'zensical'" in result.stderr
