"""Words of the page frame shared by every master–detail page."""

from __future__ import annotations

from app.services.core import persian

DEFAULT_COLUMNS = "ستون‌های پیش‌فرض"
SEARCHING = "در حال جست‌وجو…"
NOTHING_SELECTED = "موردی انتخاب نشده است"
DISMISS = "بستن پیام"


def count(n: int, noun: str) -> str:
    """«۱٬۲۳۴ درخواست»."""
    return f"{persian.format_number(n)} {noun}"


def error_text(exc: Exception) -> str:
    """The Persian message of a failure (see framework.shown)."""
    from app.views.framework import shown

    return shown.error_text(exc)
