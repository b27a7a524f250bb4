"""Words of the intake dialog and its success page (the inbox's own words are in words.py)."""

from __future__ import annotations

TITLE = "ثبت درخواست تازه"
NATIONAL_ID_HINT = "کد ملی ده‌رقمی"
MOBILE_HINT = "۰۹۱۲۱۲۳۴۵۶۷"
LABEL_NATIONAL_ID = "کد ملی:"
LABEL_FIRST_NAME = "نام:"
LABEL_LAST_NAME = "نام خانوادگی:"
LABEL_MOBILE = "تلفن همراه:"
LABEL_COUNTY = "شهرستان:"
LABEL_AGENCY = "دستگاه:"
LABEL_TYPE = "نوع:"
LABEL_CHANNEL = "مجرا:"
LABEL_SUBJECT = "موضوع:"
LABEL_BODY = "متن:"
LABEL_RECEIVED = "تاریخ دریافت:"
NONE = "—"
SAVE = "ثبت"
SAVE_TIP = "ثبت درخواست (Ctrl+S)"
CANCEL_TIP = "بستن بدون ثبت (Esc)"
SAVING = "در حال ثبت…"
FIX_FIELDS = "لطفاً موارد مشخص‌شده را اصلاح کنید. "
SAVE_FAILED = "ثبت ناموفق بود؛ اطلاعات واردشده حفظ شده است."
NEW_CITIZEN = "شهروند تازه"
CONFIRM_TITLE = "تأیید پیش از ثبت"


def known_citizen(name: str, count: str) -> str:
    """The line shown when the national ID belongs to a known citizen."""
    return f"مراجعه‌کنندهٔ پیشین: {name} — {count} درخواست پیشین"


# --- the success page ---------------------------------------------------------------------------
DONE_TITLE = "درخواست ثبت شد"
DONE_CODE = "کد رهگیری — آن را برای شهروند بخوانید یا رسید را چاپ کنید:"
COPY = "رونوشت کد"
COPY_TIP = "کد رهگیری در حافظه گذاشته می‌شود تا در پیامک یا نامه چسبانده شود."
COPIED = "کد رهگیری رونوشت شد."
PRINT = "چاپ رسید…"
PRINT_TIP = "رسید کوچک با کد رهگیری برای شهروند"
PRINTING = "رسید آماده می‌شود…"
PRINTED = "رسید به چاپگر فرستاده شد."
ANOTHER = "ثبت درخواست دیگر"
CLOSE = "بستن"

NO_SMS = "شهروند پیامک نمی‌خواهد"
NO_SMS_TIP = "برای این شهروند هیچ پیامکی (کد رهگیری، ارجاع، پاسخ، مختومه) نوشته نمی‌شود."
