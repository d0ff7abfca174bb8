"""The Japanese font the PDFs are set in, found the way the machine's other programs find fonts
(fontconfig), and handed to the typesetter as files: a PDF is never made with a font that is not
there (no glyphs, ``(cid:0)`` when read back), and the font's files are part of the PDF cache key.
"""
from __future__ import annotations

import atexit
import bisect
import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FAMILY = "Noto Serif CJK JP"  # the site's own serif; Debian and Ubuntu: fonts-noto-cjk
PACKAGE = "fonts-noto-cjk"
STYLES = ("Regular", "Bold")   # body text; headings and the column header


class FontMissing(RuntimeError):
    """The Japanese font is not installed (or fontconfig cannot see it)."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    size: int
    sha256: str


def _fc_list(family: str) -> list[tuple[Path, str]]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FontMissing(f"fontconfig's fc-list is not installed: it finds the Japanese font {family!r} "
                          "the PDFs are set in (Debian: apt-get install fontconfig " + PACKAGE + ")")
    out = subprocess.run([fc_list, "--format", "%{file}\t%{family}\t%{style}\n", family],
                         capture_output=True, text=True, check=False).stdout
    found: list[tuple[Path, str]] = []
    for line in out.splitlines():
        file, families, styles = (line.split("\t") + ["", ""])[:3]
        if family in families.split(",") and file:
            found.append((Path(file), styles))
    return found


@cache
def _digest(path: Path, size: int, mtime: int) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def japanese_fonts(family: str = FAMILY) -> tuple[FontFile, ...]:
    """The files of ``family``'s regular and bold styles, as fontconfig resolves them; raises
    :class:`FontMissing`, saying what to install, when either is not there."""
    found = _fc_list(family)
    files: list[Path] = []
    for style in STYLES:
        match = sorted({p for p, styles in found if style in styles.split(",") and p.is_file()})
        if not match:
            raise FontMissing(f"the Japanese font {family} {style} is not installed (fontconfig finds no such "
                              f"font): the PDFs are not made without it — install it (Debian and Ubuntu: "
                              f"apt-get install {PACKAGE})")
        files.append(match[0])
    out = []
    for path in dict.fromkeys(files):
        stat = path.stat()
        out.append(FontFile(path, stat.st_size, _digest(path, stat.st_size, stat.st_mtime_ns)))
    return tuple(out)


_folders: dict[tuple[Path, ...], Path] = {}


def font_folder(fonts: tuple[FontFile, ...]) -> Path:
    """A folder holding (links to) exactly these files: the typesetter reads fonts from folders, and
    given only this one it can use no other font."""
    paths = tuple(f.path for f in fonts)
    if paths not in _folders:
        folder = Path(tempfile.mkdtemp(prefix="termsite-fonts-"))
        atexit.register(shutil.rmtree, folder, True)
        for i, path in enumerate(paths):
            (folder / f"{i}-{path.name}").symlink_to(path)
        _folders[paths] = folder
    return _folders[paths]


class MissingGlyphs(FontMissing):
    """The font has no glyph for a character of the table: the PDF would show an empty box."""


@cache
def _ranges(path: Path, family: str) -> tuple[tuple[int, int], ...]:
    """The characters the face of ``family`` in ``path`` has glyphs for (fontconfig's charset)."""
    fc_query = shutil.which("fc-query")
    if fc_query is None:
        raise FontMissing("fontconfig's fc-query is not installed: it tells which characters the PDFs' font has "
                          "(Debian: apt-get install fontconfig)")
    out = subprocess.run([fc_query, "--format", "%{family}\t%{charset}\n", str(path)],
                         capture_output=True, text=True, check=False).stdout
    ranges: list[tuple[int, int]] = []
    for line in out.splitlines():
        families, _, charset = line.partition("\t")
        if family not in families.split(","):
            continue
        for part in charset.split():
            lo, _, hi = part.partition("-")
            ranges.append((int(lo, 16), int(hi or lo, 16)))
    return tuple(sorted(set(ranges)))


@cache
def _coverage(paths: tuple[Path, ...], family: str) -> tuple[list[int], list[int]]:
    """The merged ranges of all the files, as sorted starts and ends (for bisect)."""
    merged: list[list[int]] = []
    for lo, hi in sorted(r for path in paths for r in _ranges(path, family)):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [r[0] for r in merged], [r[1] for r in merged]


def missing_glyphs(text: str, fonts: tuple[FontFile, ...], family: str = FAMILY) -> list[str]:
    """The characters of ``text`` (white space and controls aside) that no file of ``fonts`` has."""
    starts, ends = _coverage(tuple(f.path for f in fonts), family)
    out = []
    for char in sorted(set(text)):
        code = ord(char)
        i = bisect.bisect_right(starts, code) - 1
        if char.isspace() or code < 0x20 or (i >= 0 and code <= ends[i]):
            continue
        out.append(char)
    return out
