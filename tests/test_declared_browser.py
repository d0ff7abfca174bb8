"""The withdrawn banner and the 正誤 note as readers see them in Chromium, on a phone (390 px) and a
desktop, with the reader's clock past the day the withdrawn version was to take effect (the client
clock must never show it, or the text it replaced, as anything else)."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from browser_support import SiteServer
from declared_support import fixture_sites
from termsite.declarations import declared
from termsite.source.loading import load_corpus
from test_browser import NOON_JST, shot, visible_banners

playwright_api = pytest.importorskip("playwright.sync_api")
DOC = "your-connect"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
WIDER_THAN = """(w) => [...document.querySelectorAll('.md-content *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && (r.left < -0.5 || r.right > w + 0.5) && getComputedStyle(e).position !== 'fixed';
}).map(e => e.className).slice(0, 5)"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    withdrawn = fixture_sites(tmp_path_factory.mktemp("w"), "withdrawn")
    erratum = fixture_sites(tmp_path_factory.mktemp("e"), "erratum")
    w = declared(load_corpus(withdrawn.project), DOC).withdrawals[0]
    c = declared(load_corpus(erratum.project), DOC).corrections[0]
    servers = {"w": SiteServer(withdrawn.get(w.date.isoformat())), "e": SiteServer(erratum.get(c.date.isoformat()))}
    yield {"w": w, "c": c, "servers": servers, "withdrawn": withdrawn}
    for s in servers.values():
        s.close()


def _no_overflow(pg, width: int) -> None:
    """Nothing reaches past the viewport: no sideways scrolling on a phone."""
    assert pg.evaluate(WIDER_THAN, width) == [] and pg.evaluate("document.scrollingElement.scrollWidth") <= width


@pytest.mark.parametrize("size", sorted(WIDTHS))
def test_withdrawn_banner_on_a_phone_and_a_desktop(browser, built, size: str) -> None:
    w, server = built["w"], built["servers"]["w"]
    corpus = load_corpus(built["withdrawn"].project)
    v = declared(corpus, DOC).withdrawn_version(w.version)
    ctx = browser.new_context(viewport=WIDTHS[size], timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    # the reader's clock a day past the date the withdrawn version was to take effect
    pg.clock.set_fixed_time((v.effective + timedelta(days=1)).isoformat() + NOON_JST)
    pg.goto(server.base + f"{DOC}/{v.slug}/")
    banners = visible_banners(pg)
    assert len(banners) == 1 and w.reason.ja in banners[0] and "取り止め" in banners[0]
    _no_overflow(pg, WIDTHS[size]["width"])
    shot(pg, f"withdrawn-{size}")
    ctx.close()


@pytest.mark.parametrize("size", sorted(WIDTHS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_erratum_note_on_a_phone_and_a_desktop(browser, built, size: str, lang: str) -> None:
    c, server = built["c"], built["servers"]["e"]
    ctx = browser.new_context(viewport=WIDTHS[size], timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    pg.clock.set_fixed_time(c.date.isoformat() + NOON_JST)
    pg.goto(server.base + ("en/" if lang == "en" else "") + f"#{c.clause}")
    note = pg.locator(f".terms-erratum[data-clause='{c.clause}']")
    assert note.is_visible()
    words = note.inner_text()
    assert c.fix(lang).wrong in words and c.fix(lang).right in words
    assert c.fix(lang).right in pg.locator(f"#{c.clause}").inner_text()
    _no_overflow(pg, WIDTHS[size]["width"])
    shot(pg, f"erratum-{lang}-{size}")
    ctx.close()
