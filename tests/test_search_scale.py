"""Search at 40 versions (the benchmark's corpus), in a real browser: a common word is answered with
each distinct wording of each clause once, grouped by clause, the wordings in force shown and the
earlier ones behind the switch. The expected wordings are computed here from the version sources.

One site, built once for the module (its PDFs kept in the repository's .cache/, as builds keep them).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from browser_support import SiteServer
from conftest import ROOT

pytest.importorskip("playwright.sync_api")
sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus  # noqa: E402

from termsite.outputs import searchfold  # noqa: E402
from termsite.outputs.searchindex import clauses  # noqa: E402
from termsite.source.loading import load_corpus  # noqa: E402
from termsite.timeline.status import period  # noqa: E402

DAY = "2026-11-24"
NOON_JST = "T03:00:00Z"
RANK = {"in-force": 0, "upcoming": 1, "superseded": 2}


@dataclass(frozen=True)
class Wording:
    anchor: str
    text: str
    state: str  # in force if it stands in the version in force that day, else upcoming if in one to come


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_corpus(tmp_path_factory.mktemp("scale") / "project", 40)
    (ROOT / ".cache").mkdir(exist_ok=True)
    (project / ".cache").symlink_to(ROOT / ".cache")  # the PDFs, printed once
    return project


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[SiteServer]:
    from termsite.workflow.build import build_site

    os.environ["TERMS_TODAY"] = DAY
    try:
        site = build_site(project, project / "site")
    finally:
        del os.environ["TERMS_TODAY"]
    s = SiteServer(site)
    yield s
    s.close()


def wordings(project: Path, lang: str) -> list[Wording]:
    """Every clause's distinct texts, from the sources, with their state on DAY."""
    corpus = load_corpus(project)
    today = date.fromisoformat(DAY)
    found: dict[tuple[str, str], set[str]] = {}
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        for v in versions:
            p = period(versions, v)
            state = "upcoming" if p.start and today < p.start else "superseded" if p.end and today > p.end else "in-force"
            for anchor, _label, _heading, text in clauses(v, lang):
                found.setdefault((anchor, text), set()).add(state)
    return [Wording(anchor, text, min(states, key=RANK.__getitem__)) for (anchor, text), states in found.items()]


def open_search(browser, server: SiteServer, lang: str, query: str):  # type: ignore[no-untyped-def]
    pg = browser.new_page()
    pg.clock.set_fixed_time(DAY + NOON_JST)
    pg.goto(server.base + ("en/" if lang == "en" else "") + "search/?q=" + quote(query))
    pg.wait_for_selector(".terms-results, .terms-noresult", timeout=15_000)
    return pg


def shown(pg) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return pg.eval_on_selector_all("li.terms-result", """els => els.map(li => ({
        anchor: li.closest('.terms-clause-hit').dataset.anchor, state: li.dataset.state,
        excerpt: li.querySelector('.terms-result__excerpt').innerText}))""")


def every_result(pg) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    while pg.locator(".terms-more").count():
        pg.locator(".terms-more").click()
    return shown(pg)


@pytest.mark.parametrize("lang, query", [("ja", "電子メール"), ("en", "e-mail")])
def test_a_common_word_gives_each_wording_once_grouped_by_clause(browser, project, server, lang: str, query: str) -> None:
    expected = [w for w in wordings(project, lang) if searchfold.fold(query) in searchfold.fold(w.text)]
    clauses_of = {w.anchor for w in expected}
    current = [w for w in expected if w.state != "superseded"]
    earlier = len(expected) - len(current)
    # not vacuous: the word stands in many clauses, most of them in several wordings
    assert len(clauses_of) >= 20 and len(expected) >= 2 * len(clauses_of) and earlier > 0 and current

    pg = open_search(browser, server, lang, query)
    line = pg.locator(".terms-result-count").inner_text()
    want = (f"「{query}」を含む文言：{len(clauses_of)}条項の{len(expected)}件（うち現行または実施予定{len(current)}件）"
            if lang == "ja" else
            f"“{query}”: {len(expected)} wordings in {len(clauses_of)} clauses ({len(current)} in force or upcoming).")
    assert line == want
    # by default the wordings in force (and upcoming) only, one per clause that has one
    default = every_result(pg)
    assert sorted(r["anchor"] for r in default) == sorted(w.anchor for w in current)
    assert all(r["state"] != "superseded" for r in default)
    # the switch shows the earlier wordings: every wording once, each clause's together
    switch = pg.locator(".terms-earlier")
    assert switch.get_attribute("aria-pressed") == "false" and f"{earlier}" in switch.inner_text()
    switch.click()
    everything = every_result(pg)
    pg.close()
    assert len(everything) == len(expected)
    groups = [r["anchor"] for r in everything]
    runs = [a for i, a in enumerate(groups) if i == 0 or groups[i - 1] != a]
    assert len(runs) == len(set(runs)) == len(clauses_of)  # each clause one group
    for anchor in clauses_of:
        assert groups.count(anchor) == sum(w.anchor == anchor for w in expected)
    # each result is one of its clause's wordings (a long one cut around the match), no two the same
    for anchor in clauses_of:
        own = [w.text for w in expected if w.anchor == anchor]
        pieces = [r["excerpt"].removeprefix("… ").removesuffix(" …") for r in everything if r["anchor"] == anchor]
        matched = [next(i for i, t in enumerate(own) if p in t) for p in pieces]
        assert len(matched) == len(set(matched)) or len(set(pieces)) < len(pieces), anchor
