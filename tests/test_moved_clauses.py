"""Clauses that move: a paragraph moved to another article, two articles that swap places.

Fixtures (each a fictional 2026-10-01 revision of the samples, published 2026-08-01):
- moved: 第4条第4項 moves to 第5条 as 第6項 keeping its id — refused by the check, with the path;
- moved-own-id: the same move with the id the check suggests — a deletion in 第4条, an addition in
  第5条; the site builds on the publication day and on the effective day;
- swapped: 第2条 and 第3条 swap places, each keeping its id — the comparison marks both numbers.

Expected answers come from the fixtures' YAML (read with PyYAML).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, build_on, make_project
from termsite.problems import ValidationFailed
from termsite.source.loading import load_corpus


def raw(case: str) -> dict[str, Any]:
    return yaml.load((FIXTURES / case / "versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8"),
                     Loader=yaml.BaseLoader)


def ids_by_article(source: dict[str, Any]) -> dict[str, str]:
    """Explicit paragraph id → the number of the article it stands in."""
    return {p["id"]: a["num"] for a in source["articles"] for p in a.get("paragraphs", []) if "id" in p}



def comparison_rows(site: Path) -> dict[str, list[tuple[str, str]]]:
    soup = BeautifulSoup((site / "your-connect/2026-10-01/comparison/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    return {tr["id"]: [(m.name, m.get_text()) for m in tr.select(".terms-mark")]
            for tr in soup.select("table.terms-cmp tr[id]")}


def test_a_paragraph_keeping_its_id_in_another_article_is_refused_with_the_path(tmp_path: Path) -> None:
    (moved_id, article), = ids_by_article(raw("moved")).items()
    (own_id, own_article), = ids_by_article(raw("moved-own-id")).items()
    assert article == own_article and moved_id != own_id
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(make_project(tmp_path / "p", FIXTURES / "moved", with_samples=True))
    (problem,) = failed.value.problems
    text = (FIXTURES / "moved/versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8").splitlines()
    assert f"id: {moved_id}" in text[problem.location.line] or f"id: {moved_id}" in text[problem.location.line - 1]
    assert f"第{article}条" in problem.message and f"`{moved_id}`" in problem.message
    assert f"`id: {own_id}`" in problem.hint  # the path the other fixture takes


@pytest.mark.parametrize("day", ["2026-08-01", "2026-10-01"])
def test_a_paragraph_moved_under_its_own_id_builds_as_a_deletion_and_an_addition(tmp_path: Path, day: str) -> None:
    source = raw("moved-own-id")
    (own_id, _), = ids_by_article(source).items()
    project = make_project(tmp_path / "p", FIXTURES / "moved-own-id", with_samples=True)
    rows = comparison_rows(build_on(project, day, tmp_path / "site"))
    old = yaml.load((FIXTURES.parent.parent / "versions/your-connect/2026-03-01.yaml").read_text(encoding="utf-8"),
                    Loader=yaml.BaseLoader)
    moved_text = next(p["blocks"][0]["text"]["ja"] for a in source["articles"] for p in a.get("paragraphs", [])
                      if p.get("id") == own_id)
    was = next(f"art-{a['num']}-p{p['num']}" for a in old["articles"] for p in a.get("paragraphs", [])
               if p.get("blocks") and p["blocks"][0].get("text", {}).get("ja") == moved_text)
    assert [kind for kind, _ in rows[f"row-{was}"]] and {k for k, _ in rows[f"row-{was}"]} == {"del"}
    assert {k for k, _ in rows[f"row-{own_id}"]} == {"ins"}


def test_swapped_articles_are_marked_as_renumbered(tmp_path: Path) -> None:
    """Only the numbers moved (条ずれ): each article's row marks its old and new number, nothing else."""
    source = raw("swapped")
    project = make_project(tmp_path / "p", FIXTURES / "swapped", with_samples=True)
    rows = comparison_rows(build_on(project, source["published"], tmp_path / "site"))
    swapped = {a["id"]: a["num"] for a in source["articles"] if "id" in a}
    assert len(swapped) == 2
    for aid, num in swapped.items():
        old_num = aid.split("-")[1]
        assert old_num != num
        assert rows[f"row-{aid}-p1"] == [("del", f"第{old_num}条"), ("ins", f"第{num}条")]
