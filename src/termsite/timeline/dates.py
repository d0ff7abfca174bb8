"""Dates as Japanese legal text writes them, and "today" in Asia/Tokyo.

Babel formats Gregorian dates in both languages but has no Japanese-era (和暦) calendar, so the
era table lives here, with the first day of each era as proclaimed.

Reading dates is done here too, by :func:`find_dates` alone. Libraries were weighed: japanera
(PyPI 2.1.3) reads a date only against one strptime format given in advance (one per numeral style,
spacing and era/Gregorian combination) and does not find dates inside running text; kanjize (1.6.1)
converts kanji numbers and nothing else — the twenty lines of :func:`numeral` it would replace are
not worth a dependency, and the era table is needed for :func:`wareki` anyway.
"""
from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date

TOKYO = ZoneInfo("Asia/Tokyo")

# (era, first day); each era runs until the day before the next one starts.
ERAS: tuple[tuple[str, date], ...] = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
    ("明治", date(1868, 1, 25)),
)

# One parser for every way legal writes a date in a 附則: 和暦 or Gregorian; ASCII, full-width or
# kanji numerals (positional 二〇二七, or with 十/百/千: 十二月, 三十一日, 二千二十七年); 元年; spaces
# (ASCII or ideographic) or none between the parts. A Gregorian year has four digits (or is a kanji
# number from 1000 on), so 「9年6月1日」 without an era is not read as a date of year 9.
_KANJI_DIGITS = "〇一二三四五六七八九"
_NUM = "[0-9０-９]+|[〇一二三四五六七八九十百千]+"
_SP = "[ \u3000]*"
_DATE = re.compile(
    f"(?<![0-9０-９〇一二三四五六七八九十百千])"
    f"(?:(?P<era>令和|平成|昭和|大正|明治){_SP}(?P<ey>元|{_NUM})|(?P<gy>{_NUM}))"
    f"{_SP}年{_SP}(?P<m>{_NUM}){_SP}月{_SP}(?P<d>{_NUM}){_SP}日")


def numeral(text: str) -> int:
    """12, １２, 一二, 十二 → 12; 二〇二七, 二千二十七 → 2027. Raises ValueError for what is no number
    (十十, 二千千)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if all("０" <= c <= "９" for c in text):
        return int("".join(chr(ord(c) - 0xFEE0) for c in text))
    if all(c in _KANJI_DIGITS for c in text):
        return int("".join(str(_KANJI_DIGITS.index(c)) for c in text))
    total, digit, last = 0, None, 10_000
    for c in text:
        if c in _KANJI_DIGITS:
            if digit is not None:
                raise ValueError(f"{text} is not a number")
            digit = _KANJI_DIGITS.index(c)
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            if unit >= last or digit == 0:
                raise ValueError(f"{text} is not a number")
            total += (1 if digit is None else digit) * unit
            digit, last = None, unit
    return total + (digit or 0)


def wareki(day: date) -> str:
    """令和8年3月1日 for 2026-03-01; year 1 of an era is 元年."""
    for era, start in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    raise ValueError(f"{day} is before the Meiji era")


def parse_wareki(text: str) -> date | None:
    """The first 和暦 (or Gregorian 2026年3月1日) date in ``text``; None if there is none.

    Raises ValueError for a date that does not exist, such as 令和元年4月1日 (still 平成) or
    令和8年2月30日."""
    found = find_dates(text)
    return found[0][1] if found else None


def find_dates(text: str) -> list[tuple[str, date]]:
    """Every 和暦 and Gregorian date in ``text``, in order, each with the words that wrote it, in any
    of the forms above: a 附則 may name several 実施期日 (一部施行), and each must be checked.

    Raises ValueError for the first date that does not exist."""
    found: list[tuple[str, date]] = []
    for match in _DATE.finditer(text):
        if match.group("gy") is not None and _year(match.group("gy")) is None:
            continue  # not a calendar year: no date
        found.append((match.group(0), _date(match)))
    return found


def _year(words: str) -> int | None:
    try:
        year = numeral(words)
    except ValueError:
        return None
    return year if year >= 1000 else None


def _date(match: re.Match[str]) -> date:
    words = match.group(0)
    try:
        month, day = numeral(match.group("m")), numeral(match.group("d"))
        if match.group("era") is None:
            return date(_year(match.group("gy")) or 0, month, day)
        era, year_words = match.group("era"), match.group("ey")
        year = 1 if year_words == "元" else numeral(year_words)
        start = dict(ERAS)[era]
        found = date(start.year + year - 1, month, day)
    except ValueError:
        raise ValueError(f"{words} does not exist") from None
    names = [e for e, _ in ERAS]
    nxt = names.index(era) - 1
    if year < 1 or found < start or (nxt >= 0 and found >= ERAS[nxt][1]):
        raise ValueError(f"{words} does not exist: {era} ran from {start}"
                         + (f" to the day before {ERAS[nxt][1]}" if nxt >= 0 else ""))
    return found


def today_in_tokyo(now: datetime | None = None) -> date:
    """The build's "today": ``TERMS_TODAY=YYYY-MM-DD`` if set (previews, tests), else Tokyo's date."""
    override = os.environ.get("TERMS_TODAY")
    if override and now is None:
        return date.fromisoformat(override)
    now = now or datetime.now(timezone.utc)
    return now.astimezone(TOKYO).date()


@lru_cache(maxsize=4096)
def long_date(day: date, lang: str) -> str:
    """2026年3月1日 / March 1, 2026 (Babel's CLDR long format). Kept: a build writes the same few
    dates tens of thousands of times (each search record names its versions' periods)."""
    return format_date(day, format="long", locale="ja" if lang == "ja" else "en")
