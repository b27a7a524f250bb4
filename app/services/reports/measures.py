"""Small measures the statistics share: UTC ranges of Tehran days, medians, working-day counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import Date, cast, func, literal_column
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.services.core import jalali


def utc_range(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC bounds [from, to) of the Tehran days start..end inclusive."""
    lo = jalali.tehran_to_utc(datetime.combine(start, datetime.min.time()))
    hi = jalali.tehran_to_utc(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    return lo, hi


def local_day(session: Session, col: ColumnElement) -> ColumnElement:
    """SQL expression for the Tehran calendar day of a UTC timestamp column."""
    minutes = jalali.TEHRAN_SQL_OFFSET_MINUTES
    if session.get_bind().dialect.name == "sqlite":
        return func.date(col, f"+{minutes} minutes")
    return cast(col + literal_column(f"interval '{minutes} minutes'"), Date)


def as_date(value: object) -> date:
    """SQLite returns ISO text where PostgreSQL returns a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def weighted_median(pairs: Iterable[tuple[float, int]]) -> float | None:
    """Median of values given as (value, how many times it occurs)."""
    items = sorted((v, n) for v, n in pairs if n > 0)
    total = sum(n for _, n in items)
    if total == 0:
        return None
    lo_rank, hi_rank = (total - 1) // 2, total // 2
    seen, lo_val, hi_val = 0, None, None
    for v, n in items:
        if lo_val is None and seen + n > lo_rank:
            lo_val = v
        if seen + n > hi_rank:
            hi_val = v
            break
        seen += n
    return (float(lo_val) + float(hi_val)) / 2  # type: ignore[arg-type]


def working_day_counts(cal: jalali.WorkCalendar,
                        rows: Iterable[tuple[object, object, int]]) -> list[tuple[float, int]]:
    """(working days from first to second date, count) for grouped date pairs."""
    return [(cal.working_days_between(as_date(a), as_date(b)), n) for a, b, n in rows]


def working_day_counter(cal: jalali.WorkCalendar,
                        dates: Iterable[date]) -> Callable[[date, date], int]:
    """cal.working_days_between for many pairs: one walk over the span, then a subtraction.

    The panel asks for tens of thousands of (letter date, answer date) pairs; a running count
    of working days over the span they cover answers each pair in constant time.
    """
    ds = list(dates)
    if not ds:
        return cal.working_days_between
    lo, hi = min(ds), max(ds)
    running, n = [0], 0
    for d in jalali.iter_days(lo + timedelta(days=1), hi):
        n += cal.is_working_day(d)
        running.append(n)

    def between(a: date, b: date) -> int:
        if lo <= a <= hi and lo <= b <= hi:
            return running[(b - lo).days] - running[(a - lo).days]
        return cal.working_days_between(a, b)

    return between
