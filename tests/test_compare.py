"""Comparison rules beyond the sample revision: renumbering, removals, matching by id."""
from __future__ import annotations

from dataclasses import replace

from conftest import ROOT
from termsite.comparison.compare import compare, is_marked
from termsite.source.loading import load_corpus
from termsite.model import ArticleNumber, Revision


def revised():
    return load_corpus(ROOT).versions["your-connect"][1]


def marks(units) -> list[tuple[str, str]]:
    from termsite.comparison.diff import Span

    out = []

    def walk(obj) -> None:
        if isinstance(obj, Span):
            if obj.mark != "same":
                out.append((obj.mark, obj.text))
        elif isinstance(obj, list):
            for x in obj:
                walk(x)
        elif hasattr(obj, "__dataclass_fields__"):
            for name in obj.__dataclass_fields__:
                walk(getattr(obj, name))

    walk(units)
    return out


def test_only_the_number_is_marked_when_an_article_is_renumbered() -> None:
    old = revised()
    art14 = old.article("art-14")
    new = replace(old, articles=tuple(replace(a, num=ArticleNumber((15,))) if a is art14 else a for a in old.articles))
    groups = [g for g in compare(Revision(old, new), "ja").groups if g.status != "same" and g.kind != "elided"]
    assert [g.id for g in groups] == ["art-14"]
    assert marks(groups[0].heading_old) == [("del", "第14条")] and marks(groups[0].heading_new) == [("ins", "第15条")]
    assert all(not is_marked(r.old) and not is_marked(r.new) for r in groups[0].rows if r.kind == "elided")


def test_an_inserted_article_does_not_shift_the_others() -> None:
    old = revised()
    extra = replace(old.article("art-11"), id="art-new", num=ArticleNumber((11, 2)))
    articles = []
    for a in old.articles:
        articles.append(a)
        if a.id == "art-11":
            articles.append(extra)
    new = replace(old, articles=tuple(articles))
    changed = [g.id for g in compare(Revision(old, new), "ja").groups if g.status != "same" and g.kind != "elided"]
    assert changed == ["art-new"]


def test_removed_paragraph_and_article() -> None:
    old = revised()
    art5 = old.article("art-5")
    new = replace(old, articles=tuple(
        replace(a, paragraphs=a.paragraphs[:4]) if a is art5 else a for a in old.articles if a.id != "art-14"))
    result = compare(Revision(old, new), "ja")
    rows = {r.id: r for r in result.rows()}
    assert rows["row-art-5-p5"].kind == "removed" and rows["row-art-5-p5"].new == []
    assert marks(rows["row-art-5-p5"].old)[0] == ("del", "5.")
    assert rows["row-art-14"].kind == "removed"
    assert result.counts()["article"] == {"changed": 1, "added": 0, "removed": 1}


def test_identical_versions_have_no_changes() -> None:
    old = revised()
    result = compare(Revision(old, old), "ja")
    assert all(r.kind == "elided" for r in result.rows())
    assert result.counts()["paragraph"] == {"changed": 0, "added": 0, "removed": 0}


def renumbered():
    """The 2026-03-01 version with 第14条 moved to 第15条, its id kept."""
    old = revised()
    art14 = old.article("art-14")
    new = replace(old, articles=tuple(replace(a, num=ArticleNumber((15,))) if a is art14 else a for a in old.articles))
    return old, new


def test_each_side_of_an_elision_uses_its_own_numbers() -> None:
    old, new = renumbered()
    for lang, old_label, new_label in (("ja", "第14条1～6", "第15条1～6"), ("en", "Article 14(1)–(6)", "Article 15(1)–(6)")):
        group = next(g for g in compare(Revision(old, new), lang).groups if g.id == "art-14")
        elided = [r for r in group.rows if r.kind == "elided"]
        assert [r.side_label("old") for r in elided] == [old_label]
        assert [r.side_label("new") for r in elided] == [new_label]
        # the old side's units are the old paragraphs
        assert [u.id for u in elided[0].old] == [p.id for p in old.article("art-14").paragraphs]


def test_unchanged_preamble_paragraphs_merge_into_one_elision() -> None:
    from termsite.model import PreambleParagraph

    old = revised()
    extra = tuple(PreambleParagraph(f"preamble-x{i}", old.preamble[-1].text) for i in range(3))
    version = replace(old, preamble=old.preamble + extra)
    rows = compare(Revision(version, version), "ja").groups[0].rows
    assert [r.kind for r in rows] == ["elided"]
    assert [u.id for u in rows[0].new] == [p.id for p in version.preamble]


def test_diff_text_shows_a_changed_placeholder_range_as_a_change() -> None:
    from termsite.outputs.output import markdown, text
    from termsite.source.loading import load_document

    old = revised()
    new = replace(old, articles=tuple(replace(a, through=ArticleNumber((9,))) if a.id == "art-6" else a
                                      for a in old.articles))
    doc, _ = load_document(ROOT / "content" / "documents" / "your-connect.yaml", ROOT)
    comparison = compare(Revision(old, new), "ja")
    out = text(comparison)
    assert "（新設）" not in out and "（削る）" not in out
    assert "old: [-第6条～第10条-]" in out and "new: {+第6条～第9条+}" in out  # the range is what changed
    md = markdown(comparison, doc)
    assert "（新設）" not in md and "（削る）" not in md and "<ins>第6条～第9条</ins>" in md
    # a renumbered article: the number change is listed, not an addition or removal
    out = text(compare(Revision(*renumbered()), "ja"))
    assert "[-第14条-]" in out and "{+第15条+}" in out and "（新設）" not in out


def test_table_names_each_side_of_a_renumbered_elision_by_its_own_numbers() -> None:
    from bs4 import BeautifulSoup

    from termsite.model import Corpus
    from termsite.pages.templating import render, standalone_env
    from termsite.pages.views import comparison_view

    old, new = renumbered()
    corpus = load_corpus(ROOT)
    doc = corpus.documents[0]
    view = comparison_view(Corpus((doc,), {doc.slug: (old, new)}), doc, Revision(old, new), "ja")
    soup = BeautifulSoup(render(standalone_env("ja"), "partials/terms/comparison_table.html", view=view, lang="ja"),
                         "html.parser")
    row = soup.find(id="row-art-14-p1")
    assert row.select_one("summary .terms-cmp-old .terms-elided__label").get_text(strip=True) == "第14条1～6（略）"
    assert row.select_one("summary .terms-cmp-new .terms-elided__label").get_text(strip=True) == "第15条1～6（略）"
    assert row.select_one("summary .terms-cmp-old del").get_text(strip=True).endswith("第14条")
    assert row.select_one("summary .terms-cmp-new ins").get_text(strip=True).endswith("第15条")
