"""Words of the Reports page."""

from __future__ import annotations

TITLE = "گزارش سه‌ماههٔ دیدارهای مردمی و پاسخگویی به درخواست‌های مردمی"
BUILD = "ساخت گزارش"
PRINT = "چاپ…"
SAVE_PDF = "ذخیرهٔ PDF…"
SAVE_EXCEL = "ذخیرهٔ Excel…"
EXCEL_TIP_WAITING = "نخست گزارش را بسازید؛ Excel همان ارقام گزارش ساخته‌شده را دارد."
EMPTY_HINT = ("هنوز گزارشی ساخته نشده است.\n"
              "سه‌ماهه را برگزینید و «ساخت گزارش» را بزنید؛ پیش‌نمایش گزارش اینجا دیده می‌شود.")
REPORT_TITLE = "گزارش سه‌ماهه"
SAVE_TITLE = "ذخیرهٔ گزارش"
EXCEL_TITLE = "ذخیرهٔ Excel"
BUILDING_EXCEL = "در حال ساخت فایل Excel…"


def building(quarter: str) -> str:
    """Status while the report of a quarter is built."""
    return f"در حال ساخت گزارش {quarter}…"


def ready(quarter: str, day: str) -> str:
    """Status once a report is built."""
    return f"گزارش {quarter} آماده است ({day})."


PRINTING = "در حال چاپ…"


def printed(pages: str) -> str:
    """Pages sent to the printer."""
    return f"{pages} صفحه به چاپگر فرستاده شد."


def saved(path: str) -> str:
    """Where a file was saved (the path comes isolated left-to-right)."""
    return f"ذخیره شد: {path}"


def not_saved(reason: str) -> str:
    """A file that could not be written."""
    return f"فایل ذخیره نشد: {reason}"
