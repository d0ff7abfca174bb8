"""After a withdrawn deferred amendment, the next revision compares with the text that was in force.

tests/fixtures/partial with the withdrawal overlay tests/fixtures/cancelled (the amendment of 第2条,
deferred, withdrawn before its day), then the next version made as an editor makes it: `termsite new`
on the day of the withdrawal, the 附則 number written, one wording changed. Built on the day it takes
effect, in both languages: its comparison (the page, changes.json) has on its old side the text in
force the day before — the withdrawn clauses in the wording of the version before — under the period
of the version it amends, and marks only the change the editor made.

Every expected answer is computed from the YAML sources (read with PyYAML).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_on, make_project
from deferred_support import article_num, texts_of
from termsite.source.placeholders import NUMBER_PLACEHOLDER
from termsite.timeline.dates import long_date

NEW = yaml.safe_load((FIXTURES / "partial/versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8"))
OLD = yaml.safe_load((ROOT / "versions/your-connect/2026-03-01.yaml").read_text(encoding="utf-8"))
CANCEL = yaml.safe_load((FIXTURES / "cancelled/versions/your-connect/withdrawals/2026-10-01.yaml")
                        .read_text(encoding="utf-8"))
START = date.fromisoformat(str(NEW["effective"]))
OWN = [s for s in NEW["supplementary"] if str(s["effective"]) == str(NEW["effective"])][0]
LATER = [date.fromisoformat(str(d["effective"])) for p in OWN["paragraphs"] for d in p.get("defers", [])]
CDAY = date.fromisoformat(str(CANCEL["date"]))
GONE = {article_num(c) for c in CANCEL["clauses"]}
EFFECTIVE = max(LATER) + timedelta(days=90)   # the next version: after every deferred day
EDIT = {"ja": ("ソフトフォン機能", "ソフトフォン機能（改定）"), "en": ("Softphone function", "Revised softphone function")}
Source = dict[str, Any]


def in_force(num: int) -> Source:
    """The source whose article ``num`` is in force the day before the next version: the version
    before where the withdrawal put the earlier wording back (whole articles here), else the revision."""
    return OLD if num in GONE else NEW


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Source]:
    assert CANCEL["clauses"] == [f"art-{n}" for n in sorted(GONE)], "the overlay withdraws whole articles"
    project = make_project(tmp_path_factory.mktemp("amended") / "p", FIXTURES / "partial", FIXTURES / "cancelled",
                           with_samples=True)
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "--root", str(project), "new", "your-connect",
                             "--effective", EFFECTIVE.isoformat(), "--published", CDAY.isoformat()],
                            check=False, capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "TERMS_TODAY": CDAY.isoformat()})
    assert result.returncode == 0, result.stderr
    path = project / f"versions/your-connect/{EFFECTIVE}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in EDIT.values():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text.replace(NUMBER_PLACEHOLDER, "S S D S 000400007747-03号"), encoding="utf-8")
    return project, yaml.safe_load(text)


@pytest.fixture(scope="module")
def site(draft: tuple[Path, Source], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_on(draft[0], EFFECTIVE.isoformat(), tmp_path_factory.mktemp("site"))


def article(source: Source, num: int) -> str:
    """Article ``num`` of a source as written (heading, paragraphs, placeholder), or "" if absent."""
    found = [a for a in source["articles"] if a["num"] == num]
    return json.dumps(found, ensure_ascii=False, sort_keys=True, default=str)


def words(source: Source, num: int) -> str:
    """Every text article ``num`` of a source holds (headings, paragraphs, items), one a line."""
    def strings(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for v in node.values() for s in strings(v)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v)]
        return [node] if isinstance(node, str) else []
    return "\n".join(strings([a for a in source["articles"] if a["num"] == num]))


def changed_articles(source: Source) -> set[int]:
    """The articles whose text the next version changes, against the text in force the day before."""
    nums = {a["num"] for a in source["articles"]} | {a["num"] for a in NEW["articles"]}
    return {n for n in nums if article(source, n) != article(in_force(n), n)}


def test_the_draft_keeps_the_wording_in_force(draft: tuple[Path, Source]) -> None:
    _, source = draft
    assert GONE and all(article(source, n) == article(OLD, n) != article(NEW, n) for n in GONE)
    assert changed_articles(source) and not changed_articles(source) & GONE


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_changes_json_lists_only_the_editors_change(site: Path, draft: tuple[Path, Source], lang: str) -> None:
    _, source = draft
    data = json.loads((site / f"your-connect/{EFFECTIVE}/changes.json").read_text(encoding="utf-8"))
    assert data["from"] == str(NEW["effective"])
    articles = [c for c in data["changes"] if c["id"].startswith("art-")]
    assert {article_num(c["id"]) for c in articles} == changed_articles(source)
    for c in articles:  # the old side reads the text in force
        n = article_num(c["id"])
        if lang == "ja":  # the unit's words, as the text in force and the draft write them
            assert any(t in c["old"]["ja"] for t in texts_of(in_force(n), n))
            assert any(t in c["new"]["ja"] for t in texts_of(source, n))
        assert EDIT[lang][0] in c["old"][lang] and EDIT[lang][1] in c["new"][lang]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_comparison_page_compares_with_the_text_in_force(site: Path, draft: tuple[Path, Source], lang: str) -> None:
    _, source = draft
    prefix = "" if lang == "ja" else "en/"
    page = BeautifulSoup((site / prefix / f"your-connect/{EFFECTIVE}/comparison/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    old = page.select_one("th.terms-cmp-old")
    assert old is not None
    end = EFFECTIVE - timedelta(days=1)
    want = (f"{long_date(START, lang)}～{long_date(end, lang)}" if lang == "ja"
            else f"{long_date(START, lang)} – {long_date(end, lang)}")
    assert old.get_text(" ", strip=True) == want
    # the article rows that carry a mark are the articles the editor changed, and their marks read the
    # text in force (deleted words) and the draft (inserted ones): none comes from the withdrawn wording
    rows: dict[int, list[Any]] = {}
    group = ""  # an article's rows run from the row holding its target to the next target
    for tr in page.select("table.terms-cmp tr"):
        target = tr.select_one("span.terms-cmp-target")
        group = target["id"] if target is not None else group
        marks = tr.select("del.terms-mark, ins.terms-mark")
        if marks and group.startswith("cmp-art-"):
            rows.setdefault(article_num(group[len("cmp-"):]), []).extend(marks)
    assert set(rows) == changed_articles(source)
    if lang == "ja":
        for n, marks in rows.items():
            assert all(m.get_text() in words(in_force(n), n) for m in marks if m.name == "del")
            assert all(m.get_text() in words(source, n) for m in marks if m.name == "ins")
            assert EDIT["ja"][1].removeprefix(EDIT["ja"][0]) in [m.get_text() for m in marks]


def test_clauses_json_carries_on_the_wording_that_went_on_applying(site: Path) -> None:
    """Each clause of a withdrawn article: the wording the next version carries is the one in force
    before the withdrawn revision, in force since that version's day and still today; the withdrawn
    wording stays alone, never applied."""
    data = json.loads((site / "your-connect/clauses.json").read_text(encoding="utf-8"))
    mine = [c for c in data["clauses"] if c["id"].startswith("art-") and article_num(c["id"]) in GONE]
    assert mine
    for c in mine:
        carried = [w for w in c["wordings"] if str(EFFECTIVE) in w["versions"]]
        assert len(carried) == 1, c["id"]
        w = carried[0]
        assert str(OLD["effective"]) in w["versions"] and "withdrawn" not in w, (c["id"], w)
        assert w["period"]["end"] is None and w["period"]["start"] <= str(OLD["effective"]), (c["id"], w)
        if any("withdrawn" in x for x in c["wordings"]):  # a clause the withdrawn amendment rewords
            assert str(NEW["effective"]) not in w["versions"], (c["id"], w)
        assert not any(r["version"] == str(EFFECTIVE) for r in c["revisions"]), c["id"]
    assert any("withdrawn" in x for c in mine for x in c["wordings"])


def test_the_pdf_shows_no_withdrawn_article_as_changed(site: Path, draft: tuple[Path, Source]) -> None:
    """The printed table (as the site publishes it) shows each article the editor changed, written out,
    and no withdrawn article: those read the same on both sides, inside a （略） range."""
    pdfplumber = pytest.importorskip("pdfplumber")
    _, source = draft
    path = site / f"your-connect/{EFFECTIVE}/comparison/your-connect-{EFFECTIVE}-comparison-ja.pdf"
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)

    def heading(n: int) -> str:
        art = next(a for a in source["articles"] if a["num"] == n)
        return f"第{n}条（{art['heading']['ja']}）"
    assert all(heading(n) in text for n in changed_articles(source))
    assert not any(heading(n) in text for n in GONE)
