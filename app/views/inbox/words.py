"""Words of the inbox (صندوق درخواست‌ها): filters, table, detail pane, refer and close dialogs."""

from __future__ import annotations

from app.services.core import persian
from app.views import formatting

REQUEST_NOUN = "درخواست"

# actions above the table (shortcuts live in tooltips, never in the button's text)
NEW_REQUEST = "درخواست تازه"
NEW_REQUEST_TIP = "ثبت درخواست تازه (Ctrl+N)"
EXPORT = "خروجی Excel…"
EXPORT_TITLE = "خروجی Excel"
EXPORT_FILE = "sandogh.xlsx"
IMPORT = "ورود از سامد…"
EXPORTING = "در حال ساخت فایل Excel…"

# filters
ANY = "همه"
SEARCH_PLACEHOLDER = "جست‌وجو در متن، نام، کد ملی، تلفن همراه، کد رهگیری…"
SEARCH_TIP = "جست‌وجو (Ctrl+F)"
STATUS = "وضعیت:"
CHANNEL = "مجرا:"
TYPE = "نوع:"
COUNTY = "شهرستان:"
AGENCY = "دستگاه:"
DATE_FROM = "از تاریخ:"
DATE_TO = "تا تاریخ:"
FROM_START = "از ابتدا"
TO_TODAY = "تا امروز"
OVERDUE_ONLY = "فقط خارج از مهلت"
MINE = "ارجاع‌شده به من"
DEEP_ONLY = "فقط ریشه‌دار"
CLEAR_FILTERS = "پاک کردن فیلترها"

# columns
COL_CODE = "کد رهگیری"
COL_RECEIVED = "تاریخ دریافت"
COL_CITIZEN = "شهروند"
COL_SUBJECT = "موضوع"
COL_COUNTY = "شهرستان"
COL_AGENCY = "دستگاه"
COL_TYPE = "نوع"
COL_CHANNEL = "مجرا"
COL_STATUS = "وضعیت"
COL_DEADLINE = "مهلت"
COL_DEEP = "ریشه‌دار"
OVERDUE = "خارج از مهلت"

# the detail pane
NOTHING_SELECTED = "درخواستی انتخاب نشده است"
OVERDUE_MARK = "  — خارج از مهلت"
FIELDS = (("subject", "موضوع"), ("channel", "مجرا"), ("type", "نوع"),
          ("received", "تاریخ دریافت"), ("county", "شهرستان"), ("agency", "دستگاه"),
          ("deadline", "مهلت پاسخ"), ("assignee", "کارشناس"), ("deep", "ریشه‌دار"),
          ("citizen", "شهروند"), ("national_id", "کد ملی"), ("mobile", "تلفن همراه"),
          ("resolution", "نتیجهٔ رسیدگی"))
BODY = "متن درخواست:"
ANSWER = "پاسخ:"
ANSWER_PLACEHOLDER = "متن پاسخ مستقیم به شهروند…"
EARLIER = "درخواست‌های پیشین این شهروند"
REFERRALS = "ارجاعات"
HISTORY = "تاریخچه"
YES = "بله"
NO = "خیر"
NONE = "—"
BUTTONS = (("assign", "واگذاری به کارشناس…"), ("answer", "ثبت پاسخ مستقیم"),
           ("deep", "ریشه‌دار"), ("refer", "ارجاع به دستگاه…"), ("close", "مختومه…"),
           ("reopen", "بازگشایی…"))
UNDO_DEEP = "برداشتن ریشه‌دار"
MORE_ACTIONS = "سایر اقدام‌ها ▾"
CLOSED_TIP = "درخواست مختومه است؛ برای این کار ابتدا آن را بازگشایی کنید."
ASSIGN_TITLE = "واگذاری درخواست"
ASSIGN_LABEL = "کارشناس:"
CONFLICT_TITLE = "تغییر هم‌زمان"
RELOAD_QUESTION = "\n\nبارگذاری دوباره؟"
APP_NAME = "پل"
REOPEN_TITLE = "بازگشایی درخواست"
REOPEN_LABEL = "دلیل بازگشایی:"
REFERRAL_OVERDUE = " — معوق"

# the refer dialog
REFER_OK = "ارجاع"
REFER_AGENCY = "دستگاه اجرایی:"
REFER_LETTER_NO = "شمارهٔ نامه:"
REFER_LETTER_DATE = "تاریخ نامه:"
REFER_DAYS = "مهلت پاسخ:"
LETTER_NO_EXAMPLE = "مثلاً ۱۲۳۴/۵۶"
WORKING_DAYS_SUFFIX = " روز کاری"

# the close dialog
CLOSE_TITLE = "مختومه کردن درخواست"
CLOSE_OK = "مختومه"
CLOSE_INTRO = "درخواست {} مختومه می‌شود. بنویسید چگونه حل شد."
CLOSE_RESOLUTION = "نتیجهٔ رسیدگی:"
CLOSE_RESOLUTION_PLACEHOLDER = "چه اقدامی انجام شد و نتیجه چه بود…"
CLOSE_SATISFACTION = "رضایت شهروند:"
SATISFACTION_UNKNOWN = "نامعلوم"
SATISFACTION_LEVELS = ("۱ — بسیار ناراضی", "۲ — ناراضی", "۳ — بینابین", "۴ — راضی",
                       "۵ — بسیار راضی")


def code(tracking_code: str) -> str:
    """A tracking code in Persian digits, kept left-to-right."""
    return formatting.tracking_code(tracking_code)


def refer_title(tracking_code: str) -> str:
    """«ارجاع درخواست ۱۴۰۵-۰۰۱۲»: the code in Persian digits."""
    return f"ارجاع درخواست {code(tracking_code)}"


def citizen(name: str, count: int) -> str:
    """The citizen's name, with how many requests they made when more than one."""
    return name + (f" (درخواست {persian.to_persian_digits(count)})" if count > 1 else "")


def earlier(code_text: str, received: str, subject: str, status: str) -> str:
    """One earlier request of the same citizen."""
    return f"{code_text} — {received} — {subject} ({status})"


def history(when: str, who: str, what: str, note: str) -> str:
    """One line of the request's history."""
    return f"{when} — {who}: {what}" + (f" ({note})" if note else "")


def referral(agency: str, letter_no: str, letter_date: str, deadline: str, state: str) -> str:
    """One referral of the request (wrapped in the pane, never scrolled sideways)."""
    return f"{agency} — نامهٔ {letter_no} ({letter_date}) — مهلت {deadline} — {state}"


def resolution(actions: str, satisfaction: int | None) -> str:
    """How the request was resolved and how satisfied the citizen was."""
    parts = [actions] if actions else []
    if satisfaction:
        parts.append(f"رضایت {persian.to_persian_digits(satisfaction)} از ۵")
    return "؛ ".join(parts) or NONE


def exported(n: int, name: str) -> str:
    """«۱۲ ردیف در x.xlsx ذخیره شد.»."""
    return f"{persian.format_number(n)} ردیف در {name} ذخیره شد."
