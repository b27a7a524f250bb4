"""Words of the page frame shared by every master–detail page."""

from __future__ import annotations

from app.services.core import persian
from app.views.words import error_text  # noqa: F401  (the one wording, re-exported for the pages)

DEFAULT_COLUMNS = "ستون‌های پیش‌فرض"
SEARCHING = "در حال جست‌وجو…"
NOTHING_SELECTED = "موردی انتخاب نشده است"
DISMISS = "بستن پیام"


def count(n: int, noun: str) -> str:
    """«۱٬۲۳۴ درخواست»."""
    return f"{persian.format_number(n)} {noun}"

