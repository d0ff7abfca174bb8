"""A published comparison table never changes silently: versions/marks-lock.json fingerprints its
marks, and `check` and the build refuse a word analyser (or dictionary, or diff code) that would mark
it differently, naming the rows; `termsite lock --remark-reason` re-locks and records why."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, make_project
from termsite import cli
from termsite.comparison import clause_history, compare, diff, words
from termsite.comparison.fingerprint import MARKS_LOCK, published_revisions
from termsite.problems import ValidationFailed
from termsite.source.loading import load_corpus
from termsite.workflow.build import build_site

LATER = "2026-11-24"  # both samples published


def _forget_marks() -> None:
    """The marks are kept per text within a process; a test that changes the analyser starts afresh."""
    words.boundaries.cache_clear()
    diff._diff.cache_clear()
    compare._paragraph_pair.cache_clear()
    clause_history._BY_CONTENT.clear()
    clause_history._shared.clear()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TERMS_TODAY", LATER)
    _forget_marks()
    yield make_project(tmp_path / "p", with_samples=True)
    _forget_marks()


def one_character_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A different segmenter: every character a word of its own (Latin words still kept whole)."""
    monkeypatch.setattr(words, "_analysed", lambda text: list(range(len(text) + 1)))
    _forget_marks()


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_published_revision_is_fingerprinted_in_both_languages() -> None:
    lock = json.loads((ROOT / MARKS_LOCK).read_text(encoding="utf-8"))
    published = published_revisions(load_corpus(ROOT), date.fromisoformat(LATER))
    assert published
    assert set(published) <= set(lock["revisions"])
    for key in published:
        assert set(lock["revisions"][key]) == {"ja", "en"}
    # the change to word-level marks was a re-lock with its reason on record
    assert any("word-level marks" in r["reason"] for r in lock["remarks"])


def test_check_passes_with_the_pinned_analyser(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(project, capsys)
    assert code == 0, out


def test_another_segmentation_fails_check_naming_the_rows(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    one_character_words(monkeypatch)
    code, out = check(project, capsys)
    assert code == 1
    assert "versions/your-connect/2026-03-01.yaml" in out and "would be marked differently" in out
    named = out.split("would be marked differently (", 1)[1].split(")", 1)[0]
    ja = named.split("ja: ", 1)[1].split(";", 1)[0].split(", ")
    # 操作→動作 cut into characters marks 操/動; 本契約書→本契約 marks 書: those rows are named
    assert "第11条" in ja and "第3条1" in ja
    # 書面→電子メール differs in every character: marked the same either way, not named
    assert "第5条5" not in ja
    assert 'termsite lock --remark-reason' in out


def test_the_build_refuses_too_and_writes_no_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one_character_words(monkeypatch)
    with pytest.raises(ValidationFailed) as failed:
        build_site(project, project / "site")
    assert "第11条" in str(failed.value.problems[0])
    assert not (project / "site").exists()


def test_relock_with_a_reason_records_it(project: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    one_character_words(monkeypatch)
    assert cli.main(["--root", str(project), "lock"]) == 1  # no reason: refused, file untouched
    assert (project / MARKS_LOCK).read_bytes() == (ROOT / MARKS_LOCK).read_bytes()
    capsys.readouterr()
    assert cli.main(["--root", str(project), "lock", "--remark-reason", "analyser upgrade"]) == 0
    assert "re-locked the comparison of your-connect/2026-03-01" in capsys.readouterr().out
    remark = json.loads((project / MARKS_LOCK).read_text(encoding="utf-8"))["remarks"][-1]
    assert remark["reason"] == "analyser upgrade" and "第11条" in remark["rows"]["your-connect/2026-03-01"]["ja"]
    code, out = check(project, capsys)
    assert code == 0, out


def test_the_analyser_is_loaded_once_per_process(project: Path) -> None:
    """Loaded on first use and kept: one build (both languages, the marks check, the PDFs) loads it once, and so
    does every later build of the same process — as `termsite serve` rebuilds."""
    words._tokenizer.cache_clear()
    build_site(project, project / "site")
    assert words._tokenizer.cache_info().misses == 1
    _forget_marks()  # a rebuild after a save: the marks are made again, the analyser is not loaded again
    build_site(project, project / "site")
    assert words._tokenizer.cache_info().misses == 1 and words._tokenizer.cache_info().hits > 0
