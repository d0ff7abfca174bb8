"""一部施行: what text is in force on each day, clause by clause, for tests/fixtures/partial.

The fixture (a fictional 2026-10-01 revision of the samples) changes 第4条第1項第4号 from its own
day, defers the amendment of 第2条 by a ただし書 and adds 第3条第2項 on a later day still. The
expected wording on each day is read from the YAML sources with PyYAML — the deferred days from
the ``defers:`` the 附則 declares — not from the site's model.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, make_project
from termsite.model import Corpus, ItemList, TextBlock, Version
from termsite.source.loading import load_corpus
from termsite.timeline import clause_tree as tree
from termsite.timeline import consolidation
from termsite.timeline import commencement as cm

NEW = FIXTURES / "partial/versions/your-connect/2026-10-01.yaml"
OLD = Path(__file__).resolve().parents[1] / "versions/your-connect/2026-03-01.yaml"


def raw(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def declared() -> dict[str, date]:
    """Clause id → deferred day, as the fixture's own 附則 declares it."""
    new = raw(NEW)
    own = [s for s in new["supplementary"] if str(s["effective"]) == str(new["effective"])][0]
    return {c: date.fromisoformat(str(d["effective"])) for p in own["paragraphs"] for d in p.get("defers", [])
            for c in d["clauses"]}


def article_texts(source: dict, num: int) -> list[str]:  # type: ignore[type-arg]
    art = next(a for a in source["articles"] if a["num"] == num)
    return [b["text"]["ja"] for p in art["paragraphs"] for b in p.get("blocks", []) if "text" in b]


def model_texts(v: Version, num: int) -> list[str]:
    art = next(a for a in v.articles if a.num.parts == (num,))
    return [b.text.ja for p in art.paragraphs for b in p.blocks if isinstance(b, TextBlock)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return load_corpus(make_project(tmp_path_factory.mktemp("partial") / "p", FIXTURES / "partial",
                                    with_samples=True))


def days_around(*days: date) -> list[date]:
    return sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1)})


def test_the_fixture_defers_an_article_and_an_inserted_paragraph() -> None:
    later = declared()
    assert len(set(later.values())) == 2
    new, old = raw(NEW), raw(OLD)
    assert article_texts(new, 2) != article_texts(old, 2)
    assert len(article_texts(new, 3)) == len(article_texts(old, 3)) + 1


def test_in_force_text_clause_by_clause(corpus: Corpus) -> None:
    versions = corpus.versions["your-connect"]
    old, new = versions[-2], versions[-1]
    start = new.effective
    assert start is not None
    later = declared()
    art2_day = later["art-2"]
    para_day = later["art-3-posting"]
    for day in days_around(start, art2_day, para_day):
        text = cm.in_force_text(versions, day)
        assert text is not None
        expect_from = old if day < start else new
        # 第4条 follows the revision's own day
        assert model_texts(text, 4) == article_texts(raw(OLD if day < start else NEW), 4)
        assert text.article("art-4") == expect_from.article("art-4")
        # 第2条 keeps its old wording until its own day
        assert text.article("art-2") == (new if day >= art2_day else old).article("art-2")
        # 第3条第2項 is not there before its day, and the paragraphs are numbered as they then were
        assert model_texts(text, 3) == article_texts(raw(NEW if day >= para_day else OLD), 3)
        nums = [p.num for p in text.article("art-3").paragraphs]  # type: ignore[union-attr]
        assert nums == list(range(1, len(nums) + 1))


def test_states_on_the_days_around_each_date(corpus: Corpus) -> None:
    versions = corpus.versions["your-connect"]
    old, new = versions[-2], versions[-1]
    later = declared()
    last = max(later.values())
    assert new.effective is not None
    for day in days_around(new.effective, *later.values()):
        c = cm.commencement(versions, new, day)
        waiting = sorted({d for d in later.values() if d > day})
        if day < new.effective:
            assert c.state == "upcoming"
        elif waiting:
            assert c.state == "partly-in-force"
        else:
            assert c.state == "in-force"
        if day >= new.effective:
            assert [d for d, _ in c.rest] == waiting
            assert {cid for _, ids in c.rest for cid in ids} == {k for k, d in later.items() if d > day}
        assert c.complete == last
        assert cm.commencement(versions, old, day).state == ("in-force" if day < new.effective else "superseded")


def test_clause_periods(corpus: Corpus) -> None:
    versions = corpus.versions["your-connect"]
    old, new = versions[-2], versions[-1]
    later = declared()
    assert cm.clause_commences(old, new, "art-2") == later["art-2"]
    assert cm.clause_commences(old, new, "art-2-p2") == later["art-2"]  # a part of a deferred article
    assert cm.clause_commences(old, new, "art-4-p1-i4") == new.effective
    assert cm.clause_commences(old, new, "art-4") == new.effective
    # the paragraph renumbered by the deferred insertion keeps its old number until the insertion
    assert cm.clause_commences(old, new, "art-3-p2") == later["art-3-posting"]
    assert cm.clause_commences(old, new, "art-3-p1") == new.effective  # unchanged: the revision's own day
    assert cm.clause_period(versions, "art-2", old, old) == (old.effective, later["art-2"] - timedelta(days=1))
    assert cm.clause_period(versions, "art-4", old, old) == (old.effective, new.effective - timedelta(days=1))
    for day in days_around(*later.values()):
        assert cm.wording_in_force(versions, "art-2", day) is (new if day >= later["art-2"] else old)


def test_a_document_without_deferrals_is_one_stage_per_version(corpus: Corpus) -> None:
    versions = corpus.versions["your-connect"][:-1]
    got = cm.stages(versions)
    assert [s.version for s in got] == list(versions)
    assert all(s.text is s.version and not s.pending for s in got)


def test_a_deferred_deletion_keeps_the_old_clause_in_place(corpus: Corpus) -> None:
    """The reverse of an insertion: the deleted item stays, and the items after it keep their numbers."""
    from dataclasses import replace
    old = corpus.versions["your-connect"][-2]
    art = old.article("art-4")
    assert art is not None
    p1 = art.paragraphs[0]
    items = next(b for b in p1.blocks if isinstance(b, ItemList)).items
    gone = items[1]
    kept = tuple(replace(it, num=i + 1) for i, it in enumerate(it for it in items if it is not gone))
    new_p1 = replace(p1, blocks=tuple(ItemList(kept) if isinstance(b, ItemList) else b for b in p1.blocks))
    new = replace(old, articles=tuple(replace(a, paragraphs=(new_p1,) + a.paragraphs[1:]) if a is art else a
                                      for a in old.articles))
    back = consolidation.consolidated(old, new, [gone.id])
    assert back.articles == old.articles


def test_every_date_of_a_supplementary_paragraph_is_found() -> None:
    from termsite.timeline.dates import find_dates, wareki
    new = raw(NEW)
    own = [s for s in new["supplementary"] if str(s["effective"]) == str(new["effective"])][0]
    for p in own["paragraphs"]:
        days = [d for _, d in find_dates(p["text"]["ja"])]
        expected = sorted({date.fromisoformat(str(d["effective"])) for d in p.get("defers", [])}
                          | ({date.fromisoformat(str(own["effective"]))} if "ただし" in p["text"]["ja"] else set()))
        assert sorted(days) == expected
        assert all(wareki(d) in p["text"]["ja"] for d in days)


def _changed_units(old: Version, new: Version) -> list[str]:
    """Ids of the articles and paragraphs (either side) that the revision changes, not nested in one another."""
    ids = [cid for v in (old, new) for cid, chain in tree.ancestry(v).items() if len(chain) <= 2]
    changed = [c for c in dict.fromkeys(ids) if tree.changed(old, new, c)]
    return [c for c in changed if not any(c != o and o in tree.ancestry(new).get(c, tree.ancestry(old).get(c, ()))
                                          for o in changed)]


def test_deferring_any_set_of_amendments_keeps_exactly_those_as_before(corpus: Corpus) -> None:
    """Property: for any choice of the sample revision's changed articles and paragraphs, the text
    before the deferred day has each chosen one as the old version has it and every other article
    as the new version has it."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    old, new = corpus.versions["your-connect"][0], corpus.versions["your-connect"][1]
    units = _changed_units(old, new)
    assert len(units) > 5

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.sets(st.sampled_from(units), min_size=1))
    def check(chosen: set[str]) -> None:
        text = consolidation.consolidated(old, new, sorted(chosen))
        for cid in units:
            expected = old if cid in chosen else new
            if any(a in chosen for a in tree.ancestry(new).get(cid, ())[1:]):
                continue  # inside a chosen article: as old
            assert tree.find(text, cid) == tree.find(expected, cid) or (
                # a paragraph renumbered by a chosen insertion or deletion beside it
                tree.find(text, cid) is not None and tree.find(expected, cid) is not None
                and replace_num(tree.find(text, cid)) == replace_num(tree.find(expected, cid))), cid
        untouched = [a.id for a in new.articles
                     if not any(c == a.id or c in [p.id for p in a.paragraphs] for c in chosen)]
        for aid in untouched:
            assert text.article(aid) == new.article(aid)

    check()


def replace_num(unit):  # type: ignore[no-untyped-def]
    from dataclasses import replace
    return replace(unit, num=0) if not hasattr(unit, "through") else replace(unit, num=0, through=None)
