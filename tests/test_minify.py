"""The deploy carries the site's own scripts and stylesheets minified: each built asset is its source
minified (the same bytes every build), smaller, free of comments, and a script still parses."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import LATER_DAY
from termsite.workflow.minify import OWN_ASSETS, minified


def test_own_assets_are_deployed_minified(sites) -> None:
    site = sites.get(LATER_DAY)
    sources = sorted(p for p in OWN_ASSETS.iterdir() if p.suffix in (".js", ".css"))
    assert {p.suffix for p in sources} == {".js", ".css"}
    for source in sources:
        text = source.read_text(encoding="utf-8")
        built = (site / "assets" / source.name).read_text(encoding="utf-8")
        assert built == minified(source.name, text)
        assert len(built) < len(text) * 0.85, source.name
        assert "/*" not in built and "\n  " not in built, source.name
        assert not (site / "en" / "assets" / source.name).exists()  # one shared set


def test_minified_scripts_still_parse(sites, tmp_path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js (node --check)")
    site = sites.get(LATER_DAY)
    for built in sorted((site / "assets").glob("*.js")):
        checked = subprocess.run([node, "--check", str(built)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{built.name}: {checked.stderr}"
