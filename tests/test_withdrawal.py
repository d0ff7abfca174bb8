"""取り止め: a published version withdrawn before its effective day (tests/fixtures/withdrawn: a revision
published 2026-08-20 for 2026-10-01, withdrawn 2026-09-10, and the revision that replaces it from
2026-11-01). What every page, JSON file, feed and notice says on the days around each date is
worked out from the fixture's own files."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import SiteCache
from declared_support import (
    ATOM, feed, feed_entries, fixture_sites, page, summary_of_branch_adding, text, versions_json,
)
from termsite.declarations import declared
from termsite.pages.i18n import gettext
from termsite.source.loading import load_corpus
from termsite.timeline.dates import long_date
from termsite.timeline.publication import for_build, public
from termsite.timeline.status import in_force
from wording_days import assert_every_wording_applied_exactly_on_its_days

DOC = "your-connect"
TAG = "tag:portal.your-connect.com,2026:terms/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> SiteCache:
    return fixture_sites(tmp_path_factory.mktemp("withdrawn"), "withdrawn")


@pytest.fixture(scope="module")
def facts(sites: SiteCache) -> dict[str, object]:
    """The scenario as the fixture declares it: the withdrawal, the version, its replacement."""
    corpus = load_corpus(sites.project)
    d = declared(corpus, DOC)
    (w,) = d.withdrawals
    (v,) = d.withdrawn
    chain = corpus.versions[DOC]
    instead = in_force(chain, v.effective)  # what applies on the day it was to take effect
    replacement = chain[chain.index(instead) + 1]
    assert v.published < w.date < v.effective < replacement.effective  # the scenario itself
    return {"corpus": corpus, "w": w, "v": v, "instead": instead, "replacement": replacement}


def iso(day: date, delta: int = 0) -> str:
    return (day + timedelta(days=delta)).isoformat()


def test_the_withdrawn_version_never_enters_the_chain_once_withdrawn(facts) -> None:
    corpus, w, v = facts["corpus"], facts["w"], facts["v"]
    assert v not in corpus.versions[DOC]
    for offset in range(-40, 80):
        day = w.date + timedelta(days=offset)
        shown = public(corpus, day)
        slugs = [x.slug for x in shown.versions[DOC]]
        if day < v.published:
            assert v.slug not in slugs and not declared(shown, DOC).withdrawals
        elif day < w.date:
            assert v.slug in slugs  # announced, upcoming, not yet withdrawn
            assert in_force(shown.versions[DOC], day).slug != v.slug
        else:
            assert v.slug not in slugs and [x.version for x in declared(shown, DOC).withdrawals] == [v.slug]
        current = in_force(shown.versions[DOC], day)
        assert current is not None and current.slug != v.slug  # never in force, on any day


def test_the_day_before_the_withdrawal_it_is_an_ordinary_upcoming_version(sites, facts) -> None:
    v, w = facts["v"], facts["w"]
    site = sites.get(iso(w.date, -1))
    assert versions_json(site)[v.slug]["state"] == "upcoming"
    assert versions_json(site)[v.slug]["withdrawn"] is None
    assert page(site, f"{DOC}/{v.slug}").select_one(".terms-banner--withdrawn") is None
    assert f"{TAG}{DOC}/{v.slug}/withdrawn/ja" not in feed_entries(site, "ja")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_from_the_withdrawal_its_page_stays_with_the_withdrawn_banner(sites, facts, lang: str) -> None:
    v, w, instead, replacement = facts["v"], facts["w"], facts["instead"], facts["replacement"]
    for day in (w.date, v.effective, replacement.effective):
        site = sites.get(iso(day))
        root = site / ("en" if lang == "en" else "")
        soup = page(root, f"{DOC}/{v.slug}")
        banner = soup.select_one(".terms-banner--withdrawn")
        assert banner is not None, day
        words = " ".join(banner.get_text(" ").split())
        assert w.reason[lang] in words
        assert long_date(w.date, lang) in words and long_date(v.effective, lang) in words
        links = {a["href"].rstrip("/").split("/")[-1] for a in banner.select("a")}
        assert instead.slug in links and replacement.slug in links
        assert soup.select(".terms-banner--upcoming, .terms-banner--in-force") == []
        # its text stays exactly as published
        assert v.articles[1].paragraphs[1].blocks[0].text[lang] in text(soup)
        cmp = page(root, f"{DOC}/{v.slug}/comparison")
        assert cmp.select_one(".terms-banner--withdrawn") is not None
        notice = text(page(root, f"{DOC}/{v.slug}/notice"))
        assert w.reason[lang] in notice and gettext(lang, "Notice of withdrawal: %(title)s").split("%")[0].strip() in notice


def test_on_the_day_it_was_to_take_effect_the_earlier_terms_apply(sites, facts) -> None:
    v, instead, replacement = facts["v"], facts["instead"], facts["replacement"]
    site = sites.get(iso(v.effective))
    index = versions_json(site)
    assert index[v.slug]["state"] == "withdrawn" and index[v.slug]["period"] == {"start": None, "end": None}
    assert index[instead.slug]["state"] == "in-force"
    assert index[instead.slug]["period"]["end"] == iso(replacement.effective, -1)
    root = text(page(site, ""))
    maintenance = lambda x: x.article("art-2").paragraphs[1].blocks[0].text.ja  # noqa: E731
    assert maintenance(instead) in root and maintenance(v) not in root
    assert maintenance(replacement) not in root
    later = sites.get(iso(replacement.effective))
    assert versions_json(later)[replacement.slug]["state"] == "in-force"
    assert maintenance(replacement) in text(page(later, ""))


@pytest.mark.parametrize("offset", [-1, 0])
def test_search_offers_the_withdrawn_versions_wording_only_while_it_is_announced(sites, facts, offset: int) -> None:
    """The built index (search/<lang>.json): every wording applied on some day, with exactly those days
    (tests/wording_days.py); the day before the withdrawal the version's own wording is offered as
    upcoming (from its day), from the withdrawal on not at all: it never applied."""
    import json

    w, v = facts["w"], facts["v"]
    day = w.date + timedelta(days=offset)
    site = sites.get(iso(day))
    versions = for_build(facts["corpus"], day).versions[DOC]
    for lang in ("ja", "en"):
        index = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))
        assert_every_wording_applied_exactly_on_its_days(index, versions, lang)
        own = v.article("art-2").paragraphs[1].blocks[0].text[lang]
        offered = [p for c in index["clauses"] for wording in c[3] if own in wording[2] for p in wording[5]]
        assert [p[0] for p in offered] == ([v.effective.isoformat()] if day < w.date else [])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_history_json_and_feed_say_so(sites, facts, lang: str) -> None:
    v, w = facts["v"], facts["w"]
    before, on = sites.get(iso(w.date, -1)), sites.get(iso(w.date))
    history = page(on / ("en" if lang == "en" else ""), f"{DOC}/history")
    listed = history.select_one(f"#v-{v.slug}")
    assert listed is not None and w.reason[lang] in listed.get_text(" ")
    entry = versions_json(on)[v.slug]
    assert entry["withdrawn"] == {"date": w.date.isoformat(), "reason": {"ja": w.reason.ja, "en": w.reason.en}}
    entries = feed_entries(on, lang)
    announced = entries[f"{TAG}{DOC}/{v.slug}/{lang}"]  # the announcement keeps its id …
    assert announced.findtext(f"{ATOM}published", "").startswith(v.published.isoformat())
    assert announced.findtext(f"{ATOM}updated", "").startswith(w.date.isoformat())
    withdrawal = entries[f"{TAG}{DOC}/{v.slug}/withdrawn/{lang}"]  # … and subscribers get a new entry
    assert withdrawal.findtext(f"{ATOM}published", "").startswith(w.date.isoformat())
    assert w.reason[lang] in withdrawal.findtext(f"{ATOM}content", "")
    assert set(feed_entries(before, lang)) <= set(entries)  # nothing disappears
    updated = [feed(sites.get(iso(d)), lang).findtext(f"{ATOM}updated", "")
               for d in (w.date - timedelta(days=1), w.date, v.effective)]
    assert updated == sorted(updated) and updated[1].startswith(w.date.isoformat())  # never goes back


def test_termsite_notice_for_the_withdrawn_version(sites, facts) -> None:
    v, w, instead = facts["v"], facts["w"], facts["instead"]
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "notice", DOC, v.slug], cwd=sites.project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert w.reason.ja in result.stdout and "取り止め" in result.stdout
    assert f"{DOC}/{instead.slug}/" in result.stdout


def test_the_lock_allows_the_withdrawal_and_nothing_else(sites, facts) -> None:
    """The withdrawn version is locked, and so is its withdrawal (recorded the day it is made); an
    edit of the withdrawn version is refused by the check as any published text is."""
    import json

    lock = json.loads((sites.project / "versions/lock.json").read_text(encoding="utf-8"))
    withdrawal = f"versions/{DOC}/withdrawals/{facts['v'].slug}.yaml"
    assert f"versions/{DOC}/{facts['v'].slug}.yaml" in lock and withdrawal in lock
    check = subprocess.run([sys.executable, "-m", "termsite.cli", "immutable"], cwd=sites.project,
                           capture_output=True, text=True, env={**os.environ, "TERMS_TODAY": iso(facts["w"].date)})
    assert check.returncode == 1  # published that day, the replacement must be locked too
    reported = {line.split(": error: ")[0] for line in check.stderr.splitlines()}
    assert reported == {f"versions/{DOC}/{facts['replacement'].slug}.yaml"}
    path = sites.project / f"versions/{DOC}/{facts['v'].slug}.yaml"
    saved = path.read_bytes()
    try:
        path.write_bytes(saved.replace("毎日0時から6時".encode(), "毎日1時から6時".encode()))
        result = subprocess.run([sys.executable, "-m", "termsite.cli", "check"], cwd=sites.project,
                                capture_output=True, text=True)
        first = result.stderr.splitlines()[0]
        assert result.returncode == 1 and first.startswith(f"versions/{DOC}/{facts['v'].slug}.yaml:1:1: error: ")
        assert f"it was withdrawn (versions/{DOC}/withdrawals/{facts['v'].slug}.yaml)" in first
    finally:
        path.write_bytes(saved)


def test_termsite_new_after_a_withdrawal(sites, facts, tmp_path: Path) -> None:
    """The next version starts from the latest version that takes effect (not the withdrawn one), and
    the withdrawn version's date stays its own."""
    import shutil

    from termsite.workflow.newversion import NewVersionError, new_version

    project = tmp_path / "p"
    shutil.copytree(sites.project, project, symlinks=True)
    v, replacement = facts["v"], facts["replacement"]
    with pytest.raises(NewVersionError, match="is a withdrawn version"):
        new_version(project, DOC, v.slug, iso(v.published))
    later = replacement.effective + timedelta(days=60)
    made = new_version(project, DOC, later.isoformat(), iso(replacement.effective))
    copied = made.read_text(encoding="utf-8")
    assert replacement.article("art-2").paragraphs[1].blocks[0].text.ja in copied
    assert v.article("art-2").paragraphs[1].blocks[0].text.ja not in copied


def test_the_pull_request_check_shows_the_withdrawal(facts, tmp_path: Path) -> None:
    from conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", FIXTURES / "withdrawn", with_samples=True)
    w, v, instead = facts["w"], facts["v"], facts["instead"]
    shown = summary_of_branch_adding(project, project / w.path)
    assert f"### 取り止め / Withdrawal: {w.path}" in shown
    assert f"withdrawn on **{w.date}**" in shown and f"on {v.effective} version {instead.slug} goes on applying" in shown
    assert w.reason.ja in shown and w.reason.en in shown
