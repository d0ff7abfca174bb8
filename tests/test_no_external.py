"""Nothing on the built site loads from anywhere but the site itself; outbound links are only
the ones the terms name. (The browser tests also watch every request a page makes.)"""
from __future__ import annotations

import re
from urllib.parse import urlparse

from bs4 import BeautifulSoup

SITE = "https://portal.your-connect.com/terms/"
LINKS_ALLOWED = {"https://portal.your-connect.com/terms", "https://support.ntt.com/yourconnect/"}
LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
         "embed": "src", "object": "data"}


def test_pages_load_only_their_own_resources(sites) -> None:
    site = sites.get("2026-11-24")
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) >= 14
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LOADS.items():
            for el in soup.find_all(tag):
                value = el.get(attr)
                assert not value or not urlparse(value).scheme, (path, value)
        for link in soup.find_all("link"):
            rel = link.get("rel") or []
            href = link.get("href", "")
            if "alternate" in rel or "canonical" in rel:
                assert href.startswith(SITE), (path, href)  # names, not loads
            else:
                assert not urlparse(href).scheme, (path, href)
        for a in soup.find_all("a", href=True):
            if urlparse(a["href"]).scheme in ("http", "https"):
                assert a["href"] in LINKS_ALLOWED or a["href"].startswith(SITE), (path, a["href"])
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None and "default-src 'self'" in csp["content"], path
        assert "unsafe-inline" not in csp["content"].split("script-src")[1].split(";")[0], path


def test_stylesheets_load_nothing_from_outside(sites) -> None:
    site = sites.get("2026-11-24")
    for path in site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", path.read_text(encoding="utf-8")):
            url = url.strip("'\" ")
            assert not urlparse(url).scheme or url.startswith("data:"), (path, url)
        assert "@import" not in path.read_text(encoding="utf-8") or "http" not in path.read_text(encoding="utf-8"), path


def test_no_web_fonts(sites) -> None:
    site = sites.get("2026-11-24")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not list(site.rglob("*.woff*"))
