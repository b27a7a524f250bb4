"""Words of the SAMAD import dialog."""

from __future__ import annotations

TITLE = "ورود درخواست‌ها از سامد"
NO_FILE = "فایلی انتخاب نشده است (CSV یا XLSX)."
CHOOSE = "انتخاب فایل…"
CHECK_AGAIN = "بررسی دوباره"
IMPORT = "ورود"
CLOSE = "بستن"
UNKNOWN_HEADERS = "سرستون‌های ناشناخته"
UNKNOWN_NAMES = "شهرستان یا دستگاه ناشناخته"
REJECTED_ROWS = "ردیف‌های ردشده:"
FILE_DIALOG = "فایل خروجی سامد"
FILE_FILTER = "سامد (*.csv *.xlsx *.txt)"
CHECKING = "در حال بررسی فایل…"
IGNORE_COLUMN = "نادیده گرفته شود"
REJECT_ROW = "ردیف رد شود"
NOTHING_CHANGED = " پایگاه داده تغییری نکرد."


def missing_columns(labels: str) -> str:
    """Required columns the file lacks."""
    return f"ستون‌های لازم پیدا نشد: {labels}. سرستون مربوط را از فهرست بالا انتخاب کنید."


def preview(total: str, importable: str, duplicates: str, rejected: str) -> str:
    """What an import would do."""
    return f"{total} ردیف: {importable} آمادهٔ ورود، {duplicates} تکراری، {rejected} ردشده."


def imported(count: str, duplicates: str, rejected: str) -> str:
    """What the import did."""
    return f"{count} درخواست وارد شد؛ {duplicates} تکراری و {rejected} ردشده."


def header_label(header: str, same_as: str | None) -> str:
    """An unknown header in the mapping form."""
    return f"«{header}» (هم‌معنی «{same_as}»):" if same_as else f"«{header}»:"


def name_label(name: str) -> str:
    """An unknown county or agency name in the mapping form."""
    return f"«{name}»:"


def rejected_row(row: str, field: str, message: str) -> str:
    """One rejected row in the list."""
    return f"ردیف {row} — {field}: {message}"

