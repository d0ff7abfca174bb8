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
from deferred_support import (
    article_num, article_section, article_text, assert_articles_read_as_governing, build_days, texts_of,
)
from termsite.source.loading import load_corpus
from termsite.timeline.dates import long_date
from termsite.timeline.publication import for_build
from wording_days import assert_every_wording_applied_exactly_on_its_days

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


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_search_offers_only_wordings_that_applied(sites: dict[date, Path], project: Path, day: date) -> None:
    """The built index (search/<lang>.json): every wording applied on some day, with exactly those days
    (tests/wording_days.py). The withdrawn amendment's wording is offered while it waits for its day
    (upcoming, from that day) and not from the withdrawal on: it never applied, and the clause history
    says so; the wording it leaves in force runs on with no end, as clauses.json has it."""
    versions = for_build(load_corpus(project), day).versions["your-connect"]
    history = json.loads((sites[day] / "your-connect/clauses.json").read_text(encoding="utf-8"))
    old_periods = {c["id"]: w["period"] for c in history["clauses"] for w in c["wordings"] if OLD_SLUG in w["versions"]}
    for lang in LANGS:
        index = json.loads((sites[day] / "search" / f"{lang}.json").read_text(encoding="utf-8"))
        assert_every_wording_applied_exactly_on_its_days(index, versions, lang)
        if lang != "ja":
            continue
        for clause in GONE:
            num = article_num(clause)
            wordings = {(anchor, w[2]): w[5] for _d, anchor, _p, ws in index["clauses"] for w in ws
                        if anchor == clause or anchor.startswith(clause + "-")}
            for words in set(texts_of(NEW, num)) - set(texts_of(OLD, num)):
                holding = [periods for (_a, text), periods in wordings.items() if words in text]
                if day >= CDAY:
                    assert holding == [], (day, words)
                else:
                    assert holding and all(ps == [[LATER[clause].isoformat(), "", long_date(LATER[clause], "ja"), "",
                                                    SLUG, SLUG] + ps[0][6:]] for ps in holding), (day, holding)
            for words in set(texts_of(OLD, num)) - set(texts_of(NEW, num)):
                (anchor, text), = [k for k in wordings if words in k[1]]
                last = wordings[(anchor, text)][-1]
                end = old_periods[anchor]["end"] or ""
                assert last[1] == end == ("" if day >= CDAY else (LATER[clause] - timedelta(days=1)).isoformat())


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


# --- termsite new after the withdrawal: the draft starts from the text that will be in force ---------

def run_new(project: Path, today: date, effective: date) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsite.cli", "--root", str(project), "new", "your-connect",
                           "--effective", effective.isoformat(), "--published", today.isoformat()],
                          check=False, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "TERMS_TODAY": today.isoformat()})


def strings(node: object) -> set[str]:
    if isinstance(node, dict):
        return {s for v in node.values() for s in strings(v)}
    if isinstance(node, list):
        return {s for v in node for s in strings(v)}
    return {node} if isinstance(node, str) else set()


def test_termsite_new_starts_without_the_withdrawn_wording(project: Path, tmp_path: Path) -> None:
    """The real command on the fixture project: every article as the revision has it, except the
    withdrawn one, as the version before it has it (the wording that goes on applying); the 附則
    kept, with the new one's skeleton after them."""
    import shutil

    copy = tmp_path / "p"
    shutil.copytree(project, copy, symlinks=True)
    effective = max(LATER.values()) + timedelta(days=90)
    result = run_new(copy, CDAY, effective)
    assert result.returncode == 0, result.stderr
    draft = yaml.safe_load((copy / f"versions/your-connect/{effective}.yaml").read_text(encoding="utf-8"))
    gone = {article_num(c) for c in GONE}
    expected = [next(o for o in OLD["articles"] if o["num"] == a["num"]) if a["num"] in gone else a
                for a in NEW["articles"]]
    assert gone and draft["articles"] == expected
    assert draft["preamble"] == NEW["preamble"] and draft["supplementary"][:-1] == NEW["supplementary"]
    assert str(draft["supplementary"][-1]["effective"]) == effective.isoformat()
    withdrawn_words = {t for n in gone for t in texts_of(NEW, n)} - {t for n in gone for t in texts_of(OLD, n)}
    assert withdrawn_words and not withdrawn_words & strings(draft)


def test_termsite_new_takes_out_a_withdrawn_insertion_and_numbers_back(project: Path, tmp_path: Path) -> None:
    """With the deferred insertion withdrawn too (第3条第2項, which moved the old 第2項 to 第3項), the draft
    has the article as the revision has it without the inserted paragraph and the ones after it numbered
    back: as the version before has it, but for the `id:` the revision wrote on the renumbered paragraph."""
    import shutil

    copy = tmp_path / "p"
    shutil.copytree(project, copy, symlinks=True)
    inserted = [c for c in KEPT if c not in OLD_PATH.read_text(encoding="utf-8")]
    assert inserted  # the fixture defers a paragraph the revision adds (第3条第2項, with an id of its own)
    withdrawal = copy / CANCEL_PATH.relative_to(FIXTURES / "cancelled")
    withdrawal.write_text(withdrawal.read_text(encoding="utf-8").replace(
        f"clauses: [{', '.join(GONE)}]", f"clauses: [{', '.join(GONE + inserted)}]"), encoding="utf-8")
    lock = json.loads((copy / "versions/lock.json").read_text(encoding="utf-8"))
    lock.pop(withdrawal.relative_to(copy).as_posix())  # a withdrawal made today, not yet published
    (copy / "versions/lock.json").write_text(json.dumps(lock), encoding="utf-8")
    effective = max(LATER.values()) + timedelta(days=90)
    result = run_new(copy, CDAY, effective)
    assert result.returncode == 0, result.stderr
    draft = yaml.safe_load((copy / f"versions/your-connect/{effective}.yaml").read_text(encoding="utf-8"))
    articles = {a["num"]: a for a in draft["articles"]}
    for clause in inserted:
        num = article_num(clause)
        kept = [p for p in next(a for a in NEW["articles"] if a["num"] == num)["paragraphs"] if p.get("id") != clause]
        assert articles[num]["paragraphs"] == [{**p, "num": i} for i, p in enumerate(kept, 1)]
        old = next(a for a in OLD["articles"] if a["num"] == num)
        assert [{k: v for k, v in p.items() if k != "id"} for p in articles[num]["paragraphs"]] == old["paragraphs"]
    withdrawn_words = {t for c in GONE + inserted for t in texts_of(NEW, article_num(c))} - \
        {t for c in GONE + inserted for t in texts_of(OLD, article_num(c))}
    assert withdrawn_words and not withdrawn_words & strings(draft)


def test_termsite_new_refuses_a_draft_it_cannot_make_whole(tmp_path: Path) -> None:
    """A withdrawn deferred deletion (tests/fixtures/stages/renumber: 第2条 deleted, the articles after it
    moved up, the deletion and the cross-reference it moved waiting for their day) cannot be undone by
    putting a block back: the command says so in one line naming the files and clauses, and writes nothing."""
    fixture = FIXTURES / "stages/renumber"
    source = yaml.safe_load((fixture / "versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8"))
    own = next(s for s in source["supplementary"] if s["effective"] == source["effective"])
    (defer,) = [d for p in own["paragraphs"] for d in p.get("defers", [])]
    today = defer["effective"] - timedelta(days=30)
    copy = make_project(tmp_path / "p", fixture, with_samples=True)
    folder = copy / "versions/your-connect/withdrawals"
    folder.mkdir()
    (folder / f"{source['effective']}.yaml").write_text(
        f"date: {today}\nclauses: [{', '.join(defer['clauses'])}]\nreason: {{ja: \"取り止めます。\", en: \"Withdrawn.\"}}\n",
        encoding="utf-8")
    effective = defer["effective"] + timedelta(days=90)
    before = sorted(p.name for p in (copy / "versions/your-connect").iterdir())
    result = run_new(copy, today, effective)
    assert result.returncode == 2 and result.stdout == "", result.stderr
    line, = result.stderr.strip().splitlines()
    assert all(c in line for c in defer["clauses"]) and "by hand" in line and f"{effective}.yaml" in line
    assert sorted(p.name for p in (copy / "versions/your-connect").iterdir()) == before
