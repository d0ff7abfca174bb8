"""The Japanese font the PDFs are set in, found the way the machine's other programs find fonts
(fontconfig), and handed to the typesetter as files: a PDF is never made with a font that is not
there (no glyphs, ``(cid:0)`` when read back), and the font's files are part of the PDF cache key.
"""
from __future__ import annotations

import atexit
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
