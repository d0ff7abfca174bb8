"""取り止め of a deferred amendment on the built site: tests/fixtures/partial with the withdrawal
overlay tests/fixtures/cancelled, built on the day before and the day of the withdrawal and of each
deferred day, in both languages.

Every expected answer is computed from the YAML sources (read with PyYAML): the deferred days the
附則 declares, the clauses the withdrawal names, its date and reason.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

from conftest import FIXTURES, ROOT, make_project, shown_banner
from deferred_support import article_num, article_section, article_text, assert_articles_read_as_governing, build_days
from termsite.timeline.dates import long_date

NEW_PATH = FIXTURES / "partial/versions/your-connect/2026-10-01.yaml"
OLD_PATH = ROOT / "versions/your-connect/2026-03-01.yaml"
CANCEL_PATH = FIXTURES / "cancelled/versions/your-connect/withdrawals/2026-10-01.yaml"
NEW = yaml.safe_load(NEW_PATH.read_text(encoding="utf-8"))
OLD = yaml.safe_load(OLD_PATH.read_text(encoding="utf-8"))
CANCEL = yaml.safe_load(CANCEL_PATH.read_text(encoding="utf-8"))
SLUG = str(NEW["effective"])
OLD_SLUG = str(OLD["effective"])
START = date.fromisoformat(SLUG)
OWN = [s for s in NEW["supplementary"] if str(s["effective"]) == SLUG][0]
LATER = {c: date.fromisoformat(str(d["effective"])) for p in OWN["paragraphs"] for d in p.get("defers", [])
         for c in d["clauses"]}
CDAY = date.fromisoformat(str(CANCEL["date"]))
GONE = list(CANCEL["clauses"])
KEPT = {c: d for c, d in LATER.items() if c not in GONE}
DAYS = sorted({d + timedelta(days=k) for d in (CDAY, *LATER.values()) for k in (-1, 0)})
LANGS = ("ja", "en")


def withdrawn(day: date, clause: str) -> bool:
    return clause in GONE and day >= CDAY


def governing(clause: str, day: date) -> dict:  # type: ignore[type-arg]
    return OLD if withdrawn(day, clause) or day < LATER[clause] else NEW


def waiting(day: date) -> dict[str, date]:
    return {c: d for c, d in LATER.items() if d > day and not withdrawn(day, c)}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("cancelled") / "p", FIXTURES / "partial", FIXTURES / "cancelled",
                        with_samples=True)


@pytest.fixture(scope="module")
def sites(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[date, Path]:
    return build_days(project, DAYS, tmp_path_factory)


def page(site: Path, path: str, lang: str) -> BeautifulSoup:
    prefix = "" if lang == "ja" else "en/"
    return BeautifulSoup((site / prefix / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_overlay_withdraws_a_deferred_amendment_before_its_day() -> None:
    assert GONE and KEPT and all(CDAY < LATER[c] for c in GONE)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_terms_page_text_and_banner(sites: dict[date, Path], day: date) -> None:
    soup = page(sites[day], "", "ja")
    assert_articles_read_as_governing(soup, LATER, lambda c: governing(c, day), OLD, NEW, day)
    # the period of the text shown: from the last day its wording changed (a withdrawal changes none)
    if day >= START:
        since = max(d for d in (START, *KEPT.values()) if d <= day)
        shown = soup.select_one(".terms-period").get_text()
        assert f"{long_date(since, 'ja')}～" in shown, (day, shown)
    for lang in LANGS:
        state, words = shown_banner(page(sites[day], "", lang))
        assert state == ("partly-in-force" if waiting(day) else "in-force")
        assert (long_date(CDAY, lang) in words) == (day >= CDAY), (day, lang, words)
        for clause, d in LATER.items():
            assert (long_date(d, lang) in words) == (clause in waiting(day)), (day, lang, clause, words)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_amended_lines_and_clause_states(sites: dict[date, Path], day: date) -> None:
    """「…改正」 under a withdrawn clause: on the terms page the earlier version's day; on the
    revision's page that its amendment was withdrawn, on the withdrawal's day; on the earlier
    version's page that its wording goes on applying."""
    for clause in GONE:
        art = f"art-{article_num(clause)}"
        mark = article_section(page(sites[day], "", "ja"), art).select_one(".terms-clause-mark").get_text()
        assert f"{long_date(date.fromisoformat(OLD_SLUG), 'ja')}改正" in mark
        mark = article_section(page(sites[day], f"your-connect/{SLUG}", "ja"), art).select_one(".terms-clause-mark").get_text()
        if day >= CDAY:
            assert f"{long_date(CDAY, 'ja')}改正取り止め" in mark, mark
            assert long_date(LATER[clause], "ja") not in mark
        else:
            assert f"{long_date(LATER[clause], 'ja')}改正" in mark
        for lang in LANGS:
            said = article_text(page(sites[day], f"your-connect/{OLD_SLUG}", lang), art)
            assert (long_date(CDAY, lang) in said) == (day >= CDAY), (day, lang, said)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_version_page_and_versions_json(sites: dict[date, Path], day: date) -> None:
    for lang in LANGS:
        state, words = shown_banner(page(sites[day], f"your-connect/{SLUG}", lang))
        assert state == ("partly-in-force" if waiting(day) else "in-force")
        assert (long_date(CDAY, lang) in words) == (day >= CDAY), (day, lang, words)
        if day >= CDAY:
            assert all(long_date(LATER[c], lang) not in words for c in GONE)
    index = json.loads((sites[day] / "versions.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schema/versions-index.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=FormatChecker(["date"])).validate(index)
    entry = next(v for v in index["documents"][0]["versions"] if v["slug"] == SLUG)
    assert entry["state"] == ("partly-in-force" if waiting(day) else "in-force")
    if day >= CDAY:
        assert entry["withdrawn_amendments"] == [{"date": CDAY.isoformat(), "clauses": GONE, "reason": CANCEL["reason"]}]
        assert {c for e in entry["commencement"] for c in e["clauses"]} == set(KEPT)
    else:
        assert "withdrawn_amendments" not in entry
        assert {c for e in entry["commencement"] for c in e["clauses"]} == set(LATER)


def test_clauses_json_says_the_withdrawn_wording_never_applied(sites: dict[date, Path]) -> None:
    for day in (DAYS[0], DAYS[-1]):
        data = json.loads((sites[day] / "your-connect/clauses.json").read_text(encoding="utf-8"))
        schema = json.loads((ROOT / "schema/clause-history.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator(schema, format_checker=FormatChecker(["date"])).validate(data)
        clauses = {c["id"]: c for c in data["clauses"]}
        for clause in GONE:
            new = [w for w in clauses[clause]["wordings"] if SLUG in w["versions"]]
            assert new and all(w.get("withdrawn") == (CDAY.isoformat() if day >= CDAY else None) for w in new)
            old = next(w for w in clauses[clause]["wordings"] if OLD_SLUG in w["versions"])
            assert old["period"]["end"] == (None if day >= CDAY else (LATER[clause] - timedelta(days=1)).isoformat())
        for clause, d in KEPT.items():
            assert all("withdrawn" not in w for w in clauses[clause]["wordings"])
            assert clauses[clause]["wordings"][-1]["period"]["start"] == d.isoformat()


def test_the_clause_history_page_says_the_withdrawn_wording_never_applied(sites: dict[date, Path]) -> None:
    day = DAYS[-1]
    for clause in GONE:
        art = f"art-{article_num(clause)}"
        for lang in LANGS:
            soup = page(sites[day], f"your-connect/clauses/{art}", lang)
            entry = soup.find(id=f"{clause}--{SLUG}")
            assert entry is not None and entry["data-state"] == "superseded"
            head = entry.select_one(".terms-wording-head").get_text(" ", strip=True)
            assert entry.select_one(".terms-wording-never") is not None and entry.select_one(".terms-wording-state") is None
            assert long_date(CDAY, lang) in head and long_date(LATER[clause], lang) not in head, head


def test_comparison_rows_feed_and_notice(sites: dict[date, Path], project: Path) -> None:
    site = sites[DAYS[-1]]
    for lang in LANGS:
        soup = page(site, f"your-connect/{SLUG}/comparison", lang)
        days = {tr["id"]: tr["data-takes-effect"] for tr in soup.select("tr[data-takes-effect]")}
        for clause in LATER:
            own = [rid for rid in days if rid == f"row-{clause}" or rid.startswith(f"row-{clause}-")]
            assert own, clause
            day = CDAY if clause in GONE else LATER[clause]
            assert all(long_date(day, lang) in days[rid] for rid in own), (clause, days)
            assert all(("取り止め" in days[rid]) == (clause in GONE) for rid in own if lang == "ja")
        feed = (site / ("feed.xml" if lang == "ja" else "en/feed.xml")).read_text(encoding="utf-8")
        entry = feed.split(f"/{SLUG}/withdrawn/{'-'.join(GONE)}/{lang}</id>")[1].split("</entry>")[0]
        assert long_date(CDAY, lang) in entry and CANCEL["reason"][lang] in entry
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "--root", str(project), "notice", "your-connect", SLUG],
                            check=False, capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "TERMS_TODAY": CDAY.isoformat()})
    assert result.returncode == 0, result.stderr
    for clause, d in LATER.items():
        line = next(l for l in result.stdout.splitlines() if l.startswith(f"・第{article_num(clause)}条"))
        expected = f"（{long_date(CDAY, 'ja')}取り止め）" if clause in GONE else f"（{long_date(d, 'ja')}実施）"
        assert line.endswith(expected), line
