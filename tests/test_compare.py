"""Comparison rules beyond the sample revision: renumbering, removals, matching by id."""
from __future__ import annotations

from dataclasses import replace

from conftest import ROOT
from termsite.compare import compare, is_marked
from termsite.loading import load_corpus
from termsite.model import ArticleNumber, Revision


def revised():
    return load_corpus(ROOT).versions["your-connect"][1]


def marks(units) -> list[tuple[str, str]]:
    from termsite.diff import Span

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
