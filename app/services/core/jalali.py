"""Jalali dates, Tehran time, quarters, working days and official holidays: the ONE place for calendar rules.

Storage convention: the project keeps naive UTC datetimes and plain Gregorian ``date`` objects;
Jalali numbers and Tehran local time exist only at the edges (parsing input, formatting output).
Conversion is delegated to jdatetime; this module never does calendar arithmetic by hand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holidays_pkg
import jdatetime

from app.services.core import clock
from app.services.core.persian import normalize, to_latin_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
# Iran has kept a fixed UTC+03:30 since it abolished daylight saving in 1402; SQL aggregates that
# need a local day use this offset (exact for every date since then, off by an hour at most in
# the summers before).
TEHRAN_SQL_OFFSET_MINUTES = 210

MONTH_NAMES: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

# Index 0 is Saturday because the Iranian week starts on Saturday; use weekday_index() to map.
WEEKDAY_NAMES: tuple[str, ...] = (
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سه\u200cشنبه",
    "چهارشنبه",
    "پنج\u200cشنبه",
    "جمعه",
)

QUARTER_SEASONS: tuple[str, ...] = ("بهار", "تابستان", "پاییز", "زمستان")
QUARTER_ORDINALS: tuple[str, ...] = ("اول", "دوم", "سوم", "چهارم")

# Python weekday numbers (Monday == 0), named for the two days an office may rest.
THURSDAY = 3
FRIDAY = 4
SATURDAY = 5

# Fixed solar holidays the glossary requires (Jalali month, day, Persian name). The holidays package
# has carried all of them for every year checked (1370–1430); this list is a safety net so that a
# future package change cannot silently drop Nowruz from the deadline arithmetic.
_FIXED_SOLAR_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "جشن نوروز"),
    (1, 2, "عیدنوروز"),
    (1, 3, "عیدنوروز"),
    (1, 4, "عیدنوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت حضرت امام خمینی"),
    (3, 15, "قیام 15 خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "روز ملی شدن صنعت نفت ایران"),
)

# One separator for all accepted date forms; the backreference below forbids mixing them («1405/9-7»).
_DATE_RE = re.compile(r"(\d{4})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_DATETIME_RE = re.compile(r"(.*?)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DATE_TIME_SPLIT_RE = re.compile(r"[\sT]")


# --- conversion -------------------------------------------------------------------------------


def to_jalali(d: date) -> tuple[int, int, int]:
    """Return the Jalali (year, month, day) of a Gregorian date."""
    # A datetime is also a date; drop the time so jdatetime gets what it expects.
    if isinstance(d, datetime):
        d = d.date()
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


def from_jalali(year: int, month: int, day: int) -> date:
    """Return the Gregorian date of a Jalali date; raise ValueError (Persian message) if impossible."""
    try:
        return _gregorian_of(year, month, day)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(f"تاریخ نامعتبر است: {_plain_jalali(year, month, day)}") from exc


@lru_cache(maxsize=8192)
def _gregorian_of(year: int, month: int, day: int) -> date:
    """jdatetime's conversion, remembered: a large import meets the same few days again and
    again, and building a jdatetime.date costs more than parsing the row around it."""
    return jdatetime.date(year, month, day).togregorian()


def is_leap_year(year: int) -> bool:
    """Return True when the Jalali year has 366 days (Esfand has 30 days)."""
    return jdatetime.date(year, 1, 1).isleap()


def days_in_month(year: int, month: int) -> int:
    """Return the number of days of a Jalali month."""
    if not 1 <= month <= 12:
        raise ValueError(f"ماه نامعتبر است: {month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """Return the first and last (inclusive) Gregorian dates of a Jalali month."""
    return from_jalali(year, month, 1), from_jalali(year, month, days_in_month(year, month))


def year_bounds(year: int) -> tuple[date, date]:
    """Return the first and last (inclusive) Gregorian dates of a Jalali year."""
    return from_jalali(year, 1, 1), from_jalali(year + 1, 1, 1) - timedelta(days=1)


# --- Tehran time --------------------------------------------------------------------------------


def utc_now() -> datetime:
    """Return the current time as a naive UTC datetime (the project's storage form), from the clock."""
    return clock.now()


def to_tehran(dt_utc: datetime) -> datetime:
    """Return a naive UTC datetime (or any aware one) as an aware Asia/Tehran datetime."""
    if dt_utc.tzinfo is None:
        dt_utc = dt_utc.replace(tzinfo=UTC)
    return dt_utc.astimezone(TEHRAN)


def tehran_to_utc(local: datetime) -> datetime:
    """Return a naive Tehran wall-clock time as a naive UTC datetime.

    Before 1402 Tehran had daylight saving time; for a wall-clock time that did not exist or
    occurred twice, zoneinfo's fold=0 rule picks the offset in force before the change.
    """
    aware = local.replace(tzinfo=TEHRAN) if local.tzinfo is None else local
    return aware.astimezone(UTC).replace(tzinfo=None)


def tehran_today(now_utc: datetime | None = None) -> date:
    """Return today's date in Tehran, by the services' clock or for a given naive UTC instant."""
    return to_tehran(now_utc if now_utc is not None else clock.now()).date()


# --- parsing ------------------------------------------------------------------------------------


def parse_jalali_date(text: str | None) -> date:
    """Parse «۱۴۰۵/۰۹/۰۷», «1405-9-7», «1405.09.07» (any digits) into a Gregorian date."""
    src = _clean_input(text)
    m = _DATE_RE.fullmatch(src)
    if m is None:
        raise ValueError(f"تاریخ نامعتبر است: {_shown(text)}")
    y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    try:
        return from_jalali(y, mo, d)
    except ValueError:
        raise ValueError(f"تاریخ نامعتبر است: {_shown(text)}") from None


# An import parses a date-time per row and many rows share a day: the date part is remembered
# (a pure function of its text; a ValueError is raised afresh each time, never cached).
_parse_date_part = lru_cache(maxsize=4096)(parse_jalali_date)


def parse_jalali_datetime(text: str | None) -> datetime:
    """Parse a Jalali date with optional «HH:MM[:SS]» in Tehran time into a naive UTC datetime.

    Without a time the instant is Tehran midnight at the start of that day.
    """
    src = _clean_input(text)
    # Split off a trailing time; whatever precedes it must be a date on its own.
    m = _DATETIME_RE.fullmatch(src)
    if m is None or not m.group(1):
        raise ValueError(f"تاریخ نامعتبر است: {_shown(text)}")
    try:
        d = _parse_date_part(m.group(1))
    except ValueError:
        raise ValueError(f"تاریخ نامعتبر است: {_shown(text)}") from None
    t = time(0, 0)
    if m.group(2) is not None:
        try:
            t = time(int(m.group(2)), int(m.group(3)), int(m.group(4) or 0))
        except ValueError:
            raise ValueError(f"ساعت نامعتبر است: {_shown(text)}") from None
    return tehran_to_utc(datetime.combine(d, t))


def _clean_input(text: str | None) -> str:
    """Return user input with Latin digits and single spaces, or raise for empty input."""
    src = " ".join(to_latin_digits(text or "").split())
    if not src:
        raise ValueError("تاریخ وارد نشده است")
    return src


def _shown(text: str | None) -> str:
    """Return the user's input as it should be echoed in an error message."""
    return (text or "").strip()


def _plain_jalali(year: object, month: object, day: object) -> str:
    """Return y/m/d for an error message without validating the parts."""
    return f"{year}/{month}/{day}"


# --- formatting ---------------------------------------------------------------------------------


def format_jalali(d: date, persian_digits: bool = True) -> str:
    """Format a Gregorian date as a Jalali «۱۴۰۵/۰۹/۰۷» (or «1405/09/07»)."""
    y, m, day = to_jalali(d)
    text = f"{y:04d}/{m:02d}/{day:02d}"
    return to_persian_digits(text) if persian_digits else text


def format_jalali_datetime(dt_utc: datetime, persian_digits: bool = True) -> str:
    """Format a naive UTC datetime as Tehran wall-clock time «۱۴۰۵/۰۹/۰۷ ۱۴:۳۵»."""
    local = to_tehran(dt_utc)
    text = f"{format_jalali(local.date(), persian_digits=False)} {local:%H:%M}"
    return to_persian_digits(text) if persian_digits else text


def format_jalali_long(d: date, with_weekday: bool = False) -> str:
    """Format a date as «۷ آذر ۱۴۰۵» (optionally preceded by the weekday name)."""
    y, m, day = to_jalali(d)
    text = f"{to_persian_digits(day)} {MONTH_NAMES[m - 1]} {to_persian_digits(y)}"
    return f"{weekday_name(d)} {text}" if with_weekday else text


def weekday_index(d: date) -> int:
    """Return the Iranian weekday index of a date: Saturday == 0 … Friday == 6."""
    return (d.weekday() - SATURDAY) % 7


def weekday_name(d: date) -> str:
    """Return the Persian weekday name of a date («شنبه» … «جمعه»)."""
    return WEEKDAY_NAMES[weekday_index(d)]


# --- weeks --------------------------------------------------------------------------------------


def week_start(d: date) -> date:
    """Return the Saturday on or before d (the Iranian week starts on Saturday)."""
    return d - timedelta(days=weekday_index(d))


def week_bounds(d: date) -> tuple[date, date]:
    """Return the Saturday and the Friday (inclusive) of the week containing d."""
    start = week_start(d)
    return start, start + timedelta(days=6)


def weeks_in_range(start: date, end: date) -> list[tuple[date, date]]:
    """Return (Saturday, Friday) of every week that overlaps start..end (both inclusive)."""
    if end < start:
        return []
    first = week_start(start)
    count = (end - first).days // 7 + 1
    return [(first + timedelta(weeks=i), first + timedelta(weeks=i, days=6)) for i in range(count)]


def iter_days(start: date, end: date) -> Iterator[date]:
    """Yield every date from start to end, both inclusive."""
    for i in range((end - start).days + 1):
        yield start + timedelta(days=i)


# --- quarters -----------------------------------------------------------------------------------


def _check_quarter(q: int) -> None:
    """Raise ValueError unless q is 1..4."""
    if q not in (1, 2, 3, 4):
        raise ValueError(f"سه\u200cماهه نامعتبر است: {q}")


def quarter_of(d: date) -> tuple[int, int]:
    """Return the Jalali (year, quarter 1..4) that contains a Gregorian date."""
    y, m, _ = to_jalali(d)
    return y, (m - 1) // 3 + 1


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    """Return the first and last (inclusive) Gregorian dates of a Jalali quarter."""
    _check_quarter(q)
    first = from_jalali(year, 3 * q - 2, 1)
    # The day before the next quarter starts: this gets 29/30 Esfand right without a leap table.
    ny, nq = next_quarter(year, q)
    return first, from_jalali(ny, 3 * nq - 2, 1) - timedelta(days=1)


def previous_quarter(year: int, q: int) -> tuple[int, int]:
    """Return the quarter before (year, q); Q1's predecessor is Q4 of the previous year."""
    _check_quarter(q)
    return (year - 1, 4) if q == 1 else (year, q - 1)


def next_quarter(year: int, q: int) -> tuple[int, int]:
    """Return the quarter after (year, q); Q4's successor is Q1 of the next year."""
    _check_quarter(q)
    return (year + 1, 1) if q == 4 else (year, q + 1)


def last_finished_quarter(today: date) -> tuple[int, int]:
    """Return the latest quarter that has fully ended before today (the one to report on)."""
    # Today itself belongs to a running quarter even on its last day, so step back one.
    return previous_quarter(*quarter_of(today))


def quarter_label(year: int, q: int) -> str:
    """Return the Persian label of a quarter, e.g. «سه‌ماهه سوم ۱۴۰۵ (پاییز)»."""
    _check_quarter(q)
    return f"سه\u200cماهه {QUARTER_ORDINALS[q - 1]} {to_persian_digits(year)} ({QUARTER_SEASONS[q - 1]})"


# --- working days -------------------------------------------------------------------------------


class WorkCalendar:
    """Working-day arithmetic over rest weekdays (Friday by default) and a set of holiday dates.

    Counting convention (used by deadlines): ``working_days_between(a, b)`` for b > a counts the
    working days in the half-open span (a, b] — the start day is never counted, the end day is.
    For b < a it is the negation of ``working_days_between(b, a)`` and for b == a it is 0, so the
    function is antisymmetric and ``working_days_between(a, add_working_days(a, n)) == n`` for
    every integer n.
    """

    def __init__(
        self,
        holidays: Iterable[date] = (),
        rest_weekdays: Iterable[int] = (FRIDAY,),
    ) -> None:
        """Build a calendar from holiday dates and Python weekday numbers of rest days."""
        self.rest_weekdays: frozenset[int] = frozenset(rest_weekdays)
        if not self.rest_weekdays <= set(range(7)):
            raise ValueError(f"روز تعطیل هفته نامعتبر است: {sorted(self.rest_weekdays)}")
        if len(self.rest_weekdays) == 7:
            raise ValueError("همه روزهای هفته تعطیل است")
        # A datetime would hash differently from the same date; keep plain dates only.
        self.holidays: frozenset[date] = frozenset(
            h.date() if isinstance(h, datetime) else h for h in holidays
        )
        # Holidays falling on rest weekdays are already excluded by the weekday rule; keep the rest
        # sorted so a range count is two bisections instead of a day-by-day walk.
        self._extra_off: list[date] = sorted(
            h for h in self.holidays if h.weekday() not in self.rest_weekdays
        )

    def is_working_day(self, d: date) -> bool:
        """Return True when d is neither a rest weekday nor a holiday."""
        if isinstance(d, datetime):
            d = d.date()
        return d.weekday() not in self.rest_weekdays and d not in self.holidays

    def next_working_day(self, d: date, include_self: bool = False) -> date:
        """Return the first working day after d (or on d when include_self and d is working)."""
        cur = d if include_self else d + timedelta(days=1)
        while not self.is_working_day(cur):
            cur += timedelta(days=1)
        return cur

    def previous_working_day(self, d: date, include_self: bool = False) -> date:
        """Return the last working day before d (or d itself when include_self and d is working)."""
        cur = d if include_self else d - timedelta(days=1)
        while not self.is_working_day(cur):
            cur -= timedelta(days=1)
        return cur

    def add_working_days(self, start: date, n: int) -> date:
        """Return the deadline n working days after start (start itself is not counted).

        n == 0 returns start unchanged. For n > 0 the result is the n-th working day after start.
        For n < 0 the result is the working day b with working_days_between(b, start) == -n
        (the inverse of the positive case), so it is always a working day when n != 0.
        """
        if n == 0:
            return start
        if n > 0:
            cur = start
            for _ in range(n):
                cur = self.next_working_day(cur)
            return cur
        # Walk back over the -n working days in (b, start] — start counts if it is a working day —
        # and land on the working day before the last of them.
        cur = self.previous_working_day(start, include_self=True)
        for _ in range(-n):
            cur = self.previous_working_day(cur)
        return cur

    def working_days_between(self, a: date, b: date) -> int:
        """Return the working days in (a, b] when b > a, minus those in (b, a] when b < a, else 0."""
        if b == a:
            return 0
        if b < a:
            return -self.working_days_between(b, a)
        total = (b - a).days
        full_weeks, rest = divmod(total, 7)
        # Every full week holds each weekday once; only the leftover days need looking at.
        off = full_weeks * len(self.rest_weekdays)
        off += sum(
            1
            for i in range(1, rest + 1)
            if (a + timedelta(days=full_weeks * 7 + i)).weekday() in self.rest_weekdays
        )
        off += bisect_right(self._extra_off, b) - bisect_right(self._extra_off, a)
        return total - off


# --- official holidays --------------------------------------------------------------------------


def official_holidays(jalali_year: int) -> list[tuple[date, str]]:
    """Return Iran's official holidays of a Jalali year as sorted (Gregorian date, Persian name).

    Lunar holidays come from the holidays package (its future ones are marked «تخمینی», estimated);
    several holidays on one day are joined into one name with «؛ ». The app seeds its editable
    holiday table from this list.
    """
    first, last = year_bounds(jalali_year)
    # A Jalali year starts in March, so it always overlaps exactly two Gregorian years.
    cal = holidays_pkg.country_holidays(
        "IR", years=range(first.year, last.year + 1), language="fa_IR"
    )
    found: dict[date, list[str]] = {}
    for d in sorted(cal):
        if first <= d <= last:
            found[d] = [normalize(name) for name in cal.get_list(d)]
    for month, day, name in _FIXED_SOLAR_HOLIDAYS:
        d = from_jalali(jalali_year, month, day)
        if d not in found:
            found[d] = [name]
    return [(d, "؛ ".join(names)) for d, names in sorted(found.items())]


def official_holiday_dates(jalali_years: Iterable[int]) -> set[date]:
    """Return the set of official holiday dates of several Jalali years (for a WorkCalendar)."""
    return {d for y in jalali_years for d, _ in official_holidays(y)}


# --- dates of past events read from files ---------------------------------------------------------

# No office record older than this Jalali year can be a request (SAMAD and Pol are far younger);
# an older date is a typo or a Gregorian date read wrongly, not history.
EARLIEST_YEAR = 1380
_GREGORIAN_YMD_RE = re.compile(r"((?:19|20|21)\d\d)\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_GREGORIAN_DMY_RE = re.compile(r"(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*\2\s*((?:19|20|21)\d\d)")


def gregorian_date_message(text: str | None) -> str | None:
    """A Persian message when the text looks like a Gregorian date («2025-05-01»), else None."""
    src = " ".join(to_latin_digits(text or "").split())
    date_part = _DATE_TIME_SPLIT_RE.split(src, maxsplit=1)[0]  # ISO text has a «T» before the time
    m = _GREGORIAN_YMD_RE.fullmatch(date_part)
    if m is None and _GREGORIAN_DMY_RE.fullmatch(date_part) is None:
        return None
    msg = f"«{_shown(text)}» به تاریخ میلادی می‌ماند؛ تاریخ باید شمسی باشد"
    if m is not None:
        try:
            same = date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            return msg + "."
        return msg + f" (برابر شمسی آن {format_jalali(same)} است)."
    return msg + "."


def check_not_too_old(dt_utc: datetime) -> datetime:
    """Return the instant, or raise ValueError (Persian) when it is before EARLIEST_YEAR."""
    if dt_utc < _EARLIEST_UTC:
        raise ValueError(f"تاریخ {format_jalali(to_tehran(dt_utc).date())} پیش از سال "
                         f"{to_persian_digits(EARLIEST_YEAR)} است و پذیرفته نمی‌شود.")
    return dt_utc


_EARLIEST_UTC = tehran_to_utc(datetime.combine(from_jalali(EARLIEST_YEAR, 1, 1), time.min))


def parse_past_jalali_datetime(text: str | None) -> datetime:
    """Parse a Jalali date-time of a recorded event (naive UTC), refusing Gregorian-looking
    text and dates before EARLIEST_YEAR with a Persian message (ValueError)."""
    hint = gregorian_date_message(text)
    if hint is not None:
        raise ValueError(hint)
    return check_not_too_old(parse_jalali_datetime(text))
