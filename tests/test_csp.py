"""Every HTML file of the built site carries a complete Content-Security-Policy.

Checked on the files themselves, not on what MkDocs renders through ``on_post_page``: the 404
page, for one, is a static template. Each inline script must be allowed by its own hash, and the
policy must allow nothing from elsewhere.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import SiteCache

REQUIRED = ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]


def policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    directives = [d.strip().split() for d in metas[0]["content"].split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_every_html_file_has_a_complete_policy(sites: SiteCache) -> None:
    site = sites.get("2026-11-24")
    files = sorted(site.rglob("*.html"))
    assert site / "404.html" in files  # the one 404 page Pages serves, for both languages
    assert len(files) > 10
    for path in files:
        shown = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        rules = policy(soup)
        for rule in REQUIRED:
            name, value = rule.split(" ", 1)
            assert rules.get(name) == [value], (shown, rule)
        sources = rules["script-src"]
        assert all(s.startswith("'sha256-") or s in ("'self'", "'wasm-unsafe-eval'") for s in sources), shown
        inline = [s.string or "" for s in soup.find_all("script") if not s.get("src")
                  and s.get("type") != "application/json"]
        for body in inline:
            assert digest(body) in sources, (shown, body[:60])
        assert not any(s.startswith("http") for values in rules.values() for s in values), shown


def test_a_page_without_its_hashes_stops_the_build(tmp_path: Path) -> None:
    from termsite.workflow.build import _check_policies
    from termsite.pages.csp import PLACEHOLDER

    (tmp_path / "ok.html").write_text("<meta content=\"script-src 'self'\">", encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "404.html").write_text(f"<meta content=\"script-src {PLACEHOLDER}\">", encoding="utf-8")
    try:
        _check_policies(tmp_path)
    except RuntimeError as failed:
        assert "en/404.html" in str(failed) and "ok.html" not in str(failed)
    else:
        raise AssertionError("the build went on with an incomplete policy")
