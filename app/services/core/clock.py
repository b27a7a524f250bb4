"""The one clock every service reads: the current instant as a naive UTC datetime, settable by tests.

Business "now" and "today" (deadlines, the date a request is received, the default quarter) come
from `now()` and never from `datetime.now()` or Qt's current date, so a test (or a demo) can run
at any instant it chooses: 03:15 on a working day, 23:50 on the last day of the Jalali year.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

# A set clock is an instant plus, when it ticks, the monotonic reading taken when it was set.
# Monotonic time, not the wall clock, so that a ticking test clock is immune to `faketime` and to
# the machine's clock being changed under a running suite.
_lock = threading.Lock()
_set_at: datetime | None = None
_set_mono: float | None = None


def now() -> datetime:
    """Return the current instant as a naive UTC datetime (the project's storage form)."""
    with _lock:
        at, mono = _set_at, _set_mono
    if at is None:
        return datetime.now(UTC).replace(tzinfo=None)
    if mono is None:
        return at
    return at + timedelta(seconds=time.monotonic() - mono)



def machine_epoch() -> float:
    """The machine's own epoch seconds, never the set time: for timing one process against
    another (the start-up benchmark), not for anything the office sees."""
    return time.time()


def set_now(instant: datetime, *, ticking: bool = False) -> None:
    """Make `now()` return `instant` (naive UTC, or aware in any zone) from here on.

    A frozen clock always returns the instant; a ticking one starts there and then runs at the
    real rate, so rows written one after the other still get increasing times.
    """
    if instant.tzinfo is not None:
        instant = instant.astimezone(UTC).replace(tzinfo=None)
    global _set_at, _set_mono
    with _lock:
        _set_at = instant
        _set_mono = time.monotonic() if ticking else None


def reset() -> None:
    """Return to the machine's clock."""
    global _set_at, _set_mono
    with _lock:
        _set_at = None
        _set_mono = None


def is_set() -> bool:
    """Return True while a test (or a demo) has set the clock."""
    with _lock:
        return _set_at is not None


@contextmanager
def frozen(instant: datetime, *, ticking: bool = False) -> Iterator[None]:
    """Set the clock to `instant` for the body of a `with` block, then restore what it was."""
    global _set_at, _set_mono
    with _lock:
        saved = (_set_at, _set_mono)
    set_now(instant, ticking=ticking)
    try:
        yield
    finally:
        with _lock:
            _set_at, _set_mono = saved
