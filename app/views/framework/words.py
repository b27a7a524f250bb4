"""Words of the page frame shared by every master–detail page."""

from __future__ import annotations

from app.services.core import persian

DEFAULT_COLUMNS = "ستون‌های پیش‌فرض"
SEARCHING = "در حال جست‌وجو…"
NOTHING_SELECTED = "موردی انتخاب نشده است"
DISMISS = "بستن پیام"
UNEXPECTED = "خطای پیش‌بینی‌نشده: {}"


def count(n: int, noun: str) -> str:
    """«۱٬۲۳۴ درخواست»."""
    return f"{persian.format_number(n)} {noun}"


def error_text(exc: Exception) -> str:
    """The Persian message of a failure (a domain error's own, or the unexpected-error text)."""
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else UNEXPECTED.format(exc)
