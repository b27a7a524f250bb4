"""The services' one clock: set, frozen, ticking, reset, and the Tehran day read from it."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.services.core import clock, jalali


def test_a_set_clock_is_what_now_returns() -> None:
    """A frozen clock returns its instant, naive UTC, whatever the machine says; aware input is converted."""
    clock.set_now(datetime(2026, 11, 29, 23, 45))
    assert clock.now() == datetime(2026, 11, 29, 23, 45) and clock.now().tzinfo is None
    assert jalali.utc_now() == datetime(2026, 11, 29, 23, 45)
    clock.set_now(datetime(2026, 11, 30, 3, 15, tzinfo=ZoneInfo("Asia/Tehran")))
    assert clock.now() == datetime(2026, 11, 29, 23, 45)


def test_a_ticking_clock_starts_at_its_instant_and_runs() -> None:
    """Rows written one after another under a ticking clock get increasing times."""
    start = datetime(2027, 3, 20, 20, 20)
    clock.set_now(start, ticking=True)
    first = second = clock.now()
    until = time.monotonic() + 1
    while second == first and time.monotonic() < until:
        second = clock.now()
    assert start <= first < second < start + timedelta(seconds=5)


def test_frozen_restores_the_clock_it_found() -> None:
    """`frozen` nests: leaving the block brings back the outer instant."""
    outer = datetime(2026, 11, 28, 6, 30)
    with clock.frozen(outer):
        with clock.frozen(datetime(2027, 3, 20, 20, 20)):
            assert clock.now() == datetime(2027, 3, 20, 20, 20)
        assert clock.now() == outer


def test_reset_returns_to_the_machine_clock() -> None:
    """Without a set instant the clock is the machine's UTC time."""
    clock.reset()
    assert not clock.is_set()
    assert abs(clock.now() - datetime.now(UTC).replace(tzinfo=None)) < timedelta(seconds=5)


def test_tehran_today_follows_the_clock_across_tehran_midnight() -> None:
    """Tehran's day turns at 20:30 UTC, by the services' clock."""
    with clock.frozen(datetime(2026, 11, 28, 20, 29, 59)):
        assert jalali.tehran_today() == date(2026, 11, 28)  # 1405/09/07 23:59:59
    with clock.frozen(datetime(2026, 11, 28, 20, 30)):
        assert jalali.tehran_today() == date(2026, 11, 29)  # 1405/09/08 00:00
    with clock.frozen(datetime(2026, 11, 29, 23, 45)):  # 03:15 Tehran, still «today» in Tehran
        assert jalali.to_jalali(jalali.tehran_today()) == (1405, 9, 9)


def test_tehran_today_follows_the_clock_across_the_jalali_year_end() -> None:
    """23:50 Tehran on 1405/12/29 is still 1405; ten minutes later it is Nowruz 1406."""
    with clock.frozen(datetime(2027, 3, 20, 20, 20)):
        assert jalali.to_jalali(jalali.tehran_today()) == (1405, 12, 29)
        assert jalali.last_finished_quarter(jalali.tehran_today()) == (1405, 3)
    with clock.frozen(datetime(2027, 3, 20, 20, 30)):
        assert jalali.to_jalali(jalali.tehran_today()) == (1406, 1, 1)
        assert jalali.last_finished_quarter(jalali.tehran_today()) == (1405, 4)


def test_only_the_clock_reads_the_machine_s_time() -> None:
    """No module but clock.py asks the machine for the current date or time (Python or Qt)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app"
    wall = re.compile(r"\b(datetime\.(now|utcnow|today)|date\.today|time\.time|"
                      r"QDate\.currentDate|QDateTime\.current\w*|QTime\.currentTime)\(")
    offenders = [f"{p.relative_to(root)}:{n}" for p in sorted(root.rglob("*.py"))
                 if p.name != "clock.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if wall.search(line)]
    assert offenders == []
