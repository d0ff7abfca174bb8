"""Changes since a version and every clause's history, on a built site with three versions.

The real samples plus tests/fixtures/third (a fictional 2026-09-01 version: 第14条の2 inserted,
第5条5 removed, 第5条4 changed again after 2026-03-01, the English of 第11条 fixed), built for
2026-11-24 so that 2026-09-01 is in force and both earlier versions are superseded. Expected texts
come from the YAML sources, read here with PyYAML, not from the site's own model.
"""
from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, make_project

TODAY = "2026-11-24"
BASE = "https://x/terms/"
SLUGS = ("initial", "2026-03-01", "2026-09-01")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("third") / "project", FIXTURES / "third", with_samples=True)


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The site, and how many comparisons the build made (counted where they are made)."""
    from termsite.comparison import clause_history, compare
    from termsite.outputs import changes_json
    from termsite.pages import notice, views
    from termsite.workflow.build import build_site

    calls: list[tuple[str, str, str]] = []
    original = compare.compare
    users = (compare, clause_history, changes_json, notice, views)  # every module that calls it

    def counting(revision, lang):  # type: ignore[no-untyped-def]
        calls.append((revision.old.slug, revision.new.slug, lang))
        return original(revision, lang)

    histories: list[tuple[str, str]] = []
    original_histories = clause_history.clause_histories

    def counting_histories(versions, comparisons):  # type: ignore[no-untyped-def]
        histories.append((versions[0].document, comparisons.lang))
        return original_histories(versions, comparisons)

    old = os.environ.get("TERMS_TODAY")
    os.environ["TERMS_TODAY"] = TODAY
    for module in users:
        module.compare = counting  # type: ignore[attr-defined]
    clause_history.clause_histories = counting_histories  # type: ignore[assignment]
    clause_history._BY_CONTENT.clear()  # other tests' builds of the same texts must not hide the work
    try:
        site = build_site(project, tmp_path_factory.mktemp("third-site") / "site")
    finally:
        for module in users:
            module.compare = original  # type: ignore[attr-defined]
        clause_history.clause_histories = original_histories  # type: ignore[assignment]
        if old is None:
            os.environ.pop("TERMS_TODAY", None)
        else:
            os.environ["TERMS_TODAY"] = old
    return {"site": site, "calls": calls, "histories": histories}


@pytest.fixture(scope="module")
def site(built: dict[str, object]) -> Path:
    return built["site"]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def sources(project: Path) -> dict[str, dict]:
    return {slug: yaml.safe_load((project / "versions/your-connect" / f"{slug}.yaml").read_text(encoding="utf-8"))
            for slug in SLUGS}


def page(site: Path, url: str) -> BeautifulSoup:
    path, _ = urldefrag(url)
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def paragraph_text(source: dict, article: str, num: int, lang: str) -> str:
    a = next(a for a in source["articles"] if str(a["num"]) == article)
    p = next(p for p in a["paragraphs"] if p["num"] == num)
    return "".join(b["text"][lang] for b in p["blocks"] if "text" in b)


def plain(cell: BeautifulSoup) -> str:
    """A cell's legal text as read (white space collapsed): without the words for screen
    readers and the headings."""
    for sr in cell.select(".terms-sr, .terms-cmp-heading, .terms-cmp-target, .terms-cmp-side"):
        sr.decompose()
    return " ".join(cell.get_text("").split())


def words(text: str) -> str:
    return " ".join(text.split())


def marked(cell: BeautifulSoup, tag: str) -> list[str]:
    out = []
    for m in cell.select(f"{tag}.terms-mark"):
        for sr in m.select(".terms-sr"):
            sr.decompose()
        out.append(m.get_text())
    return out


def periods(sources: dict[str, dict]) -> dict[str, tuple[date | None, date | None]]:
    starts = [s["effective"] for s in (sources[slug] for slug in SLUGS)]
    starts = [date.fromisoformat(str(d)) if d else None for d in starts]
    ends = [n - timedelta(days=1) for n in starts[1:]] + [None]
    return dict(zip(SLUGS, zip(starts, ends)))


# --- changes since a version -----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cumulative_table_marks_the_net_change_on_both_sides(site: Path, sources, lang: str) -> None:
    """第5条4 changed in 2026-03-01 and again in 2026-09-01: the table from the oldest version
    shows one row, first wording against wording in force, marked on both sides."""
    from termsite.comparison.diff import diff_text, sides

    prefix = "en/" if lang == "en" else ""
    soup = page(site, prefix + "your-connect/initial/changes-since/")
    rows = soup.select("tr#row-art-5-p4")
    assert len(rows) == 1
    old_cell, new_cell = rows[0].select("td.terms-cmp-old")[0], rows[0].select("td.terms-cmp-new")[0]
    first = paragraph_text(sources["initial"], "5", 4, lang)
    middle = paragraph_text(sources["2026-03-01"], "5", 4, lang)
    in_force = paragraph_text(sources["2026-09-01"], "5", 4, lang)
    assert len({first, middle, in_force}) == 3  # really changed twice
    assert plain(BeautifulSoup(str(old_cell), "html.parser")) == words("4. " + first)
    assert plain(BeautifulSoup(str(new_cell), "html.parser")) == words("4. " + in_force)
    expected_old, expected_new = sides(diff_text(first, in_force))
    assert marked(old_cell, "del") == [s.text for s in expected_old if s.mark == "del"]
    assert marked(new_cell, "ins") == [s.text for s in expected_new if s.mark == "ins"]
    assert marked(old_cell, "del") and marked(new_cell, "ins")
    # the intermediate wording's own words appear in neither side's marks
    between = {s.text for s in sides(diff_text(first, middle))[1] if s.mark == "ins"} - {
        s.text for s in expected_new if s.mark == "ins"}
    assert between and not (between & set(marked(new_cell, "ins")))


def test_cumulative_table_is_the_same_table_as_a_revision(site: Path) -> None:
    """From the version just before the one in force, the cumulative table is that revision's table."""
    since = page(site, "your-connect/2026-03-01/changes-since/").select_one("table.terms-cmp tbody")
    revision = page(site, "your-connect/2026-09-01/comparison/").select_one("table.terms-cmp tbody")
    assert str(since) == str(revision)


def test_cumulative_table_shows_every_kind_of_change(site: Path) -> None:
    soup = page(site, "your-connect/initial/changes-since/")
    kinds = {tr["id"]: tr["data-kind"] for tr in soup.select("tr[data-kind]")}
    assert kinds["row-art-5-p5"] == "removed" and kinds["row-art-14_2"] == "added"
    assert kinds["row-art-14"] == "added"  # added in 2026-03-01, still there: added since initial
    assert "（削る）" in soup.select_one("tr#row-art-5-p5 td.terms-cmp-new").get_text()
    # the version named in a sentence: 2026年2月28日まで適用された版から現行の規約までの変更
    from termsite.pages.reader import version_phrase
    assert soup.select_one("h1").get_text().endswith(f"{version_phrase(None, date(2026, 2, 28), 'ja', past=True)}から現行の規約までの変更")
    # both 附則 made since then are added
    assert {g["id"] for g in soup.select("tr[id^=row-suppl-]")} == {"row-suppl-2026-03-01", "row-suppl-2026-09-01"}


def test_english_only_fix_is_in_the_english_tables_only(site: Path) -> None:
    ja = page(site, "your-connect/2026-03-01/changes-since/")
    en = page(site, "en/your-connect/2026-03-01/changes-since/")
    assert ja.select_one("tr#row-art-11-p1") is None
    assert en.select_one("tr#row-art-11-p1")["data-kind"] == "changed"


def test_cumulative_pages_exist_for_superseded_versions_only(site: Path) -> None:
    for prefix in ("", "en/"):
        assert (site / prefix / "your-connect/initial/changes-since/index.html").exists()
        assert (site / prefix / "your-connect/2026-03-01/changes-since/index.html").exists()
        assert not (site / prefix / "your-connect/2026-09-01/changes-since").exists()


# --- links land on the right rows --------------------------------------------------------------

def resolve(here: str, href: str) -> tuple[str, str]:
    """(page path below the site root, fragment) of a link on page ``here``."""
    url, frag = urldefrag(urljoin(BASE + here, href))
    assert url.startswith(BASE), href
    return url[len(BASE):], frag


def target(site: Path, here: str, href: str) -> BeautifulSoup:
    path, frag = resolve(here, href)
    soup = page(site, path)
    if frag:
        assert soup.find(id=frag) is not None, (here, href)
    return soup


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_banner_and_history_link_the_changes_since(site: Path, prefix: str) -> None:
    for slug in ("initial", "2026-03-01"):
        here = f"{prefix}your-connect/{slug}/"
        soup = page(site, here)
        shown = [b for b in soup.select(".terms-banner") if not b.has_attr("hidden")]
        links = [a["href"] for b in shown for a in b.select("a")]
        since = [h for h in links if resolve(here, h)[0] == f"{prefix}your-connect/{slug}/changes-since/"]
        assert len(since) == 1, links
        target(site, here, since[0])
    here = f"{prefix}your-connect/history/"
    history = page(site, here)
    for slug in SLUGS:
        row = history.select_one(f"tr#v-{slug}")
        hrefs = [resolve(here, a["href"])[0] for a in row.select("a")]
        has = f"{prefix}your-connect/{slug}/changes-since/" in hrefs
        assert has == (slug != "2026-09-01"), slug
    # readers are not sent to the repository (tests/test_reader.py)
    assert history.select_one("pre.terms-history-command") is None


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_clause_mark_lands_on_the_row_of_its_clause(site: Path, sources, prefix: str) -> None:
    checked = 0
    for slug in SLUGS:
        here = f"{prefix}your-connect/{slug}/"
        soup = page(site, here)
        for mark in soup.select(".terms-clause-mark"):
            cid = mark["data-clause"]
            links = mark.select("a")
            history = links[-1]
            hist = target(site, here, history["href"])
            path, frag = resolve(here, history["href"])
            assert path == f"{prefix}your-connect/clauses/{cid.split('-p')[0] if cid.startswith('art-') else 'preamble'}/"
            if frag:
                assert frag == cid and hist.find(id=cid).name == "section"
            if len(links) == 2:  # "2026年3月1日改正": the row of that revision's table
                tpage = target(site, here, links[0]["href"])
                path, frag = resolve(here, links[0]["href"])
                assert path.endswith("/comparison/")
                row = tpage.find(id=frag)
                if frag.startswith("cmp-"):
                    assert frag == f"cmp-{cid}"
                else:
                    assert row.name == "tr" and row["data-kind"] != "elided"
                    units = {u["data-unit"] for u in row.select("[data-unit]")}
                    assert cid in units or frag == f"row-{cid}", (cid, frag)
            checked += 1
    # one mark for every preamble paragraph, article and paragraph whose text the sources hold
    expected = sum(len(src.get("preamble", [])) + sum(
        1 + sum(1 for p in a["paragraphs"] if not p.get("omitted")) for a in src["articles"] if not a.get("omitted"))
        for src in sources.values())
    assert checked == expected


def mark_of(site: Path, url: str, cid: str) -> str:
    return page(site, url).select_one(f'.terms-clause-mark[data-clause="{cid}"]').get_text(" ", strip=True)


def test_clause_marks_say_when_each_clause_last_changed(site: Path) -> None:
    assert mark_of(site, "your-connect/2026-09-01/", "art-5-p4").startswith("2026年9月1日改正")
    assert mark_of(site, "your-connect/2026-03-01/", "art-5-p4").startswith("2026年3月1日改正")
    assert mark_of(site, "your-connect/2026-09-01/", "art-14_2").startswith("2026年9月1日新設")
    assert mark_of(site, "your-connect/2026-09-01/", "art-5-p1").startswith("記録上最初の版から変更なし")
    # the English-only fix: an amendment of the English text, not of the governing Japanese
    assert mark_of(site, "your-connect/2026-09-01/", "art-11-p1").startswith("2026年3月1日改正")
    assert mark_of(site, "en/your-connect/2026-09-01/", "art-11-p1").startswith("Translation revised September 1, 2026")
    assert mark_of(site, "en/your-connect/2026-09-01/", "art-5-p4").startswith("Amended September 1, 2026")


# --- a clause's history -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_clause_history_lists_every_wording_with_its_period(site: Path, sources, lang: str) -> None:
    from termsite.pages.views import period_label

    prefix = "en/" if lang == "en" else ""
    section = page(site, prefix + "your-connect/clauses/art-5/").select_one("section#art-5-p4")
    entries = section.select("li.terms-wording")
    assert len(entries) == 3
    spans = periods(sources)
    for entry, slug in zip(entries, reversed(SLUGS)):  # newest first
        head = entry.select_one(".terms-wording-period").get_text(strip=True)
        assert head == period_label(*spans[slug], lang)
        wording = paragraph_text(sources[slug], "5", 4, lang)
        body = entry.select_one("td.terms-cmp-new") or entry.select_one(".terms-wording-text")
        assert plain(BeautifulSoup(str(body), "html.parser")) == words("4. " + wording)
    # each change is marked against the wording before it, as in that revision's table
    newest = entries[0]
    revision = page(site, prefix + "your-connect/2026-09-01/comparison/").select_one("tr#row-art-5-p4")
    assert marked(newest.select_one("td.terms-cmp-new"), "ins") == marked(revision.select_one("td.terms-cmp-new"), "ins")
    assert marked(newest.select_one("td.terms-cmp-old"), "del") == marked(revision.select_one("td.terms-cmp-old"), "del")


def test_clause_history_names_a_fix_of_the_translation(site: Path) -> None:
    en = page(site, "en/your-connect/clauses/art-11/").select_one("section#art-11-p1")
    heads = [li.select_one(".terms-wording-head").get_text(" ", strip=True) for li in en.select("li.terms-wording")]
    assert "Translation revised September 1, 2026" in heads[0] and "Amended March 1, 2026" in heads[1]
    ja = page(site, "your-connect/clauses/art-11/").select_one("section#art-11-p1")
    assert len(ja.select("li.terms-wording")) == 2  # the Japanese changed once


def test_clause_history_shows_removals_and_insertions(site: Path) -> None:
    removed = page(site, "your-connect/clauses/art-5/").select_one("section#art-5-p5")
    assert removed.select("li.terms-wording")[0].select_one(".terms-wording-head").get_text(" ", strip=True).startswith(
        "2026年9月1日削除")
    inserted = page(site, "your-connect/clauses/art-14_2/")
    assert inserted.select_one("h1").get_text().startswith("第14条の2")
    assert "（新設）" in inserted.select_one("section#art-14_2-p1 td.terms-cmp-old").get_text()


def test_clause_history_ids_are_unique(site: Path) -> None:
    for path in sorted((site / "your-connect/clauses").glob("*/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids = [e["id"] for e in soup.select("[id]")]
        assert len(ids) == len(set(ids)), path


def test_history_page_reaches_every_clause_history(site: Path) -> None:
    here = "your-connect/history/"
    links = page(site, here).select(".terms-clause-index a")
    pages = {resolve(here, a["href"])[0] for a in links}
    built = {f"your-connect/clauses/{p.parent.name}/" for p in (site / "your-connect/clauses").glob("*/index.html")}
    # every clause's history, and the index of them all (your-connect/clauses/)
    assert pages == built | {"your-connect/clauses/"} and "your-connect/clauses/art-14_2/" in pages


def test_new_pages_stay_out_of_the_navigation(site: Path) -> None:
    for url in ("", "your-connect/clauses/art-5/", "your-connect/initial/changes-since/"):
        nav = [a["href"] for a in page(site, url).select("nav.md-nav a[href]")]
        assert nav and not [h for h in nav if "changes-since" in h or "clauses/" in h], url


# --- JSON, and the work it takes --------------------------------------------------------------------

def test_clauses_json(site: Path) -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    data = json.loads((site / "your-connect/clauses.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "schema/clause-history.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema, format_checker=FormatChecker(["date"])).iter_errors(data)) == []
    by_id = {c["id"]: c for c in data["clauses"]}
    p4 = by_id["art-5-p4"]
    assert [w["versions"] for w in p4["wordings"]] == [[s] for s in SLUGS]
    assert [r["version"] for r in p4["revisions"]] == ["2026-03-01", "2026-09-01"]
    assert by_id["art-11-p1"]["revisions"][-1]["languages"] == ["en"]
    assert by_id["art-5-p5"]["revisions"][-1]["kind"] == "removed"
    assert by_id["art-14_2"]["wordings"][0]["introduced_by"] == "2026-09-01"
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))["documents"][0]
    assert [v["changes_since"] is not None for v in index["versions"]] == [True, True, False]


def test_each_pair_of_versions_is_compared_once_per_language(built: dict[str, object]) -> None:
    """Revision tables, cumulative tables, clause marks, clause histories and clauses.json all
    reuse one comparison per pair and language: the work is linear in the number of versions."""
    calls = built["calls"]
    assert sorted(calls) == sorted(set(calls))  # type: ignore[arg-type]
    expected = {(a, b, lang) for a, b in zip(SLUGS, SLUGS[1:]) for lang in ("ja", "en")}
    expected |= {(a, SLUGS[-1], lang) for a in SLUGS[:-2] for lang in ("ja", "en")}
    assert set(calls) == expected  # type: ignore[arg-type]


def test_clause_histories_are_made_once_per_language(built: dict[str, object]) -> None:
    """Both language builds' pages and clauses.json read the same histories."""
    assert sorted(built["histories"]) == [("your-connect", "en"), ("your-connect", "ja")]  # type: ignore[call-overload]
