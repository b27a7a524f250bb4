"""How the pages show codes, dates, numbers and errors: one place, pointing at the shared helpers.

The shell's `app/views/formatting.py` (LTR isolates, one date and tracking-code format) and
`app/views/words.error_text` are used where they exist; until then the older Persian-digit
forms stand in, so the pages work on either side of that change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as _date
from datetime import datetime as _datetime
from typing import Any

from app.services.core import jalali, persian
from app.views import formatting as _formatting
from app.views import words as _words


def _shared(name: str) -> Callable[..., str] | None:
    return getattr(_formatting, name, None)


def tracking_code(value: str | None) -> str:
    """A tracking code as the whole application shows it (left-to-right, copyable)."""
    f = _shared("tracking_code")
    return f(value) if f else persian.ltr(persian.to_persian_digits(value or ""))


def code(value: str | None) -> str:
    """A letter number or another code, kept left-to-right."""
    f = _shared("code")
    return f(value) if f else persian.ltr(persian.to_persian_digits(value or ""))


def national_id(value: str | None) -> str:
    """A national ID, kept left-to-right."""
    f = _shared("national_id")
    return f(value) if f else persian.ltr(persian.to_persian_digits(value or ""))


def phone(value: str | None) -> str:
    """A phone number, kept left-to-right."""
    f = _shared("phone")
    return f(value) if f else persian.ltr(persian.to_persian_digits(value or ""))


def date(d: _date | None) -> str:
    """A Jalali date («۱۴۰۵/۰۹/۰۷»), empty for None."""
    f = _shared("date")
    return f(d) if f else (jalali.format_jalali(d) if d else "")


def date_time(dt_utc: _datetime | None) -> str:
    """A Jalali date and Tehran time of a UTC moment, empty for None."""
    f = _shared("date_time")
    return f(dt_utc) if f else (jalali.format_jalali_datetime(dt_utc) if dt_utc else "")


def error_text(exc: Exception) -> str:
    """The Persian message of a failure (a domain error's own, or the unexpected-error text)."""
    shared: Any = getattr(_words, "error_text", None)
    if shared is not None:
        return shared(exc)
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else f"خطای پیش‌بینی‌نشده: {exc}"
