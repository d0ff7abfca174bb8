"""Scheduled publication: a version stays out of every public output until its `published` day
(Asia/Tokyo), shows in `termsite serve` marked as a preview, and the pull-request check says when it
appears and whether merging today still gives the notice the document requires."""
from __future__ import annotations

import gzip
import os
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from termsite.source.loading import load_corpus
from termsite.timeline.publication import PREVIEW_ENV, public, schedule, schedule_note

CORPUS = load_corpus(ROOT)
DOC = CORPUS.root_document
NEWEST = CORPUS.versions[DOC.slug][-1]
assert NEWEST.published is not None
DAY_BEFORE = (NEWEST.published - timedelta(days=1)).isoformat()
PUBLISHED_DAY = NEWEST.published.isoformat()


def mentions(site: Path, *needles: str) -> dict[str, list[str]]:
    """Every file of the built site (gzip and Pagefind's compressed files opened) mentioning a needle;
    the JSON Schemas are left out: they describe the format, with example ids."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.relative_to(site).parts[0] == "schema":
            continue
        raw = path.read_bytes()
        try:
            raw += gzip.decompress(raw)
        except (OSError, EOFError):
            pass
        hits = [n for n in needles if n.encode() in raw]
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    return found


def test_public_corpus_holds_back_what_is_not_yet_published() -> None:
    before = public(CORPUS, NEWEST.published - timedelta(days=1))
    assert before.versions[DOC.slug] == CORPUS.versions[DOC.slug][:-1]
    assert [r.new for r in before.revisions(DOC.slug)] == [r.new for r in CORPUS.revisions(DOC.slug)][:-1]
    assert public(CORPUS, NEWEST.published) == CORPUS


def test_site_built_before_the_publication_day_never_mentions_the_new_version(sites) -> None:
    needles = (NEWEST.slug, f"{DOC.slug}/{NEWEST.slug}/")
    early = mentions(sites.get(DAY_BEFORE), *needles)
    assert early == {}
    on_the_day = mentions(sites.get(PUBLISHED_DAY), *needles)
    # the same search finds it everywhere on its publication day: the check above can fail
    for output in ("index.html", "en/index.html", "versions.json", "feed.xml", "en/feed.xml", "sitemap.xml",
                   "sitemap.xml.gz", f"{DOC.slug}/history/index.html", f"{DOC.slug}/{NEWEST.slug}/index.html"):
        assert output in on_the_day, output
    assert any(name.startswith("search/") for name in on_the_day)


def test_root_and_navigation_before_the_publication_day(sites) -> None:
    site = sites.get(DAY_BEFORE)
    root = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a.get("href", "") for a in root.find_all("a")]
    assert links and not any(NEWEST.slug in href for href in links)
    assert not (site / DOC.slug / NEWEST.slug).exists() and not (site / "en" / DOC.slug / NEWEST.slug).exists()
    banner_text = " ".join(b.get_text(" ", strip=True) for b in root.select(".terms-banner"))
    effective = f"{NEWEST.effective.year}年{NEWEST.effective.month}月{NEWEST.effective.day}日"
    assert effective not in banner_text


def test_serve_shows_it_marked_as_a_preview(tmp_path: Path) -> None:
    from termsite.workflow.build import build_site

    saved = {k: os.environ.get(k) for k in ("TERMS_TODAY", PREVIEW_ENV)}
    os.environ.update(TERMS_TODAY=DAY_BEFORE, **{PREVIEW_ENV: "1"})
    try:
        site = build_site(ROOT, tmp_path / "site")
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    page = BeautifulSoup((site / DOC.slug / NEWEST.slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = page.select_one(".terms-preview").get_text(strip=True)
    day = NEWEST.published
    assert note == f"プレビュー：未公開です。この版は{day.year}年{day.month}月{day.day}日に公開サイトに載ります。"
    comparison = BeautifulSoup((site / DOC.slug / NEWEST.slug / "comparison/index.html").read_text(encoding="utf-8"),
                               "html.parser")
    assert comparison.select_one(".terms-preview").get_text(strip=True) == note
    old = BeautifulSoup((site / DOC.slug / CORPUS.versions[DOC.slug][0].slug / "index.html").read_text(encoding="utf-8"),
                        "html.parser")
    assert old.select_one(".terms-preview") is None


def test_schedule_before_on_and_after_the_publication_day() -> None:
    assert NEWEST.published and NEWEST.effective
    before = schedule(DOC, NEWEST, NEWEST.published - timedelta(days=1))
    assert before.scheduled and before.appears == NEWEST.published and not before.short
    assert f"**{NEWEST.published.isoformat()}**" in schedule_note(DOC, NEWEST, NEWEST.published - timedelta(days=1))
    # merged on the publication day: the notice is what the file says
    on_day = schedule(DOC, NEWEST, NEWEST.published)
    assert not on_day.scheduled and on_day.notice_days == (NEWEST.effective - NEWEST.published).days
    assert not on_day.short
    # merged so late that the real notice falls short of the minimum: asks for a later pair
    late = NEWEST.effective - timedelta(days=DOC.minimum_notice_days - 1)
    s = schedule(DOC, NEWEST, late)
    assert s.short and s.notice_days == DOC.minimum_notice_days - 1
    assert s.earliest_effective == late + timedelta(days=DOC.minimum_notice_days)
    note = schedule_note(DOC, NEWEST, late)
    assert f"customers get {DOC.minimum_notice_days - 1} days' notice" in note
    assert f"`effective: {s.earliest_effective.isoformat()}`" in note
    # one day earlier the notice is exactly enough
    assert not schedule(DOC, NEWEST, late - timedelta(days=1)).short
