"""The record only grows: a withdrawal or a correction dated before the day it is made is refused by
`termsite check`, the build, `termsite immutable` and `termsite lock` (never with "run `termsite lock`"),
and a recorded declaration never changes once its day has begun.

The scenarios are the bad-input fixtures correction-backdated and withdrawal-backdated, read from their
own files; the rule is checked on generated days against the days those files give."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from conftest import FIXTURES, make_project
from termsite.problems import ValidationFailed
from termsite.source.immutability import file_hash
from termsite.source.loading import load_corpus
from termsite.source.stated import all_declared

CORRECTION = FIXTURES / "bad" / "correction-backdated"
WITHDRAWAL = FIXTURES / "bad" / "withdrawal-backdated"
DOC = "versions/your-connect"


def termsite(project: Path, *args: str, today: date) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsite.cli", *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "TERMS_TODAY": today.isoformat()})


def project_of(tmp: Path, case: Path) -> tuple[Path, date]:
    """The project of a case and the date of its declaration (read from the file)."""
    project = make_project(tmp / "p", case / "project")
    (declared,) = all_declared(project)
    assert declared.day is not None
    return project, declared.day


def lock_entry(project: Path, rel: str) -> None:
    path = project / "versions/lock.json"
    lock = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    lock[rel] = file_hash(project / rel)
    path.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def loads(project: Path, today: date, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("TERMS_TODAY", today.isoformat())
    try:
        load_corpus(project)
    except ValidationFailed as failed:
        return [str(p) for p in failed.problems]
    return []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=-30, max_value=60), locked=st.booleans())
def test_a_correction_is_accepted_exactly_when_made_on_or_before_its_day_or_on_record(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, offset: int, locked: bool) -> None:
    """Checked on day T, a correction named after day C is refused iff T > C and it is not in the lock."""
    project, day = project_of(tmp_path_factory.mktemp("c"), CORRECTION)
    (declared,) = all_declared(project)
    if locked:
        lock_entry(project, declared.rel)
    today = day + timedelta(days=offset)
    problems = loads(project, today, monkeypatch)
    backdated = [p for p in problems if "before today" in p]
    assert bool(backdated) == (today > day and not locked)
    for p in backdated:
        assert p.startswith(f"{declared.rel}:1:1: error: this correction is dated {day}")
        assert f"rename it to {DOC}/corrections/{today}.yaml" in p and "termsite lock" not in p


def test_a_backdated_withdrawal_of_a_version_in_force_says_to_make_a_new_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, day = project_of(tmp_path, WITHDRAWAL)
    today = date.fromisoformat((WITHDRAWAL / "today.txt").read_text(encoding="utf-8").strip())
    (declared,) = all_declared(project)
    effective = date.fromisoformat(Path(declared.rel).stem)
    assert day < effective <= today  # the scenario: written after the version took effect, dated before
    (problem,) = loads(project, today, monkeypatch)
    assert f"this withdrawal is dated {day}, before today ({today})" in problem
    assert f"has been in force since {effective}: it can no longer be withdrawn" in problem
    assert "`termsite new`" in problem and "termsite lock" not in problem
    # Before the version takes effect, the same withdrawal made late is told the day to write.
    earlier = effective - timedelta(days=2)
    (problem,) = loads(project, earlier, monkeypatch)
    assert f"write `date: {earlier}`" in problem
    # Made on its own day, it is an ordinary withdrawal.
    assert loads(project, day, monkeypatch) == []


@pytest.mark.parametrize("case", [CORRECTION, WITHDRAWAL], ids=["correction", "withdrawal"])
def test_check_build_immutable_and_lock_refuse_a_backdated_declaration(case: Path, tmp_path: Path) -> None:
    project, _day = project_of(tmp_path, case)
    (declared,) = all_declared(project)
    today = date.fromisoformat((case / "today.txt").read_text(encoding="utf-8").strip())
    expected = (case / "expect.txt").read_text(encoding="utf-8").strip()
    before = (project / "versions/lock.json").read_bytes() if (project / "versions/lock.json").exists() else None
    for command in ("check", "immutable", "lock", "build"):
        result = termsite(project, command, today=today)
        assert result.returncode != 0, command
        assert expected in result.stderr, (command, result.stderr)
        about = [line for line in result.stderr.splitlines() if line.startswith(declared.rel)]
        assert about == [expected], command  # one message, and never "run `termsite lock`"
        assert "termsite lock" not in expected
    after = (project / "versions/lock.json").read_bytes() if (project / "versions/lock.json").exists() else None
    assert after == before  # nothing recorded
    assert not (project / "site").exists()  # nothing built


def test_a_declaration_is_recorded_the_day_it_is_made_and_editable_until_its_date(tmp_path: Path) -> None:
    """Made (and locked) before its date, a correction may still be edited and locked again; from its
    date an edit is refused like an edit of a published version, and the day after it stays valid."""
    project, day = project_of(tmp_path, CORRECTION)
    (declared,) = all_declared(project)
    made = day - timedelta(days=3)
    result = termsite(project, "immutable", today=made)
    assert f"{declared.rel}: error: this correction is not in versions/lock.json" in result.stderr
    assert termsite(project, "lock", today=made).returncode == 0
    lock = json.loads((project / "versions/lock.json").read_text(encoding="utf-8"))
    assert lock[declared.rel] == file_hash(project / declared.rel)
    path = project / declared.rel
    path.write_text(path.read_text(encoding="utf-8").replace("電子メールで", "電子メールによって"), encoding="utf-8")
    assert termsite(project, "check", today=made).returncode == 0  # still to come: may be edited
    assert "changed after it was locked" in termsite(project, "immutable", today=made).stderr
    assert termsite(project, "lock", today=made).returncode == 0
    assert termsite(project, "immutable", today=made).returncode == 0
    for later in (day, day + timedelta(days=30)):  # on record: valid on every later day
        assert termsite(project, "check", today=later).returncode == 0
    path.write_text(path.read_text(encoding="utf-8").replace("電子メールによって", "電子メールで"), encoding="utf-8")
    result = termsite(project, "check", today=day)
    assert result.returncode == 1
    assert f"{declared.rel}:1:1: error: this file was published and is locked" in result.stderr
    assert "a published correction stays on record" in result.stderr and "termsite lock" not in result.stderr


def test_a_replacement_drafted_before_the_withdrawal_gets_one_message_and_the_withdrawal_resolves_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = FIXTURES / "bad" / "replacement-before-withdrawal"
    today = date.fromisoformat((case / "today.txt").read_text(encoding="utf-8").strip())
    project = make_project(tmp_path / "p", case / "project")
    (problem,) = loads(project, today, monkeypatch)
    assert "declare its withdrawal in this pull request" in problem
    upcoming = sorted(p for p in (project / DOC).glob("*.yaml") if p.stem[0].isdigit())[-2]  # the one left out
    assert f"{DOC}/withdrawals/{upcoming.name}" in problem
    (project / DOC / "withdrawals").mkdir()
    (project / DOC / "withdrawals" / upcoming.name).write_text(
        f"date: {today}\nreason:\n  ja: 見直しのため取り止めます。\n  en: Withdrawn to be reconsidered.\n", encoding="utf-8")
    assert loads(project, today, monkeypatch) == []


# The rule, over generated histories: declarations made on generated days, each dated some days
# before or after the day it is made, checked and recorded (or refused) on that day as the pull
# request would be. Whatever gets through, the site of a later day D2 states for every day up to an
# earlier D1 the same version in force, with the same text, as the site of D1 did — but for the
# corrections published after D1, each of which the D2 site declares.

SAMPLES_WITHDRAWN = FIXTURES / "withdrawn"


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[date, date, str]]:
    """(made on, dated, which) for a few declarations; which: "withdrawal" or a correction's words."""
    start = date(2026, 8, 20)
    events = []
    for _ in range(draw(st.integers(1, 4))):
        made = start + timedelta(days=draw(st.integers(0, 60)))
        dated = made + timedelta(days=draw(st.integers(-20, 20)))
        which = draw(st.sampled_from(["withdrawal", "correction"]))
        events.append((made, dated, which))
    return sorted(events)


def _correction_file(project: Path, dated: date, n: int, version: str, clause: str, wrong: str) -> Path:
    path = project / DOC / "corrections" / f"{dated}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"corrections:\n  - version: {version}\n    clause: {clause}\n"
                    f"    ja: {{wrong: \"{wrong}\", right: \"{wrong}※\"}}\n", encoding="utf-8")
    return path


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # bounded in CI: no shrinking (each case loads ~10 times)
@given(history=histories())
def test_what_a_day_stated_stays_stated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                                        history: list[tuple[date, date, str]]) -> None:
    from termsite.declarations import declared
    from termsite.source.lock import update_lock
    from termsite.source.validation import texts
    from termsite.timeline.publication import public
    from termsite.timeline.status import in_force

    project = make_project(tmp_path_factory.mktemp("h") / "p", SAMPLES_WITHDRAWN, with_samples=True)
    withdrawal = project / DOC / "withdrawals" / "2026-10-01.yaml"
    reason = withdrawal.read_text(encoding="utf-8").split("reason:", 1)[1]
    withdrawal.unlink()  # made in the history instead,
    (project / DOC / "2026-11-01.yaml").unlink()  # and without the replacement, which follows it
    lock_path = project / "versions/lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    lock.pop(f"{DOC}/withdrawals/2026-10-01.yaml", None)
    lock.pop(f"{DOC}/2026-11-01.yaml", None)
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    monkeypatch.setenv("TERMS_TODAY", "2026-08-20")
    base = load_corpus(project)
    target = next(v for v in base.versions["your-connect"] if v.slug == "2026-03-01")
    clause = target.articles[1].paragraphs[0].id
    wording = "".join(t.ja for t in clause_texts_of(target, clause))
    sites: dict[date, object] = {}
    for n, (made, dated, which) in enumerate(history):
        monkeypatch.setenv("TERMS_TODAY", made.isoformat())
        if which == "withdrawal":
            if withdrawal.exists():
                continue
            withdrawal.parent.mkdir(exist_ok=True)
            withdrawal.write_text(f"date: {dated}\nreason:{reason}", encoding="utf-8")
            written = withdrawal
        else:
            if (project / DOC / "corrections" / f"{dated}.yaml").exists():
                continue
            unique = [wording[i:i + 3] for i in range(len(wording) - 3) if wording.count(wording[i:i + 3]) == 1]
            words = unique[(11 * n) % len(unique)]
            written = _correction_file(project, dated, n, target.slug, clause, words)
        accepted, said = True, []
        try:
            load_corpus(project)
        except ValidationFailed as failed:
            accepted, said = False, [str(p) for p in failed.problems]
        if accepted:
            added, refused = update_lock(project)
            assert not refused and written.relative_to(project).as_posix() in added
        else:
            written.unlink()  # refused on the day: the pull request is not merged
        if dated < made:  # nothing backdated gets through, and it is told so
            assert not accepted and any("before today" in line for line in said)
        sites[made] = public(load_corpus(project), made)
    days = sorted(sites)
    for d1 in days:
        for d2 in (d for d in days if d > d1):
            one, two = sites[d1], sites[d2]
            later = [c for c in declared(two, "your-connect").corrections if c.date > d1]
            for offset in range(0, (d1 - date(2026, 2, 1)).days + 1, 9):
                x = date(2026, 2, 1) + timedelta(days=offset)
                v1, v2 = in_force(one.versions["your-connect"], x), in_force(two.versions["your-connect"], x)
                assert (v1 and v1.slug) == (v2 and v2.slug), (d1, d2, x)
                if v1 is None or v2 is None:
                    continue
                t1, t2 = dict(texts(v1)), dict(texts(v2))
                for key in t1:
                    if t1[key] != t2[key]:
                        assert any(key.startswith(c.clause) for c in later), (d1, d2, x, key)
                        assert any(c in declared(two, "your-connect").applied.get(v2.slug, ()) for c in later)


def clause_texts_of(v, clause: str):  # noqa: ANN001, ANN201 - a test helper
    from termsite.declarations.wording import clause_texts

    return clause_texts(v, clause) or []
