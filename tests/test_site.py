"""The built site, parsed: the right version at the root on the right day, banners, alternates,
anchors, 和暦 in the 附則. Built with the real samples for four days around the 2026-03-01 revision."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SITE_URL = "https://portal.your-connect.com/terms/"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def shown_banners(soup: BeautifulSoup) -> list[str]:
    return [b.get_text(" ", strip=True) for b in soup.select(".terms-banner") if not b.has_attr("hidden")]


def is_version(soup: BeautifulSoup, slug: str) -> bool:
    """Which version a page renders: its permanent link names it."""
    links = [a["href"] for a in soup.select(".terms-meta a")]
    return any(h.rstrip("/").endswith(f"your-connect/{slug}") for h in links)


@pytest.mark.parametrize("today, at_root", [
    ("2026-02-15", "initial"), ("2026-02-28", "initial"), ("2026-03-01", "2026-03-01"), ("2026-11-24", "2026-03-01"),
])
def test_root_shows_the_terms_in_force(sites, today: str, at_root: str) -> None:
    site = sites.get(today)
    for prefix in ("", "en/"):
        soup = page(site, prefix)
        assert is_version(soup, at_root), (today, prefix)
        assert soup.html["lang"] == ("en" if prefix else "ja")


def test_banners_before_the_revision(sites) -> None:
    site = sites.get("2026-02-15")
    root = shown_banners(page(site, ""))
    assert root == ["2026年3月1日から改正後の規約が適用されます。 改正後の規約 現改比較表"]
    assert shown_banners(page(site, "your-connect/2026-03-01/")) == [
        "この版は2026年3月1日から実施されます。 現改比較表 現行の規約"]
    assert shown_banners(page(site, "en/")) == [
        "The revised terms apply from March 1, 2026. Revised terms Comparison table"]
    assert shown_banners(page(site, "en/your-connect/2026-03-01/"))[0].startswith(
        "This version applies from March 1, 2026.")


def test_banners_on_the_last_day_of_the_old_version(sites) -> None:
    site = sites.get("2026-02-28")
    assert shown_banners(page(site, ""))[0].startswith("2026年3月1日から改正後の規約が適用されます。")


@pytest.mark.parametrize("today", ["2026-03-01", "2026-11-24"])
def test_banners_after_the_revision(sites, today: str) -> None:
    site = sites.get(today)
    assert shown_banners(page(site, "your-connect/initial/")) == [
        "この版は2026年2月28日まで適用されていました。 2026年3月1日実施の版 この版から現行の規約までの変更 改定履歴"]
    assert shown_banners(page(site, "en/your-connect/initial/"))[0] == (
        "This version applied until February 28, 2026. Version from March 1, 2026 Changes since this version "
        "History of these terms")
    assert shown_banners(page(site, "")) == ["この規約は2026年3月1日から適用されています。"]


def test_every_banner_state_is_in_the_page_for_the_reader_clock(sites) -> None:
    soup = page(sites.get("2026-02-15"), "")
    box = soup.select_one(".terms-banners")
    assert box["data-terms-end"] == "2026-02-28"
    states = [b["data-terms-state"] for b in box.select(".terms-banner")]
    assert states == ["in-force", "superseded"]


def test_hreflang_alternates_per_page(sites) -> None:
    site = sites.get("2026-11-24")
    for url in ("", "your-connect/2026-03-01/", "your-connect/history/", "your-connect/2026-03-01/comparison/"):
        for prefix in ("", "en/"):
            soup = page(site, prefix + url)
            alternates = {l["hreflang"]: l["href"] for l in soup.select('link[rel=alternate][hreflang]')}
            assert alternates == {"ja": SITE_URL + url, "en": SITE_URL + "en/" + url, "x-default": SITE_URL + url}
            switch = {a["hreflang"]: a["href"] for a in soup.select("a.terms-lang-switch")}
            # relative links that resolve to the twin page
            for lang, href in switch.items():
                here = "/terms/" + prefix + url
                from urllib.parse import urljoin
                assert urljoin("https://x" + here, href) == "https://x/terms/" + ("en/" if lang == "en" else "") + url


def anchors(soup: BeautifulSoup) -> list[str]:
    return [e["id"] for e in soup.select(".terms-version [id]")]


def test_anchors_identical_across_languages(sites) -> None:
    site = sites.get("2026-11-24")
    for slug in ("initial", "2026-03-01"):
        ja = anchors(page(site, f"your-connect/{slug}/"))
        en = anchors(page(site, f"en/your-connect/{slug}/"))
        assert ja == en and len(ja) > 40
        assert len(ja) == len(set(ja))
    new = page(site, "your-connect/2026-03-01/")
    for clause in ("art-1", "art-1-p1-i4", "art-1-p7-i2", "art-14", "art-14-p6", "suppl-2026-03-01-p1"):
        assert new.find(id=clause) is not None, clause
    # every anchor of the old version still exists in the new one except what was removed
    assert set(anchors(page(site, "your-connect/initial/"))) <= set(anchors(new))


def test_headings_link_to_themselves(sites) -> None:
    soup = page(sites.get("2026-11-24"), "your-connect/2026-03-01/")
    h = soup.find(id="art-14")
    assert h.name == "h2" and h.get_text().startswith("第14条（CRM連携機能に関する条件）")
    assert h.select_one("a.terms-anchor")["href"] == "#art-14"


def test_supplementary_provision_in_wareki(sites) -> None:
    site = sites.get("2026-11-24")
    ja = page(site, "your-connect/2026-03-01/")
    assert ja.find(id="suppl-2026-03-01").get_text().startswith("附 則（令和8年1月27日 S S D S 000400007747-01号）")
    assert "この改正規定は、令和8年3月1日から実施します。" in ja.find(id="suppl-2026-03-01-p1").get_text()
    en = page(site, "en/your-connect/2026-03-01/")
    assert en.find(id="suppl-2026-03-01").get_text().startswith("Supplementary Provisions (January 27, 2026")


def test_english_pages_say_japanese_governs(sites) -> None:
    site = sites.get("2026-11-24")
    for path in sorted((site / "en").rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        note = soup.select_one(".terms-governing")
        assert note is not None and "Japanese text governs" in note.get_text(), path


def test_history_lists_periods(sites) -> None:
    soup = page(sites.get("2026-11-24"), "your-connect/history/")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("table.terms-history tbody tr")]
    assert rows[0][:4] == ["2026年3月1日～", "2026年1月30日", "S S D S 000400007747-01号", "現行"]
    assert rows[1][:4] == ["～2026年2月28日", "記録なし", "—", "適用終了"]
    en = page(sites.get("2026-02-15"), "en/your-connect/history/")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in en.select("table.terms-history tbody tr")]
    assert rows[0][0] == "From March 1, 2026" and rows[0][3] == "upcoming"
    assert rows[1][0] == "Until February 28, 2026" and rows[1][3] == "in force"


def test_omitted_text_is_a_marked_placeholder(sites) -> None:
    soup = page(sites.get("2026-11-24"), "your-connect/2026-03-01/")
    omitted = soup.select(".terms-paragraph--omitted, .terms-article--omitted")
    labels = [o.get_text(" ", strip=True) for o in omitted]
    assert len(labels) == 4  # 第1条2～3, 第1条8, 第6条～第10条, 第12条～第13条
    assert all("この部分の条文は、このサイトには掲載していません。" in l for l in labels)


def test_text_is_never_markup(sites) -> None:
    """Legal text is escaped: no element in a clause that the templates did not write."""
    soup = page(sites.get("2026-11-24"), "your-connect/2026-03-01/")
    allowed = {"section", "h2", "h3", "div", "p", "span", "a", "ol", "ul", "li"}
    assert {t.name for t in soup.select_one(".terms-version").find_all(True)} <= allowed


def test_the_deploy_leaves_out_what_the_site_does_not_use(sites) -> None:
    """Material's search (its worker and lunr) and the source maps are not deployed; no page refers
    to them; the scripts the pages load are all there."""
    import re

    site = sites.get("2026-11-24")
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith(".map") or "/workers/" in f or "/lunr/" in f]
    assert not (site / "en" / "assets").exists()  # one set of assets: the English pages load the root's
    loaded = set()
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        # Material's configuration names its worker; its bundle starts it only for its own search box
        assert 'data-md-component="search"' not in text, html
        assert not re.search(r'(src|href)="[^"]*(workers/|lunr)', text), html
        for src in re.findall(r'<script[^>]* src="([^"]+)"', text):
            loaded.add((html.parent / src).resolve())
    assert loaded and all(p.is_file() for p in loaded)


def test_a_paragraph_mark_never_stands_below_a_list(sites) -> None:
    """Every paragraph has one ¶ linking itself; after a lead-in and a list it ends the lead-in (the
    items carry their own), never a line of its own below the list."""
    site = sites.get("2026-11-24")
    ends_in_list = 0
    for url in ("your-connect/2026-03-01/", "your-connect/initial/", "en/your-connect/2026-03-01/"):
        for para in page(site, url).select("div.terms-paragraph:not(.terms-paragraph--omitted)"):
            own = para.select(f'a.terms-anchor[href="#{para["id"]}"]')
            assert len(own) == 1, para["id"]
            blocks = para.find_all(["p", "ol", "ul"], recursive=False)
            blocks = [b for b in blocks if b.name != "p" or "terms-block" in b.get("class", [])]
            if blocks and blocks[-1].name in ("ol", "ul") and blocks[0].name == "p":
                ends_in_list += 1
                assert own[0].parent is blocks[0], para["id"]
            prev = own[0].find_previous_sibling()
            assert prev is None or prev.name not in ("ol", "ul"), para["id"]
    assert ends_in_list > 0
