"""The 新旧対照表 as PDF, typeset by Typst (the ``typst`` wheel: no browser) from the same
:class:`ExportTable` the Word file is written from, with ``overrides/export/comparison.typ``.

Why Typst and not Chromium's print (both measured on the sample revision, BENCHMARKS.md): Chromium
cannot embed the CFF-based Noto Serif CJK (it writes every glyph as a Type 3 font), needs a browser
on every machine that builds the site, and printed the portal's 380 PDFs one by one in minutes;
Typst embeds the fonts as CID subsets, breaks lines by Unicode's rules (no 、。」） at a line start),
repeats the table header, splits only rows taller than a page, and typesets a table in a fraction
of the time. The fonts are the files fontconfig resolves (:mod:`fonts`), and only they are used:
without the Japanese font there is an error, never a PDF without glyphs.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import threading
from dataclasses import asdict
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from termsite.outputs.export.fonts import FAMILY, FontFile, MissingGlyphs, font_folder, japanese_fonts, missing_glyphs
from termsite.outputs.export.table import ExportTable, caption_lines, stamp
from termsite.pages.templating import OVERRIDES

TEMPLATE = OVERRIDES / "export" / "comparison.typ"
ENGINE = "typst"


def _words(table: ExportTable) -> list[str]:
    before, _, rest = table.t("Page %(page)s of %(pages)s").partition("%(page)s")
    middle, _, after = rest.partition("%(pages)s")
    return [before, middle, after]


def table_json(table: ExportTable, families: list[str]) -> str:
    """Everything the template shows, as JSON (strings stay strings: never read as Typst markup)."""
    day = stamp(table)
    draft = table.t("DRAFT")
    margin = table.title + ((f"　【{draft}】" if table.lang == "ja" else f"  [{draft}]") if table.draft else "")
    data = {
        "lang": table.lang, "region": "JP" if table.lang == "ja" else "US", "fonts": families,
        "title": table.title, "subject": table.subject, "author": table.author,
        "date": [day.year, day.month, day.day], "draft": table.draft, "draft_word": draft,
        "margin_title": margin, "page_words": _words(table), "caption": caption_lines(table),
        "intro": table.intro, "note": table.note, "days_note": table.days_note,
        "columns": [{"side": s, "label": label} for s, label in table.columns],
        "rows": [{"id": r.id, "kind": r.kind,
                  "cells": {side: [asdict(p) for p in paras] for side, paras in r.cells.items()}}
                 for r in table.rows],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@cache
def _template_hash() -> str:
    return hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()


def engine_key(fonts: tuple[FontFile, ...]) -> str:
    """What besides the table changes the PDF: the engine and its version, the template, the fonts."""
    parts = [ENGINE, version("typst"), _template_hash(), *(f"{f.path}:{f.size}:{f.sha256}" for f in fonts)]
    return "\0".join(parts)


_local = threading.local()


def _compiler(fonts: tuple[FontFile, ...]) -> Any:
    """One Typst compiler per thread and set of fonts: it keeps the fonts it has read (four times
    faster than a compiler per table, and the same bytes)."""
    import typst

    compilers: dict[tuple[Path, ...], Any] = _local.__dict__.setdefault("compilers", {})
    key = tuple(f.path for f in fonts)
    if key not in compilers:
        compilers[key] = typst.Compiler(str(TEMPLATE), root=str(TEMPLATE.parent),
                                        font_paths=[str(font_folder(fonts))], ignore_system_fonts=True)
    return compilers[key]


def check_glyphs(data: str, fonts: tuple[FontFile, ...], what: str) -> None:
    """Raises :class:`MissingGlyphs` when the font has no glyph for a character of the table
    (Typst would set an empty box and say nothing)."""
    lacking = missing_glyphs(data, fonts)
    if lacking:
        shown = "、".join(f"「{c}」 (U+{ord(c):04X})" for c in lacking[:10])
        raise MissingGlyphs(f"{what}: the PDF's font {FAMILY} has no glyph for {shown}; the PDF is not made "
                            "(it would show empty boxes) — the text is right as written: the PDFs need a font "
                            "with these characters (outputs/export/fonts.py)")


def typeset_json(data: str, fonts: tuple[FontFile, ...], what: str = "the table") -> bytes:
    """The PDF of a table given as :func:`table_json`."""
    check_glyphs(data, fonts, what)
    out = _compiler(fonts).compile(format="pdf", sys_inputs={"table": data})
    assert isinstance(out, bytes)
    return out


def typeset(table: ExportTable, fonts: tuple[FontFile, ...] | None = None) -> bytes:
    """The PDF of ``table``; raises :class:`~termsite.outputs.export.fonts.FontMissing` without the font."""
    fonts = fonts if fonts is not None else japanese_fonts()
    return typeset_json(table_json(table, [FAMILY]), fonts, f"{table.subject} ({table.lang})")


def write_pdf(table: ExportTable, path: Path, fonts: tuple[FontFile, ...] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(typeset(table, fonts))
    return path


def keep_in_cache(path: Path, kept: Path) -> None:
    """Into the cache, whole or not at all (another build may be reading it); a cache that cannot be
    written (removed meanwhile, read-only) costs the next build a print, never this build."""
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, partial)
        os.replace(partial, kept)
    except OSError:
        partial.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    """The site build's typesetter (:class:`~termsite.outputs.export.sitepdf.SitePdfs`): the font
    files as arguments; on its input, one line per table, naming a JSON file with the table's data,
    the PDF's path and its cache file. Stops at the end of its input."""
    fonts = tuple(FontFile(Path(p), Path(p).stat().st_size, "") for p in argv)
    for line in sys.stdin:
        job_file = Path(line.strip())
        job = json.loads(job_file.read_text(encoding="utf-8"))
        path = Path(job["path"])
        path.write_bytes(typeset_json(job["data"], fonts, job["what"]))
        if job["kept"]:
            keep_in_cache(path, Path(job["kept"]))
        job_file.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except MissingGlyphs as exc:
        print(exc)
        sys.exit(1)
