"""The deploy carries the site's own scripts and stylesheets minified: each built asset is its source
minified (the same bytes every build), smaller, free of comments, and a script still parses; the
script carried inline is in the page, minified, and not deployed as a file."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import LATER_DAY
from termsite.pages.assets import INLINE, OWN_ASSETS, minified


def test_own_assets_are_deployed_minified(sites) -> None:
    site = sites.get(LATER_DAY)
    sources = sorted(p for p in OWN_ASSETS.iterdir() if p.suffix in (".js", ".css"))
    assert {p.suffix for p in sources} == {".js", ".css"}
    for source in sources:
        text = source.read_text(encoding="utf-8")
        if source.name in INLINE:  # in every page, not a file of its own
            assert not (site / "assets" / source.name).exists()
            page = (site / "index.html").read_text(encoding="utf-8")
            assert f"<script>{minified(source.name, text).strip()}</script>" in page
            continue
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
    scripts = sorted((site / "assets").glob("*.js"))
    for name in INLINE:
        scripts.append(tmp_path / name)
        scripts[-1].write_text(minified(name, (OWN_ASSETS / name).read_text(encoding="utf-8")), encoding="utf-8")
    assert len(scripts) >= 2
    for built in scripts:
        checked = subprocess.run([node, "--check", str(built)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{built.name}: {checked.stderr}"


def test_no_page_holds_its_rendering_for_a_script(sites) -> None:
    """Every script file a page loads waits for the page to be parsed (``defer``), in both languages and on
    every page kind, the 404 page included: what holds the first paint is the stylesheets alone."""
    site = sites.get(LATER_DAY)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20 and site / "404.html" in pages and site / "en" / "index.html" in pages
    with_scripts = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loaded = soup.select("script[src]")
        with_scripts += bool(loaded)
        blocking = [s["src"] for s in loaded if not s.has_attr("defer") and not s.has_attr("async")]
        assert blocking == [], (path, blocking)
    assert with_scripts > 20
