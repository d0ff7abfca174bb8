"""Words: the units a comparison marks — what a drafter names in the 改め文 (「操作ログ」を「動作ログ」に改める).

Japanese has no spaces, so its words come from a morphological analyser: SudachiPy with its core
dictionary, both pinned exactly in requirements.in (a new dictionary edition can cut a text
differently; the marks of a published table are fingerprinted in the lock, see
:mod:`termsite.comparison.fingerprint`). Mode B, Sudachi's middle unit, is the 語句 of an amendment:
操作 / ログ, 本 / 契約書, 宇宙線 / の / 観測, 電子 / メール; mode C would join 電子メール and
個人情報保護 so a change of one of their parts would underline the whole compound, mode A would cut
契約書 into 契約 / 書. The core dictionary was measured against the small one: small cuts
宇宙線 into 宇宙 / 線 and 契約書 into 契約 / 書 (BENCHMARKS.md, "Word segmentation").

English (and every Latin run inside Japanese text) keeps hyphens and apostrophes inside a word:
Sudachi cuts ``e-mailing`` into ``e`` / ``-`` / ``mailing``; here it is one word. Spaces and
punctuation marks are words of their own, so a changed 、 is marked by itself.

The analyser is loaded once per process, the first time a line is cut that no earlier build cut
(a build that compares nothing, or only texts cut before, never loads it): where it cut each line
is kept on disk by :mod:`termsite.comparison.kept_words` once a build names the folder
(:func:`keep_in`), and the words of each text are kept in memory (a build meets the same paragraph
in many tables).
"""
from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from termsite.comparison.kept_words import KeptCuts

if TYPE_CHECKING:
    from sudachipy import Tokenizer

__all__ = ["analyser", "boundaries", "keep_in", "words"]

DICTIONARY = "core"
MODE = "B"

# A Latin word: letters and digits (ASCII or full-width), joined by hyphens and apostrophes.
_LATIN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+(?:[-‐'’][0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+)*")


@cache
def _tokenizer() -> Tokenizer:
    """The analyser, loaded on first use and kept for the life of the process (one build, one `serve`)."""
    from sudachipy import Dictionary, SplitMode

    # every field: with a subset (fields=...) Sudachi no longer joins numbers (30 → 3 / 0, 1,000 → 1 / , / 000)
    return Dictionary(dict=DICTIONARY).tokenizer(mode=getattr(SplitMode, MODE))


def analyser() -> str:
    """What cuts the words, by name and exact version: recorded beside the published tables' fingerprints."""
    return (f"sudachipy {version('SudachiPy')}, sudachidict-{DICTIONARY} {version(f'SudachiDict-{DICTIONARY}')}, "
            f"mode {MODE}")


# Sudachi refuses an input of more than 49,149 bytes; a piece of at most this many characters is well within it.
_PIECE = 4000


def _pieces(text: str) -> list[str]:
    """``text`` by lines, and a line longer than :data:`_PIECE` after a 。 (or, lacking one, at the limit)."""
    out = []
    for line in text.splitlines(keepends=True):
        while len(line) > _PIECE:
            cut = line.rfind("。", 0, _PIECE) + 1 or _PIECE
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


# A Sudachi tokenizer refuses to be used by two threads at once, and the build compares in more than one
# (the site's PDFs are made beside MkDocs): one analysis at a time.
_IN_USE = threading.Lock()
_kept: KeptCuts | None = None
_folder: Path | None = None


def keep_in(folder: Path | None) -> None:
    """Keep the analyser's cuts in ``folder`` from now on (None: in memory only, for this process)."""
    global _kept, _folder
    with _IN_USE:
        if folder != _folder:
            _folder, _kept = folder, None


def _analysed(text: str) -> list[int]:
    """Where Sudachi puts a boundary (offsets into ``text``, the start and the end included)."""
    global _kept
    cuts = [0]
    start = 0
    with _IN_USE:
        if _kept is None:
            _kept = KeptCuts(_folder, analyser())
        new: dict[str, list[int]] = {}
        for piece in _pieces(text):
            ends = _kept.get(piece)
            if ends is None:
                ends = new[piece] = [morpheme.end() for morpheme in _tokenizer().tokenize(piece)]
            cuts += [start + end for end in ends]
            start += len(piece)
            cuts.append(start)
        _kept.add(new)
    return cuts


@lru_cache(maxsize=16384)
def boundaries(text: str) -> tuple[int, ...]:
    """The word boundaries of ``text``: offsets where one word ends and the next begins, with 0 and len(text)."""
    if not text:
        return (0,)
    inside: set[int] = set()
    for match in _LATIN.finditer(text):
        inside.update(range(match.start() + 1, match.end()))
    return tuple(sorted({c for c in _analysed(text) if c not in inside and 0 <= c <= len(text)}))


def words(text: str) -> tuple[str, ...]:
    """``text`` cut into words; joined, they give ``text`` back exactly."""
    cuts = boundaries(text)
    return tuple(text[a:b] for a, b in zip(cuts, cuts[1:]))
