"""versions.json, version.json, changes.json (each against its published schema), the Atom feeds
and the sitemap — and that they agree with the history page a reader sees."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE_URL = "https://portal.your-connect.com/terms/"


def validator(site: Path, name: str) -> Draft202012Validator:
    schema = json.loads((site / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker(["date"]))


def load(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(sites) -> Path:
    return sites.get("2026-11-24")


def test_every_json_file_matches_its_schema(site: Path) -> None:
    checked = 0
    for path, name in [(site / "versions.json", "versions-index"),
                       *[(p, "version-text") for p in site.rglob("version.json")],
                       *[(p, "changes") for p in site.rglob("changes.json")]]:
        errors = [e.message for e in validator(site, name).iter_errors(load(path))]
        assert errors == [], path
        checked += 1
    assert checked == 4  # the index, two versions, one revision


def test_schema_catches_a_bad_file(site: Path) -> None:
    data = load(site / "versions.json")
    data["documents"][0]["versions"][0]["state"] = "maybe"
    assert list(validator(site, "versions-index").iter_errors(data))


def history_rows(site: Path, lang: str) -> list[list[str]]:
    prefix = "en/" if lang == "en" else ""
    soup = BeautifulSoup((site / prefix / "your-connect/history/index.html").read_text(encoding="utf-8"), "html.parser")
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("table.terms-history tbody tr")]


def test_versions_json_agrees_with_the_history_page(site: Path) -> None:
    from termsite.views import period_label
    from datetime import date

    doc = load(site / "versions.json")["documents"][0]
    versions = list(reversed(doc["versions"]))  # the page lists newest first
    for lang in ("ja", "en"):
        rows = history_rows(site, lang)
        assert len(rows) == len(versions)
        for row, v in zip(rows, versions):
            start = date.fromisoformat(v["period"]["start"]) if v["period"]["start"] else None
            end = date.fromisoformat(v["period"]["end"]) if v["period"]["end"] else None
            assert row[0] == period_label(start, end, lang)
            assert row[2] == (v["supplementary_number"] or "—")
    assert [v["state"] for v in doc["versions"]] == ["superseded", "in-force"]
    assert doc["versions"][1]["comparison"]["ja"] == SITE_URL + "your-connect/2026-03-01/comparison/"


def test_version_json_holds_the_exact_text(site: Path) -> None:
    data = load(site / "your-connect/2026-03-01/version.json")
    art4 = next(a for a in data["articles"] if a["id"] == "art-4")
    items = art4["paragraphs"][0]["blocks"][1]["items"]
    assert items[5]["text"]["ja"] == "乙の設備に過度の負荷がかかるおそれのある行為をしないこと"
    assert data["supplementary"][0]["number"] == "S S D S 000400007747-01号"


def test_changes_json_lists_every_changed_unit(site: Path) -> None:
    data = load(site / "your-connect/2026-03-01/changes.json")
    ids = [c["id"] for c in data["changes"]]
    assert ids[:2] == ["preamble-1", "art-1-p1"] and "art-14" in ids and "suppl-2026-03-01" in ids
    row = next(c for c in data["changes"] if c["id"] == "art-5-p4")
    assert ["del", "4か月"] in row["marks"]["ja"]["old"] and ["ins", "30日"] in row["marks"]["ja"]["new"]
    assert "30 days" in row["new"]["en"]


def feed(site: Path, lang: str) -> ET.Element:
    return ET.fromstring((site / ("en/" if lang == "en" else "") / "feed.xml").read_bytes())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_atom_feed_is_valid_and_agrees_with_versions_json(site: Path, lang: str) -> None:
    root = feed(site, lang)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    revisions = [v for v in load(site / "versions.json")["documents"][0]["versions"] if v["comparison"]]
    assert len(entries) == len(revisions) == 1
    entry, revision = entries[0], revisions[0]
    for tag in ("id", "title", "updated", "published", "summary"):
        assert (entry.find(f"{ATOM}{tag}").text or "").strip(), tag
    assert entry.find(f"{ATOM}link").get("href") == revision["comparison"][lang]
    assert entry.find(f"{ATOM}published").text.startswith(revision["published"])
    assert root.find(f"{ATOM}updated").text.startswith(revision["published"])


def test_feed_entry_ids_are_stable_across_days(sites) -> None:
    ids = lambda s: [e.find(f"{ATOM}id").text for e in feed(s, "ja").findall(f"{ATOM}entry")]  # noqa: E731
    assert ids(sites.get("2026-02-15")) == ids(sites.get("2026-11-24")) == [
        "tag:portal.your-connect.com,2026:terms/your-connect/2026-03-01/ja"]


def test_sitemaps_have_both_language_alternates(site: Path) -> None:
    for sub in ("", "en/"):
        root = ET.fromstring((site / sub / "sitemap.xml").read_bytes())
        urls = root.findall(f"{SITEMAP}url")
        assert len(urls) >= 8
        for url in urls:
            loc = url.find(f"{SITEMAP}loc").text
            alts = {l.get("hreflang"): l.get("href") for l in url.findall(f"{XHTML}link")}
            path = loc.removeprefix(SITE_URL).removeprefix("en/")
            assert alts == {"ja": SITE_URL + path, "en": SITE_URL + "en/" + path}
            page = site / ("en/" if loc.startswith(SITE_URL + "en/") else "") / path / "index.html"
            assert page.exists(), loc


HOSTILE = '<script>alert(1)</script> <b>太字</b> **強調** [リンク](javascript:alert(1)) {{ 7*7 }} {% raw %} &amp; #見出し'


def test_legal_text_stays_literal_everywhere(tmp_path: Path) -> None:
    """HTML, Markdown, javascript: links and Jinja syntax in legal text come out as the very
    characters typed: on every page, in JSON and in the feed."""
    import yaml as pyyaml

    from conftest import make_project
    from termsite.build import build_site

    project = make_project(tmp_path / "p")
    path = project / "versions/your-connect/2026-03-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ja: ソフトフォン機能, en: Softphone}",
                                 f"ja: {pyyaml.safe_dump(HOSTILE, allow_unicode=True).strip()}, "
                                 f"en: {pyyaml.safe_dump(HOSTILE, allow_unicode=True).strip()}, en_reviewed: true}}"),
                    encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    data = load(site / "your-connect/2026-03-01/version.json")
    item = data["articles"][0]["paragraphs"][0]["blocks"][1]["items"][0]["text"]
    assert item["ja"] == item["en"] == HOSTILE
    changes = load(site / "your-connect/2026-03-01/changes.json")
    assert any(HOSTILE in c["new"]["ja"] for c in changes["changes"])
    pages = ["your-connect/2026-03-01/", "en/your-connect/2026-03-01/", "your-connect/2026-03-01/comparison/",
             "en/your-connect/2026-03-01/comparison/"]
    for page in pages:
        soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("article")
        for sr in body.select(".terms-sr"):
            sr.decompose()
        assert HOSTILE in body.get_text(), page
        assert body.find("b") is None and body.find("strong") is None, page
        assert not [s for s in body.find_all("script")], page
        assert not [a for a in body.find_all("a", href=True) if a["href"].startswith("javascript:")], page
        assert "49" not in body.get_text(), page  # {{ 7*7 }} was not evaluated
    ET.fromstring((site / "feed.xml").read_bytes())  # still well-formed
