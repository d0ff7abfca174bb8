"""Text diff that marks what a Japanese legal reader expects: whole words, the 語句 of the 改め文.

「操作ログ」を「動作ログ」に改める underlines 操作 / 動作, never one character of the compound (a lone 動
reads as a typo fix); 付加→負荷 marks the word on both sides; 宇宙線の観測→宇宙線観測 marks only の;
以下「操作ログ」→以下、「動作ログ」 marks 、 and 操作 / 動作 but not 「 (a punctuation change is a mark of
its own); "…or e-mailing"→"E-mailing" marks whole words.

How: each text is cut into words (:mod:`termsite.comparison.words`: SudachiPy for Japanese, Latin
words kept whole with their hyphens and apostrophes, every space and punctuation mark a word of
its own); each word becomes one character of a private alphabet, and diff-match-patch runs over
those — Myers' minimal diff plus its *semantic cleanup*, which merges fragments of a rewritten
passage into readable spans (deterministic once its time limit is switched off). The cleanup
also swallows a one-word change into a neighbouring edit when only a short word stands between
them (以下[、「操作]ログ); so each replacement it leaves of at most :data:`REDIFF_WORDS` words a side
is diffed again without the cleanup, which gives the unchanged word back (a lone space is not given
back: "in writing → by e-mail" stays one mark a side). Since the diff only ever sees whole words,
every mark begins and ends on a word boundary of its side, or the text's edge.

:data:`MARKING` names this way of marking; it is recorded, with the analyser's versions, beside the
fingerprints of the published tables (:mod:`termsite.comparison.fingerprint`). A change here that
marks a published table differently is refused by `termsite check` and the build until re-locked with
a reason; rename :data:`MARKING` with such a change.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from diff_match_patch import diff_match_patch

from termsite.comparison.words import words

Op = Literal["equal", "delete", "insert"]

MARKING = "words/dmp-semantic/rediff-6"
REDIFF_WORDS = 6  # a replacement this short (words a side) is diffed again without the cleanup
_PRIVATE_BASE = 0xF0000  # Supplementary Private Use Area-A: never appears in legal text


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


def tokenize(text: str) -> list[str]:
    """The words the diff works on (see :func:`termsite.comparison.words.words`)."""
    return list(words(text))


def diff_text(old: str, new: str) -> list[Segment]:
    """The edit from ``old`` to ``new``; joining equal+delete gives ``old``, equal+insert ``new``."""
    if old == new:
        return [Segment("equal", old)] if old else []
    return list(_diff(old, new))


@lru_cache(maxsize=8192)
def _diff(old: str, new: str) -> tuple[Segment, ...]:
    """Kept per pair of texts: a build meets the same pair many times (a paragraph changed once
    is the same change in every "changes since" table from the versions before it)."""
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokenize(text):
            code = vocabulary.get(token)
            if code is None:
                code = chr(_PRIVATE_BASE + len(tokens))
                vocabulary[token] = code
                tokens.append(token)
            out.append(code)
        return "".join(out)

    a, b = encode(old), encode(new)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # exact, and the same result on every machine
    diffs = engine.diff_main(a, b, False)
    engine.diff_cleanupSemantic(diffs)
    ops: dict[int, Op] = {0: "equal", -1: "delete", 1: "insert"}
    segments: list[Segment] = []
    for code, chunk in _rediffed(engine, diffs, tokens):
        text = "".join(tokens[ord(c) - _PRIVATE_BASE] for c in chunk)
        op = ops[code]
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        elif text:
            segments.append(Segment(op, text))
    return tuple(_deletes_first(segments))


def _rediffed(engine: diff_match_patch, diffs: list[tuple[int, str]], tokens: list[str]) -> list[tuple[int, str]]:
    """Each short replacement left by the semantic cleanup, diffed again without it (module docstring).
    A space is not given back on its own: "in writing → by e-mail" stays one mark a side, not two."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(diffs):
        if diffs[i][0] == 0:
            out.append(diffs[i])
            i += 1
            continue
        j = i
        while j < len(diffs) and diffs[j][0] != 0:
            j += 1
        deleted = "".join(chunk for code, chunk in diffs[i:j] if code == -1)
        inserted = "".join(chunk for code, chunk in diffs[i:j] if code == 1)
        if deleted and inserted and max(len(deleted), len(inserted)) <= REDIFF_WORDS:
            for code, chunk in engine.diff_main(deleted, inserted, False):
                if code == 0 and all(tokens[ord(c) - _PRIVATE_BASE].isspace() for c in chunk):
                    out += [(-1, chunk), (1, chunk)]
                else:
                    out.append((code, chunk))
        else:
            out += diffs[i:j]
        i = j
    return out


def _deletes_first(segments: list[Segment]) -> list[Segment]:
    """Order each replacement as delete then insert, so both sides can show it at one place."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        if segments[i].op == "equal":
            out.append(segments[i])
            i += 1
            continue
        j = i
        while j < len(segments) and segments[j].op != "equal":
            j += 1
        run = segments[i:j]
        deleted = "".join(s.text for s in run if s.op == "delete")
        inserted = "".join(s.text for s in run if s.op == "insert")
        if deleted:
            out.append(Segment("delete", deleted))
        if inserted:
            out.append(Segment("insert", inserted))
        i = j
    return out


Mark = Literal["same", "del", "ins", "gap"]


@dataclass(frozen=True)
class Span:
    """A piece of one side of a comparison. ``gap`` is the underlined blank standing where the
    other side inserted or deleted text; it carries no text of its own."""

    mark: Mark
    text: str = ""


def sides(segments: list[Segment]) -> tuple[list[Span], list[Span]]:
    """Split a diff into the old side and the new side, with blanks where only one side has text."""
    old: list[Span] = []
    new: list[Span] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        if seg.op == "equal":
            old.append(Span("same", seg.text))
            new.append(Span("same", seg.text))
        elif seg.op == "delete":
            old.append(Span("del", seg.text))
            if i + 1 < len(segments) and segments[i + 1].op == "insert":
                new.append(Span("ins", segments[i + 1].text))
                i += 1
            else:
                new.append(Span("gap"))
        else:
            old.append(Span("gap"))
            new.append(Span("ins", seg.text))
        i += 1
    return old, new


def whole(text: str, mark: Mark) -> list[Span]:
    return [Span(mark, text)] if text else []
