"""The site works wherever it is deployed: the built site served at /legal/terms/ (not the /terms/ it
was configured for) has no broken link, script or style, the 404 page included, at any depth."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from browser_support import SiteServer

DAY = "2026-11-24"
PREFIX = "/legal/terms/"


@pytest.fixture(scope="module")
def site(sites) -> Path:  # type: ignore[no-untyped-def]
    return sites.get(DAY)


@pytest.fixture(scope="module")
def elsewhere(site: Path) -> Iterator[SiteServer]:
    s = SiteServer(site, PREFIX)
    yield s
    s.close()


def _file(site: Path, path: str) -> Path | None:
    """The file the server sends for a path below PREFIX, or None (it would answer 404)."""
    if not path.startswith(PREFIX):
        return None
    f = site / path[len(PREFIX):]
    if f.is_dir() or path.endswith("/"):
        f = f / "index.html"
    return f if f.is_file() else None


def test_every_page_links_only_what_exists_under_another_base(site: Path) -> None:
    """Every page (but the 404, below): each href and src resolves, from the page's own address below
    /legal/terms/, to a file of the site."""
    broken: list[str] = []
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        rel = page.relative_to(site).as_posix()
        url = PREFIX + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or re.match(r"^(#|[a-z]+:)", ref):
                continue
            if tag.name == "link" and "alternate" in (tag.get("rel") or []) and ref.startswith("/"):
                continue
            target = urlsplit(urljoin(url, ref)).path
            if _file(site, target) is None:
                broken.append(f"{rel}: {ref}")
    assert broken == []


MISSING = ["no-such-page/", "a/b/c/d/e", "your-connect/2099-01-01/", "en/no-such-page/", "en/your-connect/x/y/"]


@pytest.mark.parametrize("missing", MISSING)
def test_the_404_page_works_at_any_depth_under_another_base(browser, elsewhere: SiteServer, site: Path,  # type: ignore[no-untyped-def]
                                                           missing: str) -> None:
    page = browser.new_page()
    failed: list[str] = []
    # (the page itself answers 404; so do the 404.html it looks for in the folders below the site root)
    heads: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            and r.request.resource_type != "document" and r.request.method != "HEAD" else None)
    page.on("request", lambda r: heads.append(urlsplit(r.url).path) if r.method == "HEAD" else None)
    # (Chromium reports the HEAD it answers from headers alone as aborted: its status is checked above)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url} {r.failure}") if r.method != "HEAD" else None)
    response = page.goto(elsewhere.base + missing)
    assert response is not None and response.status == 404
    page.wait_for_load_state("load")
    # styled: Material's stylesheet and the site's own are applied
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("Array.from(document.styleSheets).filter(s => s.href).length") >= 3
    # every link and asset of the page exists, below /legal/terms/
    refs = page.evaluate("""Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src]'))
        .map(e => e.href || e.src).filter(u => u.startsWith(location.origin))
        .filter(u => u.split('#')[0] !== location.href.split('#')[0])""")  # links to places on this page: below
    paths = sorted({urlsplit(u).path for u in refs})
    assert paths and all(p.startswith(PREFIX) for p in paths), paths
    assert [p for p in paths if _file(site, p) is None] == []
    assert failed == []
    # where the site is, read from the address: one check that it is there, nothing looked for elsewhere
    assert heads == [PREFIX + "404.html"]
    # a link to a place on the page stays on the page (<base> would send it to the site root)
    skip = page.evaluate("document.querySelector('a.terms-skip').href")
    assert skip == page.url.split("#")[0] + "#terms-main"
    # the language of the address first: English below en/, else Japanese (governing)
    first = page.locator("h1:visible").first.inner_text()
    assert first == ("Page not found" if missing.startswith("en/") else "ページが見つかりません")
    assert page.locator("h1:visible").count() == 1
    page.close()


def test_the_404_page_finds_the_site_when_the_address_does_not_say_where_it_is(browser, site: Path) -> None:
    """Deployed under a folder not named as configured, a missing address with none of the site's folders
    in it: the page first guesses the address's own folder, finds no 404.html there, and moves to the
    nearest folder above that has one — styles, scripts and links follow."""
    server = SiteServer(site, "/legal/docs/")
    page = browser.new_page()
    try:
        response = page.goto(server.base + "x/y/z")
        assert response is not None and response.status == 404
        page.wait_for_function("document.querySelector('base').href.endsWith('/legal/docs/')")
        page.wait_for_function("getComputedStyle(document.querySelector('.md-header')).position === 'sticky'")
        links = page.evaluate("Array.from(document.querySelectorAll('.terms-not-found a')).map(a => a.href)")
        paths = {urlsplit(u).path for u in links}
        assert paths and all(p.startswith("/legal/docs/") for p in paths), paths
        assert all((site / p[len("/legal/docs/"):] / "index.html").is_file() for p in paths if p.endswith("/")), paths
    finally:
        page.close()
        server.close()
