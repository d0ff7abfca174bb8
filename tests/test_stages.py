"""Every day's text is a version: the text in force while part of a revision waits (一部施行).

Fixtures in tests/fixtures/stages/ (each a fictional 2026-10-01 revision of the samples, one
amendment deferred to a later day by its 附則):
- placeholder: 第8条, inside the （略） range 第6条～第10条 before, is written out and amended; deferred
  (placeholder-first: the same with 第6条, the first of the range, under the range's id art-6).
- branch: an inserted 枝番 item 第4条第1項第2号の2; deferred.
- renumber: 第2条 deleted, the following articles moved up; the deletion deferred together with the
  cross-reference that names 第4条 by its new number; renumber-undragged defers the deletion alone.

What each test expects is read from the fixture's YAML with PyYAML (numbers, headings, the deferred
clauses and days), never from the site's model.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, ROOT, make_project
from termsite.model import Article, Corpus, ItemList, Version
from termsite.problems import ValidationFailed
from termsite.source.loading import load_corpus
from termsite.source.validation import texts, validate_version
from termsite.timeline import commencement as cm

STAGES = FIXTURES / "stages"
OLD = ROOT / "versions/your-connect/2026-03-01.yaml"


def raw(case: str) -> dict[str, Any]:
    """The YAML as written, every scalar a string (YAML 1.1 would read the 枝番 2_2 as 22)."""
    return yaml.load((STAGES / case / "versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def raw_old() -> dict[str, Any]:
    return yaml.load(OLD.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def deferred_clauses(source: dict[str, Any]) -> dict[str, date]:
    own = [s for s in source["supplementary"] if str(s["effective"]) == str(source["effective"])][0]
    return {c: date.fromisoformat(str(d["effective"])) for p in own["paragraphs"] for d in p.get("defers", [])
            for c in d["clauses"]}


def load(case: str, tmp: Path) -> Corpus:
    return load_corpus(make_project(tmp / case, STAGES / case, with_samples=True))


def days_between(source: dict[str, Any]) -> list[date]:
    """The revision's day, the days around each deferred day, and a day in between."""
    start = date.fromisoformat(str(source["effective"]))
    later = sorted(set(deferred_clauses(source).values()))
    days = {start, start + (later[0] - start) / 2}
    for d in later:
        days |= {d - timedelta(days=1), d}
    return sorted(days)


def spans(source: dict[str, Any]) -> list[tuple[int, int, str | None]]:
    """(first number, last number, heading) of each article as the YAML writes it."""
    out = []
    for a in source["articles"]:
        first = int(str(a["num"]).split("_")[0])
        out.append((first, int(a.get("through", first)), a["heading"]["ja"] if "heading" in a else None))
    return out


def model_spans(v: Version) -> list[tuple[int, int, str | None]]:
    return [(a.num.parts[0], (a.through or a.num).parts[0], a.heading.ja if a.heading else None)
            for a in v.articles]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stages")


@pytest.mark.parametrize("case", ["placeholder", "placeholder-first"])
def test_an_article_written_out_of_a_placeholder_waits_inside_it(tmp: Path, case: str) -> None:
    """Until its day the deferred article is not reproduced, as before: every other article keeps
    its number and heading (第11条（ログの取得）, 第14条（CRM…）), the range is 第6条～第10条 again —
    also when the article written out is the first of the range and takes its id (art-6)."""
    source, old = raw(case), raw_old()
    corpus = load(case, tmp)
    versions = corpus.versions["your-connect"]
    (cid, day), = deferred_clauses(source).items()
    for d in days_between(source):
        text = cm.in_force_text(versions, d)
        assert text is not None and not validate_version(text)
        expected = spans(old) if d < day else spans(source)
        assert model_spans(text) == expected, d
        # unchanged articles are the new version's objects' equals: nothing else is said to change
        new = versions[-1]
        for a in new.articles:
            if a.id != cid and not a.omitted:
                assert text.article(a.id) == a
                assert cm.clause_commences(versions[-2], new, a.id) <= date.fromisoformat(str(source["effective"]))
    assert cm.clause_commences(versions[-2], versions[-1], cid) == day


def _items(v: Version, article: str) -> list[str]:
    art = v.article(article)
    assert isinstance(art, Article)
    return [it.key for b in art.paragraphs[0].blocks if isinstance(b, ItemList) for it in b.items]


def test_a_deferred_branch_item_leaves_the_others_numbered_as_they_are(tmp: Path) -> None:
    """(1)(2)(3)… until the day, then (1)(2)(2の2)(3)…; no other item is said to change later."""
    source = raw("branch")
    corpus = load("branch", tmp)
    versions = corpus.versions["your-connect"]
    old, new = versions[-2], versions[-1]
    (cid, day), = deferred_clauses(source).items()
    art = next(a for a in source["articles"] if a["num"] == "4")
    keys = [str(it["num"]) for b in art["paragraphs"][0]["blocks"] if "items" in b for it in b["items"]]
    gone = cid.rsplit("-i", 1)[1]
    for d in days_between(source):
        text = cm.in_force_text(versions, d)
        assert text is not None and not validate_version(text)
        assert _items(text, "art-4") == (keys if d >= day else [k for k in keys if k != gone]), d
    start = date.fromisoformat(str(source["effective"]))
    for key in keys:
        item = f"art-4-p1-i{key}"
        assert cm.clause_commences(old, new, item) == (day if item == cid else start), item


def test_a_deferred_deletion_takes_its_renumbering_and_references_along(tmp: Path) -> None:
    """While the deletion waits the following articles keep their old numbers, and every
    cross-reference names the number its article bears that day."""
    source, old_source = raw("renumber"), raw_old()
    corpus = load("renumber", tmp)
    versions = corpus.versions["your-connect"]
    later = deferred_clauses(source)
    day = min(later.values())
    for d in days_between(source):
        text = cm.in_force_text(versions, d)
        assert text is not None and not validate_version(text)
        assert [h for _, _, h in model_spans(text)] == [h for _, _, h in spans(old_source if d < day else source)]
        for _, t in texts(text):
            for link in t.links:
                if link.article:
                    target = text.article(link.article)
                    assert target is not None and link.text.ja.startswith(target.num.label("ja")), (d, link)


def test_an_undragged_reference_is_refused_with_the_clause_to_defer(tmp: Path) -> None:
    """Deferring the deletion but not the reference to a renumbered article: one message, at the
    `defers:` entry, naming the clause the good fixture defers besides."""
    good, bad = deferred_clauses(raw("renumber")), deferred_clauses(raw("renumber-undragged"))
    missing = sorted(set(good) - set(bad))
    with pytest.raises(ValidationFailed) as failed:
        load("renumber-undragged", tmp)
    problems = failed.value.problems
    assert len(problems) == 1
    p = problems[0]
    lines = (STAGES / "renumber-undragged/versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[p.location.line - 1].strip().startswith("- effective:")
    assert p.location.path.endswith("2026-10-01.yaml")
    assert f"defer {', '.join(missing)} with it" in str(p)
    assert "cross-reference" in p.message


def test_a_deferred_renumbering_names_the_clause_it_collides_with(tmp_path: Path) -> None:
    """tests/fixtures/swapped (第2条 and 第3条 swap places) with the move of one of them deferred: the
    text in between would have two articles of one number, and the check names the other one; with
    both deferred it is the earlier text, in the earlier order."""
    from dataclasses import replace as dc_replace

    from termsite.model import Deferral, Text
    from termsite.source.commencement_check import stage_texts
    from termsite.timeline.dates import long_date, wareki

    source = yaml.load((FIXTURES / "swapped/versions/your-connect/2026-10-01.yaml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)
    swapped = [a["id"] for a in source["articles"] if "id" in a]
    assert len(swapped) == 2
    corpus = load_corpus(make_project(tmp_path / "p", FIXTURES / "swapped", with_samples=True))
    old, new = corpus.versions["your-connect"][-2:]
    assert new.effective is not None
    later = new.effective + timedelta(days=92)
    own = new.supplementary[-1]
    para = own.paragraphs[0]
    text = Text(para.text.ja + f"ただし、第2条及び第3条の改正規定は、{wareki(later)}から実施します。",
                para.text.en + f" However, the amendment of Articles 2 and 3 takes effect on {long_date(later, 'en')}.")
    for deferred, other in (swapped, swapped[::-1]):
        paragraph = dc_replace(para, text=text, defers=(Deferral(later, (deferred,)),))
        v = dc_replace(new, supplementary=new.supplementary[:-1] + (dc_replace(own, paragraphs=(paragraph,)),))
        problems = stage_texts(old, v, validate_version)
        assert len(problems) == 1, problems
        assert f"while {deferred} waits" in problems[0].message
        assert problems[0].hint.startswith(f"defer {other} with it")
        both = dc_replace(paragraph, defers=(Deferral(later, (deferred, other)),))
        v = dc_replace(new, supplementary=new.supplementary[:-1] + (dc_replace(own, paragraphs=(both,)),))
        assert stage_texts(old, v, validate_version) == []
        assert [a.id for a in cm.steps(old, v)[0][1].articles] == [a.id for a in old.articles]
