"""和暦 at the era boundaries, Babel's Japanese and English dates, and Tokyo's "today"."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings, strategies as st

from numerals import written
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


# Every form of the conventions note (shinkyu conventions, "Dates in 附則 text"), and a few more
# legal writes: each is read as the same day, and the words found are the words written.
FORMS = [
    ("令和9年6月1日", date(2027, 6, 1)),
    ("令和９年６月１日", date(2027, 6, 1)),
    ("令和九年六月一日", date(2027, 6, 1)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("令和 9 年 6 月 1 日", date(2027, 6, 1)),
    ("令和　9年　6月　1日", date(2027, 6, 1)),
    ("2027年6月1日", date(2027, 6, 1)),
    ("２０２７年６月１日", date(2027, 6, 1)),
    ("二〇二七年六月一日", date(2027, 6, 1)),
    ("2027 年 6 月 1 日", date(2027, 6, 1)),
    ("令和八年十二月三十一日", date(2026, 12, 31)),
    ("令和十年十月十日", date(2028, 10, 10)),
    ("平成三十一年四月三十日", date(2019, 4, 30)),
    ("令和元年五月一日", date(2019, 5, 1)),
    ("二千二十七年十一月二十日", date(2027, 11, 20)),
    ("令和９年１２月３１日", date(2027, 12, 31)),
]


@pytest.mark.parametrize("words, day", FORMS, ids=[w for w, _ in FORMS])
def test_every_form_legal_writes(words: str, day: date) -> None:
    from termsite.timeline.dates import find_dates

    assert find_dates(f"この規約は、{words}から実施します。") == [(words, day)]


@pytest.mark.parametrize("text", ["第9条第6項", "9年6月1日から", "令和8年度", "30日前までに", "2026-06-01", "第三条"])
def test_what_is_no_date(text: str) -> None:
    from termsite.timeline.dates import find_dates

    assert find_dates(text) == []


@pytest.mark.parametrize("text", ["令和九年二月三十日", "令和０年１月１日", "２０２６年１３月１日", "令和十十年一月一日"])
def test_forms_that_do_not_exist_are_errors(text: str) -> None:
    from termsite.timeline.dates import find_dates

    with pytest.raises(ValueError, match="does not exist"):
        find_dates(text)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1868, 1, 25), max_value=date(2200, 12, 31)),
       style=st.sampled_from(["ascii", "fullwidth", "positional", "ten"]),
       era=st.booleans(), gannen=st.booleans(), space=st.sampled_from(["", " ", "\u3000"]))
def test_any_day_written_in_any_form_reads_back(day: date, style: str, era: bool, gannen: bool, space: str) -> None:
    from termsite.timeline.dates import ERAS, find_dates

    if era:
        name, start = next((e, s) for e, s in ERAS if day >= s)
        year = day.year - start.year + 1
        y = "元" if year == 1 and gannen else written(year, style)
        words = f"{name}{space}{y}{space}年{space}{written(day.month, style)}{space}月{space}{written(day.day, style)}{space}日"
    else:
        words = f"{written(day.year, style)}{space}年{space}{written(day.month, style)}{space}月{space}{written(day.day, style)}{space}日"
    assert find_dates(f"附則　この規約は、{words}から実施します。") == [(words, day)]
