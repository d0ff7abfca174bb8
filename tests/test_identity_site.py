"""Clause identity on a built site: renumbered items, 枝番, 「第N条　削除」, text that was a placeholder,
and an article deleted with the ones after it renumbered, in both languages.

The real samples plus tests/fixtures/identity (a fictional 2026-09-01 version, see its header),
built for 2026-11-24. Expected texts come from the YAML sources, read here with PyYAML.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, make_project

TODAY = "2026-11-24"
NEW = "your-connect/2026-09-01/comparison/"
LANGS = ("ja", "en")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("identity") / "project", FIXTURES / "identity", with_samples=True)


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from termsite.workflow.build import build_site

    old = os.environ.get("TERMS_TODAY")
    os.environ["TERMS_TODAY"] = TODAY
    try:
        return build_site(project, tmp_path_factory.mktemp("identity-site") / "site")
    finally:
        if old is None:
            os.environ.pop("TERMS_TODAY", None)
        else:
            os.environ["TERMS_TODAY"] = old


@pytest.fixture(scope="module")
def sources(project: Path) -> dict[str, dict]:
    return {slug: yaml.safe_load((project / "versions/your-connect" / f"{slug}.yaml").read_text(encoding="utf-8"))
            for slug in ("2026-03-01", "2026-09-01")}


def page(site: Path, lang: str, url: str) -> BeautifulSoup:
    prefix = "en/" if lang == "en" else ""
    return BeautifulSoup((site / prefix / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def clean(node: BeautifulSoup) -> BeautifulSoup:
    node = BeautifulSoup(str(node), "html.parser")
    for sr in node.select(".terms-sr, .terms-cmp-side, .terms-cmp-target"):
        sr.decompose()
    return node


def marks(node: BeautifulSoup, tag: str) -> list[str]:
    return [m.get_text() for m in clean(node).select(f"{tag}.terms-mark")]


def article(source: dict, num: int | str) -> dict:
    return next(a for a in source["articles"] if str(a["num"]) == str(num))


def items_of(source: dict, art: int, para: int) -> list[dict]:
    p = next(p for p in article(source, art)["paragraphs"] if p["num"] == para)
    return next(b["items"] for b in p["blocks"] if "items" in b)


@pytest.mark.parametrize("lang", LANGS)
def test_renumbered_items_mark_only_their_numbers(site: Path, sources: dict, lang: str) -> None:
    """第1条1: an item inserted as (2) and the ones after it renumbered with their ids: the new item
    is marked whole, the moved ones only in their numbers; 第1条4, which names them by number, has
    exactly those numbers marked."""
    row = page(site, lang, NEW).select_one("tr#row-art-1-p1")
    old_items, new_items = items_of(sources["2026-03-01"], 1, 1), items_of(sources["2026-09-01"], 1, 1)
    old_ids = {it.get("id", f"art-1-p1-i{it['num']}") for it in old_items}
    inserted = [it for it in new_items if it.get("id", f"art-1-p1-i{it['num']}") not in old_ids]
    moved = [it for it in new_items if it.get("id") in old_ids]
    expected: list[str] = []  # in reading order: a moved item's number, an inserted item whole
    for it in new_items:
        if it in inserted or it in moved:
            expected += [f"({it['num']})"] + ([it["text"][lang]] if it in inserted else [])
    new_cell = row.select_one("td.terms-cmp-new")
    assert marks(new_cell, "ins") == expected
    texts_marked = "".join(marks(new_cell, "ins"))
    for it in moved:  # the text of a moved item is not marked
        assert it["text"][lang] not in texts_marked
    assert set(marks(row.select_one("td.terms-cmp-old"), "del")) == {f"({it['num'] - 1})" for it in moved}
    ref = page(site, lang, NEW).select_one("tr#row-art-1-p4")
    assert [m.strip("()（）") for m in marks(ref.select_one("td.terms-cmp-new"), "ins")] == \
        [str(it["num"]) for it in moved]


@pytest.mark.parametrize("lang", LANGS)
def test_branch_item_is_labelled_anchored_and_marked(site: Path, sources: dict, lang: str) -> None:
    label = "(3の2)" if lang == "ja" else "(3-2)"
    text = next(it for it in items_of(sources["2026-09-01"], 2, 1) if str(it["num"]) == "3_2")["text"][lang]
    row = page(site, lang, NEW).select_one("tr#row-art-2-p1")
    assert marks(row.select_one("td.terms-cmp-new"), "ins") == [label, text]
    assert marks(row.select_one("td.terms-cmp-old"), "del") == []
    version = page(site, lang, "your-connect/2026-09-01/")
    li = version.select_one("li#art-2-p1-i3_2")
    assert li.select_one(".terms-num").get_text() == label
    assert li.select_one(".terms-text").get_text() == text


@pytest.mark.parametrize("lang", LANGS)
def test_deletion_in_place_is_a_substitution(site: Path, sources: dict, lang: str) -> None:
    deleted = "第3条\u3000削除" if lang == "ja" else "Article 3 Deleted"
    table = page(site, lang, NEW)
    row = table.select_one("tr#row-art-3")
    new = clean(row.select_one("td.terms-cmp-new"))
    assert new.get_text(" ", strip=True) == deleted.replace("\u3000", " ") or \
        new.get_text("", strip=True) == deleted.replace(" ", "")
    assert marks(row.select_one("td.terms-cmp-new"), "ins") == ["削除" if lang == "ja" else "Deleted"]
    assert "（削る）" not in row.get_text() and "(deleted)" not in row.get_text()
    old_text = "".join(marks(row.select_one("td.terms-cmp-old"), "del"))
    for p in article(sources["2026-03-01"], 3)["paragraphs"]:
        for b in p["blocks"]:
            if "text" in b:
                assert b["text"][lang] in old_text
    history = page(site, lang, "your-connect/clauses/art-3/")
    assert history.select_one("h1").get_text().removeprefix("History of ").startswith(deleted)
    index = [a.get_text(" ", strip=True) for a in page(site, lang, "your-connect/history/").select(".terms-clause-index a")]
    assert deleted.replace("\u3000", " ") in [i.replace("\u3000", " ") for i in index]


@pytest.mark.parametrize("lang", LANGS)
def test_text_from_a_placeholder_is_amended_not_new(site: Path, sources: dict, lang: str) -> None:
    from termsite.comparison.matching import unpublished

    table = page(site, lang, NEW)
    row = table.select_one("tr#row-art-7")
    assert row["data-kind"] == "changed"
    assert unpublished(lang) in row.select_one("td.terms-cmp-old").get_text()
    text = article(sources["2026-09-01"], 7)["paragraphs"][0]["blocks"][0]["text"][lang]
    assert text in row.select_one("td.terms-cmp-new").get_text()
    new_words = "（新設）" if lang == "ja" else "(newly established)"
    assert new_words not in row.get_text()
    # splitting 第6条～第10条 into 第6条, 第7条, 第8条～第10条 is not a change of its own
    assert not table.select("tr#row-art-6.terms-row--changed, tr#row-art-8.terms-row--changed")
    summary = table.select_one(".terms-cmp-summary, .terms-summary") or table
    assert "第6条" not in [a.get_text() for a in summary.select("a")]
    history = page(site, lang, "your-connect/clauses/art-7/")
    head = history.select_one(".terms-wording-head").get_text(" ", strip=True)
    assert ("2026年9月1日改正" if lang == "ja" else "Amended September 1, 2026") in head


def test_notice_says_amended_for_text_from_a_placeholder(project: Path) -> None:
    from termsite.model import Revision
    from termsite.pages.notice import changed_articles
    from termsite.source.loading import load_corpus

    versions = load_corpus(project).versions["your-connect"]
    lines = {line.anchor: line.kind for line in changed_articles(Revision(versions[1], versions[2]), "ja")}
    # 第3条 stays as 「第3条　削除」 (deleted in place) and 第11条 goes: the notice says 削除 for both
    assert lines["art-7"] == "改正" and lines["art-3"] == "削除" and lines["art-11"] == "削除"
    assert "art-6" not in lines and "art-8" not in lines


@pytest.mark.parametrize("lang", LANGS)
def test_deleted_and_renumbered_histories_stay_apart(site: Path, lang: str) -> None:
    """第11条 deleted outright, 第14条 renumbered 第13条 with its id: 第11条's history ends with its
    deletion, and 第13条's history is 第14条's, not 第11条's."""
    gone = page(site, lang, "your-connect/clauses/art-11/")
    heads = [h.get_text(" ", strip=True) for h in gone.select(".terms-wording-head")]
    assert heads[0].startswith("2026年9月1日削除" if lang == "ja" else "Deleted September 1, 2026")
    kept = page(site, lang, "your-connect/clauses/art-14/")
    assert kept.select_one("h1").get_text().removeprefix("History of ").startswith("第13条" if lang == "ja" else "Article 13")
    assert "ログの取得" not in kept.get_text() and "Collection of logs" not in kept.get_text()
    assert not (site / "your-connect/clauses/art-13").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_search_names_the_article_of_a_deletion_and_the_branch_item(project: Path, lang: str) -> None:
    from termsite.outputs.searchindex import records
    from termsite.source.loading import load_corpus

    found = {r.label: r for r in records(load_corpus(project), lang)}
    deleted = "第3条\u3000削除" if lang == "ja" else "Article 3 Deleted"
    assert deleted in found and found[deleted].text == deleted
    assert found[deleted].appearances[0].url.endswith("your-connect/2026-09-01/#art-3")
    branch = "第2条1(3の2)" if lang == "ja" else "Article 2(1)(3-2)"
    assert branch in found and found[branch].appearances[0].url.endswith("#art-2-p1-i3_2")


def test_elided_rows_of_sole_paragraph_and_branch_articles_are_unambiguous() -> None:
    from termsite import labels
    from termsite.model import ArticleNumber

    branch = ArticleNumber((3, 2))
    assert labels.paragraph_ref(branch, 1, "ja", sole=True) == "第3条の2"
    assert labels.paragraph_ref(branch, 1, "ja") == "第3条の2第1項"
    assert labels.paragraph_ref(branch, 1, "ja", 2) == "第3条の2第1項～第2項"
    assert labels.paragraph_ref(ArticleNumber((1,)), 2, "ja", 3) == "第1条2～3"  # the seed's own form
    assert labels.paragraph_ref(branch, 1, "en", sole=True) == "Article 3-2"


@pytest.mark.parametrize("lang", LANGS)
def test_paragraph_text_from_a_placeholder_is_amended(lang: str) -> None:
    """第1条2～3（略） split into the text of 第1条2 and 第1条3（略）: 第1条2 is amended with the earlier
    text not published here, and 第1条3 is no change at all."""
    from dataclasses import replace

    from conftest import ROOT
    from termsite.comparison.compare import compare
    from termsite.comparison.matching import unpublished
    from termsite.model import Paragraph, Revision, Text, TextBlock
    from termsite.source.loading import load_corpus

    old = load_corpus(ROOT).versions["your-connect"][-1]
    first = old.articles[0]
    placeholder = next(p for p in first.paragraphs if p.omitted)
    assert (placeholder.num, placeholder.through) == (2, 3)
    given = Paragraph(placeholder.id, 2, (TextBlock(Text("乙は、本サービスの内容を説明します。", "Party B explains the service.")),))
    rest = Paragraph(f"{first.id}-p3", 3, omitted=True)
    paragraphs = tuple(p for q in first.paragraphs for p in ((given, rest) if q is placeholder else (q,)))
    new = replace(old, slug="next", articles=(replace(first, paragraphs=paragraphs), *old.articles[1:]))
    rows = {r.id: r for r in compare(Revision(old, new), lang).rows()}
    row = rows[f"row-{given.id}"]
    assert row.kind == "changed"
    assert "".join(s.text for b in row.old[0].blocks for s in b.text) == unpublished(lang)
    assert "".join(s.text for b in row.new[0].blocks for s in b.text) == given.blocks[0].text[lang]  # type: ignore[union-attr]
    assert rows[f"row-{rest.id}"].kind == "elided"
    assert [r.kind for r in rows.values()].count("changed") == 1 and "added" not in [r.kind for r in rows.values()]
