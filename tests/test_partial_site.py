"""一部施行 on the built site: tests/fixtures/partial (the samples plus a fictional 2026-10-01
revision whose 附則 defers the amendment of 第2条 and the insertion of 第3条第2項), built on the
day before and the day of each commencement date.

Every expected answer is computed from the YAML sources (read with PyYAML): which wording each
clause has on the build day, which days the 附則 declares, what the pages must therefore say.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, make_project, shown_banner
from deferred_support import article_num, article_text, assert_articles_read_as_governing, build_days, texts_of
from termsite.timeline.dates import long_date

NEW_PATH = FIXTURES / "partial/versions/your-connect/2026-10-01.yaml"
OLD_PATH = ROOT / "versions/your-connect/2026-03-01.yaml"
NEW = yaml.safe_load(NEW_PATH.read_text(encoding="utf-8"))
OLD = yaml.safe_load(OLD_PATH.read_text(encoding="utf-8"))
SLUG = str(NEW["effective"])
START = date.fromisoformat(str(NEW["effective"]))
OWN = [s for s in NEW["supplementary"] if str(s["effective"]) == SLUG][0]
LATER = {c: date.fromisoformat(str(d["effective"])) for p in OWN["paragraphs"] for d in p.get("defers", [])
         for c in d["clauses"]}
DAYS = sorted({d + timedelta(days=k) for d in (START, *LATER.values()) for k in (-1, 0)})


def governing(clause_id: str, day: date) -> dict:  # type: ignore[type-arg]
    """The source whose wording of the article holding ``clause_id`` governs on ``day``."""
    return NEW if day >= LATER.get(clause_id, START) else OLD


def pending(day: date) -> dict[str, date]:
    return {c: d for c, d in LATER.items() if d > day}


def state_of_new(day: date) -> str:
    if day < START:
        return "upcoming"
    return "partly-in-force" if pending(day) else "in-force"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("partial") / "p", FIXTURES / "partial", with_samples=True)


@pytest.fixture(scope="module")
def sites(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[date, Path]:
    return build_days(project, DAYS, tmp_path_factory)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_terms_page_shows_each_clause_as_in_force(sites: dict[date, Path], day: date) -> None:
    soup = page(sites[day], "")
    assert_articles_read_as_governing(soup, ("art-2", "art-3-posting"), lambda c: governing(c, day), OLD, NEW, day)
    # 第4条 follows the revision's own day
    old4, new4 = "等へ送信", "等を送信"
    assert (new4 if day >= START else old4) in article_text(soup, "art-4")
    state, words = shown_banner(soup)
    if day < START:
        assert state == "in-force"
    else:
        assert state == ("partly-in-force" if pending(day) else "in-force")
        for clause, d in LATER.items():
            assert (long_date(d, "ja") in words) == (d > day), (clause, d)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_amended_line_under_a_deferred_article(sites: dict[date, Path], day: date) -> None:
    """「…改正」 under 第2条 names the day its wording shown took effect."""
    soup = page(sites[day], "")
    mark = soup.find(id="art-2").find_parent(["section", "article"]).select_one(".terms-clause-mark")
    expected = LATER["art-2"] if day >= LATER["art-2"] else date.fromisoformat(str(OLD["effective"]))
    assert f"{long_date(expected, 'ja')}改正" in mark.get_text()
    version_page = page(sites[day], f"your-connect/{SLUG}")
    mark = version_page.find(id="art-2").find_parent(["section", "article"]).select_one(".terms-clause-mark")
    assert f"{long_date(LATER['art-2'], 'ja')}改正" in mark.get_text()


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_version_page_history_and_json_states(sites: dict[date, Path], day: date) -> None:
    site = sites[day]
    state, words = shown_banner(page(site, f"your-connect/{SLUG}"))
    assert state == state_of_new(day)
    if state == "partly-in-force":
        assert all((long_date(d, "ja") in words) == (d > day) for d in LATER.values())
    row = page(site, "your-connect/history").find(id=f"v-{SLUG}")
    assert f"terms-history--{state_of_new(day)}" in row["class"]
    assert row["data-full"] == max(LATER.values()).isoformat()
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    entry = next(v for v in index["documents"][0]["versions"] if v["slug"] == SLUG)
    assert entry["state"] == state_of_new(day)
    assert entry["commencement"][0] == {"effective": SLUG, "clauses": []}
    assert {c: date.fromisoformat(e["effective"]) for e in entry["commencement"][1:] for c in e["clauses"]} == LATER
    previous = next(v for v in index["documents"][0]["versions"] if v["slug"] == str(OLD["effective"]))
    assert "commencement" not in previous
    assert previous["state"] == ("in-force" if day < START else "superseded")


def test_clauses_json_ends_the_old_wording_on_the_deferred_day(sites: dict[date, Path]) -> None:
    site = sites[DAYS[-1]]
    clauses = {c["id"]: c for c in json.loads((site / "your-connect/clauses.json").read_text(encoding="utf-8"))["clauses"]}
    for clause, d in LATER.items():
        if clause not in clauses:
            continue
        wordings = clauses[clause]["wordings"]
        assert wordings[-1]["period"]["start"] == d.isoformat()
        if len(wordings) > 1:
            assert wordings[-2]["period"]["end"] == (d - timedelta(days=1)).isoformat()
    # an article amended on the revision's own day
    w = clauses["art-4-p1"]["wordings"]
    assert w[-1]["period"]["start"] == SLUG and w[-2]["period"]["end"] == (START - timedelta(days=1)).isoformat()


def test_feed_and_notice_name_every_day(sites: dict[date, Path], project: Path) -> None:
    feed = (sites[DAYS[0]] / "feed.xml").read_text(encoding="utf-8")
    entry = feed.split(f"/{SLUG}/ja</id>")[1].split("</entry>")[0]
    summary = entry.split("<summary>")[1].split("</summary>")[0]
    for d in LATER.values():
        assert long_date(d, "ja") in summary
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "--root", str(project), "notice", "your-connect", SLUG],
                            check=False, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for clause, d in LATER.items():
        line = next(l for l in text.splitlines() if l.startswith(f"・第{article_num(clause)}条"))
        assert line.endswith(f"（{long_date(d, 'ja')}実施）"), line
    line = next(l for l in text.splitlines() if l.startswith("・第4条"))
    assert line.endswith("：改正")
    assert text.index("ただし") < text.index("改定箇所は次のとおりです")


def test_comparison_rows_say_their_day(sites: dict[date, Path]) -> None:
    soup = page(sites[DAYS[0]], f"your-connect/{SLUG}/comparison")
    days = {tr["id"]: tr["data-takes-effect"] for tr in soup.select("tr[data-takes-effect]")}
    for clause, d in LATER.items():
        own = [rid for rid in days if rid == f"row-{clause}" or rid.startswith(f"row-{clause}-")]
        assert own, clause
        assert all(days[rid] == f"{long_date(d, 'ja')}実施" for rid in own)
    assert not any(rid.startswith("row-art-4") for rid in days)
    assert soup.select_one(".terms-cmp-days") is not None


def test_search_states_follow_each_clause(project: Path) -> None:
    """Search records carry each wording's own days: the old 第2条 wording stays in force until its day."""
    from termsite.outputs.searchindex import records
    from termsite.source.loading import load_corpus
    corpus = load_corpus(project)
    old_wording = next(t for t in texts_of(OLD, 2) if t not in texts_of(NEW, 2))
    rec = next(r for r in records(corpus, "ja") if old_wording in r.text)
    last = max(rec.appearances, key=lambda a: a.start or "")
    assert last.end == (LATER["art-2"] - timedelta(days=1)).isoformat()


@pytest.mark.parametrize("day", [d for d in DAYS if d >= START], ids=str)
def test_changes_since_compare_with_the_text_in_force(sites: dict[date, Path], day: date) -> None:
    """"Changes since" the earlier version: against the text in force that day, not the whole revision."""
    soup = page(sites[day], f"your-connect/{OLD['effective']}/changes-since")
    # the words read out before each marked span (［改正後：］) are not part of the legal text
    text = re.sub(r"［改正[前後]：］ ", "", soup.select_one("table.terms-cmp").get_text())
    for clause in LATER:
        new_only = set(texts_of(NEW, article_num(clause))) - set(texts_of(OLD, article_num(clause)))
        for wording in new_only:
            assert (wording in text) == (day >= LATER[clause]), (day, clause)


@pytest.mark.parametrize("day", [d for d in DAYS if d >= START], ids=str)
def test_a_deferred_clause_of_the_superseded_version_names_its_own_day(sites: dict[date, Path], day: date) -> None:
    """The earlier version is superseded on the revision's day, but the wording of a clause whose
    amendment is deferred still applies until then: its line next to the clause says so (never
    "applied until" the version's end), in both languages; other clauses keep the version's end."""
    old_slug = str(OLD["effective"])
    version_end = START - timedelta(days=1)
    for lang, prefix in (("ja", ""), ("en", "en/")):
        soup = page(sites[day], f"{prefix}your-connect/{old_slug}")
        for clause, deferred_day in LATER.items():
            line = soup.select_one(f'.terms-clause-now[data-clause="{clause}"]')
            if line is None:  # an inserted clause: the earlier version has no line for it
                assert clause not in {a["id"] for a in OLD["articles"] if "id" in a}
                continue
            words = line.select_one(".terms-clause-state--superseded").get_text(" ", strip=True)
            assert long_date(deferred_day, lang) in words and long_date(version_end, lang) not in words, (lang, words)
        other = soup.select_one('.terms-clause-now[data-clause="art-4"] .terms-clause-state--superseded')
        assert long_date(version_end, lang) in other.get_text(" ", strip=True)
