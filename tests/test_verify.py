"""`termsite verify`: the check run after every deploy, against real builds of the samples served the way
GitHub Pages serves them (under /terms/, 404.html for anything missing) on 127.0.0.1.

The days come from the sources: the 2026-03-01 revision's `published` day (it must appear) and its
`effective` day (the root must switch). A build for the day before is a *stale* site, a build for the
day after a *leaking* one; each must be told apart from a correct site and from each other."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from browser_support import SiteServer
from conftest import ROOT
from termsite.source.loading import load_corpus
from hypothesis import given, strategies as st

from termsite.workflow.verify import (day_to_check, expectation, expected_index, http_fetch, live_index_is_today,
                                     verify, verify_until)

CORPUS = load_corpus(ROOT)
REVISION = CORPUS.versions["your-connect"][-1]  # the 2026-03-01 revision
assert REVISION.published and REVISION.effective and REVISION.published < REVISION.effective
PUBLISHED, EFFECTIVE = REVISION.published, REVISION.effective
DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def served(sites):
    """One server per build day, started when first asked for."""
    servers: dict[date, SiteServer] = {}

    def get(day: date) -> str:
        if day not in servers:
            servers[day] = SiteServer(sites.get(day.isoformat()))
        return servers[day].base

    yield get
    for server in servers.values():
        server.close()


def kinds(report) -> set[str]:
    return {f.kind for f in report.findings}


def test_expected_index_is_what_a_build_for_that_day_writes(sites) -> None:
    for day in (PUBLISHED, EFFECTIVE):
        built = json.loads((sites.get(day.isoformat()) / "versions.json").read_text(encoding="utf-8"))
        assert expected_index(CORPUS, day) == built


@pytest.mark.parametrize("day", [PUBLISHED - DAY, PUBLISHED, EFFECTIVE - DAY, EFFECTIVE])
def test_a_site_built_for_the_day_passes(served, day: date) -> None:
    fetched: list[str] = []

    def recording(url: str) -> tuple[int, bytes]:
        fetched.append(url)
        return http_fetch(url)

    report = verify(served(day), expectation(CORPUS, day), fetch=recording)
    assert report.ok, report.text()
    assert report.text().startswith(f"ok: {served(day)} shows what is due on {day.isoformat()}")
    assert report.checked == len(fetched)
    # what was looked at: both roots, and each version's page in both languages — the unpublished one's too
    base = served(day)
    assert {base, base + "en/", base + "versions.json"} <= set(fetched)
    for v in CORPUS.versions["your-connect"]:
        assert {f"{base}your-connect/{v.slug}/", f"{base}en/your-connect/{v.slug}/"} <= set(fetched), v.slug


def test_stale_on_the_publication_day_the_new_version_is_missing(served) -> None:
    report = verify(served(PUBLISHED - DAY), expectation(CORPUS, PUBLISHED))
    assert not report.ok and kinds(report) == {"stale"}
    text = report.text()
    assert text.startswith(f"FAILED: {served(PUBLISHED - DAY)} is stale on {PUBLISHED.isoformat()}")
    assert f"built for {(PUBLISHED - DAY).isoformat()}" in text
    assert (f"stale: your-connect {REVISION.slug} is due (published {PUBLISHED.isoformat()}) "
            f"but missing from versions.json") in text
    # its page, in each language, is not there
    assert f"{served(PUBLISHED - DAY)}your-connect/{REVISION.slug}/ answered 404, should be 200" in text
    assert f"{served(PUBLISHED - DAY)}en/your-connect/{REVISION.slug}/ answered 404, should be 200" in text


def test_leaking_the_day_before_publication_the_new_version_is_out(served) -> None:
    report = verify(served(PUBLISHED), expectation(CORPUS, PUBLISHED - DAY))
    assert not report.ok and kinds(report) == {"leaking"}
    text = report.text()
    assert text.startswith(f"FAILED: {served(PUBLISHED)} is leaking on {(PUBLISHED - DAY).isoformat()}")
    assert (f"leaking: your-connect {REVISION.slug} is in versions.json but not published until "
            f"{PUBLISHED.isoformat()}") in text
    assert (f"{served(PUBLISHED)}your-connect/{REVISION.slug}/ answered 200, should be 404: your-connect "
            f"{REVISION.slug} is not published until {PUBLISHED.isoformat()}") in text


def test_stale_on_the_effective_day_the_root_still_shows_the_old_terms(served) -> None:
    old = CORPUS.versions["your-connect"][-2].slug
    report = verify(served(EFFECTIVE - DAY), expectation(CORPUS, EFFECTIVE))
    assert not report.ok and kinds(report) == {"stale"}
    text = report.text()
    for root, lang in ((served(EFFECTIVE - DAY), "ja"), (served(EFFECTIVE - DAY) + "en/", "en")):
        assert (f"stale: the root {root} ({lang}) shows your-connect {old}, but {REVISION.slug} is in force on "
                f"{EFFECTIVE.isoformat()}") in text
    assert f"stale: your-connect {REVISION.slug}: " in text and "state is \"upcoming\", should be \"in-force\"" in text


def test_leaking_the_day_before_it_takes_effect_the_root_shows_the_new_terms(served) -> None:
    report = verify(served(EFFECTIVE), expectation(CORPUS, EFFECTIVE - DAY))
    assert not report.ok and kinds(report) == {"leaking"}
    assert (f"leaking: the root {served(EFFECTIVE)} (ja) shows your-connect {REVISION.slug}, but "
            f"{CORPUS.versions['your-connect'][-2].slug} is in force on {(EFFECTIVE - DAY).isoformat()}"
            in report.text())


def test_nothing_served_is_unreachable_not_stale() -> None:
    def nothing(url: str) -> tuple[int, bytes]:
        return 0, b""

    report = verify("http://127.0.0.1:9/terms/", expectation(CORPUS, EFFECTIVE), fetch=nothing)
    assert "unreachable" in kinds(report)
    assert report.text().startswith("FAILED: http://127.0.0.1:9/terms/ is")
    assert "versions.json unreadable" in report.text()


def test_verify_until_retries_until_the_deployment_shows(served) -> None:
    """The CDN serves the old site for a while after a deploy: yesterday's on the first attempt, today's after."""
    old, new = served(PUBLISHED - DAY), served(PUBLISHED)
    attempts = []

    def cdn(url: str) -> tuple[int, bytes]:
        if url == new + "versions.json":
            attempts.append(url)
        return http_fetch(url.replace(new, old) if len(attempts) == 1 else url)

    report = verify_until(new, expectation(CORPUS, PUBLISHED), wait=5, interval=0.01, fetch=cdn)
    assert report.ok, report.text()
    assert len(attempts) == 2
    attempts.clear()
    failing = verify_until(old, expectation(CORPUS, PUBLISHED), wait=0.05, interval=0.01)
    assert not failing.ok and "stale" in kinds(failing)  # gives up when the time is over, with the last report


def test_the_index_check_that_lets_the_second_daily_run_skip(served) -> None:
    today = expected_index(CORPUS, PUBLISHED)
    same, message = live_index_is_today(served(PUBLISHED), today)
    assert same and "nothing to deploy" in message
    same, message = live_index_is_today(served(PUBLISHED - DAY), today)
    assert not same and f"generated for {(PUBLISHED - DAY).isoformat()}" in message and message.endswith("deploy")


def test_the_command(served, tmp_path) -> None:
    """`termsite verify URL`: exit 0 and one line when right, exit 1 and the findings when not."""
    def run(*args: str, today: date) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "termsite.cli", "verify", *args], cwd=ROOT, capture_output=True,
                              text=True, env={**os.environ, "TERMS_TODAY": today.isoformat()})

    good = run(served(PUBLISHED), today=PUBLISHED)
    assert good.returncode == 0 and good.stdout.startswith("ok: "), good.stdout + good.stderr
    report = tmp_path / "report.md"
    bad = run(served(PUBLISHED - DAY), "--report", str(report), today=PUBLISHED)
    assert bad.returncode == 1 and bad.stdout.startswith("FAILED: ") and "stale" in bad.stdout
    assert report.read_text(encoding="utf-8").startswith(f"**FAILED: {served(PUBLISHED - DAY)} is stale")
    assert run(served(PUBLISHED), "--index-only", today=PUBLISHED).returncode == 0
    assert run(served(PUBLISHED - DAY), "--index-only", today=PUBLISHED).returncode == 1


# --- a deploy across midnight ------------------------------------------------------------------------

@given(st.dates(), st.one_of(st.none(), st.dates()))
def test_the_day_checked_is_today_unless_the_deployed_build_is_from_just_before_midnight(today: date,
                                                                                     built_for: date | None) -> None:
    day, note = day_to_check(today, built_for)
    if built_for is not None and built_for == today - DAY:
        assert day == built_for and built_for.isoformat() in note and today.isoformat() in note
    else:
        assert (day, note) == (today, "")
    assert today - DAY <= day <= today  # never a later day, never more than the night's one day back


def run_verify(*args: str, today: date) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsite.cli", "verify", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "TERMS_TODAY": today.isoformat()})


def test_a_push_deployed_before_midnight_and_verified_after_it_raises_no_alarm(served, tmp_path) -> None:
    """Built and deployed on the eve of the publication day, verified just after midnight: the site is right
    for the day it was built for, and the new version is the 00:07 run's to publish. Without --built-for the
    same site is stale for the new day (the alarm the scheduled runs still raise when they find it so)."""
    eve = served(PUBLISHED - DAY)
    report = tmp_path / "report.md"
    result = run_verify(eve, "--built-for", (PUBLISHED - DAY).isoformat(), "--report", str(report), today=PUBLISHED)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"ok: {eve} shows what is due on {(PUBLISHED - DAY).isoformat()}")
    assert lines[1].startswith("note: the site this run deployed was built for ") and "00:07" in lines[1]
    assert "Note: the site this run deployed" in report.read_text(encoding="utf-8")
    unaware = run_verify(eve, today=PUBLISHED)
    assert unaware.returncode == 1 and "stale" in unaware.stdout
    assert run_verify(eve, "--built-for", "", today=PUBLISHED).returncode == 1  # nothing deployed: today


def test_a_build_day_does_not_excuse_a_wrong_site(served) -> None:
    """--built-for yesterday checks the site *for yesterday*: a site of an earlier day still fails, and a claim
    of a day two days back, or of tomorrow, is not believed (today is checked)."""
    older = served(PUBLISHED - DAY)
    result = run_verify(older, "--built-for", (EFFECTIVE - DAY).isoformat(), today=EFFECTIVE)
    assert result.returncode == 1 and f"is stale on {(EFFECTIVE - DAY).isoformat()}" in result.stdout
    two_back = run_verify(older, "--built-for", (PUBLISHED - DAY).isoformat(), today=PUBLISHED + DAY)
    assert two_back.returncode == 1 and f"on {(PUBLISHED + DAY).isoformat()}" in two_back.stdout
    bad = run_verify(older, "--built-for", "yesterday", today=PUBLISHED)
    assert bad.returncode == 2 and bad.stderr.strip() == "error: --built-for yesterday: not a date (YYYY-MM-DD)"


def test_a_partly_in_force_revision_is_what_the_root_must_show(tmp_path_factory) -> None:
    """一部施行 (tests/fixtures/partial): while some of a revision's amendments are still to take effect its
    state is "partly-in-force", and it is still the version the root shows. Built for its first day, the
    site passes; the site of the day before is stale at the root. Read from versions.json, not assumed."""
    from conftest import FIXTURES, make_project
    from termsite.workflow.build import build_site

    project = make_project(tmp_path_factory.mktemp("verify-partial") / "p", FIXTURES / "partial", with_samples=True)
    corpus = load_corpus(project)
    new = corpus.versions["your-connect"][-1]
    assert new.effective is not None
    start = new.effective
    entry = next(v for d in expected_index(corpus, start)["documents"] for v in d["versions"]
                 if v["slug"] == new.slug)
    assert entry["state"] == "partly-in-force" and entry.get("commencement")

    built = {}
    old = os.environ.get("TERMS_TODAY")
    try:
        for day in (start - DAY, start):
            os.environ["TERMS_TODAY"] = day.isoformat()
            built[day] = SiteServer(build_site(project, tmp_path_factory.mktemp(f"partial-{day}")))
    finally:
        if old is None:
            os.environ.pop("TERMS_TODAY", None)
        else:
            os.environ["TERMS_TODAY"] = old
    try:
        good = verify(built[start].base, expectation(corpus, start))
        assert good.ok, good.text()
        stale = verify(built[start - DAY].base, expectation(corpus, start))
        previous = corpus.versions["your-connect"][-2].slug
        assert kinds(stale) == {"stale"}
        assert (f"stale: the root {built[start - DAY].base} (ja) shows your-connect {previous}, but {new.slug} "
                f"is in force on {start.isoformat()}") in stale.text()
    finally:
        for server in built.values():
            server.close()
