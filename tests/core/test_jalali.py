"""Tests for app.services.core.jalali: conversion, parsing, formatting, quarters, working days, holidays."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QCalendar, QDate

from app.services.core import clock, jalali
from app.services.core.jalali import (
    FRIDAY,
    MONTH_NAMES,
    QUARTER_ORDINALS,
    QUARTER_SEASONS,
    THURSDAY,
    WEEKDAY_NAMES,
    WorkCalendar,
    format_jalali,
    format_jalali_datetime,
    format_jalali_long,
    from_jalali,
    last_finished_quarter,
    next_quarter,
    official_holidays,
    parse_jalali_date,
    parse_jalali_datetime,
    previous_quarter,
    quarter_bounds,
    quarter_label,
    quarter_of,
    tehran_to_utc,
    tehran_today,
    to_jalali,
    to_tehran,
    utc_now,
    week_start,
    weeks_in_range,
)

ZWNJ = "\u200c"

# --- conversion -----------------------------------------------------------------------------------


def test_conversion_agrees_with_qt_for_every_day_of_1390_to_1410() -> None:
    cal = QCalendar(QCalendar.System.Jalali)
    # Qt computes the range ends itself, so the test does not borrow them from the code under test.
    first = cal.dateFromParts(1390, 1, 1).toPython()
    last = cal.dateFromParts(1411, 1, 1).toPython() - timedelta(days=1)
    days = 0
    d = first
    while d <= last:
        parts = cal.partsFromDate(QDate(d.year, d.month, d.day))
        qt_ymd = (parts.year, parts.month, parts.day)
        assert to_jalali(d) == qt_ymd, d
        assert from_jalali(*qt_ymd) == d, qt_ymd
        assert cal.dateFromParts(*qt_ymd).toPython() == d
        d += timedelta(days=1)
        days += 1
    # 21 Jalali years, five of them leap (1391, 1395, 1399, 1403, 1408).
    assert days == 21 * 365 + 5


def test_esfand_length_agrees_with_qt() -> None:
    cal = QCalendar(QCalendar.System.Jalali)
    for year in range(1390, 1411):
        assert jalali.days_in_month(year, 12) == cal.daysInMonth(12, year)
        assert jalali.is_leap_year(year) == cal.isLeapYear(year)


def test_known_dates() -> None:
    assert to_jalali(date(2026, 3, 21)) == (1405, 1, 1)
    assert from_jalali(1405, 9, 7) == date(2026, 11, 28)
    # A datetime is accepted where a date is expected.
    assert to_jalali(datetime(2026, 3, 21, 23, 59)) == (1405, 1, 1)


@pytest.mark.parametrize(
    "ymd", [(1405, 13, 1), (1405, 0, 1), (1405, 1, 32), (1405, 7, 31), (1404, 12, 30), (1405, 1, 0)]
)
def test_from_jalali_rejects_impossible_dates(ymd: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="تاریخ نامعتبر است"):
        from_jalali(*ymd)


def test_leap_years_as_jdatetime_says() -> None:
    # The invalid-date tests below rely on these facts.
    assert jdatetime.date(1403, 1, 1).isleap()
    assert not jdatetime.date(1404, 1, 1).isleap()
    assert not jdatetime.date(1405, 1, 1).isleap()
    assert from_jalali(1403, 12, 30) == date(2025, 3, 20)


# --- constants ------------------------------------------------------------------------------------


def test_constants() -> None:
    assert len(MONTH_NAMES) == 12 and MONTH_NAMES[0] == "فروردین" and MONTH_NAMES[-1] == "اسفند"
    assert MONTH_NAMES[8] == "آذر"
    assert len(WEEKDAY_NAMES) == 7 and WEEKDAY_NAMES[0] == "شنبه" and WEEKDAY_NAMES[-1] == "جمعه"
    assert WEEKDAY_NAMES[3] == f"سه{ZWNJ}شنبه"
    assert QUARTER_SEASONS == ("بهار", "تابستان", "پاییز", "زمستان")
    assert QUARTER_ORDINALS == ("اول", "دوم", "سوم", "چهارم")


def test_weekday_names_follow_real_weekdays() -> None:
    assert date(2026, 3, 21).weekday() == 5  # 1405/01/01 is a Saturday
    assert jalali.weekday_name(date(2026, 3, 21)) == "شنبه"
    assert jalali.weekday_name(date(2026, 3, 20)) == "جمعه"


# --- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "۱۴۰۵/۰۹/۰۷",
        "1405-9-7",
        "1405/09/07",
        "1405/9/7",
        "1405-09-07",
        "1405.09.07",
        "  ۱۴۰۵/۰۹/۰۷  ",
        "١٤٠٥/٠٩/٠٧",  # Arabic-Indic digits
        "۱۴۰۵/9/۰۷",  # mixed digit forms, as pasted text sometimes is
        "1405 / 09 / 07",
    ],
)
def test_parse_jalali_date_valid(text: str) -> None:
    assert parse_jalali_date(text) == date(2026, 11, 28)


@pytest.mark.parametrize(
    "text",
    [
        "1405/13/01",
        "1404/12/30",  # 1404 is not a leap year
        "1405/00/10",
        "1405/07/31",
        "1405/9-7",  # mixed separators
        "14050907",
        "05/09/07",
        "امروز",
        "abc",
        "1405/09/07/01",
        "1405/09",
    ],
)
def test_parse_jalali_date_invalid(text: str) -> None:
    with pytest.raises(ValueError, match="تاریخ نامعتبر است") as info:
        parse_jalali_date(text)
    assert text.strip() in str(info.value)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_parse_jalali_date_empty(text: str | None) -> None:
    with pytest.raises(ValueError, match="تاریخ وارد نشده است"):
        parse_jalali_date(text)


def test_leap_day_parses_in_leap_year() -> None:
    assert parse_jalali_date("1403/12/30") == date(2025, 3, 20)


def test_parse_jalali_datetime_with_time_is_tehran_converted_to_naive_utc() -> None:
    # 1405/07/12 is 2026-10-04; Tehran has been UTC+3:30 all year since 1402 (no DST).
    assert ZoneInfo("Asia/Tehran").utcoffset(datetime(2026, 10, 4, 10, 32)) == timedelta(
        hours=3, minutes=30
    )
    expected = datetime(2026, 10, 4, 7, 2)
    assert parse_jalali_datetime("1405/07/12 10:32") == expected
    assert parse_jalali_datetime("۱۴۰۵/۰۷/۱۲ ۱۰:۳۲") == expected
    assert parse_jalali_datetime("  1405-7-12   10:32  ") == expected
    assert parse_jalali_datetime("1405/07/12 10:32:30") == expected + timedelta(seconds=30)
    assert parse_jalali_datetime("1405/07/12 10:32").tzinfo is None


def test_parse_jalali_datetime_without_time_is_tehran_midnight() -> None:
    assert parse_jalali_datetime("1405/07/12") == datetime(2026, 10, 3, 20, 30)


def test_parse_jalali_datetime_uses_historical_dst() -> None:
    # 1399/04/10 = 2020-06-30, when Tehran still kept daylight saving time (UTC+4:30).
    assert parse_jalali_datetime("1399/04/10 10:30") == datetime(2020, 6, 30, 6, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1405/07/12 25:00", "ساعت نامعتبر است"),
        ("1405/07/12 10:60", "ساعت نامعتبر است"),
        ("1405/13/12 10:30", "تاریخ نامعتبر است"),
        ("1405/07/12 ساعت", "تاریخ نامعتبر است"),
        ("10:30", "تاریخ نامعتبر است"),
        ("", "تاریخ وارد نشده است"),
    ],
)
def test_parse_jalali_datetime_invalid(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_jalali_datetime(text)


# --- formatting and Tehran time -------------------------------------------------------------------


def test_format_jalali() -> None:
    d = date(2026, 11, 28)
    assert format_jalali(d) == "۱۴۰۵/۰۹/۰۷"
    assert format_jalali(d, persian_digits=False) == "1405/09/07"
    assert format_jalali_long(d) == "۷ آذر ۱۴۰۵"
    assert format_jalali_long(d, with_weekday=True) == "شنبه ۷ آذر ۱۴۰۵"


def test_format_jalali_datetime_shows_tehran_time() -> None:
    # 11:05 UTC is 14:35 in Tehran.
    assert format_jalali_datetime(datetime(2026, 11, 28, 11, 5)) == "۱۴۰۵/۰۹/۰۷ ۱۴:۳۵"
    # 21:00 UTC is already the next day in Tehran.
    assert format_jalali_datetime(datetime(2026, 11, 27, 21, 0)) == "۱۴۰۵/۰۹/۰۷ ۰۰:۳۰"
    assert format_jalali_datetime(datetime(2026, 11, 28, 11, 5), persian_digits=False) == (
        "1405/09/07 14:35"
    )


def test_parse_and_format_round_trip() -> None:
    dt = parse_jalali_datetime("۱۴۰۵/۰۹/۰۷ ۱۴:۳۵")
    assert format_jalali_datetime(dt) == "۱۴۰۵/۰۹/۰۷ ۱۴:۳۵"


def test_tehran_helpers() -> None:
    with clock.frozen(datetime(2026, 11, 28, 11, 5)):
        now = utc_now()
    assert now.tzinfo is None and now == datetime(2026, 11, 28, 11, 5)
    local = to_tehran(datetime(2026, 11, 28, 11, 5))
    assert local.tzinfo is not None and (local.hour, local.minute) == (14, 35)
    assert tehran_to_utc(datetime(2026, 11, 28, 14, 35)) == datetime(2026, 11, 28, 11, 5)
    assert tehran_today(datetime(2026, 11, 27, 21, 0)) == date(2026, 11, 28)
    assert tehran_today(datetime(2026, 11, 27, 20, 0)) == date(2026, 11, 27)
    assert isinstance(tehran_today(), date)


# --- weeks ----------------------------------------------------------------------------------------


def test_week_start_is_saturday_on_or_before() -> None:
    saturday = date(2026, 11, 28)
    for i in range(7):
        assert week_start(saturday + timedelta(days=i)) == saturday
    assert week_start(saturday - timedelta(days=1)) == saturday - timedelta(days=7)


def test_weeks_in_range() -> None:
    # Q3 1405 (1405/07/01 Wednesday .. 1405/09/30 Monday) touches 14 Saturday-to-Friday weeks.
    start, end = quarter_bounds(1405, 3)
    weeks = weeks_in_range(start, end)
    assert weeks[0][0] <= start <= weeks[0][1] and weeks[-1][0] <= end <= weeks[-1][1]
    assert all(s.weekday() == 5 and f - s == timedelta(days=6) for s, f in weeks)
    assert len(weeks) == 14
    assert weeks_in_range(end, start) == []


# --- quarters -------------------------------------------------------------------------------------


def test_quarter_bounds() -> None:
    assert quarter_bounds(1405, 1) == (from_jalali(1405, 1, 1), from_jalali(1405, 3, 31))
    assert quarter_bounds(1405, 2) == (from_jalali(1405, 4, 1), from_jalali(1405, 6, 31))
    assert quarter_bounds(1405, 3) == (from_jalali(1405, 7, 1), from_jalali(1405, 9, 30))
    # 1403 is leap: Q4 ends on 30 Esfand (2025-03-20); 1404 is not: it ends on 29 Esfand.
    assert quarter_bounds(1403, 4) == (from_jalali(1403, 10, 1), date(2025, 3, 20))
    assert to_jalali(quarter_bounds(1403, 4)[1]) == (1403, 12, 30)
    assert quarter_bounds(1404, 4) == (from_jalali(1404, 10, 1), date(2026, 3, 20))
    assert to_jalali(quarter_bounds(1404, 4)[1]) == (1404, 12, 29)


def test_quarters_tile_the_years() -> None:
    # Consecutive quarters leave no gap and no overlap, 1390..1410.
    y, q = 1390, 1
    while y <= 1410:
        _, end = quarter_bounds(y, q)
        ny, nq = next_quarter(y, q)
        assert quarter_bounds(ny, nq)[0] == end + timedelta(days=1)
        assert quarter_of(end) == (y, q)
        y, q = ny, nq


@pytest.mark.parametrize("q", [0, 5, -1])
def test_bad_quarter_number(q: int) -> None:
    with pytest.raises(ValueError):
        quarter_bounds(1405, q)


def test_quarter_of_at_edges() -> None:
    assert quarter_of(from_jalali(1405, 1, 1)) == (1405, 1)
    assert quarter_of(from_jalali(1405, 3, 31)) == (1405, 1)
    assert quarter_of(from_jalali(1405, 4, 1)) == (1405, 2)
    assert quarter_of(from_jalali(1405, 6, 31)) == (1405, 2)
    assert quarter_of(from_jalali(1405, 7, 1)) == (1405, 3)
    assert quarter_of(from_jalali(1405, 9, 30)) == (1405, 3)
    assert quarter_of(from_jalali(1405, 10, 1)) == (1405, 4)
    assert quarter_of(from_jalali(1403, 12, 30)) == (1403, 4)
    assert quarter_of(from_jalali(1404, 12, 29)) == (1404, 4)
    # Gregorian New Year is in the middle of Q4.
    assert quarter_of(date(2026, 1, 1)) == (1404, 4)


def test_previous_and_next_quarter() -> None:
    assert previous_quarter(1405, 1) == (1404, 4)
    assert previous_quarter(1405, 3) == (1405, 2)
    assert next_quarter(1404, 4) == (1405, 1)
    assert next_quarter(1405, 2) == (1405, 3)
    for q in range(1, 5):
        assert previous_quarter(*next_quarter(1405, q)) == (1405, q)


def test_last_finished_quarter() -> None:
    assert last_finished_quarter(from_jalali(1405, 7, 1)) == (1405, 2)
    # The last day of a quarter does not finish it: the day is still running.
    assert last_finished_quarter(from_jalali(1405, 9, 30)) == (1405, 2)
    assert last_finished_quarter(from_jalali(1405, 10, 1)) == (1405, 3)
    assert last_finished_quarter(from_jalali(1405, 1, 1)) == (1404, 4)
    assert last_finished_quarter(from_jalali(1405, 2, 15)) == (1404, 4)


def test_quarter_label() -> None:
    assert quarter_label(1405, 3) == f"سه{ZWNJ}ماهه سوم ۱۴۰۵ (پاییز)"
    assert quarter_label(1404, 1) == f"سه{ZWNJ}ماهه اول ۱۴۰۴ (بهار)"
    assert quarter_label(1404, 4) == f"سه{ZWNJ}ماهه چهارم ۱۴۰۴ (زمستان)"


# --- working days ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def holidays_1404_1405() -> set[date]:
    return {d for y in (1404, 1405) for d, _ in official_holidays(y)}


# Only the fixed solar holidays around Nowruz 1405, written by hand, so the deadline arithmetic is
# also checked independently of the holidays package's data.
_NOWRUZ_1405_BY_HAND = [
    from_jalali(1404, 12, 29),
    *(from_jalali(1405, 1, d) for d in (1, 2, 3, 4, 12, 13)),
]


def test_deadline_across_nowruz_friday_rest(holidays_1404_1405: set[date]) -> None:
    # Referral on 1404/12/25 (Monday), 10 working days, Friday the only rest day:
    #   12/26 Tue=1, 12/27 Wed=2, 12/28 Thu=3, 12/29 Fri (rest + oil nationalisation day),
    #   1405/01/01..04 Sat..Tue Nowruz, 01/05 Wed=4, 01/06 Thu=5, 01/07 Fri rest,
    #   01/08 Sat=6, 01/09 Sun=7, 01/10 Mon=8, 01/11 Tue=9, 01/12 Wed and 01/13 Thu holidays,
    #   01/14 Fri rest, 01/15 Sat=10  ->  deadline 1405/01/15.
    start = from_jalali(1404, 12, 25)
    assert start.weekday() == 0  # Monday
    expected = from_jalali(1405, 1, 15)
    for hols in (holidays_1404_1405, _NOWRUZ_1405_BY_HAND):
        cal = WorkCalendar(hols)
        assert cal.add_working_days(start, 10) == expected
        assert cal.working_days_between(start, expected) == 10


def test_deadline_across_nowruz_thursday_and_friday_rest(holidays_1404_1405: set[date]) -> None:
    # Same referral with Thursday also a rest day:
    #   12/26 Tue=1, 12/27 Wed=2, 12/28 Thu rest, 12/29 Fri, 01/01..04 Nowruz, 01/05 Wed=3,
    #   01/06 Thu, 01/07 Fri, 01/08 Sat=4, 01/09 Sun=5, 01/10 Mon=6, 01/11 Tue=7,
    #   01/12 Wed and 01/13 Thu holidays, 01/14 Fri, 01/15 Sat=8, 01/16 Sun=9, 01/17 Mon=10.
    start = from_jalali(1404, 12, 25)
    expected = from_jalali(1405, 1, 17)
    for hols in (holidays_1404_1405, _NOWRUZ_1405_BY_HAND):
        cal = WorkCalendar(hols, rest_weekdays=(THURSDAY, FRIDAY))
        assert cal.add_working_days(start, 10) == expected
        assert cal.working_days_between(start, expected) == 10


def test_working_day_basics() -> None:
    cal = WorkCalendar([from_jalali(1405, 1, 1)])
    assert not cal.is_working_day(from_jalali(1405, 1, 1))  # Nowruz, a Saturday
    assert not cal.is_working_day(from_jalali(1405, 1, 7))  # Friday
    assert cal.is_working_day(from_jalali(1405, 1, 6))  # Thursday works by default
    assert not WorkCalendar(rest_weekdays=(THURSDAY, FRIDAY)).is_working_day(
        from_jalali(1405, 1, 6)
    )
    # Starting on a holiday: the first working day after it is day 1.
    assert cal.add_working_days(from_jalali(1405, 1, 1), 1) == from_jalali(1405, 1, 2)
    assert cal.add_working_days(from_jalali(1405, 1, 1), 0) == from_jalali(1405, 1, 1)
    assert cal.next_working_day(from_jalali(1405, 1, 6)) == from_jalali(1405, 1, 8)
    assert cal.next_working_day(from_jalali(1405, 1, 6), include_self=True) == from_jalali(
        1405, 1, 6
    )


def test_working_days_between_semantics() -> None:
    cal = WorkCalendar()
    wed, thu, fri, sat = (from_jalali(1405, 1, d) for d in (5, 6, 7, 8))
    assert cal.working_days_between(wed, wed) == 0
    assert cal.working_days_between(wed, thu) == 1  # (wed, thu] holds Thursday
    assert cal.working_days_between(thu, fri) == 0  # Friday rests
    assert cal.working_days_between(thu, sat) == 1
    assert cal.working_days_between(sat, wed) == -2  # antisymmetric: (wed, sat] holds Thu, Sat
    assert cal.add_working_days(sat, -1) == thu
    assert cal.add_working_days(fri, -1) == wed  # (wed, fri] holds one working day: Thursday


def test_working_days_between_matches_day_by_day_count(holidays_1404_1405: set[date]) -> None:
    cal = WorkCalendar(holidays_1404_1405, rest_weekdays=(THURSDAY, FRIDAY))
    a = from_jalali(1404, 1, 1)
    count = 0
    for i in range(1, 800):
        b = a + timedelta(days=i)
        count += cal.is_working_day(b)
        assert cal.working_days_between(a, b) == count


def test_work_calendar_rejects_all_week_rest() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(rest_weekdays=range(7))
    with pytest.raises(ValueError):
        WorkCalendar(rest_weekdays=(7,))


_HOLIDAYS_FOR_PROPERTY = WorkCalendar(
    {d for y in (1404, 1405, 1406) for d, _ in official_holidays(y)},
    rest_weekdays=(THURSDAY, FRIDAY),
)

_dates = st.dates(min_value=date(2025, 3, 21), max_value=date(2027, 12, 31))
_rests = st.sampled_from([(FRIDAY,), (THURSDAY, FRIDAY)])


@given(start=_dates, n=st.integers(min_value=-60, max_value=60), rest=_rests)
def test_add_and_between_round_trip(start: date, n: int, rest: tuple[int, ...]) -> None:
    cal = WorkCalendar(_HOLIDAYS_FOR_PROPERTY.holidays, rest_weekdays=rest)
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    assert cal.working_days_between(end, start) == -n
    if n != 0:
        assert cal.is_working_day(end)
    if n > 0:
        assert end > start


@given(a=_dates, b=_dates)
def test_between_is_antisymmetric(a: date, b: date) -> None:
    cal = _HOLIDAYS_FOR_PROPERTY
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)


# --- official holidays ----------------------------------------------------------------------------

# The glossary's fixed solar holidays (Jalali month, day).
_FIXED_SOLAR = [
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 12),
    (1, 13),
    (3, 14),
    (3, 15),
    (11, 22),
    (12, 29),
]


def test_official_holidays_1405() -> None:
    hols = official_holidays(1405)
    dates = [d for d, _ in hols]
    assert dates == sorted(dates) and len(dates) == len(set(dates))
    assert all(to_jalali(d)[0] == 1405 for d in dates)
    by_date = dict(hols)
    for m, d in _FIXED_SOLAR:
        assert from_jalali(1405, m, d) in by_date, (m, d)
    assert "نوروز" in by_date[from_jalali(1405, 1, 1)]
    assert "انقلاب" in by_date[from_jalali(1405, 11, 22)]
    # Lunar holidays: Ashura is one every year; it falls on a different Jalali date each year.
    ashura = [d for d, name in hols if "عاشورا" in name]
    assert len(ashura) == 1
    ashura_1404 = [d for d, name in official_holidays(1404) if "عاشورا" in name]
    assert to_jalali(ashura[0])[1:] != to_jalali(ashura_1404[0])[1:]


def test_official_holidays_names_are_normalised_persian() -> None:
    for _, name in official_holidays(1405):
        assert name and "ي" not in name and "ك" not in name


@pytest.mark.parametrize("year", [1403, 1404, 1406, 1410])
def test_official_holidays_fixed_solar_every_year(year: int) -> None:
    by_date = dict(official_holidays(year))
    assert all(to_jalali(d)[0] == year for d in by_date)
    for m, d in _FIXED_SOLAR:
        assert from_jalali(year, m, d) in by_date, (m, d)


def test_official_holidays_fill_in_what_the_package_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    # If the package ever returned nothing, the glossary's fixed solar holidays are still there.
    import holidays

    monkeypatch.setattr(
        jalali.holidays_pkg, "country_holidays", lambda *a, **k: holidays.HolidayBase()
    )
    by_date = dict(official_holidays(1405))
    assert len(by_date) == 10
    assert from_jalali(1405, 1, 1) in by_date and from_jalali(1405, 12, 29) in by_date
