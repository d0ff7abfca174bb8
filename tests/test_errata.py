"""正誤: a misprint in a published clause in force, copied into a later version already locked
(tests/fixtures/erratum: 第2条1(3) 「困難なである」 of 2026-03-01, copied into the locked 2026-09-01,
corrected on 2026-08-10). What every page, JSON file, feed and notice says on the days around each
date is worked out from the fixture's own files."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest

from conftest import SiteCache
from declared_support import (
    ATOM, feed, feed_entries, fixture_sites, page, summary_of_branch_adding, text, versions_json,
)
from termsite.declarations import declared
from termsite.model import LANGS
from termsite.pages.errata import clause_label
from termsite.source.validation import texts
from termsite.source.loading import load_corpus
from termsite.timeline.dates import long_date
from termsite.declarations.as_of import as_of
from termsite.timeline.status import in_force

DOC = "your-connect"
TAG = "tag:portal.your-connect.com,2026:terms/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> SiteCache:
    return fixture_sites(tmp_path_factory.mktemp("erratum"), "erratum")


@pytest.fixture(scope="module")
def facts(sites: SiteCache) -> dict[str, object]:
    corpus = load_corpus(sites.project)
    (c,) = declared(corpus, DOC).corrections
    chain = corpus.versions[DOC]
    named = next(v for v in chain if v.slug == c.version)
    later = chain[chain.index(named) + 1]
    assert in_force(chain, c.date) is named and c.date < later.effective and later.published <= c.date
    lock = json.loads((sites.project / "versions/lock.json").read_text(encoding="utf-8"))
    assert f"versions/{DOC}/{later.slug}.yaml" in lock  # the later version is locked already
    # The versions that carry the misprint without a break around the one named: each reads as corrected.
    holds = [c.clause in dict(texts(v)) and all(c.fix(lang).wrong in dict(texts(v))[c.clause][lang]
                                                for lang in LANGS if c.fix(lang)) for v in chain]
    at = chain.index(named)
    first, last = at, at
    while first > 0 and holds[first - 1]:
        first -= 1
    while last + 1 < len(chain) and holds[last + 1]:
        last += 1
    run = [v.slug for v in chain[first:last + 1]]
    assert later.slug in run
    return {"corpus": corpus, "c": c, "named": named, "later": later, "run": run}


def iso(day: date, delta: int = 0) -> str:
    return (day + timedelta(days=delta)).isoformat()


def test_a_correction_changes_the_declared_wording_and_nothing_else(facts) -> None:
    """Every text of every version is as published, except the declared wording of the declared
    clause, in the version named and in every version before and after it that carries it without a
    break (here: the earlier initial version too, so that no revision shows the correction as its change)."""
    corpus, c = facts["corpus"], facts["c"]
    corrected = as_of(corpus, c.date)
    run = set(facts["run"])
    for before, after in zip(corpus.versions[DOC], corrected.versions[DOC]):
        was, now = dict(texts(before)), dict(texts(after))
        assert was.keys() == now.keys()
        carries = before.slug in run
        for key, t in was.items():
            expected = t
            if carries and key == c.clause:
                expected = replace(t, **{lang: t[lang].replace(c.fix(lang).wrong, c.fix(lang).right) for lang in LANGS
                                         if c.fix(lang)})
            assert now[key] == expected, (before.slug, key)
        if not carries:
            assert after is before  # untouched versions stay the very same objects
    assert as_of(corpus, c.date - timedelta(days=1)).versions[DOC] == corpus.versions[DOC]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_day_before_readers_see_the_text_as_published(sites, facts, lang: str) -> None:
    c = facts["c"]
    site = sites.get(iso(c.date, -1))
    root = site / ("en" if lang == "en" else "")
    for url in ("", f"{DOC}/{facts['later'].slug}"):
        soup = page(root, url)
        assert c.fix(lang).wrong in text(soup, f"#{c.clause}") and soup.select(".terms-erratum") == []
    assert all(v["corrections"] == [] for v in versions_json(site).values())
    assert not any("/corrections/" in i for i in feed_entries(site, lang))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_from_its_date_the_corrected_wording_with_a_note(sites, facts, lang: str) -> None:
    c, named, later = facts["c"], facts["named"], facts["later"]
    fix = c.fix(lang)
    for day in (c.date, later.effective):
        site = sites.get(iso(day))
        root = site / ("en" if lang == "en" else "")
        for url in ("", f"{DOC}/{named.slug}", f"{DOC}/{later.slug}"):
            soup = page(root, url)
            clause = text(soup, f"#{c.clause}")
            assert fix.right in clause and fix.wrong not in clause.replace(fix.right, ""), (day, url)
            (note,) = soup.select(f".terms-erratum[data-clause='{c.clause}']")
            words = " ".join(note.get_text(" ").split())
            assert fix.wrong in words and fix.right in words and long_date(c.date, lang) in words
            assert clause_label(named, c.clause, lang) in words  # which item of the paragraph: 第2条1(3)
        history = text(page(root, f"{DOC}/history"), ".terms-corrections")
        assert fix.wrong in history and fix.right in history
        clause_history = text(page(root, f"{DOC}/clauses/art-2"), ".terms-corrections")
        assert fix.wrong in clause_history and long_date(c.date, lang) in clause_history


def test_json_calls_it_a_correction(sites, facts) -> None:
    c, named, later = facts["c"], facts["named"], facts["later"]
    site = sites.get(iso(c.date))
    index = versions_json(site)
    record = {"kind": "correction", "date": c.date.isoformat(), "version": named.slug,
              "versions": facts["run"], "clause": c.clause, "paragraph": "art-2-p1",
              **{lang: {"wrong": c.fix(lang).wrong, "right": c.fix(lang).right} for lang in LANGS}}
    assert index[named.slug]["corrections"] == [record] and index[later.slug]["corrections"] == [record]
    assert index[named.slug]["state"] == "in-force" and index[later.slug]["state"] == "upcoming"
    clauses = json.loads((site / DOC / "clauses.json").read_text(encoding="utf-8"))
    by_id = {x["id"]: x for x in clauses["clauses"]}
    assert by_id["art-2-p1"]["corrections"] == [record]
    assert all(r["version"] != c.date.isoformat() for r in by_id["art-2-p1"]["revisions"])  # not a revision
    full = json.loads((site / DOC / named.slug / "version.json").read_text(encoding="utf-8"))
    assert full["corrections"] == [record] and c.fix("ja").right in json.dumps(full, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_feed_and_notice_call_it_a_correction(sites, facts, lang: str) -> None:
    c = facts["c"]
    before, on = sites.get(iso(c.date, -1)), sites.get(iso(c.date))
    entry = feed_entries(on, lang)[f"{TAG}{DOC}/corrections/{c.date.isoformat()}/{lang}"]
    title = entry.findtext(f"{ATOM}title", "")
    assert ("正誤" in title) if lang == "ja" else ("correction" in title)
    assert ("改定" not in title) if lang == "ja" else ("revision" not in title)
    assert c.fix(lang).right in entry.findtext(f"{ATOM}content", "")
    assert set(feed_entries(before, lang)) < set(feed_entries(on, lang))
    assert feed(on, lang).findtext(f"{ATOM}updated", "").startswith(c.date.isoformat())
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "notice", DOC, c.date.isoformat(), "--lang", lang],
                            cwd=facts_project(on), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert c.fix(lang).wrong in result.stdout and c.fix(lang).right in result.stdout
    assert ("改定ではありません" in result.stdout) if lang == "ja" else ("not a revision" in result.stdout)


def facts_project(site) -> object:
    return site.parent / "p"


def test_the_pull_request_check_shows_the_correction(tmp_path) -> None:
    """A branch adding a correction: the reviewers' summary lists each wrong and right wording."""
    from conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", FIXTURES / "erratum", with_samples=True)
    (c,) = declared(load_corpus(project), DOC).corrections
    shown = summary_of_branch_adding(project, project / c.path)
    assert f"### 正誤 / Correction: {c.path}" in shown
    for lang in LANGS:
        assert f"| {lang} | {c.fix(lang).wrong} | {c.fix(lang).right} |" in shown
