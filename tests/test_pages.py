"""The pages around search, parsed: titles, descriptions, language alternates, feeds, the 404 page,
search pages kept out of search engines, and the search index itself (every clause of every version)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from conftest import ROOT
from termsite.source.loading import load_corpus

DAY = "2026-11-24"
SITE_URL = "https://portal.your-connect.com/terms/"


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page, keyed by its URL below the site root ("" is the Japanese root)."""
    out = {}
    for f in sorted(site.rglob("*.html")):
        if "pagefind" in f.parts:
            continue
        rel = f.relative_to(site).as_posix()
        out[rel.removesuffix("index.html")] = BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
    return out


def test_titles_are_unique_dated_and_name_the_site_once(sites) -> None:
    pages = html_pages(sites.get(DAY))
    titles = {url: soup.title.get_text() for url, soup in pages.items()}
    assert len(set(titles.values())) == len(titles), Counter(titles.values()).most_common(3)
    for url, title in titles.items():
        for name in ("Your Connect利用規約", "Your Connect 利用規約", "Your Connect Terms of Use"):
            assert title.count(name) <= 1, (url, title)
    assert titles["your-connect/2026-03-01/comparison/"] == "Your Connect利用規約 【現改比較表】 （2026年3月1日改正）"
    assert "March 1, 2026" in titles["en/your-connect/2026-03-01/notice/"]
    assert titles["your-connect/initial/"] == "Your Connect利用規約 (～2026年2月28日)"
    # one dash: the en dash between a page's name and the site's, never a hyphen
    assert not [t for t in titles.values() if " - " in t]
    assert titles["en/about/"] == "About this site – Your Connect Terms of Use"


def test_every_page_has_its_own_description(sites) -> None:
    pages = html_pages(sites.get(DAY))
    descriptions = {}
    for url, soup in pages.items():
        if url == "404.html":
            continue
        meta = soup.find("meta", attrs={"name": "description"})
        assert meta is not None and meta["content"].strip(), url
        descriptions[url] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions), Counter(descriptions.values()).most_common(3)


def test_alternates_x_default_and_feeds_on_every_page(sites) -> None:
    pages = html_pages(sites.get(DAY))
    for url, soup in pages.items():
        alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert set(alternates) == {"ja", "en", "x-default"}, url
        assert alternates["x-default"] == alternates["ja"], url
        if url != "404.html":
            below = url.removeprefix("en/")
            assert alternates["ja"] == SITE_URL + below and alternates["en"] == SITE_URL + "en/" + below, url
        feeds = soup.select('link[rel="alternate"][type="application/atom+xml"]')
        assert len(feeds) == 1, url
    history = pages["your-connect/history/"]
    assert history.select_one('main a[href$="feed.xml"]') is not None
    assert pages["en/your-connect/history/"].select_one('main a[href$="feed.xml"]') is not None


def test_sitemaps_have_x_default_and_leave_out_search(sites) -> None:
    site = sites.get(DAY)
    for sitemap in (site / "sitemap.xml", site / "en" / "sitemap.xml"):
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        urls = ElementTree.parse(sitemap).getroot().findall("s:url", ns)
        assert urls
        for u in urls:
            assert "/search/" not in u.findtext("s:loc", namespaces=ns)
            links = {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)}
            assert links["x-default"] == links["ja"] and set(links) == {"ja", "en", "x-default"}


def test_search_pages_are_noindex_and_their_form_has_no_empty_action(sites) -> None:
    pages = html_pages(sites.get(DAY))
    for url in ("search/", "en/search/"):
        soup = pages[url]
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        form = soup.select_one("form.terms-search-form")
        assert not form.has_attr("action")
    indexed = [u for u, s in pages.items() if s.find("meta", attrs={"name": "robots"})]
    assert sorted(indexed) == ["en/search/", "search/"]


def test_about_page_has_the_same_heading_ids_in_both_languages(sites) -> None:
    pages = html_pages(sites.get(DAY))
    ids = [[h["id"] for h in pages[u].select("article h1[id], article h2[id]")] for u in ("about/", "en/about/")]
    assert ids[0] == ids[1] and "how-to-read" in ids[0] and "language" in ids[0]


def test_one_bilingual_404_page(sites) -> None:
    site = sites.get(DAY)
    assert not (site / "en" / "404.html").exists()  # GitHub Pages never serves it
    soup = html_pages(site)["404.html"]
    # its URLs are relative to the site root its <base> names (the configured path; corrected in the
    # browser to wherever the site is: tests/test_base_path.py)
    assert soup.select_one("head base")["href"] == "/terms/"
    assert soup.select_one("head base") is soup.select_one("head").find(["base", "link", "script"])
    for first, order in (("ja", ["ja", "en"]), ("en", ["en", "ja"])):  # English first below en/
        sections = soup.select(f".terms-not-found-{first}-first section.terms-not-found")
        assert [s["lang"] for s in sections] == order
        assert sections[0].select_one("h1") is not None and sections[1].select_one("h1") is None
        for s in sections:
            root = "./" if s["lang"] == "ja" else "./en/"
            links = [a["href"] for a in s.select("a")]
            assert links == [root, root + "your-connect/history/", root + "search/"], links
    assert "ページが見つかりません" in soup.select(".terms-not-found-ja-first section")[0].get_text()
    menu = [(a["hreflang"], a["href"]) for a in soup.select("a.terms-lang-switch")]
    assert menu == [("ja", "./"), ("en", "./en/")]
    assert not [t for t in soup.find_all(href=re.compile("^/")) if t.name != "base"]  # nothing root-absolute
    assert not soup.find_all(src=re.compile("^/"))
    # no inline script beyond what Material writes on every page (its scope differs: absolute here),
    # and the one that finds the site root
    def inline(page: BeautifulSoup) -> set[str]:
        return {re.sub(r'new URL\("[^"]*",location\)', "SCOPE", s.get_text())
                for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/json"}
    assert len(inline(soup) - inline(html_pages(site)["about/"])) == 1


def test_search_index_lists_every_wording_of_every_clause_once(sites) -> None:
    """What the built index holds (search/<lang>.json), against the clauses of every version computed
    from the sources: each clause's distinct texts once each, every version it stands in covered by
    exactly one of its periods, with the label and heading of the last version it stands in."""
    from collections import Counter

    from termsite.outputs import searchfold
    from termsite.outputs.searchindex import clauses

    site = sites.get(DAY)
    corpus = load_corpus(ROOT)
    for lang in ("ja", "en"):
        index = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))
        indexed: Counter[tuple[str, str, str, str]] = Counter()
        last: dict[tuple[str, str, str], tuple[str, str]] = {}
        for d, anchor, _present, wordings in index["clauses"]:
            order = index["documents"][d]["versions"]
            texts = [w[2] for w in wordings]
            assert len(texts) == len(set(texts)), anchor  # a wording once per clause
            for label, heading, text, _keys, _order, periods, folded, folded_heading in wordings:
                assert (folded, folded_heading) == (searchfold.fold(text), searchfold.fold(heading))
                for p in periods:
                    for slug in order[order.index(p[4]):order.index(p[5]) + 1]:
                        indexed[(index["documents"][d]["title"], slug, anchor, text)] += 1
                last[(index["documents"][d]["title"], anchor, text)] = (label, heading)
        expected: Counter[tuple[str, str, str, str]] = Counter()
        shown: dict[tuple[str, str, str], tuple[str, str]] = {}
        for doc in corpus.documents:
            for v in corpus.versions[doc.slug]:
                for anchor, label, heading, text in clauses(v, lang):
                    expected[(doc.title[lang], v.slug, anchor, text)] += 1
                    shown[(doc.title[lang], anchor, text)] = (label, heading)
        assert indexed == expected
        assert all(n == 1 for n in indexed.values())
        assert last == shown
        # a wording shared by versions is one entry: fewer wordings than clauses of all versions
        assert sum(len(c[3]) for c in index["clauses"]) < sum(expected.values())
        assert not any("¶" in label or "¶" in text for label, _h, text in
                       ((w[0], w[1], w[2]) for c in index["clauses"] for w in c[3]))
