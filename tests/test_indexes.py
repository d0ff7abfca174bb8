"""The trimmed addresses (your-connect/, your-connect/clauses/, in both languages) answer with index
pages, served over HTTP as deployed: the document's versions with their periods and the one in force,
every clause linking its history; every link on them resolves."""
from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LATER_DAY, ROOT
from termsite.pages.site import clause_pages
from termsite.source.loading import load_corpus
from termsite.timeline.publication import for_build
from termsite.timeline.status import in_force


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_trimmed_addresses_are_index_pages_whose_links_resolve(servers, lang: str) -> None:
    base = servers[LATER_DAY].base + ("en/" if lang == "en" else "")
    today = date.fromisoformat(LATER_DAY)
    corpus = for_build(load_corpus(ROOT), today)
    doc = corpus.root_document
    versions = corpus.versions[doc.slug]

    status, html = fetch(base + f"{doc.slug}/")
    assert status == 200
    page = BeautifulSoup(html, "html.parser")
    items = page.select("ul.terms-version-index > li")
    linked = [urljoin(base + f"{doc.slug}/", li.a["href"]) for li in items]
    assert linked == [base + f"{doc.slug}/{v.slug}/" for v in reversed(versions)]
    current = in_force(versions, today)
    assert [li.a["href"] for li in items if "terms-history--in-force" in li["class"]] == [f"{current.slug}/"]
    checked = {base + f"{doc.slug}/": (page, linked)}

    status, html = fetch(base + f"{doc.slug}/clauses/")
    assert status == 200
    page = BeautifulSoup(html, "html.parser")
    hrefs = [urljoin(base + f"{doc.slug}/clauses/", a["href"]) for a in page.select("ul.terms-clause-list a")]
    assert hrefs == [base + f"{doc.slug}/clauses/{aid}/" for aid in clause_pages(versions)]
    checked[base + f"{doc.slug}/clauses/"] = (page, hrefs)

    for url, (page, listed) in checked.items():
        assert page.find("html")["lang"] == lang
        targets = {urljoin(url, a["href"]).partition("#")[0] for a in page.select("a[href]")
                   if not a["href"].startswith(("#", "mailto:"))}
        targets = {t for t in targets if urlsplit(t).netloc == urlsplit(base).netloc}
        assert set(listed) < targets  # the listed pages and the site's own links (nav, language switch)
        broken = sorted(t for t in targets if fetch(t)[0] != 200)
        assert broken == [], f"{url}: {broken}"
