"""Shared by the 一部施行 site tests (tests/fixtures/partial, with or without the withdrawal of
tests/fixtures/cancelled over it): the site built on each day that matters, an article's text
blocks read from a YAML source, and the check that a built page shows each article in the
wording that governs on its build day."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import build_on

Source = dict[str, Any]  # a version file as PyYAML reads it


def build_days(project: Path, days: Iterable[date], tmp: pytest.TempPathFactory) -> dict[date, Path]:
    """The site of ``project`` as built on each of ``days`` (TERMS_TODAY), each in its own folder."""
    return {day: build_on(project, day.isoformat(), tmp.mktemp(f"site-{day}")) for day in days}


def texts_of(source: Source, num: int) -> list[str]:
    """The Japanese text blocks of article ``num`` in a YAML source, in order."""
    art = next(a for a in source["articles"] if a["num"] == num)
    return [b["text"]["ja"] for p in art["paragraphs"] for b in p.get("blocks", []) if "text" in b]


def article_num(clause_id: str) -> int:
    return int(clause_id.split("-")[1])


def article_section(soup: BeautifulSoup, article_id: str) -> Tag:
    """The part of a built page that holds the article ``article_id``."""
    anchor = soup.find(id=article_id)
    assert isinstance(anchor, Tag), article_id
    section = anchor.find_parent(["section", "article"]) or anchor.parent
    assert section is not None, article_id
    return section


def article_text(soup: BeautifulSoup, article_id: str) -> str:
    return article_section(soup, article_id).get_text(" ", strip=True)


def assert_articles_read_as_governing(soup: BeautifulSoup, clauses: Iterable[str], governing: Callable[[str], Source],
                                      old: Source, new: Source, day: date) -> None:
    """On a page built on ``day``, the article holding each of ``clauses`` has every text block of
    the source ``governing`` names for that clause that the other source has not, and none that
    only the other has."""
    for clause in clauses:
        num = article_num(clause)
        text = article_text(soup, f"art-{num}")
        source = governing(clause)
        other = old if source is new else new
        for wording in set(texts_of(source, num)) - set(texts_of(other, num)):
            assert wording in text, (day, clause, wording)
        for wording in set(texts_of(other, num)) - set(texts_of(source, num)):
            assert wording not in text, (day, clause, wording)
