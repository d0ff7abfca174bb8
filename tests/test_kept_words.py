"""Kept words: the analyser's cuts replayed from .cache/words give exactly the words it gives, a build
of texts cut before does not load it, and an upgrade of the analyser never reads an old cut."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import make_project
from termsite.comparison import words
from termsite.comparison.kept_words import _key

# Japanese legal text, Latin words, digits, punctuation and line breaks, mixed
TEXTS = st.text(alphabet=st.sampled_from(list("本契約書の利用者はサービス電子メール操作動作ログを以下、「」。"
                                              "30日前1,000円 e-mailing's Terms\n")), min_size=1, max_size=60)


def _fresh(folder: Path | None) -> None:
    """A new process's state: nothing in memory, the cuts (if any) read again from ``folder``."""
    words.keep_in(None)
    words.keep_in(folder)
    words.boundaries.cache_clear()


def _no_analyser() -> None:
    raise AssertionError("the analyser was asked to cut a line kept before")


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    _fresh(None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXTS, min_size=1, max_size=4))
def test_kept_cuts_replay_the_analysers_words(texts: list[str], tmp_path: Path, restore: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / f"kept-{hashlib.sha256(repr(texts).encode()).hexdigest()[:12]}"
    _fresh(None)
    analysed = [words.words(t) for t in texts]  # straight from the analyser, nothing kept on disk
    _fresh(folder)
    assert [words.words(t) for t in texts] == analysed  # cut and kept
    _fresh(folder)
    with monkeypatch.context() as m:
        m.setattr(words, "_tokenizer", _no_analyser)
        assert [words.words(t) for t in texts] == analysed  # replayed only
    assert all("".join(w) == t for w, t in zip(analysed, texts))


def test_another_analyser_version_misses_the_kept_cuts(tmp_path: Path, restore: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = "本契約書に定める電子メールの操作ログ"
    _fresh(tmp_path)
    expected = words.words(text)
    (kept,) = tmp_path.glob("*.jsonl")
    version = words.analyser()
    monkeypatch.setattr(words, "analyser", lambda: version.replace("sudachidict-core", "sudachidict-core 99991231"))
    _fresh(tmp_path)
    calls: list[int] = []
    real = words._tokenizer

    def counted() -> object:
        calls.append(1)
        return real()

    monkeypatch.setattr(words, "_tokenizer", counted)
    assert words.words(text) == expected
    assert calls, "a cut kept for another dictionary edition was replayed"
    assert [p.name for p in tmp_path.glob("*.jsonl")] != [kept.name]  # the old edition's cuts are gone
    assert not kept.exists()


def test_an_unreadable_or_unwritable_cache_costs_an_analysis_not_the_build(tmp_path: Path, restore: None) -> None:
    text = "以下、「動作ログ」という。\nby e-mail"
    _fresh(None)
    expected = words.words(text)
    torn = tmp_path / "torn"
    torn.mkdir()
    name = _key(words.analyser())[:16]
    line_key = hashlib.sha256("以下、「動作ログ」という。\n".encode()).hexdigest()
    (torn / f"{name}.jsonl").write_text(f'["{line_key}", [1, "x"]]\n5\nnull\n["{line_key}", [3, 2, 99]]\n["{line_key}", [1,\n\xff garbage\n',
                                        encoding="utf-8")
    _fresh(torn)
    assert words.words(text) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    _fresh(blocked / "words")
    assert words.words(text) == expected
    assert blocked.read_text(encoding="utf-8") == "not a folder"


BUILD = """
import json, sys
from pathlib import Path
from termsite.workflow.build import build_site
from termsite.comparison import words
build_site(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"analyser_loaded": words._tokenizer.cache_info().currsize > 0}))
"""


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_second_build_of_the_same_texts_loads_no_analyser_and_writes_the_same_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", with_samples=True)
    env = {**os.environ, "TERMS_TODAY": "2026-03-01"}
    loaded = []
    for name in ("first", "second"):
        out = subprocess.run([sys.executable, "-c", BUILD, str(project), str(tmp_path / name)], env=env,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        loaded.append(json.loads(out.stdout.splitlines()[-1])["analyser_loaded"])
    assert loaded == [True, False]  # the first build cut the comparisons' words; the second replayed them
    first, second = _digest(tmp_path / "first"), _digest(tmp_path / "second")
    tables = sorted((tmp_path / "second").glob("**/comparison/index.html"))  # both languages' 新旧対照表
    assert len(tables) >= 2 and all(re.search(r"<(ins|del)\b", t.read_text(encoding="utf-8")) for t in tables)
    assert first == second
