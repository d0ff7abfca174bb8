"""Shared by the withdrawal and correction tests: a fixture project built for a given day, and
its pages read as text."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from conftest import FIXTURES, make_project

ATOM = "{http://www.w3.org/2005/Atom}"


class FixtureSites:
    """The samples with a scenario fixture over them, built once per day asked for."""

    def __init__(self, base: Path, fixture: str):
        self.project = make_project(base / "p", FIXTURES / fixture, with_samples=True)
        self.base = base
        self.sites: dict[str, Path] = {}

    def get(self, day: str) -> Path:
        if day not in self.sites:
            from termsite.workflow.build import build_site

            old = os.environ.get("TERMS_TODAY")
            os.environ["TERMS_TODAY"] = day
            try:
                self.sites[day] = build_site(self.project, self.base / f"site-{day}")
            finally:
                if old is None:
                    os.environ.pop("TERMS_TODAY", None)
                else:
                    os.environ["TERMS_TODAY"] = old
        return self.sites[day]


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
