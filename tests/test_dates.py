"""和暦 at the era boundaries, Babel's Japanese and English dates, and Tokyo's "today"."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from termsite.timeline.dates import long_date, parse_wareki, today_in_tokyo, wareki


@pytest.mark.parametrize("day, expected", [
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2020, 1, 1), "令和2年1月1日"),
    (date(2026, 3, 1), "令和8年3月1日"),
    (date(2026, 1, 27), "令和8年1月27日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1912, 7, 30), "大正元年7月30日"),
    (date(1868, 1, 25), "明治元年1月25日"),
])
def test_wareki(day: date, expected: str) -> None:
    assert wareki(day) == expected
    assert parse_wareki(f"この改正規定は、{expected}から実施します。") == day


def test_wareki_before_meiji_is_refused() -> None:
    with pytest.raises(ValueError):
        wareki(date(1868, 1, 24))


@pytest.mark.parametrize("text", ["令和元年4月30日", "平成31年5月1日", "令和8年2月30日", "令和0年1月1日"])
def test_dates_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValueError):
        parse_wareki(text)


def test_gregorian_in_text_and_none() -> None:
    assert parse_wareki("2026年3月1日から") == date(2026, 3, 1)
    assert parse_wareki("実施期日の定めなし") is None


def test_long_dates_in_both_languages() -> None:
    assert long_date(date(2026, 3, 1), "ja") == "2026年3月1日"
    assert long_date(date(2026, 2, 28), "en") == "February 28, 2026"


def test_today_switches_at_midnight_tokyo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERMS_TODAY", raising=False)
    before = datetime(2026, 2, 28, 14, 59, 59, tzinfo=timezone.utc)
    after = datetime(2026, 2, 28, 15, 0, 0, tzinfo=timezone.utc)
    assert today_in_tokyo(before) == date(2026, 2, 28)
    assert today_in_tokyo(after) == date(2026, 3, 1)


def test_today_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMS_TODAY", "2026-02-15")
    assert today_in_tokyo() == date(2026, 2, 15)
