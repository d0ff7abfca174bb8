"""Numbers written as legal writes them — for the tests' generators, written independently of the
parser they check (termsite.timeline.dates, termsite.source.meaning)."""
from __future__ import annotations

KANJI = "〇一二三四五六七八九"


def with_ten(n: int) -> str:
    """Kanji with 十/百/千 (三十一, 二千二十七)."""
    out = ""
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, unit)
        if q:
            out += ("" if q == 1 else KANJI[q]) + mark
    return out + (KANJI[n] if n else "")


def written(n: int, style: str) -> str:
    """``n`` in ASCII digits, full-width digits, positional kanji (二〇二七) or kanji with 十 ("ten"/"kanji")."""
    if style == "ascii":
        return str(n)
    if style == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if style == "positional":
        return "".join(KANJI[int(c)] for c in str(n))
    return with_ten(n)
