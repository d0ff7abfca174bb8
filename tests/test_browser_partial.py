"""一部施行 in a real browser: the reader's clock crosses each Tokyo midnight that matters for
tests/fixtures/partial — the revision's own day and each deferred day — on a site built the day
before, so only the page script can get the new day right. Expected words come from the fixture.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Iterator

import pytest
import yaml

from conftest import FIXTURES, ROOT, make_project
from termsite.timeline.dates import TOKYO, long_date

playwright_api = pytest.importorskip("playwright.sync_api")

ARTIFACTS = ROOT / "test-artifacts"
NEW = yaml.safe_load((FIXTURES / "partial/versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8"))
SLUG = str(NEW["effective"])
START = date.fromisoformat(SLUG)
OWN = [s for s in NEW["supplementary"] if str(s["effective"]) == SLUG][0]
LATER = sorted({date.fromisoformat(str(d["effective"])) for p in OWN["paragraphs"] for d in p.get("defers", [])})
MIDNIGHTS = [START, *LATER]  # the days the text in force changes
BUILT = [d - timedelta(days=1) for d in MIDNIGHTS]  # each site is built the day before


def at(day: date, seconds: int) -> str:
    """``seconds`` after 00:00 in Tokyo on ``day`` (negative: before), as UTC for the browser clock."""
    moment = datetime.combine(day, time(0), TOKYO) + timedelta(seconds=seconds)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def partial_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[date, object]]:
    from browser_support import SiteServer
    from deferred_support import build_days
    project = make_project(tmp_path_factory.mktemp("partial-b") / "p", FIXTURES / "partial", with_samples=True)
    out = {day: SiteServer(site) for day, site in build_days(project, BUILT, tmp_path_factory).items()}
    yield out
    for s in out.values():
        s.close()  # type: ignore[attr-defined]


@pytest.fixture()
def pg(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP", timezone_id="Asia/Tokyo")
    p = context.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    context.close()
    assert errors == [], errors


def banner(p) -> tuple[str, str]:
    shown = p.eval_on_selector_all(".terms-banner:not([hidden])",
                                   "els => els.map(e => [e.dataset.termsState, e.innerText.trim()])")
    assert len(shown) == 1, shown
    return shown[0][0], shown[0][1]


def history_state(p) -> str:
    return p.eval_on_selector(f"#v-{SLUG}", "r => r.querySelector('.terms-history-state').textContent")


@pytest.mark.parametrize("midnight", MIDNIGHTS, ids=str)
def test_states_flip_at_tokyo_midnight(pg, partial_servers, midnight: date) -> None:
    server = partial_servers[midnight - timedelta(days=1)]
    waiting_after = [d for d in LATER if d > midnight]
    waiting_before = [d for d in LATER if d >= midnight]
    # one second before midnight: as built
    pg.clock.set_fixed_time(at(midnight, -1))
    pg.goto(server.base + f"your-connect/{SLUG}/")  # type: ignore[attr-defined]
    state, words = banner(pg)
    assert state == ("upcoming" if midnight == START else "partly-in-force")
    if midnight > START:
        assert all(long_date(d, "ja") in words for d in waiting_before)
    pg.goto(server.base)  # type: ignore[attr-defined]
    root_state, root_words = banner(pg)
    assert root_state == ("in-force" if midnight == START else "partly-in-force")
    # thirty seconds after midnight in Tokyo, the same static pages
    pg.clock.set_fixed_time(at(midnight, 30))
    pg.goto(server.base + f"your-connect/{SLUG}/")  # type: ignore[attr-defined]
    state, words = banner(pg)
    assert state == ("partly-in-force" if waiting_after else "in-force")
    for d in LATER:
        assert (long_date(d, "ja") in words) == (d in waiting_after), (d, words)
    pg.goto(server.base)  # type: ignore[attr-defined]
    root_state, root_words = banner(pg)
    # the terms page built yesterday shows text no longer (wholly) in force: it says so first
    assert root_state == "superseded"
    assert root_words.startswith(f"現在適用されている規約（{long_date(START, 'ja')}実施の版）")
    pg.goto(server.base + "your-connect/history/")  # type: ignore[attr-defined]
    expected = "partly-in-force" if waiting_after else "in-force"
    assert history_state(pg) == pg.eval_on_selector("table.terms-history", f"t => t.dataset.state{''.join(w.title() for w in expected.split('-'))}")
    assert pg.eval_on_selector(f"#v-{SLUG}", f"r => r.classList.contains('terms-history--{expected}')")
    pg.goto(server.base + "your-connect/2026-03-01/")  # type: ignore[attr-defined]
    state, words = banner(pg)
    assert state == "superseded"
    assert ("引き続き適用" in words) == bool(waiting_after)
    for d in waiting_after:
        assert long_date(d, "ja") in words


def test_screenshots_partly_in_force(browser, partial_servers) -> None:
    """The partly-in-force banner and the comparison table with its rows' days, at desktop and
    phone width, for a person to look at (test-artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    server = partial_servers[BUILT[1]]
    for width, name in ((1280, "desktop"), (390, "phone")):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP", timezone_id="Asia/Tokyo")
        p = context.new_page()
        p.clock.set_fixed_time(at(BUILT[1], 12 * 3600))
        for path, label in (("", "root"), (f"your-connect/{SLUG}/", "version"),
                            (f"your-connect/{SLUG}/comparison/", "comparison"),
                            (f"en/your-connect/{SLUG}/comparison/", "comparison-en")):
            p.goto(server.base + path)  # type: ignore[attr-defined]
            assert banner(p)[0] == "partly-in-force" if label in ("root", "version") else True
            width_now = p.evaluate("document.documentElement.scrollWidth")
            assert width_now <= width, (label, width_now)
            p.screenshot(path=str(ARTIFACTS / f"partial-{label}-{name}.png"), full_page=label != "comparison")
        context.close()
