"""Kept words: where the analyser cut each line, kept on disk from one build to the next.

Published versions do not change, so a build mostly cuts the lines an earlier build cut already;
loading the analyser's dictionary only to cut them again costs a tenth of a second and well over a
hundred megabytes of resident memory (BENCHMARKS.md, "Word segmentation"). The cuts of each line
(the offsets where Sudachi ends a morpheme, exactly what it returned) are appended to one file per
analyser — named from :func:`termsite.comparison.words.analyser`, which gives SudachiPy's version,
the dictionary's edition and the split mode — so an upgrade of either starts a new file and never
reads an old cut. Lines are keyed by the SHA-256 of their text.

Nothing here decides a mark: the words are the analyser's own output, replayed, and the marks lock
(:mod:`termsite.comparison.fingerprint`) still checks every published table against its fingerprint.
A file that cannot be read, or a line of it that is torn, costs only an analysis; a folder that
cannot be written is given up for the rest of the process, never the build.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["KeptCuts"]


def _key(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


class KeptCuts:
    """The cuts kept in ``folder`` for one ``analyser`` (none kept on disk when ``folder`` is None)."""

    def __init__(self, folder: Path | None, analyser: str) -> None:
        self.folder = folder
        self.file = folder / f"{_key(analyser)[:16]}.jsonl" if folder is not None else None
        self._cuts: dict[str, list[int]] = {}
        self._read = False
        self._writable = folder is not None

    def _load(self) -> None:
        self._read = True
        if self.file is None:
            return
        try:
            text = self.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        for row in text.splitlines():
            try:
                key, ends = json.loads(row)
            except (ValueError, TypeError):  # a line torn by a build stopped while writing, or not ours: cut again
                continue
            if isinstance(key, str) and isinstance(ends, list) and all(type(e) is int for e in ends):
                self._cuts[key] = ends

    def get(self, line: str) -> list[int] | None:
        """Where the analyser cut ``line`` before, or None."""
        if not self._read:
            self._load()
        ends = self._cuts.get(_key(line))
        # what the analyser returns: increasing offsets within the line, the last at its end
        if ends is None or ends != sorted(ends) or any(not 0 < e <= len(line) for e in ends) or (
                ends and ends[-1] != len(line)):
            return None
        return ends

    def add(self, cut: dict[str, list[int]]) -> None:
        """Keep these lines' cuts, in memory and appended to the file."""
        rows = {_key(line): ends for line, ends in cut.items()}
        self._cuts.update(rows)
        if not rows or not self._writable or self.file is None or self.folder is None:
            return
        text = "".join(json.dumps([key, ends], separators=(",", ":")) + "\n" for key, ends in rows.items())
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fresh = not self.file.exists()
            # one write in append mode: lines from two builds at once interleave whole, not mixed
            fd = os.open(self.file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, text.encode("utf-8"))
            finally:
                os.close(fd)
            if fresh:  # another analyser's cuts are never read again
                for old in self.folder.glob("*.jsonl"):
                    if old != self.file:
                        old.unlink(missing_ok=True)
        except OSError:
            self._writable = False
