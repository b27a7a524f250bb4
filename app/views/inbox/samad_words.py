"""Words of the SAMAD bridge dialog: reconciliation and the answers for SAMAD."""

from __future__ import annotations

from app.services.core import persian

BUTTON = "تطبیق با سامد…"
TITLE = "تطبیق با سامد و خروجی پاسخ‌ها"
NO_FILE = "فایل خروجی سامد را انتخاب کنید (CSV، TXT یا XLSX)."
CHOOSE = "انتخاب فایل…"
CHECK_AGAIN = "مقایسهٔ دوباره"
COMPARING = "در حال مقایسهٔ فایل با پل…"
IMPORT_MISSING = "ورود موارد جاافتاده"
IMPORTING = "در حال ورود موارد جاافتاده…"
CLOSE = "بستن"
FILE_DIALOG = "فایل خروجی سامد"
FILE_FILTER = "سامد (*.csv *.xlsx *.txt)"
NOTHING_CHANGED = " پایگاه داده تغییری نکرد."

CODE = "کد رهگیری سامد"
TRACKING = "کد رهگیری پل"
POL_STATUS = "وضعیت در پل"
FILE_STATUS = "وضعیت در سامد"
WHICH_WAY = "ناهمسانی"
DONE_IN_POL = "در پل پاسخ/مختومه، در سامد باز"
OPEN_IN_POL = "در سامد پاسخ/مختومه، در پل باز"

ANSWERS_BOX = "خروجی پاسخ‌ها برای سامد"
ONLY_NEW = "فقط موارد تازه (آنچه پیش‌تر صادر نشده یا از آن پس تغییر کرده)"
EXPORT = "ذخیرهٔ خروجی…"
EXPORT_DIALOG = "خروجی پاسخ‌ها برای سامد"
EXPORTING = "در حال ساخت فایل پاسخ‌ها…"


def _fa(n: int) -> str:
    return persian.format_number(n)


def tab_samad_only(n: int) -> str:
    """The first tab's title."""
    return f"در سامد، نه در پل ({_fa(n)})"


def tab_pol_only(n: int) -> str:
    """The second tab's title."""
    return f"در پل، نه در سامد ({_fa(n)})"


def tab_status(n: int) -> str:
    """The third tab's title."""
    return f"وضعیت ناهمسان ({_fa(n)})"


def summary(rows: int, matched: int, span: str) -> str:
    """The line above the tabs."""
    return f"{_fa(rows)} ردیف در فایل{span}؛ {_fa(matched)} کد در هر دو."


def span(date_from: str, date_to: str) -> str:
    """The file's days."""
    return f"، دریافت از {date_from} تا {date_to}"


def imported(count: int, rejected: int) -> str:
    """What the import of the missing ones did."""
    return f"{_fa(count)} درخواست وارد شد؛ {_fa(rejected)} ردیف رد شد."


def exported(name: str, rows: int, new: int, changed: int, before: int) -> str:
    """What the answers export wrote."""
    return (f"«{name}» ذخیره شد: {_fa(rows)} ردیف؛ {_fa(new)} تازه، {_fa(changed)} تغییرکرده، "
            f"{_fa(before)} پیش‌تر صادرشده.")


def default_file(year: int, quarter: int) -> str:
    """The suggested file name of an answers export."""
    return f"samad-answers-{year}-q{quarter}.xlsx"
