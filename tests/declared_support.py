"""Shared by the withdrawal and correction tests: a fixture project built for a given day, and
its pages read as text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from conftest import FIXTURES, SiteCache, commit_branch_adding, make_project

ATOM = "{http://www.w3.org/2005/Atom}"


def fixture_sites(base: Path, fixture: str) -> SiteCache:
    """The samples with a scenario fixture over them, built once per day asked for."""
    return SiteCache(base, make_project(base / "p", FIXTURES / fixture, with_samples=True))


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup, selector: str = "article") -> str:
    found = soup.select_one(selector)
    return " ".join(found.get_text(" ").split()) if found else ""


def versions_json(site: Path) -> dict[str, Any]:
    return {v["slug"]: v for v in json.loads((site / "versions.json").read_text(encoding="utf-8"))["documents"][0]["versions"]}


def feed(site: Path, lang: str) -> ElementTree.Element:
    return ElementTree.parse(site / ("en/feed.xml" if lang == "en" else "feed.xml")).getroot()


def feed_entries(site: Path, lang: str) -> dict[str, ElementTree.Element]:
    return {e.findtext(f"{ATOM}id", ""): e for e in feed(site, lang).iter(f"{ATOM}entry")}


def summary_of_branch_adding(project: Path, added: Path) -> str:
    """`termsite summary` for a branch that adds ``added`` to ``project`` (its main lacks the file)."""
    import subprocess
    import sys

    commit_branch_adding(project, added, "declaration", "declaration")
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "summary", "--base", "main"], cwd=project,
                            capture_output=True, text=True, check=True)
    return result.stdout
