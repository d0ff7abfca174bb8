"""The published site in a real browser (Chromium through Playwright), under /terms/.

When CI is set a missing browser fails the run; elsewhere it skips with the way to install one.
Screenshots of every page type are kept in test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from conftest import BUILD_DAY, LATER_DAY, ROOT  # the browser and servers fixtures are in conftest.py

ARTIFACTS = ROOT / "test-artifacts"

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture()
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                                  timezone_id="Asia/Tokyo")
    pg = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith(("data:", "blob:")) else None)
    pg.errors = errors
    pg.outside = outside
    yield pg
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert errors == [], f"console errors: {errors}"


NOON_JST = "T03:00:00Z"


def visit(pg, servers, day: str, path: str = "") -> None:
    """Open a page of the site built for ``day`` with the browser clock at noon (JST) that day,
    so the banner script agrees with the build; tests of the clock itself set their own time."""
    pg.clock.set_fixed_time(day + NOON_JST)
    pg.goto(servers[day].base + path)


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def visible_banners(pg) -> list[str]:
    return pg.eval_on_selector_all(".terms-banner:not([hidden])", "els => els.map(e => e.innerText.trim())")


def test_root_shows_terms_in_force_per_build_day(page, servers) -> None:
    visit(page, servers, BUILD_DAY)
    assert page.locator("h2#art-1").is_visible()
    assert page.locator("#art-14").count() == 0           # the old terms: no 第14条 yet
    assert visible_banners(page)[0].startswith("2026年3月1日から改正後の規約が適用されます。")
    shot(page, "root-before-revision")
    visit(page, servers, LATER_DAY)
    assert page.locator("#art-14").count() == 1
    assert visible_banners(page) == ["この規約は2026年3月1日から適用されています。"]
    shot(page, "root-desktop")


def test_banner_follows_the_reader_clock(browser, servers) -> None:
    context = browser.new_context(timezone_id="Asia/Tokyo")
    pg = context.new_page()
    # built on 2026-02-15; the reader opens it at 00:00:30 JST on 2026-03-01
    pg.clock.set_fixed_time("2026-02-28T15:00:30Z")
    pg.goto(servers[BUILD_DAY].base)
    # the root is the URL the terms name: it says first which terms now apply
    assert visible_banners(pg)[0].startswith("現在適用されている規約（2026年3月1日実施の版）")
    pg.goto(servers[BUILD_DAY].base + "your-connect/initial/")
    assert visible_banners(pg)[0].startswith("この版は2026年2月28日まで適用されていました。")
    pg.goto(servers[BUILD_DAY].base + "your-connect/2026-03-01/")
    assert visible_banners(pg)[0].startswith("この規約は2026年3月1日から適用されています。")
    # one second before midnight JST nothing changes
    pg.clock.set_fixed_time("2026-02-28T14:59:59Z")
    pg.goto(servers[BUILD_DAY].base)
    assert visible_banners(pg)[0].startswith("2026年3月1日から改正後の規約が適用されます。")
    context.close()


def test_language_switch_keeps_page_and_clause(page, servers) -> None:
    visit(page, servers, LATER_DAY, "your-connect/2026-03-01/#art-5-p4")
    page.locator(".md-header .md-select").hover()
    page.locator('a.terms-lang-switch[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/terms/en/your-connect/2026-03-01/#art-5-p4$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header .md-select").hover()
    page.locator('a.terms-lang-switch[hreflang="ja"]').click()
    page.wait_for_url(re.compile(r"/terms/your-connect/2026-03-01/#art-5-p4$"))
    assert page.locator("html").get_attribute("lang") == "ja"


def test_deep_link_scrolls_to_clause(page, servers) -> None:
    visit(page, servers, LATER_DAY, "your-connect/2026-03-01/#art-11")
    page.wait_for_timeout(200)
    top = page.eval_on_selector("#art-11", "e => e.getBoundingClientRect().top")
    assert 0 <= top < 200
    assert page.evaluate("window.scrollY") > 1000


def test_comparison_underlines_and_elisions(page, servers) -> None:
    visit(page, servers, LATER_DAY, "your-connect/2026-03-01/comparison/")
    for side, selector in (("old", "td.terms-cmp-old del.terms-mark"), ("new", "td.terms-cmp-new ins.terms-mark")):
        marks = page.locator(selector)
        assert marks.count() > 10, side
        style = marks.first.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert style == "underline", side
    # 付加 → 負荷 is underlined, not struck through, on both sides
    row = page.locator("#row-art-4-p1")
    assert row.locator("del.terms-mark", has_text="付加").evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert row.locator("ins.terms-mark", has_text="負荷").is_visible()
    elided = page.locator("details.terms-elided").first
    body = elided.locator(".terms-elided__body")
    assert not body.is_visible()
    elided.locator("summary").click()
    assert body.is_visible()
    shot(page, "comparison-desktop")


def test_print_keeps_both_columns_and_underlines(page, servers) -> None:
    visit(page, servers, LATER_DAY, "your-connect/2026-03-01/comparison/")
    page.emulate_media(media="print")
    widths = page.eval_on_selector_all("table.terms-cmp thead th", "ths => ths.map(t => t.getBoundingClientRect().width)")
    assert len(widths) == 2 and min(widths) > 200
    assert page.eval_on_selector("table.terms-cmp thead", "e => getComputedStyle(e).display") == "table-header-group"
    assert page.eval_on_selector("ins.terms-mark", "e => getComputedStyle(e).textDecorationLine") == "underline"
    assert not page.locator(".md-sidebar--primary").is_visible()
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "comparison-print.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_search_for_crm_integration_opens_the_clause(page, servers) -> None:
    visit(page, servers, LATER_DAY, "search/")
    box = page.locator("#terms-q")
    box.click()
    page.keyboard.insert_text("CRM連携")  # as an IME commits text: no key events for the characters
    first = page.locator(".terms-results li a").first
    first.wait_for(timeout=10_000)
    assert first.inner_text().startswith("第14条")
    first.click()
    page.wait_for_url(re.compile(r"#art-14$"))
    assert page.locator("#art-14").is_visible()


def test_search_for_nothing_says_so(page, servers) -> None:
    visit(page, servers, LATER_DAY, "search/?q=" + "存在しない語句ぴよ")
    page.locator(".terms-noresult").wait_for(timeout=10_000)
    assert "含む条項はありません" in page.locator(".terms-noresult").inner_text()


PAGE_TYPES = ["", "your-connect/initial/", "your-connect/2026-03-01/comparison/", "your-connect/history/",
              "search/", "about/", "en/", "en/your-connect/2026-03-01/comparison/", "your-connect/2026-03-01/notice/",
              "your-connect/", "en/your-connect/clauses/"]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_accessibility_no_serious_violations(page, servers, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    visit(page, servers, LATER_DAY, path)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("path", ["", "your-connect/initial/", "your-connect/history/", "en/",
                                  "your-connect/2026-03-01/comparison/"])
def test_phone_width_has_no_page_scroll(browser, servers, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    pg = context.new_page()
    visit(pg, servers, LATER_DAY, path)
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    name = "phone-" + (path.strip("/").replace("/", "-") or "root")
    shot(pg, name)
    context.close()


def test_crawl_every_link_and_anchor(browser, servers) -> None:
    """Every internal link on every page resolves, and every #anchor exists on its target."""
    context = browser.new_context()
    pg = context.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"{pg.url}: {m.text}") if m.type == "error" else None)
    base = servers[LATER_DAY].base
    seen: dict[str, set[str]] = {}
    queue = [base, base + "en/"]
    wanted: list[tuple[str, str, str]] = []
    files: set[str] = set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = pg.goto(url)
        assert response is not None and response.status == 200, url
        seen[url] = set(pg.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in pg.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, fragment = urldefrag(href)
            if not target.startswith(base):
                continue
            if fragment:
                wanted.append((url, target, fragment))
            if target.endswith(".pdf"):  # a file, not a page: it must be there (the comparisons' PDFs)
                files.add(target)
            elif target not in seen and not re.search(r"\.(xml|json|css|js)$", target):
                queue.append(target)
    context.close()
    site = servers[LATER_DAY].site
    built = {base + str(p.parent.relative_to(site)).replace(".", "").lstrip("/") + ("/" if p.parent != site else "")
             for p in site.rglob("index.html") if "pagefind" not in p.parts}
    built = {u.replace("//", "/").replace("http:/", "http://") for u in built}
    assert set(seen) == built
    assert files and all((site / f.removeprefix(base)).is_file() for f in files)
    missing = [(src, t, f) for src, t, f in wanted if t in seen and f not in seen[t]]
    assert missing == []
    assert errors == []


def test_history_answers_which_version_applied_on_a_day(page, servers) -> None:
    visit(page, servers, LATER_DAY, "your-connect/history/")
    day = page.locator("#terms-asof-day")
    day.fill("2026-02-28")
    day.dispatch_event("change")
    # the first version's own 実施期日 is not recorded; the record shows it applying until 2026-02-28
    answer = page.locator("form.terms-asof output").inner_text()
    assert "記録の範囲外" not in answer and "実施期日は記録されていません" in answer
    assert page.locator("tr.terms-history--asof").get_attribute("id") == "v-initial"
    day.fill("2026-03-01")
    day.dispatch_event("change")
    assert page.locator("tr.terms-history--asof").get_attribute("id") == "v-2026-03-01"


@pytest.mark.parametrize("missing", ["no-such-page/", "en/no-such-page/", "your-connect/2099-01-01/", "en/search/x"])
def test_missing_page_gets_the_bilingual_404(page, servers, missing: str) -> None:
    """As on GitHub Pages: any missing path, in either language, gets the top-level 404.html."""
    page.clock.set_fixed_time(LATER_DAY + NOON_JST)
    response = page.goto(servers[LATER_DAY].base + missing)
    assert response is not None and response.status == 404
    english = missing.startswith("en/")  # English first below en/, else Japanese (governing)
    assert page.locator("html").get_attribute("lang") == ("en" if english else "ja")
    assert page.locator('section[lang="ja"]:visible h' + ("2" if english else "1")).inner_text() == "ページが見つかりません"
    assert page.locator('section[lang="en"]:visible h' + ("1" if english else "2")).inner_text() == "Page not found"
    page.locator('section[lang="en"]:visible a').first.click()
    page.wait_for_url(re.compile(r"/terms/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h2#art-14").is_visible()
    if missing == "en/no-such-page/":
        page.goto(servers[LATER_DAY].base + missing)
        shot(page, "404")
    page.errors[:] = [e for e in page.errors if "status of 404" not in e]  # the answer we asked for
