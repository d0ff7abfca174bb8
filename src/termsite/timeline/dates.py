"""Dates as Japanese legal text writes them, and "today" in Asia/Tokyo.

Babel formats Gregorian dates in both languages but has no Japanese-era (和暦) calendar, so the
era table lives here, with the first day of each era as proclaimed.
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

_WAREKI = re.compile(r"(令和|平成|昭和|大正|明治)(元|[0-9０-９]{1,2})年([0-9０-９]{1,2})月([0-9０-９]{1,2})日")
_SEIREKI = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")


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
    """Every 和暦 and Gregorian date in ``text``, in order, each with the words that wrote it: a
    附則 may name several 実施期日 (一部施行), and each must be checked.

    Raises ValueError for the first date that does not exist."""
    found: list[tuple[int, str, date]] = []
    for match in _WAREKI.finditer(text):
        found.append((match.start(), match.group(0), _era_date(match)))
    for match in _SEIREKI.finditer(text):
        found.append((match.start(), match.group(0), date(*(int(g) for g in match.groups()))))
    return [(words, day) for _, words, day in sorted(found, key=lambda f: f[0])]


def _era_date(match: re.Match[str]) -> date:
    era, year_s, month_s, day_s = match.groups()
    start = dict(ERAS)[era]
    year = 1 if year_s == "元" else int(year_s)
    day = date(start.year + year - 1, int(month_s), int(day_s))
    names = [e for e, _ in ERAS]
    nxt = names.index(era) - 1
    if day < start or (nxt >= 0 and day >= ERAS[nxt][1]):
        raise ValueError(f"{match.group(0)} does not exist: {era} ran from {start}"
                         + (f" to the day before {ERAS[nxt][1]}" if nxt >= 0 else ""))
    return day


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
