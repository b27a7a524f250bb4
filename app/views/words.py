"""Words every page shares: buttons, the unexpected-error text, common titles (one copy each)."""

from __future__ import annotations

import logging

from app.services.core import messages as _messages

CANCEL = "انصراف"
SAVE = "ذخیره"
CLOSE = "بستن"
OK = "تأیید"

# The one wording of an error nobody foresaw; the details go to the log file, never on screen.
UNEXPECTED_ERROR = "خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در پروندهٔ گزارش برنامه ثبت شد."
PRINT_FAILED = "چاپگر کار را نپذیرفت؛ چاپگر را بررسی کنید و دوباره چاپ کنید."
APP_NAME = "پل"
WINDOW_TITLE = "پل — استانداری آذربایجان شرقی"
APP_FULL_NAME = "پل — سامانهٔ پاسخگویی به درخواست‌های مردمی"

# --- the shell: navigation, menu, status bar ---------------------------------------------------
NAV_INBOX = "صندوق درخواست‌ها"
NAV_REFERRALS = "پیگیری ارجاعات"
NAV_CALENDAR = "تقویم دیدارها"
NAV_REPORTS = "گزارش‌ها"
NAV_REVIEW = "بازرسی"
NAV_STATUS = "وضعیت پایگاه داده"
MENU_FILE = "پرونده"
MENU_SETTINGS = "تنظیمات پایگاه داده…"
MENU_USERS = "مدیریت کاربران…"
MENU_BACKUP = "پشتیبان‌گیری…"
MENU_RESTORE = "بازگردانی از پشتیبان…"
MENU_QUIT = "خروج"
CONNECTING = "در حال اتصال…"
PREPARING = "در حال آماده‌سازی…"
WAITING_SIGN_IN = "در انتظار ورود کاربر با حساب خودش"
READY = "آماده"
READ_ONLY_NEWER = "فقط‌خواندنی: ساختار پایگاه داده از نسخهٔ جدیدتر است"
DISCONNECTED = "قطع"
DAMAGED = "آسیب‌دیده"
DEMO = "نسخهٔ نمایشی"
CONNECT_STEP = "اتصال به پایگاه داده"


def signed_in_as(name: str, role: str, demo: bool) -> str:
    """The status bar's «who is signed in» text."""
    extra = "، " + DEMO if demo else ""
    return f"کاربر: {name} ({role}{extra})"


# One wording of each file error, shared with the services' messages.
FILE_ERRORS = _messages.FILE_ERRORS


def error_text(exc: BaseException) -> str:
    """The Persian message for an error: a PolError's own, else the unexpected-error text.

    An unexpected error is written to the log with its traceback (the user sees one short line).
    """
    from app.errors import PolError

    if isinstance(exc, PolError):
        return exc.message
    log = logging.getLogger("pol.views")
    if isinstance(exc, OSError) and exc.errno in FILE_ERRORS:
        # A file the user chose could not be written or read: say why, in their words.
        log.warning("file error: %r", exc)
        from app.views.formatting import path

        return FILE_ERRORS[exc.errno] + (f" ({path(exc.filename)})" if exc.filename else "")
    worker_trace = getattr(exc, "__pol_traceback__", None)  # set by views/background.py
    if worker_trace:
        log.error("unexpected error: %r\n%s", exc, worker_trace)
    else:
        log.error("unexpected error: %r", exc, exc_info=(type(exc), exc, exc.__traceback__))
    return UNEXPECTED_ERROR


# --- where the database choice came from (the settings dialog; issue 15) -------------------------

SOURCE_WORDS = {
    "cli": "از خط فرمان",
    "env": "از متغیر محیطی {env}",
    "machine": "از تنظیم سراسری این رایانه ({path})",
    "user": "انتخاب شما در این رایانه",
    "local": "پرونده محلی",
    "demo": "پایگاه دادهٔ نمایشی",
}
SOURCE_LABEL = "منبع این انتخاب: {source}"
# The settings dialog's note when a stronger source decides at every start.
SOURCE_OVERRIDES = ("انتخابی که اینجا ذخیره کنید همین حالا باز می‌شود، اما در اجرای بعدی «پل» "
                    "باز هم {source} به کار می‌رود.")
MACHINE_PROBLEMS = {
    "password": ("تنظیم سراسری این رایانه ({path}) گذرواژه دارد و به کار نرفت: این پرونده را همهٔ "
                 "کاربران می‌توانند بخوانند. مسئول فناوری باید گذرواژه را از آن بردارد؛ هر کاربر "
                 "با حساب خودش وارد می‌شود."),
    "damaged": ("تنظیم سراسری این رایانه ({path}) خوانده نشد و به کار نرفت؛ "
                "جزئیات در پروندهٔ گزارش برنامه ثبت شد."),
    "prefix": ("پیشوند نام ورود در تنظیم سراسری این رایانه ({path}) درست نیست و این تنظیم به کار "
               "نرفت؛ جزئیات در پروندهٔ گزارش برنامه ثبت شد."),
}


def database_source(source: str, machine_path: object = None) -> str:
    """Where the database choice came from, in the user's words."""
    from app.views.formatting import ltr, path

    return SOURCE_WORDS.get(source, source).format(path=path(machine_path),
                                                   env=ltr("POL_DATABASE_URL"))


def machine_problem(problem: str, machine_path: object) -> str:
    """Why the machine-wide setting was passed over ("" when it was not)."""
    from app.views.formatting import path

    return MACHINE_PROBLEMS[problem].format(path=path(machine_path)) if problem else ""
