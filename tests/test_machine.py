"""versions.json, version.json, changes.json (each against its published schema), the Atom feeds
and the sitemap — and that they agree with the history page a reader sees."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE_URL = "https://portal.your-connect.com/terms/"
ROOT = Path(__file__).resolve().parents[1]


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
                       *[(p, "changes") for p in site.rglob("changes.json")],
                       *[(p, "clause-history") for p in site.rglob("clauses.json")]]:
        errors = [e.message for e in validator(site, name).iter_errors(load(path))]
        assert errors == [], path
        checked += 1
    assert checked == 5  # the index, two versions, one revision, one document's clause history


def test_every_json_file_names_its_schema(site: Path) -> None:
    """Each JSON file of the site (the search index too) names, as ``$schema``, a schema the site
    publishes under that address, and that schema validates it."""
    files = sorted(site.rglob("*.json"))
    assert len(files) >= 7
    for path in files:
        data = load(path)
        if path.parent.name == "schema":
            continue  # the schemas themselves name the JSON Schema dialect
        assert isinstance(data, dict) and isinstance(data.get("$schema"), str), path
        prefix = "https://portal.your-connect.com/terms/schema/"
        assert data["$schema"].startswith(prefix), path
        name = data["$schema"].removeprefix(prefix).removesuffix(".schema.json")
        schema = json.loads((site / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["$id"] == data["$schema"]
        assert [e.message for e in validator(site, name).iter_errors(data)] == [], path


def test_schema_catches_a_bad_file(site: Path) -> None:
    data = load(site / "versions.json")
    data["documents"][0]["versions"][0]["state"] = "maybe"
    assert list(validator(site, "versions-index").iter_errors(data))


def history_rows(site: Path, lang: str) -> list[dict[str, object]]:
    """The rows of the history page a reader sees (newest first)."""
    prefix = "en/" if lang == "en" else ""
    page = site / prefix / "your-connect/history/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    rows = []
    for tr in soup.select("table.terms-history tbody tr"):
        links = [urljoin(SITE_URL + prefix + "your-connect/history/", a["href"]) for a in tr.find_all("a", href=True)]
        rows.append({"slug": tr["id"].removeprefix("v-"), "start": tr.get("data-start") or None,
                     "end": tr.get("data-end") or None, "cells": [td.get_text(" ", strip=True) for td in tr.find_all("td")],
                     "state": next(c.removeprefix("terms-history--") for c in tr["class"] if c.startswith("terms-history--")),
                     "links": links})
    return rows


def test_versions_json_agrees_with_the_history_page(site: Path) -> None:
    from datetime import date

    from termsite import labels
    from termsite.pages.views import period_label

    doc = load(site / "versions.json")["documents"][0]
    assert load(site / "versions.json")["generated_for"] == "2026-11-24"
    versions = list(reversed(doc["versions"]))  # the page lists newest first
    for lang in ("ja", "en"):
        rows = history_rows(site, lang)
        assert [r["slug"] for r in rows] == [v["slug"] for v in versions]
        for row, v in zip(rows, versions):
            assert (row["start"], row["end"]) == (v["period"]["start"], v["period"]["end"])
            assert row["state"] == v["state"]
            start = date.fromisoformat(v["period"]["start"]) if v["period"]["start"] else None
            end = date.fromisoformat(v["period"]["end"]) if v["period"]["end"] else None
            assert row["cells"][0] == period_label(start, end, lang)
            number = v["supplementary_number"]
            assert row["cells"][2] == (labels.supplementary_number(number, lang) if number else "—")
            assert row["links"][0] == v["url"][lang]
            assert row["links"][1:] == (([v["comparison"][lang]] if v["comparison"] else [])
                                        + ([v["changes_since"][lang]] if v["changes_since"] else []))
    assert [v["state"] for v in doc["versions"]] == ["superseded", "in-force"]
    assert [v["period"] for v in doc["versions"]] == [{"start": None, "end": "2026-02-28"},
                                                      {"start": "2026-03-01", "end": None}]
    assert doc["versions"][1]["comparison"]["ja"] == SITE_URL + "your-connect/2026-03-01/comparison/"
    assert doc["versions"][1]["url"]["en"] == SITE_URL + "en/your-connect/2026-03-01/"


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
def test_atom_feed_is_valid_and_agrees_with_the_history_page(site: Path, lang: str) -> None:
    root = feed(site, lang)
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for tag in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (root.find(f"{ATOM}{tag}").text or "").strip(), tag
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + ("en/" if lang == "en" else "") + "feed.xml"
    entries = root.findall(f"{ATOM}entry")
    versions = load(site / "versions.json")["documents"][0]["versions"]
    revisions = [v for v in reversed(versions) if v["comparison"]]  # newest first, as the feed
    history = [r for r in history_rows(site, lang) if any(link.endswith("/comparison/") for link in r["links"])]
    assert len(entries) == len(revisions) == len(history) == 1
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:portal.your-connect.com,2026:terms/") for i in ids)
    for entry, revision, row in zip(entries, revisions, history):
        for tag in ("id", "title", "updated", "published", "summary", "content"):
            assert (entry.find(f"{ATOM}{tag}").text or "").strip(), tag
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert link == revision["comparison"][lang] == row["links"][1]
        assert entry.find(f"{ATOM}published").text.startswith(revision["published"])
        assert entry.find(f"{ATOM}updated").text.startswith(revision["published"])
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "text"
        assert ("令和8年3月1日（2026年3月1日）" if lang == "ja" else "March 1, 2026") in content.text
        assert revision["url"][lang] in content.text and link in content.text
        summary = entry.find(f"{ATOM}summary").text
        assert ("第14条（CRM連携機能に関する条件）：新設" if lang == "ja"
                else "Article 14 (Conditions for the CRM Integration Function): newly established") in summary
    assert root.find(f"{ATOM}updated").text == "2026-01-30T00:00:00+09:00"  # latest publication, not build time


def test_feed_entry_ids_are_stable_across_days(sites) -> None:
    def ids(site: Path, lang: str) -> list[str]:
        return [e.find(f"{ATOM}id").text for e in feed(site, lang).findall(f"{ATOM}entry")]

    for lang in ("ja", "en"):
        assert ids(sites.get("2026-02-15"), lang) == ids(sites.get("2026-11-24"), lang) == [
            f"tag:portal.your-connect.com,2026:terms/your-connect/2026-03-01/{lang}"]
    # nothing in the feed depends on the build day
    assert (sites.get("2026-02-15") / "feed.xml").read_bytes() == (sites.get("2026-11-24") / "feed.xml").read_bytes()


def test_changes_json_lists_a_change_made_in_one_language_only(tmp_path: Path) -> None:
    """A unit changed in one language only (a reviewed translation, a corrected English heading)
    is listed with both languages' texts, the unchanged one without marks."""
    from conftest import make_project

    from termsite.source.loading import load_corpus
    from termsite.outputs.changes_json import changes

    project = make_project(tmp_path / "p")
    old = project / "versions/your-connect/initial.yaml"
    old.write_text(old.read_text(encoding="utf-8").replace(
        "en: four months in writing}",
        "en: 30 days by e-mail}\n          - text: {ja: 詳しくは第1条（目的）を参照。, en: See Article 1 (Purpose).}"),
        encoding="utf-8")
    new = project / "versions/your-connect/2026-03-01.yaml"
    new.write_text(new.read_text(encoding="utf-8")
                   .replace("en: 30 days by e-mail}", "en: 30 days by e-mail, en_reviewed: true}")
                   .replace("heading: {ja: 目的, en: Purpose}", "heading: {ja: 目的, en: Purposes}"), encoding="utf-8")
    data = changes(load_corpus(project).revisions("your-connect")[0])
    schema = json.loads((ROOT / "schema/changes.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    ids = [c["id"] for c in data["changes"]]
    assert ids == ["art-1", "art-1-p1", "art-2-p1", "suppl-2026-03-01"]  # reading order
    heading = data["changes"][0]
    assert heading["old"]["ja"] == heading["new"]["ja"] == "第1条（目的）" and heading["marks"]["ja"] == {"old": [], "new": []}
    assert heading["marks"]["en"] == {"old": [["del", "Purpose"]], "new": [["ins", "Purposes"]]}
    assert heading["label"] == {"ja": "第1条", "en": "Article 1"}
    p1 = data["changes"][2]
    assert p1["marks"]["ja"] == {"old": [["del", "4か月"], ["del", "書面"]], "new": [["ins", "30日"], ["ins", "電子メール"]]}
    assert p1["old"]["en"] == p1["new"]["en"] == "30 days by e-mail\nSee Article 1 (Purpose)."
    assert p1["marks"]["en"] == {"old": [], "new": []} and p1["label"]["en"] == "Article 2"
    assert data["changes"][3]["new"]["ja"].startswith("附 則（令和8年1月27日 S S D S 000400007747-01号）\n（実施期日）")


def test_gzipped_sitemaps_do_not_depend_on_the_build_day(site: Path) -> None:
    import gzip

    for sub in ("", "en/"):
        packed = (site / sub / "sitemap.xml.gz").read_bytes()
        assert packed[4:8] == b"\0\0\0\0"  # gzip MTIME: unset
        assert gzip.decompress(packed) == (site / sub / "sitemap.xml").read_bytes()


def test_sitemaps_have_both_language_alternates(site: Path) -> None:
    for sub in ("", "en/"):
        root = ET.fromstring((site / sub / "sitemap.xml").read_bytes())
        urls = root.findall(f"{SITEMAP}url")
        assert len(urls) >= 7  # every page but search (noindex)
        for url in urls:
            loc = url.find(f"{SITEMAP}loc").text
            alts = {l.get("hreflang"): l.get("href") for l in url.findall(f"{XHTML}link")}
            path = loc.removeprefix(SITE_URL).removeprefix("en/")
            assert alts == {"ja": SITE_URL + path, "en": SITE_URL + "en/" + path, "x-default": SITE_URL + path}
            page = site / ("en/" if loc.startswith(SITE_URL + "en/") else "") / path / "index.html"
            assert page.exists(), loc


HOSTILE = '<script>alert(1)</script> <b>太字</b> **強調** [リンク](javascript:alert(1)) {{ 7*7 }} {% raw %} &amp; #見出し'


def test_legal_text_stays_literal_everywhere(tmp_path: Path) -> None:
    """HTML, Markdown, javascript: links and Jinja syntax in legal text come out as the very
    characters typed: on every page, in JSON and in the feed."""
    import yaml as pyyaml
    from conftest import make_project

    from termsite.workflow.build import build_site

    project = make_project(tmp_path / "p")
    path = project / "versions/your-connect/2026-03-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ja: ソフトフォン機能, en: Softphone}",
                                 f"ja: {pyyaml.safe_dump(HOSTILE, allow_unicode=True, width=10**6).strip()}, "
                                 f"en: {pyyaml.safe_dump(HOSTILE, allow_unicode=True, width=10**6).strip()}, en_reviewed: true}}"),
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


def test_a_feed_per_document_and_language_beside_the_combined_one(site: Path) -> None:
    """your-connect/feed.xml and en/your-connect/feed.xml: the document's revisions (the same entries,
    same ids, as in the combined feed of its language), their own id and address; the history page
    links its document's feed."""
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    from termsite.source.loading import load_corpus

    corpus = load_corpus(ROOT)
    for prefix in ("", "en/"):
        combined = ET.parse(site / prefix / "feed.xml").getroot()
        for doc in corpus.documents:
            own = ET.parse(site / prefix / doc.slug / "feed.xml").getroot()
            assert own.findtext(f"{atom}id") != combined.findtext(f"{atom}id")
            self_link = [link.get("href") for link in own.findall(f"{atom}link") if link.get("rel") == "self"]
            assert self_link == [f"https://portal.your-connect.com/terms/{prefix}{doc.slug}/feed.xml"]
            ids = [e.findtext(f"{atom}id") for e in own.findall(f"{atom}entry")]
            assert ids and all(f"terms/{doc.slug}/" in i for i in ids)
            assert ids == [e.findtext(f"{atom}id") for e in combined.findall(f"{atom}entry")
                           if f"terms/{doc.slug}/" in (e.findtext(f"{atom}id") or "")]
            history = BeautifulSoup((site / prefix / doc.slug / "history/index.html").read_text(encoding="utf-8"), "html.parser")
            assert history.select_one('main a[href="../feed.xml"]') is not None
