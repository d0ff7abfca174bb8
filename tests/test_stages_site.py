"""The built site while part of a revision waits: tests/fixtures/stages/placeholder (a deferred
article written out of a （略） range) and tests/fixtures/stages/branch (a deferred 枝番 item), each
built on a day between the revision's day and the deferred one.

Expected answers come from the YAML sources (PyYAML, every scalar a string): the article numbers
and headings of the text then in force, the clauses the revision changes on its own day.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import build_on, make_project
from test_stages import STAGES, deferred_clauses, raw, raw_old, spans
from termsite.source.loading import load_corpus

CASES = ("placeholder", "branch")


def midpoint(source: dict[str, Any]) -> date:
    start = date.fromisoformat(str(source["effective"]))
    return start + (min(deferred_clauses(source).values()) - start) / 2


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    out = {}
    for case in CASES:
        project = make_project(tmp_path_factory.mktemp(case) / "p", STAGES / case, with_samples=True)
        out[case] = (project, build_on(project, midpoint(raw(case)).isoformat(), tmp_path_factory.mktemp(f"site-{case}")))
    return out


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _content(block: dict[str, Any], skip: set[str], prefix: str) -> object:
    if "text" in block:
        return block["text"]["ja"]
    if "items" in block:
        return [(it["num"], it["text"]["ja"]) for it in block["items"] if f"{prefix}-i{it['num']}" not in skip]
    return block.get("bullets")


def changed_on_the_day(source: dict[str, Any]) -> set[str]:
    """Row ids of the paragraphs whose wording the revision changes on its own day: those that
    differ between the two YAML files once every deferred clause is left out."""
    skip = set(deferred_clauses(source))
    old = {(a["num"], a.get("heading", {}).get("ja")): a for a in raw_old()["articles"]}
    rows = set()
    for a in source["articles"]:
        aid = f"art-{a['num']}"
        before = old.get((a["num"], a.get("heading", {}).get("ja")))
        if aid in skip or before is None:
            continue
        for p, q in zip(a.get("paragraphs", []), before.get("paragraphs", [])):
            pid = f"{aid}-p{p['num']}"
            if [_content(b, skip, pid) for b in p.get("blocks", [])] != [_content(b, skip, pid) for b in q.get("blocks", [])]:
                rows.add(f"row-{pid}")
    return rows | {f"row-suppl-{source['effective']}"}


@pytest.mark.parametrize("case", CASES)
def test_the_terms_page_numbers_every_article_as_in_force(built: dict[str, tuple[Path, Path]], case: str) -> None:
    """第11条（ログの取得）, 第14条（CRM…）: every article with the number and heading it has that day."""
    soup = page(built[case][1], "")
    headings = [h.get_text(" ", strip=True).rstrip(" ¶") for h in soup.select("h2[id^=art-]")]
    expected = [f"第{a}条（{h}）" if h else (f"第{a}条～第{b}条" if b > a else f"第{a}条") for a, b, h in spans(raw_old())]
    assert headings == expected


@pytest.mark.parametrize("case", CASES)
def test_no_clause_is_said_to_change_on_a_day_still_to_come(built: dict[str, tuple[Path, Path]], case: str) -> None:
    """Every 「…改正」/「…新設」 line of the terms page names a day that has come."""
    day = midpoint(raw(case))
    soup = page(built[case][1], "")
    marks = [m.get_text(" ", strip=True) for m in soup.select(".terms-clause-mark")]
    dated = [date(int(y), int(m), int(d)) for text in marks for y, m, d in re.findall(r"(\d+)年(\d+)月(\d+)日(?:改正|新設)", text)]
    assert dated and all(d <= day for d in dated), marks


@pytest.mark.parametrize("case", CASES)
def test_changes_since_mark_only_what_changed(built: dict[str, tuple[Path, Path]], case: str) -> None:
    source = raw(case)
    soup = page(built[case][1], f"your-connect/{raw_old()['effective']}/changes-since")
    marked = {tr["id"] for tr in soup.select("table.terms-cmp tr[id]") if tr.select(".terms-mark")}
    assert marked == changed_on_the_day(source)
    # （新設） only beside the revision's own 附則: no article or paragraph is shown as added
    added = [tr.get("id") for tr in soup.select("table.terms-cmp tr") if "新設" in tr.get_text()]
    assert added == [f"row-suppl-{source['effective']}"]


@pytest.mark.parametrize("case", CASES)
def test_search_dates_each_clause_from_the_day_it_changed(built: dict[str, tuple[Path, Path]], case: str) -> None:
    """Search states no clause 実施予定 that is already in force: in the revision, only the deferred
    clause, its parts and the units holding it start on the deferred day."""
    from termsite.outputs.searchindex import records
    source = raw(case)
    (cid, day), = deferred_clauses(source).items()
    holders = {cid, *(cid[:m.start()] for m in re.finditer(r"-(?:p|i)", cid))}
    slug = str(source["effective"])
    corpus = load_corpus(built[case][0])
    for rec in records(corpus, "ja"):
        for ap in rec.appearances:
            if ap.version == slug:
                anchor = ap.url.rsplit("#", 1)[1]
                waits = anchor in holders or anchor.startswith(cid + "-")
                assert ap.start == (day.isoformat() if waits else slug), (anchor, ap)
