"""取り止め of a deferred amendment (一部施行) before its day, for tests/fixtures/partial with the
withdrawal overlay tests/fixtures/cancelled.

The expected wording and days are read from the YAML sources with PyYAML (the deferred days from
the 附則's ``defers:``, the withdrawn clauses and their date from the withdrawal file), not from the
site's model.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, make_project
from termsite.model import Corpus
from termsite.source.loading import load_corpus
from termsite.timeline import clause_tree as tree
from termsite.timeline import commencement as cm
from termsite.declarations.as_of import as_of

DOC = "your-connect"
NEW = FIXTURES / "partial/versions/your-connect/2026-10-01.yaml"
CANCEL = FIXTURES / "cancelled/versions/your-connect/withdrawals/2026-10-01.yaml"


def raw(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def deferred() -> dict[str, date]:
    new = raw(NEW)
    own = [s for s in new["supplementary"] if str(s["effective"]) == str(new["effective"])][0]
    return {c: date.fromisoformat(str(d["effective"])) for p in own["paragraphs"] for d in p.get("defers", [])
            for c in d["clauses"]}


def withdrawal() -> tuple[date, list[str]]:
    data = raw(CANCEL)
    return date.fromisoformat(str(data["date"])), list(data["clauses"])


def days_around(*days: date) -> list[date]:
    return sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1)})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    day, _ = withdrawal()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TERMS_TODAY", day.isoformat())  # made on its own day: not backdated
        return load_corpus(make_project(tmp_path_factory.mktemp("cancelled") / "p", FIXTURES / "partial",
                                        FIXTURES / "cancelled", with_samples=True))


def test_the_overlay_withdraws_some_deferred_amendments_before_their_day() -> None:
    day, clauses = withdrawal()
    later = deferred()
    assert clauses and set(clauses) < set(later)
    assert all(day < later[c] for c in clauses)


def test_the_text_in_force_on_the_days_around_each_date(corpus: Corpus) -> None:
    """Until the withdrawal is published the record still shows the amendment waiting; from its
    date the withdrawn clauses keep their earlier wording for good, the others come on their day."""
    day, clauses = withdrawal()
    later = deferred()
    for d in days_around(day, *later.values()):
        seen = as_of(corpus, d).versions[DOC]
        old, new = seen[-2], seen[-1]
        text = cm.in_force_text(seen, d)
        assert text is not None
        for cid, due in later.items():
            gone = cid in clauses and d >= day
            expected = old if gone or d < due else new
            assert tree.find(text, cid) == tree.find(expected, cid), (d, cid)
            assert cm.wording_in_force(seen, cid, d) is (old if gone or d < due else new)
        c = cm.commencement(seen, new, d)
        waiting = {cid for cid, due in later.items() if due > d and not (cid in clauses and d >= day)}
        assert {cid for _, ids in c.rest for cid in ids} == waiting
        assert c.state == ("partly-in-force" if waiting else "in-force")


def test_the_withdrawn_clause_keeps_its_earlier_wording_open_ended(corpus: Corpus) -> None:
    _, clauses = withdrawal()
    seen = as_of(corpus, None).versions[DOC]
    old, new = seen[-2], seen[-1]
    for cid in clauses:
        assert cm.clause_commences(old, new, cid) is None
        assert cm.withdrawn_amendment(old, new, cid)
        assert cm.clause_period(seen, cid, old, old) == (cm.clause_commences(seen[-3], old, cid), None)
    for cid in set(deferred()) - set(clauses):
        assert cm.clause_commences(old, new, cid) == deferred()[cid]
        assert not cm.withdrawn_amendment(old, new, cid)


def test_the_declaration_is_loaded_apart_from_whole_withdrawals(corpus: Corpus) -> None:
    day, clauses = withdrawal()
    d = corpus.declarations[DOC]
    assert not d.withdrawals and not d.withdrawn
    assert [(w.version, w.date, list(w.clauses)) for w in d.cancellations] == [(NEW.stem, day, clauses)]
    assert corpus.versions[DOC][-1].slug == NEW.stem  # the version stays in force


def test_the_pull_request_check_shows_the_withdrawn_amendments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from declared_support import summary_of_branch_adding

    day, clauses = withdrawal()
    monkeypatch.setenv("TERMS_TODAY", day.isoformat())
    project = make_project(tmp_path / "p", FIXTURES / "partial", FIXTURES / "cancelled", with_samples=True)
    added = project / "versions" / DOC / "withdrawals" / CANCEL.name
    shown = summary_of_branch_adding(project, added)
    assert f"Withdrawal of deferred amendments: versions/{DOC}/withdrawals/{CANCEL.name}" in shown
    assert f"withdrawn on **{day}**" in shown
    for c in clauses:
        assert f"({c}, deferred to {deferred()[c]})" in shown
    reason = raw(CANCEL)["reason"]
    assert reason["ja"] in shown and reason["en"] in shown
